//! Helpers for tests that drive the C ABI the way a C program does.
#![allow(dead_code)]

use cipp_mock::{MockOptions, MockServer};
use cippapi::ffi::*;
use cippapi::Status;
use std::ffi::{CStr, CString};
use std::ptr;

/// The repository root.
pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the freshly built cdylib is for this test run: `target/<profile>/deps` (cargo test puts
/// it there; the copy in `target/<profile>` is only refreshed by cargo build).
pub fn lib_dir() -> std::path::PathBuf {
    std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Starts a mock CIPP server on random loopback ports.
pub fn mock() -> MockServer {
    MockServer::start(options()).expect("mock server starts")
}

/// Mock options with a partner tenant id no other mock in this process has. The library caches
/// tokens per process by token URL; a later mock may get a dropped one's port, and with the same
/// tenant id it would be handed the old mock's token (unknown to it: a 401 and a repeated call
/// the test did not ask for, or no token request where one is counted).
pub fn options() -> MockOptions {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    MockOptions {
        tenant_id: format!("00000000-0000-4000-8000-{n:012x}"),
        ..MockOptions::default()
    }
}

/// A NUL-terminated copy of `s`.
pub fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// Outcome of an FFI call: status plus the error message (empty on success).
#[derive(Debug)]
pub struct Outcome {
    pub status: Status,
    pub message: String,
    /// `cipp_error_advice`: the fix on its own ("" when none).
    pub advice: String,
}

/// Consumes an error pointer.
pub fn take_error(status: Status, err: *mut CippError) -> Outcome {
    let mut advice = String::new();
    let message = if err.is_null() {
        String::new()
    } else {
        let m = unsafe { CStr::from_ptr(cipp_error_message(err)) }
            .to_string_lossy()
            .into_owned();
        advice = unsafe { CStr::from_ptr(cipp_error_advice(err)) }
            .to_string_lossy()
            .into_owned();
        assert_eq!(
            cipp_error_status(err),
            status,
            "error object carries the returned status"
        );
        cipp_error_free(err);
        m
    };
    Outcome {
        status,
        message,
        advice,
    }
}

/// A response copied out of the library.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub content_type: String,
    pub url: String,
    pub body: String,
    /// `cipp_response_headers`: `name: value` lines.
    pub headers: String,
}

/// Consumes a response pointer.
pub fn take_response(resp: *mut CippResponse) -> Resp {
    assert!(!resp.is_null());
    let mut len = 0usize;
    let body = cipp_response_body(resp, &mut len);
    let bytes = unsafe { std::slice::from_raw_parts(body, len) };
    assert_eq!(unsafe { *body.add(len) }, 0, "body is NUL-terminated");
    let out = Resp {
        status: cipp_response_status(resp),
        content_type: unsafe { CStr::from_ptr(cipp_response_content_type(resp)) }
            .to_string_lossy()
            .into_owned(),
        url: unsafe { CStr::from_ptr(cipp_response_url(resp)) }
            .to_string_lossy()
            .into_owned(),
        body: String::from_utf8_lossy(bytes).into_owned(),
        headers: unsafe { CStr::from_ptr(cipp_response_headers(resp)) }
            .to_string_lossy()
            .into_owned(),
    };
    cipp_response_free(resp);
    out
}

/// An owned client handle, freed on drop.
pub struct Client(pub *mut CippClient);
unsafe impl Send for Client {}
unsafe impl Sync for Client {}

impl Drop for Client {
    fn drop(&mut self) {
        cipp_client_free(self.0);
    }
}

/// Builds a client from name/value settings.
pub fn client(settings: &[(&str, &str)]) -> Result<Client, Outcome> {
    let s = cipp_settings_new();
    assert!(!s.is_null());
    for (name, value) in settings {
        let mut err = ptr::null_mut();
        let st = cipp_settings_set(s, c(name).as_ptr(), c(value).as_ptr(), &mut err);
        if st != Status::Ok {
            cipp_settings_free(s);
            return Err(take_error(st, err));
        }
    }
    let mut out = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_client_new(s, &mut out, &mut err);
    cipp_settings_free(s);
    if st != Status::Ok {
        assert!(out.is_null(), "no output on failure");
        return Err(take_error(st, err));
    }
    Ok(Client(out))
}

/// A client for the mock's default API client over plain HTTP.
pub fn mock_client(m: &MockServer) -> Client {
    client_owned(&mock_settings(m, &m.http_url())).expect("client for the mock")
}

/// Settings for the mock's default API client at `base` (HTTP or HTTPS; the CA is trusted).
pub fn mock_settings(m: &MockServer, base: &str) -> Vec<(&'static str, String)> {
    vec![
        ("client_id", cipp_mock::DEFAULT_CLIENT_ID.to_owned()),
        ("client_secret", cipp_mock::DEFAULT_CLIENT_SECRET.to_owned()),
        ("api_url", base.to_owned()),
        ("tenant_id", m.tenant_id().to_owned()),
        ("authority_host", base.to_owned()),
        ("ca_file", m.ca_pem_path().display().to_string()),
    ]
}

/// `client()` for owned setting values.
pub fn client_owned(settings: &[(&str, String)]) -> Result<Client, Outcome> {
    let borrowed: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client(&borrowed)
}

/// A `cipp_request`, freed on drop.
pub struct Request(pub *mut CippRequest);

impl Drop for Request {
    fn drop(&mut self) {
        cipp_request_free(self.0);
    }
}

/// Builds a request from Rust values through the setters (the first failing setter's outcome
/// on failure).
pub fn request(
    method: &str,
    endpoint: &str,
    query: &[(&str, Option<&str>)],
    body: Option<&[u8]>,
) -> Result<Request, Outcome> {
    let r = Request(cipp_request_new());
    assert!(!r.0.is_null());
    let mut err = ptr::null_mut();
    let check = |st: Status, err: *mut CippError| match st {
        Status::Ok => Ok(()),
        st => Err(take_error(st, err)),
    };
    check(
        cipp_request_set_method(r.0, c(method).as_ptr(), &mut err),
        err,
    )?;
    check(
        cipp_request_set_endpoint(r.0, c(endpoint).as_ptr(), &mut err),
        err,
    )?;
    for (k, v) in query {
        let v = v.map(c);
        let st = cipp_request_add_query(
            r.0,
            c(k).as_ptr(),
            v.as_ref().map_or(ptr::null(), |v| v.as_ptr()),
            &mut err,
        );
        check(st, err)?;
    }
    if let Some(b) = body {
        check(
            cipp_request_set_body(r.0, b.as_ptr(), b.len(), &mut err),
            err,
        )?;
    }
    Ok(r)
}

/// A `cipp_request_new_logs` request.
pub fn logs_request(
    severity: Option<&str>,
    date_filter: Option<&str>,
    start_date: Option<&str>,
    end_date: Option<&str>,
) -> Request {
    let args: Vec<Option<CString>> = [severity, date_filter, start_date, end_date]
        .iter()
        .map(|v| v.map(c))
        .collect();
    let p = |i: usize| args[i].as_ref().map_or(ptr::null(), |v| v.as_ptr());
    let mut out = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_request_new_logs(p(0), p(1), p(2), p(3), &mut out, &mut err);
    assert_eq!(st, Status::Ok, "{:?}", take_error(st, err));
    Request(out)
}

/// The outcome of a call that fills `resp` on success.
pub fn response_outcome(
    st: Status,
    resp: *mut CippResponse,
    err: *mut CippError,
) -> Result<Resp, Outcome> {
    if st == Status::Ok {
        assert!(err.is_null());
        Ok(take_response(resp))
    } else {
        assert!(resp.is_null(), "no response on failure");
        Err(take_error(st, err))
    }
}

/// Sends `request` with `cipp_client_send`.
pub fn send(client: &Client, request: &Request) -> Result<Resp, Outcome> {
    let mut resp = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_client_send(client.0, request.0, &mut resp, &mut err);
    response_outcome(st, resp, err)
}

/// Builds a request from Rust values and sends it with `cipp_client_send`.
pub fn invoke(
    client: &Client,
    method: &str,
    endpoint: &str,
    query: &[(&str, Option<&str>)],
    body: Option<&str>,
) -> Result<Resp, Outcome> {
    send(
        client,
        &request(method, endpoint, query, body.map(str::as_bytes))?,
    )
}

/// `cipp_invoke` (the process-default client) with a GET of `endpoint`.
pub fn default_get(endpoint: &str) -> Result<Resp, Outcome> {
    let r = request("GET", endpoint, &[], None)?;
    let mut resp = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_invoke(r.0, &mut resp, &mut err);
    response_outcome(st, resp, err)
}

/// Requests the mock recorded for one path (case-insensitive).
pub fn recorded(m: &MockServer, path: &str) -> Vec<cipp_mock::RecordedRequest> {
    m.requests()
        .into_iter()
        .filter(|r| r.path.eq_ignore_ascii_case(path))
        .collect()
}

/// Token requests the mock saw.
pub fn token_requests(m: &MockServer) -> usize {
    m.requests()
        .iter()
        .filter(|r| r.path.ends_with("/oauth2/v2.0/token"))
        .count()
}
