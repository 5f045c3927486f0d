//! Failure messages that name the cause and the fix in the caller's terms, against the mock:
//! http:// to a TLS port, a connection reset during a POST (not resent) and a GET (retried),
//! timeouts naming the setting per binding, read-only refusals saying where the mode came from,
//! and environment values that do not parse.

mod common;

use cipp_mock::{Fault, FaultKind};
use cippapi::ffi::*;
use cippapi::Status;
use common::*;
use std::ptr;

fn settings_with(m: &cipp_mock::MockServer, base: &str, extra: &[(&'static str, &str)]) -> Client {
    let mut s = mock_settings(m, base);
    // The token from the plain-HTTP port, so only the API call meets the fault under test.
    s.retain(|(k, _)| *k != "authority_host");
    s.push(("authority_host", m.http_url()));
    for (k, v) in extra {
        s.push((k, v.to_string()));
    }
    client_owned(&s).expect("client")
}

#[test]
fn plain_http_to_a_tls_port_says_use_https() {
    let m = mock();
    let tls_as_http = m.https_url().replacen("https://", "http://", 1);
    let cl = settings_with(&m, &tls_as_http, &[("max_retries", "0")]);
    let e = invoke(&cl, "GET", "ListTenants", &[], None).unwrap_err();
    assert_eq!(e.status, Status::Network);
    assert!(
        e.message.contains("answered with TLS") && e.message.contains("https://"),
        "{}",
        e.message
    );
    assert!(e.message.contains("api_url"), "C names: {}", e.message);
    let ps = settings_with(
        &m,
        &tls_as_http,
        &[("max_retries", "0"), ("binding", "powershell")],
    );
    let e = invoke(&ps, "GET", "ListTenants", &[], None).unwrap_err();
    assert!(e.message.contains("-CIPPAPIUrl"), "{}", e.message);
    // A TLS answer on an http:// URL is a wrong URL, not a passing fault: not retried.
    let retrying = settings_with(&m, &tls_as_http, &[("retry_base_delay_ms", "1")]);
    let e = invoke(&retrying, "GET", "ListTenants", &[], None).unwrap_err();
    assert!(e.message.contains("answered with TLS"), "{}", e.message);
    assert!(!e.message.contains("tried"), "not retried: {}", e.message);
}

fn reset_post_and_get(base_of: fn(&cipp_mock::MockServer) -> String) {
    let m = mock();
    let cl = settings_with(&m, &base_of(&m), &[("retry_base_delay_ms", "1")]);
    // Warm the connection (and token) so the reset hits a call in flight.
    invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    m.push_faults(vec![Fault::new("ExecResetPass", FaultKind::Reset)]);
    let e = invoke(
        &cl,
        "POST",
        "ExecResetPass",
        &[("tenantFilter", Some("c")), ("ID", Some("u"))],
        None,
    )
    .unwrap_err();
    assert_eq!(e.status, Status::Network, "{}", e.message);
    assert!(
        e.message.contains("CIPP may have processed it") && e.message.contains("not sent again"),
        "{}",
        e.message
    );
    assert_eq!(recorded(&m, "/api/ExecResetPass").len(), 1, "never resent");
    eprintln!("POST reset: {}", e.message);

    let mut every = Fault::new("ListUsers", FaultKind::Reset);
    every.times = 0;
    m.push_faults(vec![every]);
    let e = invoke(
        &cl,
        "GET",
        "ListUsers",
        &[("tenantFilter", Some("c"))],
        None,
    )
    .unwrap_err();
    assert!(
        e.message.contains("tried 4 times (3 retries)"),
        "{}",
        e.message
    );
    assert_eq!(recorded(&m, "/api/ListUsers").len(), 4);
    // The cause in plain words (an HTTP/2 stream reset or a closed HTTP/1.1 connection alike).
    let dropped = "the connection was closed before the answer was complete";
    assert!(e.message.contains(dropped), "{}", e.message);
    let mut cut = Fault::new("ListGroups", FaultKind::Truncate);
    cut.times = 0;
    m.push_faults(vec![cut]);
    let e = invoke(
        &cl,
        "GET",
        "ListGroups",
        &[("tenantFilter", Some("c"))],
        None,
    )
    .unwrap_err();
    assert!(e.message.contains(dropped), "{}", e.message);
}

#[test]
fn a_reset_during_a_post_says_it_may_have_been_processed_http2() {
    reset_post_and_get(|m| m.https_url());
}

#[test]
fn a_reset_during_a_post_says_it_may_have_been_processed_http1() {
    reset_post_and_get(|m| m.http_url());
}

#[test]
fn a_slow_token_endpoint_is_named_as_such_not_as_a_long_cipp_action() {
    let m = mock();
    let cl = settings_with(
        &m,
        &m.http_url(),
        &[("timeout_secs", "1"), ("max_retries", "0")],
    );
    m.push_faults(vec![Fault::new("token", FaultKind::Delay { ms: 2500 })]);
    let e = invoke(&cl, "GET", "ListTenants", &[], None).unwrap_err();
    assert_eq!(e.status, Status::Timeout, "{}", e.message);
    assert!(
        e.message.contains("token endpoint answers within seconds") && !e.message.contains("230 s"),
        "{}",
        e.message
    );
}

#[test]
fn timeouts_name_the_setting_in_the_callers_language() {
    let m = mock();
    let base = m.http_url();
    let cases = [
        ("c", "the timeout_secs setting (cipp_settings_set)"),
        ("powershell", "Set-CIPPAPIDetails -TimeoutSeconds"),
        ("dotnet", "timeout_secs setting of the CippClient"),
    ];
    for (binding, name) in cases {
        let cl = settings_with(
            &m,
            &base,
            &[
                ("timeout_secs", "1"),
                ("max_retries", "0"),
                ("binding", binding),
            ],
        );
        invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
        m.push_faults(vec![Fault::new(
            "ListTenants",
            FaultKind::Delay { ms: 2500 },
        )]);
        let e = invoke(&cl, "GET", "ListTenants", &[], None).unwrap_err();
        assert_eq!(e.status, Status::Timeout);
        assert!(
            e.message.contains("raise ") && e.message.contains(name),
            "{binding}: {}",
            e.message
        );
        // The fix on its own, for a binding's recommended action, in the same terms.
        assert!(
            e.advice.starts_with("Raise ") && e.advice.contains(name),
            "{binding}: {}",
            e.advice
        );
        if binding == "c" {
            assert!(!e.message.contains("Set-CIPP"), "{}", e.message);
            assert!(!e.advice.contains("Set-CIPP"), "{}", e.advice);
        }
        assert!(
            !e.message.contains("may still be processing"),
            "a GET: {}",
            e.message
        );
    }
    // A POST that timed out was sent: CIPP may still run it, and it is not sent again.
    let cl = settings_with(&m, &base, &[("timeout_secs", "1")]);
    invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    m.clear_requests();
    m.push_faults(vec![Fault::new(
        "ExecResetPass",
        FaultKind::Delay { ms: 2500 },
    )]);
    let e = invoke(&cl, "POST", "ExecResetPass", &[], Some("{}")).unwrap_err();
    assert_eq!(e.status, Status::Timeout);
    assert!(
        e.message
            .contains("CIPP may still be processing it; it was not sent again"),
        "{}",
        e.message
    );
    assert_eq!(recorded(&m, "/api/ExecResetPass").len(), 1);
}

#[test]
fn read_only_refusals_say_how_to_turn_it_off() {
    let m = mock();
    let base = m.http_url();
    let from_env = settings_with(&m, &base, &[("CIPPAPI_READ_ONLY", "1")]);
    let e = invoke(&from_env, "POST", "ExecResetPass", &[], None).unwrap_err();
    assert_eq!(e.status, Status::Refused);
    assert!(
        e.message
            .contains("unset the environment variable CIPPAPI_READ_ONLY"),
        "{}",
        e.message
    );
    let ps = settings_with(
        &m,
        &base,
        &[("CIPPAPI_READ_ONLY", "yes"), ("binding", "powershell")],
    );
    let e = invoke(&ps, "POST", "ExecResetPass", &[], None).unwrap_err();
    assert!(
        e.message.contains("Remove-Item Env:CIPPAPI_READ_ONLY"),
        "{}",
        e.message
    );
    // The advice is the fix the message ends with: remove the variable, or override it explicitly.
    assert!(
        e.advice.contains("Remove-Item Env:CIPPAPI_READ_ONLY")
            && e.advice.contains("-ReadOnly:$false, which overrides it")
            && e.message.ends_with(&e.advice),
        "{} / {}",
        e.message,
        e.advice
    );
    let setting = settings_with(&m, &base, &[("read_only", "1")]);
    let e = invoke(&setting, "POST", "ExecResetPass", &[], None).unwrap_err();
    assert!(
        e.message.contains("set read_only to false"),
        "{}",
        e.message
    );
    assert!(!e.message.contains("CIPPAPI_READ_ONLY"), "{}", e.message);
    let ps = settings_with(&m, &base, &[("read_only", "1"), ("binding", "powershell")]);
    let e = invoke(&ps, "POST", "ExecResetPass", &[], None).unwrap_err();
    assert!(e.message.contains("without -ReadOnly"), "{}", e.message);
    assert_eq!(
        e.advice,
        "To call it, turn read-only mode off: run Set-CIPPAPIDetails again without -ReadOnly."
    );
    assert!(recorded(&m, "/api/ExecResetPass").is_empty());
}

#[test]
fn allow_list_refusals_say_how_to_allow_the_endpoint() {
    let m = mock();
    let base = m.http_url();
    for (binding, name) in [
        ("c", "the allowed_endpoints setting (cipp_settings_set)"),
        ("powershell", "Set-CIPPAPIDetails -AllowedEndpoint"),
        ("dotnet", "the allowed_endpoints setting of the CippClient"),
    ] {
        let cl = settings_with(
            &m,
            &base,
            &[("allowed_endpoints", "ListTenants"), ("binding", binding)],
        );
        let e = invoke(&cl, "GET", "ListUsers", &[], None).unwrap_err();
        assert_eq!(e.status, Status::Refused);
        assert_eq!(
            e.advice,
            format!("Add ListUsers to {name} (or CIPPAPI_ALLOWED_ENDPOINTS), or leave the allow-list out.")
        );
        assert!(e.message.ends_with(&e.advice), "{}", e.message);
    }
    assert!(recorded(&m, "/api/ListUsers").is_empty());
}

#[test]
fn environment_values_that_do_not_parse_fail_client_creation() {
    let m = mock();
    let mut s = mock_settings(&m, &m.http_url());
    s.push(("CIPPAPI_TIMEOUT_SECS", "abc".into()));
    let e = client_owned(&s).err().expect("refused");
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(
        e.message.contains("CIPPAPI_TIMEOUT_SECS")
            && e.message.contains("'abc'")
            && e.message.contains("whole number of seconds"),
        "{}",
        e.message
    );
    let mut s = mock_settings(&m, &m.http_url());
    s.push(("CIPPAPI_READ_ONLY", "maybe".into()));
    let e = client_owned(&s).err().expect("refused");
    assert!(
        e.message.contains("CIPPAPI_READ_ONLY") && e.message.contains("1 or 0"),
        "{}",
        e.message
    );
    // An explicit setting replaces the bad environment value.
    s.push(("read_only", "false".into()));
    assert!(client_owned(&s).is_ok());
    let e = client(&[("binding", "cobol")]).err().unwrap();
    assert!(
        e.message.contains("c, powershell or dotnet"),
        "{}",
        e.message
    );
}

#[test]
fn an_array_body_with_the_tenant_in_the_body_is_refused_at_start_and_preview_with_the_fix() {
    let m = mock();
    let base = m.http_url();
    for (binding, fix) in [
        ("c", "tenant_in = CIPP_TENANT_IN_QUERY"),
        ("powershell", "-TenantIn Query"),
        ("dotnet", "CippTenantIn.Query"),
    ] {
        let cl = settings_with(&m, &base, &[("binding", binding)]);
        let r = common::request("POST", "ExecResetPass", &[], Some(br#"[{"ID":"a"}]"#)).unwrap();
        let name = c("t1.onmicrosoft.com");
        let names = [name.as_ptr()];
        let mut err = ptr::null_mut();
        let st = cipp_request_set_tenants(
            r.0,
            c("tenantFilter").as_ptr(),
            CippTenantIn::Body as i32,
            names.as_ptr(),
            1,
            &mut err,
        );
        assert_eq!(st, Status::Ok, "{:?}", take_error(st, err));
        let mut batch = ptr::null_mut();
        let st = cipp_client_batch_start_request(cl.0, r.0, 2, &mut batch, &mut err);
        let start = take_error(st, err);
        let mut json = ptr::null_mut();
        let st = cipp_client_preview_request(cl.0, r.0, &mut json, &mut err);
        let preview = take_error(st, err);
        for e in [&start, &preview] {
            assert_eq!(e.status, Status::InvalidArgument);
            assert!(e.message.contains("top level of the body"), "{}", e.message);
            assert_eq!(
                e.advice,
                format!("Pass one object as the body, or put the tenant in the query ({fix}).")
            );
            assert!(e.message.ends_with(&e.advice), "{}", e.message);
        }
    }
    assert!(recorded(&m, "/api/ExecResetPass").is_empty());
}
