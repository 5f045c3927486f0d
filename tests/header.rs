//! The committed C header must be exactly what cbindgen generates from the code.
//! `CIPPAPI_UPDATE_HEADER=1 cargo test --test header` rewrites it.

use std::path::PathBuf;

#[test]
fn committed_header_matches_the_code() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&root)
        .with_config(config)
        .generate()
        .expect("cbindgen could not parse the crate")
        .write(&mut generated);
    let generated = String::from_utf8(generated).expect("header is UTF-8");
    let path = root.join("include").join("cippapi.h");
    if std::env::var_os("CIPPAPI_UPDATE_HEADER").is_some() {
        std::fs::write(&path, &generated).expect("write include/cippapi.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/cippapi.h is out of date with the Rust sources; regenerate it with \
         `CIPPAPI_UPDATE_HEADER=1 cargo test --test header` and commit the result"
    );
}
