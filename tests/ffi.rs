//! The C ABI driven as a C program would, against the real mock server over HTTP and HTTPS.

mod common;

use cipp_mock::{Fault, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use cippapi::ffi::*;
use cippapi::Status;
use common::*;
use std::ffi::CStr;
use std::ptr;
use std::time::{Duration, Instant};

/// ExecResetPass requires tenantFilter (the mock checks required fields like CIPP).
const TENANT: &[(&str, Option<&str>)] = &[("tenantFilter", Some("contoso.onmicrosoft.com"))];

fn fault(json: serde_json::Value) -> Vec<Fault> {
    serde_json::from_value(json).expect("fault JSON")
}

#[test]
fn invoke_sends_the_community_wire_form_over_http() {
    let m = mock();
    let cl = mock_client(&m);
    let r = invoke(
        &cl,
        "GET",
        "/api/ListTenants",
        &[
            ("tenantFilter", Some("AllTenants")),
            ("$select", Some("a b,c")),
            ("empty", None),
        ],
        None,
    )
    .unwrap();
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.content_type.starts_with("application/json"));
    assert!(r.body.starts_with('['), "{}", r.body);
    assert!(r
        .url
        .ends_with("/api/ListTenants?tenantFilter=AllTenants&$select=a+b%2cc&empty="));
    let reqs = recorded(&m, "/api/ListTenants");
    assert_eq!(reqs.len(), 1);
    let q = &reqs[0];
    assert_eq!(q.method, "GET");
    assert_eq!(q.path, "/api/ListTenants");
    assert_eq!(
        q.raw_query,
        "tenantFilter=AllTenants&$select=a+b%2cc&empty="
    );
    assert_eq!(
        q.body, "{}",
        "a JSON body goes with every call, GET included"
    );
    assert!(q
        .content_type
        .as_deref()
        .unwrap_or("")
        .starts_with("application/json"));
    assert_eq!(q.auth, "valid");
    assert_eq!(
        q.headers.get("authorization").map(String::as_str),
        Some("Bearer <redacted>")
    );
}

#[test]
fn post_body_and_endpoint_case_go_out_unchanged() {
    let m = mock();
    let cl = mock_client(&m);
    let body = r#"{"ID":"jdoe@contoso.com","MustChange":true,"ü":"é"}"#;
    let r = invoke(
        &cl,
        "post",
        "api/ExecResetPass",
        &[("tenantFilter", Some("x.com"))],
        Some(body),
    )
    .unwrap();
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body.contains("Results"));
    let q = &recorded(&m, "/api/ExecResetPass")[0];
    assert_eq!(q.method, "POST");
    assert_eq!(q.body, body);
    invoke(&cl, "GET", "/api/listtenants", &[], None).unwrap();
    assert!(
        m.requests().iter().any(|r| r.path == "/api/listtenants"),
        "path case as sent"
    );
}

#[test]
fn https_works_with_the_mock_ca_and_fails_clearly_without_it() {
    let m = mock();
    let cl = client_owned(&mock_settings(&m, &m.https_url())).unwrap();
    let r = invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    assert_eq!(r.status, 200);
    assert!(recorded(&m, "/api/ListTenants")[0].listener == "https");

    let mut no_ca = mock_settings(&m, &m.https_url());
    no_ca.retain(|(k, _)| *k != "ca_file");
    no_ca.push(("ca_file", String::new()));
    let cl = client_owned(&no_ca).unwrap();
    let e = invoke(&cl, "GET", "ListTenants", &[], None).unwrap_err();
    assert_eq!(e.status, Status::Certificate, "{e:?}");
    assert!(
        e.message.contains("not trusted") && e.message.contains("ca_file"),
        "{}",
        e.message
    );
}

#[test]
fn get_logs_sends_what_get_cipplogs_sends() {
    let m = mock();
    let cl = mock_client(&m);
    let today = chrono::Local::now().format("%Y%m%d").to_string();
    let r = send(&cl, &logs_request(None, None, None, None)).unwrap();
    assert_eq!(r.status, 200);
    let rows: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert!(
        !rows.as_array().unwrap().is_empty(),
        "seeded rows for today"
    );
    let q = recorded(&m, "/api/ListLogs").pop().unwrap();
    assert_eq!(
        q.raw_query,
        format!("Filter=True&DateFilter={today}&StartDate=&EndDate=")
    );

    send(
        &cl,
        &logs_request(
            Some("Error,Alert"),
            Some("20260101"),
            Some("20251230"),
            Some("20260102"),
        ),
    )
    .unwrap();
    let q = recorded(&m, "/api/ListLogs").pop().unwrap();
    assert_eq!(
        q.raw_query,
        "Filter=True&DateFilter=20260101&StartDate=20251230&EndDate=20260102&Severity=Error%2cAlert"
    );
}

#[test]
fn one_token_serves_many_calls_and_concurrent_callers_share_one_fetch() {
    let m = mock();
    // Slow token endpoint: every caller arrives while the first fetch is still running.
    m.push_faults(fault(
        serde_json::json!([{"match":"token","kind":"delay","ms":400}]),
    ));
    let cl = std::sync::Arc::new(mock_client(&m));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let cl = cl.clone();
            std::thread::spawn(move || {
                for _ in 0..5 {
                    assert_eq!(
                        invoke(&cl, "GET", "ListTenants", &[], None).unwrap().status,
                        200
                    );
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(
        token_requests(&m),
        1,
        "exactly one token fetch for 80 calls"
    );
    assert_eq!(recorded(&m, "/api/ListTenants").len(), 80);
    // Another client with the same credentials shares the cached token.
    let other = mock_client(&m);
    invoke(&other, "GET", "ListTenants", &[], None).unwrap();
    assert_eq!(token_requests(&m), 1);
}

#[test]
fn token_is_refreshed_before_it_expires() {
    let m = mock();
    m.set_config(serde_json::json!({"token_expires_in": 2}));
    let cl = mock_client(&m);
    invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    assert_eq!(token_requests(&m), 1);
    // Lifetime 2 s → refreshed from 1 s on, before the server would reject it.
    std::thread::sleep(Duration::from_millis(1200));
    invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    assert_eq!(token_requests(&m), 2);
    assert!(m.requests().iter().all(|r| r.auth != "expired"));
}

#[test]
fn a_401_gets_one_fresh_token_and_one_retry() {
    let m = mock();
    let cl = mock_client(&m);
    invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    m.push_faults(fault(
        serde_json::json!([{"match":"ExecResetPass","kind":"expire_token"}]),
    ));
    let r = invoke(&cl, "POST", "ExecResetPass", TENANT, Some("{}")).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(token_requests(&m), 2);
    assert_eq!(recorded(&m, "/api/ExecResetPass").len(), 2);
    // A 401 that persists is returned, not retried forever.
    m.push_faults(fault(
        serde_json::json!([{"match":"ListTenants","kind":"status","status":401,"times":5}]),
    ));
    let r = invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    assert_eq!(r.status, 401);
    assert_eq!(
        recorded(&m, "/api/ListTenants").len(),
        3,
        "first call + one retry"
    );
}

#[test]
fn an_answer_carries_its_headers_in_the_order_received() {
    let m = mock();
    let cl = mock_client(&m);
    // A 400 is not retried: the answer as the server sent it, with its headers.
    m.push_faults(fault(
        serde_json::json!([{"match":"ListTenants","kind":"status","status":400,
        "body":"{\"Results\":\"bad\"}","headers":{"Retry-After":"7","X-Custom":"yes"}}]),
    ));
    let r = invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    assert_eq!(r.status, 400);
    let lines: Vec<&str> = r.headers.lines().collect();
    assert!(lines.contains(&"retry-after: 7"), "{lines:?}");
    assert!(lines.contains(&"x-custom: yes"), "{lines:?}");
    assert!(
        lines.iter().all(|l| l.split_once(": ").is_some()),
        "{lines:?}"
    );
    // A success has its headers too.
    let ok = invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    assert!(
        ok.headers.lines().any(|l| l.starts_with("content-type: ")),
        "{}",
        ok.headers
    );
}

#[test]
fn a_wrong_secret_never_reuses_a_cached_token_and_is_explained() {
    let m = mock();
    let good = mock_client(&m);
    invoke(&good, "GET", "ListTenants", &[], None).unwrap();
    let mut s = mock_settings(&m, &m.http_url());
    s.retain(|(k, _)| *k != "client_secret");
    s.push(("client_secret", "wrong-secret-value-123".into()));
    let bad = client_owned(&s).unwrap();
    let e = invoke(&bad, "GET", "ListTenants", &[], None).unwrap_err();
    assert_eq!(e.status, Status::Authentication);
    assert!(e.message.contains("AADSTS7000215"), "{}", e.message);
    assert!(e.message.contains("Fix:"), "{}", e.message);
    assert!(!e.message.contains("wrong-secret-value-123"));
    assert!(!e.message.contains(DEFAULT_CLIENT_SECRET));
    assert_eq!(
        recorded(&m, "/api/ListTenants").len(),
        1,
        "nothing sent with the bad secret"
    );
}

#[test]
fn http_errors_are_responses_with_status_and_body() {
    let m = mock();
    let cl = mock_client(&m);
    let r = invoke(&cl, "GET", "/api/NoSuchEndpoint", &[], None).unwrap();
    assert_eq!(r.status, 404);
    assert_eq!(r.body, "Endpoint not found");
    assert!(r.content_type.starts_with("text/plain"));
}

#[test]
fn transport_failures_name_what_failed() {
    // Nothing listens on port 9 of loopback: connection refused.
    let s = [
        ("client_id", "c1"),
        ("client_secret", "s3cret-value"),
        ("api_url", "http://127.0.0.1:9"),
        ("tenant_id", "t1"),
        ("authority_host", "http://127.0.0.1:9"),
    ];
    let cl = client(&s).unwrap();
    let e = invoke(&cl, "GET", "ListTenants", &[], None).unwrap_err();
    assert_eq!(e.status, Status::Network, "{e:?}");
    assert!(e.message.contains("token request"), "{}", e.message);
    assert!(!e.message.contains("s3cret-value"));

    let m = mock();
    let mut s = mock_settings(&m, &m.http_url());
    s.push(("timeout_secs", "1".into()));
    let cl = client_owned(&s).unwrap();
    invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    m.push_faults(fault(
        serde_json::json!([{"match":"ListTenants","kind":"delay","ms":2500}]),
    ));
    let started = Instant::now();
    let e = invoke(&cl, "GET", "ListTenants", &[], None).unwrap_err();
    assert_eq!(e.status, Status::Timeout, "{e:?}");
    assert!(e.message.contains("timed out after 1 s"), "{}", e.message);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn bad_arguments_get_clear_statuses_and_never_crash() {
    let m = mock();
    let cl = mock_client(&m);
    let mut resp = ptr::null_mut();
    let mut err = ptr::null_mut();
    let req = request("GET", "ListTenants", &[], None);
    // NULL client, request, output.
    for which in ["client", "request", "response_out"] {
        let st = cipp_client_send(
            if which == "client" { ptr::null() } else { cl.0 },
            if which == "request" {
                ptr::null()
            } else {
                req.0
            },
            if which == "response_out" {
                ptr::null_mut()
            } else {
                &mut resp
            },
            &mut err,
        );
        let o = take_error(st, err);
        assert_eq!(o.status, Status::NullArgument, "{which}");
        assert!(o.message.contains(which), "{which}: {}", o.message);
        assert!(resp.is_null());
    }
    // NULL method and endpoint are refused by the setters, naming the argument.
    let st = cipp_request_set_method(req.0, ptr::null(), &mut err);
    let o = take_error(st, err);
    assert_eq!(o.status, Status::NullArgument);
    assert!(o.message.contains("method"), "{}", o.message);
    let st = cipp_request_set_endpoint(req.0, ptr::null(), &mut err);
    let o = take_error(st, err);
    assert_eq!(o.status, Status::NullArgument);
    assert!(o.message.contains("endpoint"), "{}", o.message);
    // NULL error_out is allowed.
    let st = cipp_client_send(ptr::null(), ptr::null(), &mut resp, ptr::null_mut());
    assert_eq!(st, Status::NullArgument);
    // Invalid UTF-8.
    let bad = b"List\xff\xfeTenants\0";
    let st = cipp_request_set_endpoint(req.0, bad.as_ptr().cast(), &mut err);
    let o = take_error(st, err);
    assert_eq!(o.status, Status::InvalidUtf8);
    assert!(o.message.contains("endpoint"), "{}", o.message);

    type Row<'a> = (&'a str, &'a str, &'a [(&'a str, Option<&'a str>)], Status);
    let table: Vec<Row> = vec![
        ("TRACE", "ListTenants", &[], Status::InvalidArgument),
        ("GET", "", &[], Status::InvalidArgument),
        ("GET", "../../etc/passwd", &[], Status::InvalidArgument),
        ("GET", "/api/a/../b", &[], Status::InvalidArgument),
        (
            "GET",
            "https://evil.example/api/x",
            &[],
            Status::InvalidArgument,
        ),
        ("GET", "List\r\nHost: evil", &[], Status::InvalidArgument),
        (
            "GET",
            "ListTenants",
            &[("", Some("x"))],
            Status::InvalidArgument,
        ),
    ];
    for (method, endpoint, query, expected) in table {
        let e = invoke(&cl, method, endpoint, query, None).unwrap_err();
        assert_eq!(e.status, expected, "{method} {endpoint:?}: {}", e.message);
        assert!(!e.message.is_empty());
    }
    // CR/LF in keys and values is encoded, never a header break.
    let r = invoke(
        &cl,
        "GET",
        "ListTenants",
        &[("a\r\nX-Evil: 1", Some("v\r\nX-Evil: 2"))],
        None,
    )
    .unwrap();
    assert_eq!(r.status, 200);
    let q = recorded(&m, "/api/ListTenants").pop().unwrap();
    assert_eq!(q.raw_query, "a%0d%0aX-Evil%3a+1=v%0d%0aX-Evil%3a+2");
    assert!(!q.headers.contains_key("x-evil"));
    // A 16 MB query value is refused before sending; a 16 MB body is sent.
    let huge = "x".repeat(16 << 20);
    let e = invoke(&cl, "GET", "ListTenants", &[("k", Some(&huge))], None).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    let body = format!("{{\"blob\":\"{huge}\"}}");
    let r = invoke(&cl, "POST", "ExecResetPass", TENANT, Some(&body)).unwrap();
    assert_eq!(r.status, 200);
    // Accessors and frees tolerate NULL.
    assert_eq!(cipp_response_status(ptr::null()), 0);
    let mut len = 7usize;
    assert!(cipp_response_body(ptr::null(), &mut len).is_null());
    assert_eq!(len, 0);
    cipp_response_free(ptr::null_mut());
    cipp_error_free(ptr::null_mut());
    cipp_client_free(ptr::null_mut());
    cipp_settings_free(ptr::null_mut());
    cipp_string_free(ptr::null_mut());
    assert_eq!(cipp_error_status(ptr::null()), Status::NullArgument);
}

#[test]
fn client_creation_validates_urls_and_settings() {
    let base = |url: &str| {
        vec![
            ("client_id", "c1".to_owned()),
            ("client_secret", "s3cret-value".to_owned()),
            ("api_url", url.to_owned()),
            ("tenant_id", "t1".to_owned()),
        ]
    };
    assert_eq!(
        client_owned(&base("http://cipp.example.com"))
            .err()
            .unwrap()
            .status,
        Status::InsecureUrl
    );
    assert_eq!(
        client_owned(&base("cipp.example.com"))
            .err()
            .unwrap()
            .status,
        Status::InvalidUrl
    );
    assert!(client_owned(&base("https://cipp.example.com/")).is_ok());
    let mut missing = base("https://cipp.example.com");
    missing.remove(1);
    let e = client_owned(&missing).err().unwrap();
    assert_eq!(e.status, Status::NotConfigured);
    assert!(e.message.contains("client_secret"));
    let mut bad_ca = base("https://cipp.example.com");
    bad_ca.push(("ca_file", "/nonexistent/ca.pem".into()));
    let e = client_owned(&bad_ca).err().unwrap();
    assert_eq!(e.status, Status::TlsConfig);
    assert!(e.message.contains("/nonexistent/ca.pem"));
    let mut bad_setting = base("https://x");
    bad_setting.push(("colour", "blue".into()));
    let e = client_owned(&bad_setting).err().unwrap();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.contains("colour") && e.message.contains("authority_host"));
    let mut out = ptr::null_mut();
    assert_eq!(
        cipp_client_new(ptr::null(), &mut out, ptr::null_mut()),
        Status::NullArgument
    );
}

#[test]
fn build_url_previews_without_sending() {
    let m = mock();
    let cl = mock_client(&m);
    let req = request(
        "GET",
        "/api/ListUsers?dropped=1",
        &[("tenantFilter", Some("a b"))],
        None,
    );
    let mut url = ptr::null_mut();
    let st = cipp_client_build_url(cl.0, req.0, &mut url, ptr::null_mut());
    assert_eq!(st, Status::Ok);
    let text = unsafe { CStr::from_ptr(url) }.to_str().unwrap().to_owned();
    cipp_string_free(url);
    assert_eq!(
        text,
        format!("{}/api/ListUsers?tenantFilter=a+b", m.http_url())
    );
    assert!(m.requests().is_empty(), "nothing was sent");
}

#[test]
fn a_logs_request_has_the_url_it_is_sent_to() {
    let m = mock();
    let cl = mock_client(&m);
    // Given filters (an ISO date is sent as yyyyMMdd) and none at all (today, empty range).
    for req in [
        logs_request(
            Some("error"),
            Some("2025-01-31"),
            None,
            Some("2025-02-01T10:00:00Z"),
        ),
        logs_request(None, None, None, None),
    ] {
        let mut url = ptr::null_mut();
        let mut err = ptr::null_mut();
        let st = cipp_client_build_url(cl.0, req.0, &mut url, &mut err);
        assert_eq!(st, Status::Ok, "{:?}", take_error(st, err));
        let built = unsafe { CStr::from_ptr(url) }.to_str().unwrap().to_owned();
        cipp_string_free(url);
        assert!(m.requests().is_empty(), "building the URL sent nothing");
        assert_eq!(send(&cl, &req).unwrap().status, 200);
        let sent = m.requests().pop().unwrap();
        assert_eq!(
            built,
            format!("{}{}?{}", m.http_url(), sent.path, sent.raw_query)
        );
        m.clear_requests();
    }
}

#[test]
fn process_default_client_and_version_functions() {
    // The only test that touches the process default (tests run in parallel threads).
    let mut resp = ptr::null_mut();
    let mut err = ptr::null_mut();
    let o = default_get("ListTenants").unwrap_err();
    assert_eq!(o.status, Status::NotConfigured);
    assert!(o.message.contains("cipp_set_details"), "{}", o.message);
    // .NET shares the process default: its call is named too.
    assert!(
        o.message.contains("CippClient.SetApiDetails"),
        "{}",
        o.message
    );
    assert!(
        !o.message.contains("Set-CIPP"),
        "C names only: {}",
        o.message
    );
    // A NULL argument's message and the note on what is in force are two sentences.
    let st = cipp_set_details(
        c("id").as_ptr(),
        ptr::null(),
        c("https://cipp.example").as_ptr(),
        c("t").as_ptr(),
        &mut err,
    );
    let o = take_error(st, err);
    assert!(
        o.message.ends_with(". No details are set."),
        "{}",
        o.message
    );

    let m = mock();
    // Details for a real host are validated without network traffic...
    let st = cipp_set_details(
        c("id").as_ptr(),
        c("secret-x").as_ptr(),
        c("http://example.com").as_ptr(),
        c("t").as_ptr(),
        &mut err,
    );
    let o = take_error(st, err);
    assert_eq!(o.status, Status::InsecureUrl);
    assert!(o.message.ends_with("No details are set."), "{}", o.message);
    // ...and the mock is reached through the authority host taken from the environment.
    std::env::set_var("CIPPAPI_AUTHORITY_HOST", m.http_url());
    let st = cipp_set_details(
        c(DEFAULT_CLIENT_ID).as_ptr(),
        c(DEFAULT_CLIENT_SECRET).as_ptr(),
        c(&format!("{}/", m.http_url())).as_ptr(),
        c(m.tenant_id()).as_ptr(),
        &mut err,
    );
    std::env::remove_var("CIPPAPI_AUTHORITY_HOST");
    assert_eq!(st, Status::Ok, "{:?}", take_error(st, err));
    assert_eq!(default_get("/api/ListTenants").unwrap().status, 200);
    assert_eq!(
        recorded(&m, "/api/ListTenants")[0].path,
        "/api/ListTenants",
        "one slash despite the trailing '/'"
    );
    // A failed cipp_set_details changes nothing and says so.
    let st = cipp_set_details(
        c("id").as_ptr(),
        c("secret-x").as_ptr(),
        c("not a url").as_ptr(),
        c("t").as_ptr(),
        &mut err,
    );
    let o = take_error(st, err);
    assert_eq!(o.status, Status::InvalidUrl);
    assert!(
        o.message.contains("The previous details stay in effect"),
        "{}",
        o.message
    );
    assert_eq!(default_get("ListTenants").unwrap().status, 200);
    assert_eq!(recorded(&m, "/api/ListTenants").len(), 2, "still the mock");
    // A client with more than the four details can become the default (here: HTTPS + CA).
    let https = client_owned(&mock_settings(&m, &m.https_url())).unwrap();
    assert_eq!(cipp_set_default_client(https.0), Status::Ok);
    drop(https); // the default keeps its own reference
    assert_eq!(cipp_set_default_client(ptr::null()), Status::NullArgument);
    let st = cipp_get_logs(
        c("Error").as_ptr(),
        ptr::null(),
        ptr::null(),
        ptr::null(),
        &mut resp,
        &mut err,
    );
    assert_eq!(st, Status::Ok);
    assert_eq!(take_response(resp).status, 200);
    assert_eq!(recorded(&m, "/api/ListLogs")[0].listener, "https");

    let v = unsafe { CStr::from_ptr(cipp_version()) }.to_str().unwrap();
    assert_eq!(v, env!("CARGO_PKG_VERSION"));
    assert_eq!(cipp_abi_version(), cippapi::version::CIPP_ABI_VERSION);
    let name = |s: i32| {
        unsafe { CStr::from_ptr(cipp_status_name(s)) }
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(name(0), "ok");
    assert_eq!(name(Status::Timeout as i32), "timeout");
    assert_eq!(name(12345), "unknown");

    // The panic boundary turns a panic into a status and a message; the process lives on.
    let st = cipp_selftest_panic(&mut err);
    let o = take_error(st, err);
    assert_eq!(o.status, Status::Panic);
    assert!(o.message.contains("internal error"), "{}", o.message);

    default_client_handle_sends_and_cancels_calls_of_cipp_invoke();
}

// ---------------------------------------------------------------------------------------------
// Request objects and asynchronous calls

fn ok(status: Status, err: *mut CippError) {
    let o = take_error(status, err);
    assert_eq!(o.status, Status::Ok, "{o:?}");
}

/// A request built with the setters (each must succeed).
fn request(
    method: &str,
    endpoint: &str,
    query: &[(&str, Option<&str>)],
    body: Option<&[u8]>,
) -> Request {
    common::request(method, endpoint, query, body).unwrap()
}

#[test]
fn a_request_object_sends_its_body_bytes_exactly_nul_included() {
    let m = mock();
    let cl = mock_client(&m);
    let body = b"{\"ID\":\"a\0b\",\"x\":\"\xc3\xa9\"}";
    let r = request(
        "POST",
        "ExecResetPass",
        &[("tenantFilter", Some("abc")), ("empty", None)],
        Some(body),
    );
    let resp = send(&cl, &r).unwrap();
    assert_eq!(resp.status, 200, "{resp:?}");
    let rec = recorded(&m, "/api/ExecResetPass");
    assert_eq!(rec.len(), 1);
    assert_eq!(
        rec[0].body.as_bytes(),
        body,
        "every byte after the NUL is sent"
    );
    assert_eq!(rec[0].raw_query, "tenantFilter=abc&empty=");
    // The request is only read by a send: the same object goes again.
    send(&cl, &r).unwrap();
    assert_eq!(recorded(&m, "/api/ExecResetPass").len(), 2);
}

#[test]
fn request_setters_refuse_bad_input_naming_the_argument() {
    let m = mock();
    let cl = mock_client(&m);
    let r = Request(cipp_request_new());
    let mut err = ptr::null_mut();
    let bad = [0xffu8, b'a'];
    let st = cipp_request_set_body(r.0, bad.as_ptr(), bad.len(), &mut err);
    let o = take_error(st, err);
    assert_eq!(o.status, Status::InvalidUtf8);
    assert!(o.message.contains("'body'"), "{}", o.message);
    let st = cipp_request_set_endpoint(r.0, ptr::null(), &mut err);
    let o = take_error(st, err);
    assert_eq!(o.status, Status::NullArgument);
    assert!(o.message.contains("'endpoint'"), "{}", o.message);
    // No endpoint yet: refused before anything is sent.
    let e = send(&cl, &r).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(
        e.message.contains("cipp_request_set_endpoint"),
        "{}",
        e.message
    );
    let st = cipp_request_set_method(ptr::null_mut(), c("GET").as_ptr(), &mut err);
    assert_eq!(take_error(st, err).status, Status::NullArgument);
    // A logs request has its own query.
    let mut logs = ptr::null_mut();
    ok(
        cipp_request_new_logs(
            c("error").as_ptr(),
            ptr::null(),
            ptr::null(),
            ptr::null(),
            &mut logs,
            &mut err,
        ),
        err,
    );
    let logs = Request(logs);
    let st = cipp_request_add_query(logs.0, c("x").as_ptr(), ptr::null(), &mut err);
    assert_eq!(take_error(st, err).status, Status::InvalidArgument);
    let resp = send(&cl, &logs).unwrap();
    assert_eq!(resp.status, 200);
    assert!(
        resp.url.contains("/api/ListLogs?Filter=True&DateFilter="),
        "{}",
        resp.url
    );
    assert!(
        resp.url.ends_with("&StartDate=&EndDate=&Severity=error"),
        "{}",
        resp.url
    );
    assert!(recorded(&m, "/api/ExecResetPass").is_empty());
}

#[test]
fn preview_request_describes_without_sending() {
    let m = mock();
    let cl = mock_client(&m);
    let r = request(
        "POST",
        "/api/ExecResetPass",
        &[("tenantFilter", Some("x.com"))],
        Some(b"{\"ID\":\"x\"}"),
    );
    let mut json = ptr::null_mut();
    let mut err = ptr::null_mut();
    ok(
        cipp_client_preview_request(cl.0, r.0, &mut json, &mut err),
        err,
    );
    let text = unsafe { CStr::from_ptr(json) }.to_str().unwrap().to_owned();
    cipp_string_free(json);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["method"], "POST");
    assert_eq!(v["body"], "{\"ID\":\"x\"}");
    assert!(v["url"]
        .as_str()
        .unwrap()
        .ends_with("/api/ExecResetPass?tenantFilter=x.com"));
    assert!(m.requests().is_empty(), "nothing sent");
}

/// What a test callback received.
struct Outcomes {
    done: std::sync::Mutex<Vec<(usize, Status, u16, String)>>,
    cond: std::sync::Condvar,
    threads: std::sync::Mutex<std::collections::HashSet<String>>,
}

struct Tagged {
    outcomes: std::sync::Arc<Outcomes>,
    index: usize,
}

unsafe extern "C" fn on_done(
    user_data: *mut std::ffi::c_void,
    status: Status,
    response: *mut CippResponse,
    error: *mut CippError,
) {
    let tagged = unsafe { Box::from_raw(user_data as *mut Tagged) };
    let (code, message) = if status == Status::Ok {
        assert!(error.is_null());
        (take_response(response).status, String::new())
    } else {
        assert!(response.is_null());
        (0, take_error(status, error).message)
    };
    let o = &tagged.outcomes;
    o.threads
        .lock()
        .unwrap()
        .insert(std::thread::current().name().unwrap_or("").to_owned());
    o.done
        .lock()
        .unwrap()
        .push((tagged.index, status, code, message));
    o.cond.notify_all();
}

fn start_async(
    cl: &Client,
    r: &Request,
    outcomes: &std::sync::Arc<Outcomes>,
    index: usize,
) -> *mut CippCall {
    let data = Box::into_raw(Box::new(Tagged {
        outcomes: outcomes.clone(),
        index,
    }));
    let mut call = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_client_send_async(
        cl.0,
        r.0,
        Some(on_done),
        data as *mut std::ffi::c_void,
        &mut call,
        &mut err,
    );
    ok(st, err);
    assert!(!call.is_null());
    call
}

fn wait_for(outcomes: &Outcomes, n: usize, limit: Duration) -> Vec<(usize, Status, u16, String)> {
    let deadline = Instant::now() + limit;
    let mut done = outcomes.done.lock().unwrap();
    while done.len() < n {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(
            !left.is_zero(),
            "only {} of {n} callbacks within {limit:?}",
            done.len()
        );
        done = outcomes.cond.wait_timeout(done, left).unwrap().0;
    }
    done.clone()
}

fn new_outcomes() -> std::sync::Arc<Outcomes> {
    std::sync::Arc::new(Outcomes {
        done: Default::default(),
        cond: Default::default(),
        threads: Default::default(),
    })
}

#[test]
fn async_calls_run_concurrently_without_a_thread_each_and_cancel_one_by_one() {
    let m = mock();
    m.push_faults(fault(
        serde_json::json!([{"match":"ListTenants","kind":"delay","ms":1000,"times":0}]),
    ));
    let cl = mock_client(&m);
    let r = request("GET", "ListTenants", &[], None);
    let outcomes = new_outcomes();
    let started = Instant::now();
    let calls: Vec<_> = (0..64)
        .map(|i| start_async(&cl, &r, &outcomes, i))
        .collect();
    // Every call returned at once: nothing was waited for on this thread.
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    // Cancel call 7 only; it ends at once with CANCELLED while the others go on.
    assert_eq!(cipp_call_cancel(calls[7]), Status::Ok);
    let first = wait_for(&outcomes, 1, Duration::from_secs(2));
    assert_eq!(
        first[0].0, 7,
        "the cancelled call reported first: {first:?}"
    );
    assert_eq!(first[0].1, Status::Cancelled);
    assert!(first[0].3.contains("cipp_call_cancel"), "{}", first[0].3);
    assert!(started.elapsed() < Duration::from_millis(900));
    let all = wait_for(&outcomes, 64, Duration::from_secs(8));
    let elapsed = started.elapsed();
    for (i, st, code, msg) in &all {
        if *i != 7 {
            assert_eq!((*st, *code), (Status::Ok, 200), "call {i}: {msg}");
        }
    }
    assert!(
        elapsed < Duration::from_secs(5),
        "64 calls of 1 s took {elapsed:?}"
    );
    // Cancelling and freeing after completion is harmless.
    for call in calls {
        assert_eq!(cipp_call_cancel(call), Status::Ok);
        cipp_call_free(call);
    }
    let threads = outcomes.threads.lock().unwrap().clone();
    assert_eq!(
        threads,
        ["cippapi-callback".to_owned()].into(),
        "every callback ran on the one callback thread"
    );
}

#[test]
fn async_call_refusals_and_client_cancel() {
    let m = mock();
    m.push_faults(fault(
        serde_json::json!([{"match":"ListUsers","kind":"delay","ms":5000,"times":0}]),
    ));
    let cl = mock_client(&m);
    let r = request("GET", "ListUsers", &[("tenantFilter", Some("x.com"))], None);
    let mut err = ptr::null_mut();
    // No callback and no call handle to take the outcome from: refused, nothing started.
    let st = cipp_client_send_async(cl.0, r.0, None, ptr::null_mut(), ptr::null_mut(), &mut err);
    let o = take_error(st, err);
    assert_eq!(o.status, Status::NullArgument);
    assert!(
        o.message.contains("'callback'") && o.message.contains("cipp_call_take"),
        "{}",
        o.message
    );
    // A bad method is refused in the callback (checked by the core when sent).
    let outcomes = new_outcomes();
    let bad = request("FETCH", "ListUsers", &[], None);
    cipp_call_free(start_async(&cl, &bad, &outcomes, 0));
    let got = wait_for(&outcomes, 1, Duration::from_secs(2));
    assert_eq!(got[0].1, Status::InvalidArgument, "{got:?}");
    // cipp_client_cancel reaches async calls too; the handle may be freed before completion.
    let started = Instant::now();
    cipp_call_free(start_async(&cl, &r, &outcomes, 1));
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(cipp_client_cancel(cl.0), Status::Ok);
    let got = wait_for(&outcomes, 2, Duration::from_secs(2));
    assert_eq!(got[1].1, Status::Cancelled, "{got:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

/// Starts `r` without a callback: the outcome stays in the returned call.
fn start_kept(cl: &Client, r: &Request) -> *mut CippCall {
    let mut call = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_client_send_async(cl.0, r.0, None, ptr::null_mut(), &mut call, &mut err);
    ok(st, err);
    assert!(!call.is_null());
    call
}

/// `cipp_call_take` on a completed call: the response or the failure.
fn take_outcome(call: *mut CippCall) -> std::result::Result<u16, Outcome> {
    let mut response = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_call_take(call, &mut response, &mut err);
    if st == Status::Ok {
        assert!(err.is_null());
        Ok(take_response(response).status)
    } else {
        assert!(response.is_null());
        Err(take_error(st, err))
    }
}

#[test]
fn a_call_without_callback_is_waited_for_taken_once_and_cancelled_alone() {
    let m = mock();
    m.push_faults(fault(
        serde_json::json!([{"match":"ListUsers","kind":"delay","ms":5000,"times":0}]),
    ));
    let cl = mock_client(&m);
    // A quick call: wait, take the response once; a second take has nothing left.
    let quick = start_kept(&cl, &request("GET", "ListTenants", &[], None));
    let mut waited = 0;
    while cipp_call_wait(quick, 100) == Status::Pending {
        waited += 1;
        assert!(waited < 50, "ListTenants did not complete in 5 s");
    }
    assert_eq!(take_outcome(quick).unwrap(), 200);
    let again = take_outcome(quick).unwrap_err();
    assert_eq!(again.status, Status::InvalidArgument);
    assert!(again.message.contains("taken before"), "{}", again.message);
    cipp_call_free(quick);
    // A slow call: pending until cancelled; cancelling it leaves a concurrent call running.
    let slow = start_kept(&cl, &request("GET", "ListUsers", TENANT, None));
    let other = start_kept(&cl, &request("GET", "ListUsers", TENANT, None));
    assert_eq!(cipp_call_wait(slow, 50), Status::Pending);
    let early = take_outcome(slow).unwrap_err();
    assert_eq!(early.status, Status::Pending);
    assert!(
        early.message.contains("cipp_call_wait"),
        "{}",
        early.message
    );
    let started = Instant::now();
    assert_eq!(cipp_call_cancel(slow), Status::Ok);
    assert_eq!(cipp_call_wait(slow, 2000), Status::Ok);
    assert!(started.elapsed() < Duration::from_secs(2));
    let cancelled = take_outcome(slow).unwrap_err();
    assert_eq!(cancelled.status, Status::Cancelled);
    assert_eq!(
        cipp_call_wait(other, 0),
        Status::Pending,
        "only the cancelled call ended"
    );
    assert_eq!(cipp_call_cancel(other), Status::Ok);
    assert_eq!(cipp_call_wait(other, 2000), Status::Ok);
    cipp_call_free(slow);
    cipp_call_free(other);
    // A call with a callback has nothing to take; NULL arguments are refused by name.
    let outcomes = new_outcomes();
    let with_callback = start_async(&cl, &request("GET", "ListTenants", &[], None), &outcomes, 0);
    wait_for(&outcomes, 1, Duration::from_secs(5));
    assert_eq!(cipp_call_wait(with_callback, 2000), Status::Ok);
    assert_eq!(
        take_outcome(with_callback).unwrap_err().status,
        Status::InvalidArgument
    );
    cipp_call_free(with_callback);
    let mut err = ptr::null_mut();
    let st = cipp_call_take(ptr::null(), ptr::null_mut(), &mut err);
    assert!(take_error(st, err).message.contains("'response_out'"));
    let mut response = ptr::null_mut();
    let st = cipp_call_take(ptr::null(), &mut response, &mut err);
    assert!(take_error(st, err).message.contains("'call'"));
}

/// Part of `process_default_client_and_version_functions` (the one test that touches the default).
fn default_client_handle_sends_and_cancels_calls_of_cipp_invoke() {
    let m = mock();
    let mut err = ptr::null_mut();
    let cl = mock_client(&m);
    assert_eq!(cipp_set_default_client(cl.0), Status::Ok);
    let mut handle = ptr::null_mut();
    ok(cipp_default_client(&mut handle, &mut err), err);
    let handle = Client(handle);
    m.push_faults(fault(
        serde_json::json!([{"match":"ListUsers","kind":"delay","ms":5000,"times":0}]),
    ));
    let t = std::thread::spawn(|| default_get("ListUsers").unwrap_err().status);
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    assert_eq!(cipp_client_cancel(handle.0), Status::Ok);
    assert_eq!(t.join().unwrap(), Status::Cancelled);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn accessors_and_frees_accept_null() {
    assert_eq!(cipp_response_status(ptr::null()), 0);
    for s in [
        cipp_response_content_type(ptr::null()),
        cipp_response_url(ptr::null()),
        cipp_response_trace(ptr::null()),
        cipp_response_warnings(ptr::null()),
        cipp_response_advice(ptr::null()),
        cipp_response_headers(ptr::null()),
        cipp_error_message(ptr::null()),
        cipp_error_trace(ptr::null()),
        cipp_error_advice(ptr::null()),
        cipp_batch_item_tenant(ptr::null()),
    ] {
        assert!(!s.is_null());
        assert_eq!(unsafe { CStr::from_ptr(s) }.to_bytes(), b"");
    }
    let mut len = 99usize;
    assert!(cipp_response_body(ptr::null(), &mut len).is_null());
    assert_eq!(len, 0);
    assert!(cipp_response_body(ptr::null(), ptr::null_mut()).is_null());
    assert_eq!(cipp_error_status(ptr::null()), Status::NullArgument);
    assert_eq!(cipp_batch_item_status(ptr::null()), Status::NullArgument);
    assert!(cipp_batch_item_response(ptr::null()).is_null());
    assert!(cipp_batch_item_error(ptr::null()).is_null());
    assert_eq!(cipp_batch_total(ptr::null()), 0);
    assert_eq!(cipp_batch_cancel(ptr::null()), Status::NullArgument);
    assert_eq!(cipp_call_cancel(ptr::null()), Status::NullArgument);
    assert_eq!(cipp_client_cancel(ptr::null()), Status::NullArgument);
    cipp_response_free(ptr::null_mut());
    cipp_error_free(ptr::null_mut());
    cipp_settings_free(ptr::null_mut());
    cipp_client_free(ptr::null_mut());
    cipp_batch_free(ptr::null_mut());
    cipp_batch_item_free(ptr::null_mut());
    cipp_request_free(ptr::null_mut());
    cipp_call_free(ptr::null_mut());
    cipp_string_free(ptr::null_mut());
}

#[test]
fn a_caught_panic_carries_its_message_and_location() {
    let mut err = ptr::null_mut();
    let st = cipp_selftest_panic(&mut err);
    let o = take_error(st, err);
    assert_eq!(o.status, Status::Panic);
    assert!(
        o.message
            .contains("deliberate panic from cipp_selftest_panic")
            && o.message.contains("api.rs:"),
        "{}",
        o.message
    );
}

#[test]
fn a_batch_from_a_request_object_sends_each_tenant_the_exact_body() {
    let m = mock();
    let cl = mock_client(&m);
    let body = b"{\"ID\":\"a\0b\"}";
    let r = request("POST", "ExecResetPass", &[("x", Some("1"))], Some(body));
    // Without tenants: refused; with tenants, cipp_client_send refuses it instead.
    let mut batch = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_client_batch_start_request(cl.0, r.0, 2, &mut batch, &mut err);
    let o = take_error(st, err);
    assert_eq!(o.status, Status::InvalidArgument);
    assert!(
        o.message.contains("cipp_request_set_tenants"),
        "{}",
        o.message
    );
    let names = [c("a.onmicrosoft.com"), c("b.onmicrosoft.com")];
    let ptrs: Vec<_> = names.iter().map(|n| n.as_ptr()).collect();
    ok(
        cipp_request_set_tenants(
            r.0,
            c("tenantFilter").as_ptr(),
            CippTenantIn::Query as i32,
            ptrs.as_ptr(),
            ptrs.len(),
            &mut err,
        ),
        err,
    );
    let e = send(&cl, &r).unwrap_err();
    assert!(
        e.message.contains("cipp_client_batch_start_request"),
        "{}",
        e.message
    );
    ok(
        cipp_client_batch_start_request(cl.0, r.0, 2, &mut batch, &mut err),
        err,
    );
    assert_eq!(cipp_batch_total(batch), 2);
    let mut seen = 0;
    while seen < 2 {
        let mut item = ptr::null_mut();
        let st = cipp_batch_next(batch, 2000, &mut item, &mut err);
        assert_eq!(st, Status::Ok, "{:?}", take_error(st, err));
        assert!(!item.is_null());
        assert_eq!(cipp_batch_item_status(item), Status::Ok);
        assert_eq!(cipp_response_status(cipp_batch_item_response(item)), 200);
        cipp_batch_item_free(item);
        seen += 1;
    }
    cipp_batch_free(batch);
    let rec = recorded(&m, "/api/ExecResetPass");
    assert_eq!(rec.len(), 2);
    for q in &rec {
        assert_eq!(q.body.as_bytes(), body);
        assert!(
            q.raw_query.contains("tenantFilter=") && q.raw_query.contains("x=1"),
            "{}",
            q.raw_query
        );
    }
}

/// Read-only mode and the allow-list hold for batches as for single calls: the core refuses the
/// whole batch before anything is sent, and the batch can be previewed tenant by tenant.
#[test]
fn a_write_batch_is_refused_in_read_only_mode_and_previewable() {
    let m = mock();
    let mut settings = mock_settings(&m, &m.http_url());
    settings.push(("read_only", "true".to_owned()));
    let ro = client_owned(&settings).unwrap();
    let mut allow = mock_settings(&m, &m.http_url());
    allow.push(("allowed_endpoints", "ListUsers".to_owned()));
    let listed = client_owned(&allow).unwrap();
    let r = request(
        "POST",
        "api/ExecResetPass",
        &[],
        Some(b"{\"ID\":\"a@b.c\"}"),
    );
    let names = [c("a.onmicrosoft.com"), c("b.onmicrosoft.com")];
    let ptrs: Vec<_> = names.iter().map(|n| n.as_ptr()).collect();
    let mut err = ptr::null_mut();
    ok(
        cipp_request_set_tenants(
            r.0,
            c("tenantFilter").as_ptr(),
            CippTenantIn::Body as i32,
            ptrs.as_ptr(),
            ptrs.len(),
            &mut err,
        ),
        err,
    );
    for (cl, why) in [(&ro, "read-only mode"), (&listed, "allow-list")] {
        let mut batch = ptr::null_mut();
        let st = cipp_client_batch_start_request(cl.0, r.0, 2, &mut batch, &mut err);
        let o = take_error(st, err);
        assert_eq!(o.status, Status::Refused, "{why}: {o:?}");
        assert!(o.message.contains(why), "{}", o.message);
        assert!(batch.is_null());

        let mut json = ptr::null_mut();
        ok(
            cipp_client_preview_request(cl.0, r.0, &mut json, &mut err),
            err,
        );
        let text = unsafe { CStr::from_ptr(json) }.to_str().unwrap().to_owned();
        cipp_string_free(json);
        let previews: serde_json::Value = serde_json::from_str(&text).unwrap();
        let previews = previews.as_array().expect("one preview per tenant");
        assert_eq!(previews.len(), 2);
        for (p, tenant) in previews
            .iter()
            .zip(["a.onmicrosoft.com", "b.onmicrosoft.com"])
        {
            assert_eq!(p["method"], "POST");
            assert!(p["url"].as_str().unwrap().ends_with("/api/ExecResetPass"));
            let body: serde_json::Value =
                serde_json::from_str(p["body"].as_str().unwrap()).unwrap();
            assert_eq!(body["tenantFilter"], tenant);
            assert_eq!(body["ID"], "a@b.c");
            assert!(
                p["refused"].as_str().unwrap().contains(why),
                "{}",
                p["refused"]
            );
        }
    }
    assert!(
        m.requests().is_empty(),
        "nothing was sent: {:?}",
        m.requests()
    );
}

/// Status names come from one table in the core: every `CIPP_STATUS_*` of the header has its
/// name (the constant's suffix in lower case) from `cipp_status_name`.
#[test]
fn every_header_status_has_its_name() {
    let header = std::fs::read_to_string(root().join("include/cippapi.h")).unwrap();
    let mut seen = 0;
    for line in header.lines() {
        let Some(rest) = line.trim().strip_prefix("CIPP_STATUS_") else {
            continue;
        };
        let (name, value) = rest.trim_end_matches(',').split_once(" = ").unwrap();
        let value: i32 = value.trim().parse().unwrap();
        let got = unsafe { CStr::from_ptr(cipp_status_name(value)) }
            .to_str()
            .unwrap();
        assert_eq!(got, name.to_ascii_lowercase(), "CIPP_STATUS_{name}");
        assert_eq!(Status::from_code(value).map(|s| s as i32), Some(value));
        seen += 1;
    }
    assert_eq!(seen, Status::all().len());
    assert_eq!(Status::from_code(12345), None);
}
