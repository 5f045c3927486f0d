//! Build script: records the target triple (shown in the User-Agent and by `cipp_version`
//! consumers' diagnostics) and keeps the build script itself out of the source tree's way:
//! it never writes into `include/` — the header is regenerated explicitly (see `cbindgen.toml`).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".into());
    println!("cargo:rustc-env=CIPPAPI_TARGET={target}");
}
