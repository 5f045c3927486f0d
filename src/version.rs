//! Version numbers: the crate version and the C ABI version.
//!
//! The `CIPP_VERSION_*` constants are emitted into `include/cippapi.h` as macros by cbindgen, which
//! needs literal values; a test checks that they agree with `Cargo.toml`.

/// Major version of the library (matches `Cargo.toml`).
pub const CIPP_VERSION_MAJOR: u32 = 2;
/// Minor version of the library (matches `Cargo.toml`).
pub const CIPP_VERSION_MINOR: u32 = 0;
/// Patch version of the library (matches `Cargo.toml`).
pub const CIPP_VERSION_PATCH: u32 = 0;
/// Version of the C ABI. Bumped on any incompatible change to a function signature, a struct or
/// the meaning of a status code. Consumers check `cipp_abi_version()` against this at load time.
pub const CIPP_ABI_VERSION: u32 = 2;

/// The crate version as text, e.g. `2.0.0`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// NUL-terminated copy of [`VERSION`] for the C ABI.
pub(crate) const VERSION_C: &std::ffi::CStr = match std::ffi::CStr::from_bytes_with_nul(
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes(),
) {
    Ok(v) => v,
    Err(_) => panic!("version string has an interior NUL"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_constants_match_cargo_version() {
        assert_eq!(
            format!("{CIPP_VERSION_MAJOR}.{CIPP_VERSION_MINOR}.{CIPP_VERSION_PATCH}"),
            VERSION
        );
        assert_eq!(VERSION_C.to_str().unwrap(), VERSION);
    }
}
