//! Safe automation through the C ABI: read-only mode, the allow-list, request previews,
//! catalog checks of parameters, advice on common failures, and cancellation.

mod common;

use cippapi::ffi::*;
use cippapi::Status;
use common::*;
use std::ffi::{CStr, CString};
use std::ptr;
use std::time::{Duration, Instant};

fn owned_json(p: *mut std::ffi::c_char) -> serde_json::Value {
    let text = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned();
    cipp_string_free(p);
    serde_json::from_str(&text).unwrap()
}

#[test]
fn read_only_mode_refuses_writes_before_sending() {
    let m = mock();
    let mut s = mock_settings(&m, &m.http_url());
    s.push(("read_only", "true".into()));
    let cl = client_owned(&s).unwrap();
    assert_eq!(
        invoke(&cl, "GET", "/api/ListLogs", &[], None)
            .unwrap()
            .status,
        200
    );
    let e = invoke(&cl, "POST", "/api/ExecResetPass", &[], Some("{}")).unwrap_err();
    assert_eq!(e.status, Status::Refused);
    assert!(
        e.message.contains("ExecResetPass") && e.message.contains("Identity.User.ReadWrite"),
        "{}",
        e.message
    );
    // A GET to a write endpoint is refused too: the method does not make a call safe.
    assert_eq!(
        invoke(&cl, "GET", "ExecResetPass", &[], None)
            .unwrap_err()
            .status,
        Status::Refused
    );
    assert!(
        recorded(&m, "/api/ExecResetPass").is_empty(),
        "nothing sent"
    );

    let mut s = mock_settings(&m, &m.http_url());
    s.push(("allowed_endpoints", "ListTenants".into()));
    let cl = client_owned(&s).unwrap();
    assert_eq!(
        invoke(&cl, "GET", "listtenants", &[], None).unwrap().status,
        200
    );
    let e = invoke(&cl, "GET", "ListLogs", &[], None).unwrap_err();
    assert_eq!(e.status, Status::Refused);
    assert!(e.message.contains("allow-list"));
}

#[test]
fn preview_shows_the_exact_request_and_sends_nothing() {
    let m = mock();
    let mut s = mock_settings(&m, &m.http_url());
    s.push(("read_only", "1".into()));
    let cl = client_owned(&s).unwrap();
    let req = request(
        "POST",
        "/api/ExecResetPass",
        &[("tenantFilter", Some("contoso.com"))],
        Some(br#"{"ID":"x@y.z","colour":1}"#),
    )
    .unwrap();
    let mut json = ptr::null_mut();
    let st = cipp_client_preview_request(cl.0, req.0, &mut json, ptr::null_mut());
    assert_eq!(st, Status::Ok);
    let p = owned_json(json);
    assert_eq!(p["method"], "POST");
    assert_eq!(
        p["url"],
        format!(
            "{}/api/ExecResetPass?tenantFilter=contoso.com",
            m.http_url()
        )
    );
    assert_eq!(p["body"], r#"{"ID":"x@y.z","colour":1}"#);
    assert_eq!(
        p["headers"][1],
        serde_json::json!(["Authorization", "Bearer [redacted]"])
    );
    assert!(p["refused"].as_str().unwrap().contains("read-only"));
    assert!(
        p["warnings"][0]
            .as_str()
            .unwrap()
            .contains("does not read colour"),
        "{p}"
    );
    assert!(m.requests().is_empty(), "no token request, no API request");
    // A misspelt endpoint is named with the closest catalog name before anything is sent.
    let req = request("POST", "ExecDisableUsr", &[], None).unwrap();
    let st = cipp_client_preview_request(cl.0, req.0, &mut json, ptr::null_mut());
    assert_eq!(st, Status::Ok);
    let p = owned_json(json);
    assert!(
        p["warnings"].as_array().unwrap().iter().any(|w| w
            .as_str()
            .unwrap()
            .contains("Did you mean 'ExecDisableUser'?")),
        "{p}"
    );
    // NULL body and content type preview what invoke sends for them.
    let req = request("GET", "ListLogs", &[], None).unwrap();
    let st = cipp_client_preview_request(cl.0, req.0, &mut json, ptr::null_mut());
    assert_eq!(st, Status::Ok);
    let p = owned_json(json);
    assert_eq!(p["body"], "{}");
    assert_eq!(
        p["headers"][0],
        serde_json::json!(["Content-Type", "application/json"])
    );
    assert_eq!(p["refused"], serde_json::Value::Null);
}

#[test]
fn parameters_are_checked_against_the_catalog() {
    let m = mock();
    let cl = mock_client(&m);
    let r = invoke(
        &cl,
        "POST",
        "ExecResetPass",
        &[("tenantFilter", Some("x"))],
        Some(r#"{"ID":"a","Colour":"red"}"#),
    )
    .unwrap();
    let warnings = cl_warnings(&cl, "ExecResetPass");
    assert_eq!(r.status, 200, "sent anyway");
    assert!(warnings.contains("does not read Colour"), "{warnings}");
    // A query string written into the endpoint is not sent, and the caller is told how to send it.
    let w = cl_warnings(&cl, "ExecResetPass?tenantFilter=contoso.onmicrosoft.com");
    assert!(
        w.contains("the query string in the endpoint ('?tenantFilter=contoso.onmicrosoft.com') is not sent; give its parameters with cipp_request_add_query"),
        "{w}"
    );
    let sent = recorded(&m, "/api/ExecResetPass");
    assert_eq!(
        sent.last().unwrap().raw_query,
        "",
        "the dropped query is not sent"
    );
    let mut s = mock_settings(&m, &m.http_url());
    s.push(("strict_parameters", "true".into()));
    let strict = client_owned(&s).unwrap();
    let e = invoke(&strict, "POST", "ExecResetPass", &[], Some(r#"{"ID":"a"}"#)).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.contains("requires tenantFilter"), "{}", e.message);
    // Unknown endpoints still go through: servers are newer than specs.
    assert_eq!(
        invoke(
            &strict,
            "GET",
            "ListBrandNewThing",
            &[("x", Some("1"))],
            None
        )
        .unwrap()
        .status,
        404
    );
}

/// Sends a call and returns its catalog warnings.
fn cl_warnings(cl: &Client, endpoint: &str) -> String {
    let mut resp = ptr::null_mut();
    let st = cipp_client_send(
        cl.0,
        request("POST", endpoint, &[], Some(r#"{"Colour":1}"#.as_bytes()))
            .unwrap()
            .0,
        &mut resp,
        ptr::null_mut(),
    );
    assert_eq!(st, Status::Ok);
    let w = unsafe { CStr::from_ptr(cipp_response_warnings(resp)) }
        .to_string_lossy()
        .into_owned();
    cipp_response_free(resp);
    w
}

#[test]
fn catalog_lists_and_describes_endpoints() {
    assert_eq!(cipp_catalog_count(), 645);
    let mut json = ptr::null_mut();
    assert_eq!(
        cipp_catalog_describe(c("/api/listlogs").as_ptr(), &mut json, ptr::null_mut()),
        Status::Ok
    );
    let e = owned_json(json);
    assert_eq!(e["name"], "ListLogs");
    assert_eq!(e["role"], "CIPP.Core.Read");
    assert!(e["query"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "Severity"));
    assert_eq!(
        cipp_catalog_list(c("ResetPass").as_ptr(), &mut json, ptr::null_mut()),
        Status::Ok
    );
    let list = owned_json(json);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"] == "ExecResetPass"));
    assert_eq!(
        cipp_catalog_list(ptr::null(), &mut json, ptr::null_mut()),
        Status::Ok
    );
    assert_eq!(owned_json(json).as_array().unwrap().len(), 645);
    let mut err = ptr::null_mut();
    let st = cipp_catalog_describe(c("NoSuchThing").as_ptr(), &mut json, &mut err);
    let e = take_error(st, err);
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(!e.message.contains("did you mean"), "{}", e.message);
    let mut err = ptr::null_mut();
    let st = cipp_catalog_describe(c("ListUserz").as_ptr(), &mut json, &mut err);
    let e = take_error(st, err);
    assert!(
        e.message.contains("misspelled (did you mean 'ListUsers'?)"),
        "{}",
        e.message
    );
}

#[test]
fn endpoint_classify_answers_for_every_accepted_endpoint() {
    let classify = |text: &str| {
        let mut json = ptr::null_mut();
        let mut err = ptr::null_mut();
        let st = cipp_endpoint_classify(c(text).as_ptr(), &mut json, &mut err);
        if st == Status::Ok {
            Ok(owned_json(json))
        } else {
            Err(take_error(st, err))
        }
    };
    // Known: the catalog's name and role decide (a List name with a write role is not a read).
    let e = classify("/API/listlogs?x=1").unwrap();
    assert_eq!(e["name"], "ListLogs");
    assert_eq!(e["path"], "/api/listlogs");
    assert_eq!(e["in_catalog"], true);
    assert_eq!(e["reads_only"], true);
    assert_eq!(e["suggestion"], serde_json::Value::Null);
    let offboard = classify("ListOffboardTenants").unwrap();
    assert_eq!(offboard["reads_only"], false);
    // Unknown: the endpoint as sent and the List/Get rule of read-only mode.
    let new = classify("  /api/GetSomethingNew").unwrap();
    assert_eq!(new["name"], "GetSomethingNew");
    assert_eq!(
        (new["in_catalog"].clone(), new["reads_only"].clone()),
        (false.into(), true.into())
    );
    assert_eq!(
        classify("Api/execSomethingNew").unwrap()["reads_only"],
        false
    );
    assert_eq!(new["suggestion"], serde_json::Value::Null);
    // A misspelt name: not in the catalog, and the closest catalog name is suggested.
    let typo = classify("/api/ListUserz").unwrap();
    assert_eq!(
        (typo["in_catalog"].clone(), typo["suggestion"].clone()),
        (false.into(), "ListUsers".into())
    );
    // What the library refuses, it refuses here too, naming why.
    let bad = classify("ListTenants/../x").unwrap_err();
    assert_eq!(bad.status, Status::InvalidArgument);
    assert!(bad.message.contains("'..'"), "{}", bad.message);
    let mut json = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_endpoint_classify(ptr::null(), &mut json, &mut err);
    assert_eq!(take_error(st, err).status, Status::NullArgument);
}

#[test]
fn endpoint_word_is_the_name_part_of_a_partly_typed_endpoint() {
    let word = |text: &[u8]| {
        let text = CString::new(text).unwrap();
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        let st = cipp_endpoint_word(text.as_ptr(), &mut out, &mut err);
        if st == Status::Ok {
            let s = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
            cipp_string_free(out);
            Ok(s)
        } else {
            Err(take_error(st, err))
        }
    };
    // What completion needs where classify refuses: a bare prefix, wildcards, a query being typed.
    assert_eq!(word(b"/api/").unwrap(), "");
    assert_eq!(word(b"API/listus").unwrap(), "listus");
    assert_eq!(word(b"/api/Li[st*?tenantFilter=").unwrap(), "Li[st*");
    let bad = word(b"\xff/api/x").unwrap_err();
    assert_eq!(bad.status, Status::InvalidUtf8);
    let long = word("a".repeat(5000).as_bytes()).unwrap_err();
    assert_eq!(long.status, Status::InvalidArgument);
    assert!(long.message.len() < 400, "{}", long.message);
    let mut out = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_endpoint_word(ptr::null(), &mut out, &mut err);
    assert_eq!(take_error(st, err).status, Status::NullArgument);
    let mut err = ptr::null_mut();
    let st = cipp_endpoint_word(c("x").as_ptr(), ptr::null_mut(), &mut err);
    assert_eq!(take_error(st, err).status, Status::NullArgument);
}

#[test]
fn common_failures_come_with_advice() {
    let m = mock();
    let mut s = mock_settings(&m, &m.http_url());
    s.retain(|(k, _)| *k != "client_id" && *k != "client_secret");
    s.push(("client_id", cipp_mock::READONLY_CLIENT_ID.into()));
    s.push(("client_secret", cipp_mock::READONLY_CLIENT_SECRET.into()));
    let ro = client_owned(&s).unwrap();
    let advice = |cl: &Client, method: &str, endpoint: &str| {
        let mut resp = ptr::null_mut();
        let st = cipp_client_send(
            cl.0,
            request(method, endpoint, &[], None).unwrap().0,
            &mut resp,
            ptr::null_mut(),
        );
        assert_eq!(st, Status::Ok);
        let status = cipp_response_status(resp);
        let a = unsafe { CStr::from_ptr(cipp_response_advice(resp)) }
            .to_string_lossy()
            .into_owned();
        cipp_response_free(resp);
        (status, a)
    };
    let (status, a) = advice(&ro, "POST", "ExecResetPass");
    assert_eq!(status, 403);
    assert!(
        a.contains("role lacks the permission ExecResetPass needs (Identity.User.ReadWrite)"),
        "{a}"
    );
    let cl = mock_client(&m);
    let (status, a) = advice(&cl, "GET", "ListNothing");
    assert_eq!(status, 404);
    assert!(a.contains("no endpoint named 'ListNothing'"), "{a}");
    // A misspelt name: the closest catalog endpoint is suggested.
    let (status, a) = advice(&cl, "GET", "ListUserz");
    assert_eq!(status, 404);
    assert!(a.contains("Did you mean 'ListUsers'?"), "{a}");
    let (status, a) = advice(&cl, "GET", "ListTenants");
    assert_eq!((status, a.as_str()), (200, ""));
    m.push_faults(
        serde_json::from_value(
            serde_json::json!([{"match":"ListTenants","kind":"redirect_login"}]),
        )
        .unwrap(),
    );
    let (status, a) = advice(&cl, "GET", "ListTenants");
    assert_eq!(status, 302, "redirects are not followed");
    assert!(a.contains("Function App URL"), "{a}");
}

#[test]
fn a_running_call_is_cancelled_from_another_thread_within_a_second() {
    let m = mock();
    let cl = std::sync::Arc::new(mock_client(&m));
    invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    m.push_faults(
        serde_json::from_value(
            serde_json::json!([{"match":"ListTenants","kind":"delay","ms":5000}]),
        )
        .unwrap(),
    );
    let canceller = {
        let cl = cl.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            assert_eq!(cipp_client_cancel(cl.0), Status::Ok);
        })
    };
    let started = Instant::now();
    let e = invoke(&cl, "GET", "ListTenants", &[], None).unwrap_err();
    canceller.join().unwrap();
    assert_eq!(e.status, Status::Cancelled);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    // The client stays usable.
    assert_eq!(
        invoke(&cl, "GET", "ListTenants", &[], None).unwrap().status,
        200
    );
    assert_eq!(cipp_client_cancel(ptr::null()), Status::NullArgument);
}

#[test]
fn retries_are_visible_in_the_trace() {
    let m = mock();
    let mut s = mock_settings(&m, &m.http_url());
    s.push(("retry_base_delay_ms", "10".into()));
    let cl = client_owned(&s).unwrap();
    m.push_faults(
        serde_json::from_value(
            serde_json::json!([{"match":"ListTenants","kind":"status","status":503,"times":2}]),
        )
        .unwrap(),
    );
    let mut resp = ptr::null_mut();
    let st = cipp_client_send(
        cl.0,
        request("GET", "ListTenants", &[], None).unwrap().0,
        &mut resp,
        ptr::null_mut(),
    );
    assert_eq!(st, Status::Ok);
    let trace = unsafe { CStr::from_ptr(cipp_response_trace(resp)) }
        .to_string_lossy()
        .into_owned();
    assert_eq!(cipp_response_status(resp), 200);
    cipp_response_free(resp);
    let lines: Vec<&str> = trace.lines().collect();
    assert_eq!(lines.len(), 2, "{trace}");
    assert!(
        lines[0].starts_with("attempt 1 of 4 failed (HTTP 503); retrying in"),
        "{trace}"
    );
}
