//! `CIPPAPI_*` environment values that do not parse fail client creation with a message naming
//! the variable and the expected form (they used to be ignored silently). One test in its own
//! binary: it changes this process's environment.

mod common;

use cippapi::ffi::*;
use cippapi::Status;
use common::*;
use std::ptr;

#[test]
fn unparsable_environment_values_are_reported_at_client_creation() {
    let m = mock();
    let settings = mock_settings(&m, &m.http_url());
    let cases = [
        ("CIPPAPI_TIMEOUT_SECS", "abc", "whole number of seconds"),
        ("CIPPAPI_TIMEOUT_SECS", "0", "whole number of seconds"),
        ("CIPPAPI_READ_ONLY", "maybe", "1 or 0"),
    ];
    for (var, value, expected) in cases {
        std::env::set_var(var, value);
        let e = client_owned(&settings).err();
        // The process default too (cipp_set_details reads the same environment).
        let mut err = ptr::null_mut();
        let st = cipp_set_details(
            c(cipp_mock::DEFAULT_CLIENT_ID).as_ptr(),
            c(cipp_mock::DEFAULT_CLIENT_SECRET).as_ptr(),
            c(&m.http_url()).as_ptr(),
            c(m.tenant_id()).as_ptr(),
            &mut err,
        );
        let d = take_error(st, err);
        std::env::remove_var(var);
        let e = e.unwrap_or_else(|| panic!("{var}={value} was accepted"));
        assert_eq!(e.status, Status::InvalidArgument);
        for msg in [&e.message, &d.message] {
            assert!(
                msg.contains(var) && msg.contains(&format!("'{value}'")) && msg.contains(expected),
                "{msg}"
            );
        }
        assert_eq!(d.status, Status::InvalidArgument);
    }
    std::env::set_var("CIPPAPI_CA_FILE", "/nonexistent/ca.pem");
    let mut s = settings.clone();
    s.retain(|(k, _)| *k != "ca_file");
    let e = client_owned(&s).err();
    std::env::remove_var("CIPPAPI_CA_FILE");
    let e = e.expect("a missing CA file is refused");
    assert_eq!(e.status, Status::TlsConfig);
    assert!(
        e.message
            .contains("(from the environment variable CIPPAPI_CA_FILE)"),
        "{}",
        e.message
    );
    // Good values still apply.
    std::env::set_var("CIPPAPI_READ_ONLY", "1");
    let cl = client_owned(&settings).expect("client");
    std::env::remove_var("CIPPAPI_READ_ONLY");
    let e = invoke(&cl, "POST", "ExecResetPass", &[], None).unwrap_err();
    assert!(e.message.contains("CIPPAPI_READ_ONLY"), "{}", e.message);
}
