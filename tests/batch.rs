//! Fan-out over tenants through the C ABI: throttled concurrency, per-tenant outcomes,
//! failures isolated, cancellation accounted for.

mod common;

use cippapi::ffi::*;
use cippapi::Status;
use common::*;
use std::ffi::{c_char, CStr, CString};
use std::ptr;
use std::time::{Duration, Instant};

struct Outcome {
    tenant: String,
    status: Status,
    http: Option<u16>,
}

/// Starts a batch through a request object (`cipp_request_set_tenants` +
/// `cipp_client_batch_start_request`); the first failing step's status (and error).
#[allow(clippy::too_many_arguments)]
fn start_batch(
    cl: &Client,
    method: &str,
    endpoint: &str,
    tenant_in: i32,
    tenants: *const *const c_char,
    tenant_count: usize,
    body: Option<&str>,
    throttle: u32,
    batch: &mut *mut CippBatch,
    err: &mut *mut CippError,
) -> Status {
    let r = match request(method, endpoint, &[], body.map(str::as_bytes)) {
        Ok(r) => r,
        Err(o) => return o.status,
    };
    let st = cipp_request_set_tenants(
        r.0,
        c("tenantFilter").as_ptr(),
        tenant_in,
        tenants,
        tenant_count,
        err,
    );
    if st != Status::Ok {
        return st;
    }
    cipp_client_batch_start_request(cl.0, r.0, throttle, batch, err)
}

fn run_batch(
    cl: &Client,
    endpoint: &str,
    tenants: &[String],
    tenant_in: CippTenantIn,
    body: Option<&str>,
    throttle: u32,
) -> (Vec<Outcome>, Duration) {
    let owned: Vec<CString> = tenants.iter().map(|t| c(t)).collect();
    let ptrs: Vec<*const c_char> = owned.iter().map(|t| t.as_ptr()).collect();
    let mut batch = ptr::null_mut();
    let mut err = ptr::null_mut();
    let started = Instant::now();
    let st = start_batch(
        cl,
        if body.is_some() { "POST" } else { "GET" },
        endpoint,
        tenant_in as i32,
        ptrs.as_ptr(),
        ptrs.len(),
        body,
        throttle,
        &mut batch,
        &mut err,
    );
    assert_eq!(st, Status::Ok, "{:?}", take_error(st, err));
    assert_eq!(cipp_batch_total(batch), tenants.len());
    let mut out = Vec::new();
    for _ in 0..10_000 {
        let mut item = ptr::null_mut();
        match cipp_batch_next(batch, 50, &mut item, ptr::null_mut()) {
            Status::Pending => continue,
            Status::Ok if item.is_null() => break,
            Status::Ok => {
                let resp = cipp_batch_item_response(item);
                out.push(Outcome {
                    tenant: unsafe { CStr::from_ptr(cipp_batch_item_tenant(item)) }
                        .to_string_lossy()
                        .into(),
                    status: cipp_batch_item_status(item),
                    http: (!resp.is_null()).then(|| cipp_response_status(resp)),
                });
                assert_eq!(resp.is_null(), !cipp_batch_item_error(item).is_null());
                cipp_batch_item_free(item);
            }
            other => panic!("cipp_batch_next: {other:?}"),
        }
    }
    let elapsed = started.elapsed();
    cipp_batch_free(batch);
    (out, elapsed)
}

#[test]
fn fan_out_is_concurrent_throttled_and_tags_every_result() {
    let m = mock();
    m.set_config(serde_json::json!({"latency_ms": 100}));
    let cl = mock_client(&m);
    invoke(&cl, "GET", "ListTenants", &[], None).unwrap(); // token cached
    let tenants: Vec<String> = (0..64)
        .map(|i| format!("tenant{i}.onmicrosoft.com"))
        .collect();
    let (out, elapsed) = run_batch(
        &cl,
        "/api/ListUsers",
        &tenants,
        CippTenantIn::Query,
        None,
        16,
    );
    assert_eq!(out.len(), 64);
    assert!(out
        .iter()
        .all(|o| o.status == Status::Ok && o.http == Some(200)));
    let mut seen: Vec<&str> = out.iter().map(|o| o.tenant.as_str()).collect();
    seen.sort();
    let mut expected: Vec<&str> = tenants.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(seen, expected, "each tenant exactly once");
    // 64 calls × 100 ms at 16 in flight: ≥ 4 rounds (0.4 s), far below sequential 6.4 s.
    assert!(
        elapsed >= Duration::from_millis(390),
        "throttle respected: {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(3),
        "calls ran concurrently: {elapsed:?}"
    );
    let reqs = recorded(&m, "/api/ListUsers");
    assert_eq!(reqs.len(), 64);
    assert!(reqs
        .iter()
        .all(|r| r.raw_query.starts_with("tenantFilter=tenant")));
    assert_eq!(token_requests(&m), 1, "one token for the whole batch");
}

#[test]
fn one_failing_tenant_does_not_stop_the_others_and_body_tenants_work() {
    let m = mock();
    let cl = mock_client(&m);
    let tenants: Vec<String> = vec!["a.com".into(), "fail.com".into(), "b.com".into()];
    // ListMailboxes answers 403 ["…"] for tenants starting with "fail" (a Graph error).
    let (out, _) = run_batch(&cl, "ListMailboxes", &tenants, CippTenantIn::Query, None, 2);
    let failed: Vec<&Outcome> = out.iter().filter(|o| o.http == Some(403)).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].tenant, "fail.com");
    assert_eq!(out.iter().filter(|o| o.http == Some(200)).count(), 2);

    let (out, _) = run_batch(
        &cl,
        "ExecResetPass",
        &tenants[..1],
        CippTenantIn::Body,
        Some(r#"{"ID":"x","tenantFilter":"old"}"#),
        4,
    );
    assert_eq!(out[0].http, Some(200));
    let body: serde_json::Value =
        serde_json::from_str(&recorded(&m, "/api/ExecResetPass")[0].body).unwrap();
    assert_eq!(body, serde_json::json!({"ID":"x","tenantFilter":"a.com"}));
}

#[test]
fn cancelling_a_batch_accounts_for_every_tenant() {
    let m = mock();
    m.set_config(serde_json::json!({"latency_ms": 300}));
    let cl = mock_client(&m);
    let tenants: Vec<CString> = (0..20).map(|i| c(&format!("t{i}.com"))).collect();
    let ptrs: Vec<*const c_char> = tenants.iter().map(|t| t.as_ptr()).collect();
    let mut batch = ptr::null_mut();
    let st = start_batch(
        &cl,
        "GET",
        "ListUsers",
        0,
        ptrs.as_ptr(),
        20,
        None,
        2,
        &mut batch,
        &mut ptr::null_mut(),
    );
    assert_eq!(st, Status::Ok);
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(cipp_batch_cancel(batch), Status::Ok);
    let (mut ok, mut cancelled) = (0, 0);
    for _ in 0..1000 {
        let mut item = ptr::null_mut();
        match cipp_batch_next(batch, 100, &mut item, ptr::null_mut()) {
            Status::Pending => continue,
            Status::Ok if item.is_null() => break,
            Status::Ok => {
                match cipp_batch_item_status(item) {
                    Status::Ok => ok += 1,
                    Status::Cancelled => cancelled += 1,
                    other => panic!("unexpected {other:?}"),
                }
                cipp_batch_item_free(item);
            }
            other => panic!("{other:?}"),
        }
    }
    cipp_batch_free(batch);
    assert_eq!(ok + cancelled, 20, "every tenant has exactly one outcome");
    assert!(cancelled >= 15, "most were cancelled: {cancelled}");
    assert!(
        recorded(&m, "/api/ListUsers").len() <= 4,
        "no new calls after the cancel"
    );
}

#[test]
fn bad_batch_arguments_are_refused() {
    let m = mock();
    let cl = mock_client(&m);
    let t = [c("a.com")];
    let ptrs = [t[0].as_ptr()];
    let mut batch = ptr::null_mut();
    let mut err = ptr::null_mut();
    let start = |endpoint: &str,
                 tenant_in: i32,
                 body: Option<&str>,
                 throttle: u32,
                 batch: &mut *mut CippBatch,
                 err: &mut *mut CippError| {
        start_batch(
            &cl,
            "POST",
            endpoint,
            tenant_in,
            ptrs.as_ptr(),
            1,
            body,
            throttle,
            batch,
            err,
        )
    };
    for (endpoint, tenant_in, body, throttle) in [
        ("ListUsers", 0, None, 0),
        ("ListUsers", 0, None, 100_000),
        ("ListUsers", 7, None, 4),
        ("ListUsers", 1, Some("[1,2]"), 4),
        ("../x", 0, None, 4),
    ] {
        let st = start(endpoint, tenant_in, body, throttle, &mut batch, &mut err);
        let o = take_error(st, err);
        assert_eq!(
            o.status,
            Status::InvalidArgument,
            "{endpoint} {tenant_in} {body:?} {throttle}: {}",
            o.message
        );
        assert!(batch.is_null());
    }
    let st = start_batch(
        &cl,
        "GET",
        "ListUsers",
        0,
        ptr::null(),
        3,
        None,
        4,
        &mut batch,
        &mut err,
    );
    assert_eq!(take_error(st, err).status, Status::NullArgument);
    assert_eq!(
        cipp_batch_next(ptr::null_mut(), 0, &mut ptr::null_mut(), ptr::null_mut()),
        Status::NullArgument
    );
    cipp_batch_free(ptr::null_mut());
    cipp_batch_item_free(ptr::null_mut());
}
