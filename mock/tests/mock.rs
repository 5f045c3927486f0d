//! Integration tests for the mock CIPP server over raw TCP (and one TLS handshake).

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use cipp_mock::{
    Fault, FaultKind, MockClient, MockOptions, MockServer, DEFAULT_CLIENT_ID, READONLY_CLIENT_ID,
    READONLY_CLIENT_SECRET,
};
use common::*;
use serde_json::{json, Value};

fn b64url_decode(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => panic!("bad base64url"),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn assert_entra_error(r: &Resp, status: u16, error: &str, code: u64) {
    assert_eq!(r.status, status, "{}", r.text());
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let j = r.json();
    assert_eq!(j["error"], error, "{j}");
    assert_eq!(j["error_codes"], json!([code]));
    let desc = j["error_description"].as_str().unwrap();
    assert!(desc.starts_with(&format!("AADSTS{code}: ")), "{desc}");
    assert!(
        desc.contains("\r\nTrace ID: ")
            && desc.contains("\r\nCorrelation ID: ")
            && desc.contains("\r\nTimestamp: ")
    );
    assert_eq!(
        j["error_uri"],
        format!("https://login.microsoftonline.com/error?code={code}")
    );
    for k in ["timestamp", "trace_id", "correlation_id"] {
        assert!(j[k].is_string(), "{k} missing");
    }
    let ts = j["timestamp"].as_str().unwrap();
    assert!(
        ts.len() == 20 && ts.ends_with('Z') && &ts[10..11] == " ",
        "{ts}"
    );
}

#[test]
fn token_success_and_errors() {
    let s = start();
    let a = s.http_addr();
    let t = s.tenant_id().to_string();
    let id = DEFAULT_CLIENT_ID;
    let scope = format!("api://{id}/.default");

    let r = token_req(
        a,
        &t,
        &form(
            id,
            cipp_mock::DEFAULT_CLIENT_SECRET,
            &scope,
            "client_credentials",
        ),
    );
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["token_type"], "Bearer");
    assert_eq!(j["expires_in"], 3599);
    assert_eq!(j["ext_expires_in"], 3599);
    let tok = j["access_token"].as_str().unwrap();
    let parts: Vec<&str> = tok.split('.').collect();
    assert_eq!(parts.len(), 3);
    let claims: Value = serde_json::from_slice(&b64url_decode(parts[1])).unwrap();
    assert_eq!(claims["aud"], format!("api://{id}"));
    assert_eq!(claims["appid"], id);
    assert_eq!(claims["tid"], t);
    assert_eq!(claims["iss"], format!("https://sts.windows.net/{t}/"));
    assert!(claims["exp"].as_i64().unwrap() > claims["iat"].as_i64().unwrap());
    let tok2 = admin_token(&s);
    let claims2: Value =
        serde_json::from_slice(&b64url_decode(tok2.split('.').nth(1).unwrap())).unwrap();
    assert_ne!(claims["jti"], claims2["jti"]);

    // Not form-encoded → no client_id.
    let r = full(request(
        a,
        "POST",
        &format!("/{t}/oauth2/v2.0/token"),
        &[("Content-Type", "application/json")],
        br#"{"client_id":"x"}"#,
    ));
    assert_entra_error(&r, 400, "invalid_request", 900144);
    assert!(r.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("'client_id'"));
    // Unknown tenant.
    let r = token_req(
        a,
        "99999999-2222-3333-4444-555555555555",
        &form(
            id,
            cipp_mock::DEFAULT_CLIENT_SECRET,
            &scope,
            "client_credentials",
        ),
    );
    assert_entra_error(&r, 400, "invalid_request", 90002);
    // Unknown client.
    let other = "cccccccc-cccc-cccc-cccc-cccccccccccc";
    let r = token_req(
        a,
        &t,
        &form(
            other,
            "x",
            &format!("api://{other}/.default"),
            "client_credentials",
        ),
    );
    assert_entra_error(&r, 400, "unauthorized_client", 700016);
    // Wrong secret.
    let r = token_req(a, &t, &form(id, "wrong", &scope, "client_credentials"));
    assert_entra_error(&r, 401, "invalid_client", 7000215);
    // Wrong scope (v2-style bare GUID resource).
    let r = token_req(
        a,
        &t,
        &form(
            id,
            cipp_mock::DEFAULT_CLIENT_SECRET,
            &format!("{id}/.default"),
            "client_credentials",
        ),
    );
    assert_entra_error(&r, 400, "invalid_resource", 500011);
    assert!(r.json()["error_description"]
        .as_str()
        .unwrap()
        .contains(&format!("named {id} was not found")));
    // Grant type.
    let r = token_req(
        a,
        &t,
        &form(id, cipp_mock::DEFAULT_CLIENT_SECRET, &scope, "password"),
    );
    assert_entra_error(&r, 400, "unsupported_grant_type", 70003);
}

#[test]
fn easyauth_and_dispatch() {
    let s = start();
    let a = s.http_addr();
    // No token, bad token.
    for tok in [None, Some("not-a-token")] {
        let r = get(a, "/api/ListLogs", tok);
        assert_eq!(r.status, 401);
        assert_eq!(
            r.text(),
            "You do not have permission to view this directory or page."
        );
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
    }
    // PublicPing needs none.
    let r = get(a, "/api/PublicPing", None);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["Results"]["Message"], "Pong");

    let tok = admin_token(&s);
    let r = get(a, "/api/NoSuchEndpoint", Some(&tok));
    assert_eq!((r.status, r.text().as_str()), (404, "Endpoint not found"));
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    // Case-insensitive lookup.
    assert_eq!(get(a, "/api/listtenants", Some(&tok)).status, 200);
    assert_eq!(
        get(a, "/api/ListTenants", Some(&tok))
            .json()
            .as_array()
            .unwrap()
            .len(),
        5
    );
    // Generic answers.
    assert_eq!(
        get(a, "/api/ListUsers?tenantFilter=x", Some(&tok)).json(),
        json!([])
    );
    let r = post_json(a, "/api/AddUser", Some(&tok), &json!({"tenantFilter": "x"}));
    assert_eq!(r.json(), json!({"Results": "Mock: AddUser accepted"}));
    assert_eq!(
        r.header("content-type").unwrap(),
        "application/json; charset=utf-8"
    );
    // ExecResetPass / ExecOffboardUser.
    let r = get(
        a,
        "/api/ExecResetPass?tenantFilter=x&ID=jdoe@contoso.com",
        Some(&tok),
    );
    assert_eq!(
        r.json()["Results"],
        "Successfully reset the password for jdoe@contoso.com"
    );
    let r = post_json(
        a,
        "/api/ExecOffboardUser",
        Some(&tok),
        &json!({"tenantFilter": "x", "user": [{"value": "fail@contoso.com", "label": "f"}]}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["Results"], "Failed to offboard user: mock failure");
    // Graph-error 403 JSON array.
    let r = get(
        a,
        "/api/ListMailboxes?tenantFilter=failing.onmicrosoft.com",
        Some(&tok),
    );
    assert_eq!(r.status, 403);
    assert!(r.json().is_array());
    // Duplicate-case body keys → 500 empty.
    let r = full(request(
        a,
        "POST",
        "/api/AddUser",
        &[
            ("Authorization", &format!("Bearer {tok}")),
            ("Content-Type", "application/json"),
        ],
        br#"{"a":1,"A":2}"#,
    ));
    assert_eq!((r.status, r.body.len()), (500, 0));

    // RBAC: readonly.
    let ro = token_for(&s, READONLY_CLIENT_ID, READONLY_CLIENT_SECRET);
    assert_eq!(get(a, "/api/ListLogs", Some(&ro)).status, 200);
    let r = get(a, "/api/ExecResetPass?ID=x", Some(&ro));
    assert_eq!(r.status, 403);
    assert_eq!(
        r.text(),
        "Access to this CIPP API endpoint is not allowed, the 'readonly' base role does not have the required permission: Identity.User.ReadWrite"
    );
    let me = get(a, "/api/me", Some(&ro)).json();
    assert_eq!(me["clientPrincipal"]["appId"], READONLY_CLIENT_ID);
    assert!(me["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p.as_str().unwrap().ends_with(".Read")));
}

#[test]
fn roleless_and_custom_roles() {
    let mut opts = MockOptions::default();
    opts.clients
        .push(MockClient::parse("dddddddd-0000-0000-0000-000000000001:s1:").unwrap());
    opts.clients.push(MockClient::new(
        "dddddddd-0000-0000-0000-000000000002",
        "s2",
        "helpdesk",
    ));
    opts.custom_roles
        .insert("helpdesk".into(), vec!["CIPP.Core.ReadWrite".into()]);
    let s = MockServer::start(opts).unwrap();
    let a = s.http_addr();
    let t1 = token_for(&s, "dddddddd-0000-0000-0000-000000000001", "s1");
    let r = get(a, "/api/ListLogs", Some(&t1));
    assert_eq!(r.status, 403);
    assert_eq!(r.text(), "Access to this CIPP API endpoint is not allowed, the user does not have the required permission");
    let t2 = token_for(&s, "dddddddd-0000-0000-0000-000000000002", "s2");
    assert_eq!(get(a, "/api/ListLogs", Some(&t2)).status, 200);
    let r = get(a, "/api/ListUsers", Some(&t2));
    assert_eq!(r.status, 403);
    assert!(r
        .text()
        .ends_with("you do not have the required permission: Identity.User.Read"));
    let me = get(a, "/api/me", Some(&t2)).json();
    assert_eq!(me["clientPrincipal"]["appRole"], json!(["helpdesk"]));
    assert_eq!(me["permissions"], json!(["CIPP.Core.ReadWrite"]));
}

#[test]
fn token_expiry() {
    let s = start();
    s.set_config(json!({"token_expires_in": 0}));
    let tok = admin_token(&s);
    let r = get(s.http_addr(), "/api/ListLogs", Some(&tok));
    assert_eq!(r.status, 401);
    assert_eq!(s.requests().last().unwrap().auth, "expired");
    // reset restores defaults and forgets tokens.
    s.reset();
    assert_eq!(s.config().token_expires_in, 3599);
    assert_eq!(get(s.http_addr(), "/api/ListLogs", Some(&tok)).status, 401);
    assert_eq!(s.requests()[0].auth, "invalid");
}

fn logs(s: &MockServer, tok: &str, q: &str) -> Resp {
    get(s.http_addr(), &format!("/api/ListLogs{q}"), Some(tok))
}

#[test]
fn list_logs_modes() {
    let s = start();
    let tok = admin_token(&s);
    let today = day_key(0);
    let first = day_key(6);

    let r = logs(&s, &tok, "");
    assert_eq!(r.status, 200);
    let def = r.json();
    let rows = def.as_array().unwrap();
    assert!(!rows.is_empty() && rows.len() < 40);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // JSON key order as emitted (check the raw text, since serde_json may sort).
    let text = r.text();
    let order = [
        "\"DateTime\"",
        "\"Tenant\"",
        "\"API\"",
        "\"Message\"",
        "\"User\"",
        "\"Severity\"",
        "\"LogData\"",
        "\"TenantID\"",
        "\"AppId\"",
        "\"IP\"",
        "\"RowKey\"",
        "\"StandardInfo\"",
        "\"DateFilter\"",
    ];
    let first_obj = &text[..text
        .find('}')
        .map(|i| i + 200)
        .unwrap_or(text.len())
        .min(text.len())];
    let mut last = 0;
    for k in order {
        let p = first_obj.find(k).unwrap_or_else(|| panic!("{k} missing"));
        assert!(p >= last, "{k} out of order");
        last = p;
    }
    assert_eq!(keys.len(), 13);
    for row in rows {
        assert_eq!(row["DateFilter"], today.as_str());
        assert!(!row["Severity"]
            .as_str()
            .unwrap()
            .eq_ignore_ascii_case("debug"));
        assert_eq!(row["StandardInfo"], json!({}));
    }
    let times: Vec<&str> = rows
        .iter()
        .map(|r| r["DateTime"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");

    // Without Filter=true, other parameters are ignored.
    assert_eq!(
        logs(&s, &tok, &format!("?DateFilter={first}&Severity=Debug")).json(),
        def
    );
    assert_eq!(
        logs(&s, &tok, &format!("?Filter=1&DateFilter={first}")).json(),
        def
    );

    // Filtered: range over the whole week, Debug only.
    let r = logs(
        &s,
        &tok,
        &format!("?Filter=true&StartDate={first}&EndDate={today}&Severity=Debug"),
    );
    let rows = r.json();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["Severity"] == "Debug"));
    let days: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r["DateFilter"].as_str().unwrap())
        .collect();
    assert!(
        days.len() > 1
            && days
                .iter()
                .all(|d| *d >= first.as_str() && *d <= today.as_str())
    );
    // DateFilter: one day; severities not trimmed.
    let one = logs(&s, &tok, &format!("?Filter=True&DateFilter={first}")).json();
    assert!(one
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["DateFilter"] == first.as_str()));
    let trimmed = logs(
        &s,
        &tok,
        &format!("?Filter=true&DateFilter={first}&Severity=Info,%20Error"),
    )
    .json();
    assert!(trimmed
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["Severity"].as_str().unwrap().eq_ignore_ascii_case("info")));
    // yyyy-MM-dd passes validation but matches nothing as an end date.
    assert_eq!(
        logs(&s, &tok, "?Filter=true&DateFilter=2026-08-07").json(),
        json!([])
    );
    // Bad date → 500 text.
    let r = logs(&s, &tok, "?Filter=true&StartDate=08/07/2026");
    assert_eq!(r.status, 500);
    assert!(r
        .text()
        .starts_with("Invalid date format for OData filter."));
    // Tenant / User / API filters.
    let r = logs(
        &s,
        &tok,
        &format!(
            "?Filter=true&StartDate={first}&EndDate={today}&Tenant=contoso&User=CIPP&API=reset"
        ),
    )
    .json();
    for row in r.as_array().unwrap() {
        assert_eq!(row["Tenant"], "contoso.onmicrosoft.com");
        assert_eq!(row["User"], "CIPP");
        assert!(row["API"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("reset"));
    }
    // Partitions.
    let p = logs(&s, &tok, "?ListLogs=false").json();
    assert_eq!(p.as_array().unwrap().len(), 7);
    assert_eq!(p[6], json!({"value": today, "label": today}));
    // Single entry.
    let one = &def[0];
    let q = format!(
        "?logentryid={}&DateFilter={}",
        one["RowKey"].as_str().unwrap(),
        today
    );
    let e = logs(&s, &tok, &q).json();
    assert_eq!(e.as_array().unwrap().len(), 1);
    assert_eq!(e[0]["RowKey"], one["RowKey"]);
    assert!(e[0].get("Standard").is_some() && e[0].get("StandardInfo").is_none());
    let r = logs(&s, &tok, "?logentryid=nope");
    assert_eq!(
        (r.status, r.text().as_str()),
        (500, "Invalid GUID format for OData filter: 'nope'")
    );

    // Row count is configurable.
    s.set_config(json!({"log_rows_per_day": 2000}));
    let big = logs(
        &s,
        &tok,
        "?Filter=true&Severity=Info,Warn,Warning,Error,Critical,Alert,Debug",
    )
    .json();
    assert_eq!(big.as_array().unwrap().len(), 2000);
}

#[test]
fn recorder_fields() {
    let s = start();
    let a = s.http_addr();
    let tok = admin_token(&s);
    let raw_q = "Filter=True&DateFilter=20260101&Empty=&a=b+c%2Fd&a=2&flag";
    let r = full(request(
        a,
        "GET",
        &format!("/api/ListLogs?{raw_q}"),
        &[("Authorization", &format!("Bearer {tok}")), ("X-Test", "1")],
        b"",
    ));
    assert_eq!(r.status, 200);
    let recs = s.requests();
    assert_eq!(recs.len(), 2);
    let t = &recs[0];
    assert_eq!(t.seq, 1);
    assert_eq!(t.path, format!("/{}/oauth2/v2.0/token", s.tenant_id()));
    assert!(t.body.contains("client_secret=<redacted>") && !t.body.contains("mock-secret"));
    assert!(t
        .body
        .starts_with("grant_type=client_credentials&client_id="));
    let g = &recs[1];
    assert_eq!(g.seq, 2);
    assert_eq!(g.method, "GET");
    assert_eq!(g.path, "/api/ListLogs");
    assert_eq!(g.raw_query, raw_q);
    let q: Vec<(&str, &str)> = g
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        q,
        vec![
            ("Filter", "True"),
            ("DateFilter", "20260101"),
            ("Empty", ""),
            ("a", "b c/d"),
            ("a", "2"),
            ("flag", "")
        ]
    );
    assert_eq!(g.headers["authorization"], "Bearer <redacted>");
    assert_eq!(g.headers["x-test"], "1");
    assert_eq!(g.auth, "valid");
    assert_eq!(g.listener, "http");
    assert_eq!(g.fault, None);

    // The HTTP control surface returns the same JSON, and never records itself.
    let j = get(a, "/_mock/requests", None).json();
    assert_eq!(j.as_array().unwrap().len(), 2);
    assert_eq!(j[1]["raw_query"], raw_q);
    assert_eq!(j[1]["query"][2], json!(["Empty", ""]));
    let back: Vec<cipp_mock::RecordedRequest> = serde_json::from_value(j).unwrap();
    assert_eq!(back, recs);
    assert_eq!(
        full(request(a, "DELETE", "/_mock/requests", &[], b"")).status,
        200
    );
    assert!(s.requests().is_empty());
    assert_eq!(get(a, "/_mock/health", None).text(), "ok");
    // Query parsing as the Functions host does it (ListApiTest echo).
    let e = get(a, "/api/ListApiTest?x=1&X=2&empty=", Some(&tok)).json();
    assert_eq!(e["Query"], json!({"x": "1,2"}));
    assert_eq!(
        e["Headers"]["x-ms-client-principal-name"],
        DEFAULT_CLIENT_ID
    );
    // Config via HTTP.
    let r = post_json(a, "/_mock/config", None, &json!({"latency_ms": 5}));
    assert_eq!(r.json()["latency_ms"], 5);
    assert_eq!(
        post_json(a, "/_mock/config", None, &json!({"nope": 1})).status,
        400
    );
}

#[test]
fn faults() {
    let s = start();
    let a = s.http_addr();
    let tok = admin_token(&s);

    // status, via HTTP control, with headers.
    let r = post_json(
        a,
        "/_mock/faults",
        None,
        &json!([{"match": "listlogs", "kind": "status", "status": 503, "body": "busy", "headers": {"Retry-After": "2"}, "times": 2}]),
    );
    assert_eq!(r.status, 200);
    for _ in 0..2 {
        let r = get(a, "/api/ListLogs", Some(&tok));
        assert_eq!(
            (r.status, r.text().as_str(), r.header("retry-after")),
            (503, "busy", Some("2"))
        );
    }
    assert_eq!(get(a, "/api/ListLogs", Some(&tok)).status, 200);
    assert_eq!(
        s.requests()
            .iter()
            .filter(|r| r.fault.as_deref() == Some("status"))
            .count(),
        2
    );

    // method filter: a GET does not consume a POST-only fault.
    s.push_faults(vec![Fault::status("ListLogs", 500).method("POST")]);
    assert_eq!(get(a, "/api/ListLogs", Some(&tok)).status, 200);
    assert_eq!(s.pending_faults().len(), 1);
    s.reset();
    let tok = admin_token(&s);
    let auth = format!("Bearer {tok}");

    // delay
    s.push_faults(vec![Fault::new("PublicPing", FaultKind::Delay { ms: 300 })]);
    let t0 = Instant::now();
    assert_eq!(get(a, "/api/PublicPing", None).status, 200);
    assert!(t0.elapsed() >= Duration::from_millis(300));

    // reset: no response
    s.push_faults(vec![Fault::new("*", FaultKind::Reset)]);
    assert!(matches!(
        request(a, "GET", "/api/PublicPing", &[], b""),
        Read2::Nothing { .. }
    ));

    // reset_mid_body / truncate: short body
    for (kind, name) in [
        (FaultKind::ResetMidBody, "reset_mid_body"),
        (FaultKind::Truncate, "truncate"),
    ] {
        s.push_faults(vec![Fault::new("ListLogs", kind)]);
        match request(
            a,
            "GET",
            "/api/ListLogs",
            &[("Authorization", auth.as_str())],
            b"",
        ) {
            Read2::Short {
                resp,
                expected,
                reset,
            } => {
                assert_eq!(resp.status, 200);
                assert_eq!(resp.body.len(), expected / 2, "{name}");
                if name == "truncate" {
                    assert!(!reset, "truncate must end with a clean FIN");
                }
            }
            other => panic!("{name}: expected a short body, got {other:?}"),
        }
        assert_eq!(s.requests().last().unwrap().fault.as_deref(), Some(name));
    }

    // invalid_json
    s.push_faults(vec![Fault::new("ListLogs", FaultKind::InvalidJson)]);
    let r = get(a, "/api/ListLogs", Some(&tok));
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());

    // expire_token
    s.push_faults(vec![Fault::new("ListLogs", FaultKind::ExpireToken)]);
    assert_eq!(get(a, "/api/ListLogs", Some(&tok)).status, 401);
    assert_eq!(s.requests().last().unwrap().auth, "expired");
    assert_eq!(get(a, "/api/ListLogs", Some(&tok)).status, 200);

    // redirect_login
    s.push_faults(vec![Fault::new("ListLogs", FaultKind::RedirectLogin)]);
    let r = get(a, "/api/ListLogs?a=1", Some(&tok));
    assert_eq!(r.status, 302);
    assert!(r
        .header("location")
        .unwrap()
        .starts_with("/.auth/login/aad?post_login_redirect_uri="));

    // token fault
    s.push_faults(vec![Fault::status("token", 429)]);
    let f = form(
        DEFAULT_CLIENT_ID,
        cipp_mock::DEFAULT_CLIENT_SECRET,
        "x",
        "client_credentials",
    );
    assert_eq!(token_req(a, s.tenant_id(), &f).status, 429);
    assert!(s.pending_faults().is_empty());
    assert_eq!(get(a, "/_mock/faults", None).json(), json!([]));
}

#[test]
fn http_framing() {
    let s = start();
    let a = s.http_addr();
    // Keep-alive: two requests on one connection, the second with a chunked body and Expect.
    let mut c = connect(a);
    c.write_all(b"GET /api/PublicPing HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(full(read_response(&mut c)).status, 200);
    c.write_all(b"POST /api/PublicPing?x=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\nContent-Type: application/json\r\n\r\n").unwrap();
    let cont = full(read_response(&mut c));
    assert_eq!(cont.status, 100);
    c.write_all(b"5\r\n{\"a\":\r\n3;ext=1\r\n 1}\r\n0\r\n\r\n")
        .unwrap();
    assert_eq!(full(read_response(&mut c)).status, 200);
    let rec = s.requests();
    assert_eq!(rec.len(), 2);
    assert_eq!(rec[1].body, "{\"a\": 1}");
    // Malformed request line → 400; oversized head → 431; huge body → 413.
    assert_eq!(full(raw(a, b"NONSENSE\r\n\r\n")).status, 400);
    assert_eq!(
        full(raw(a, b"GET / HTTP/1.1\r\nbad header\r\n\r\n")).status,
        400
    );
    let mut big = b"GET /api/PublicPing HTTP/1.1\r\nX-Big: ".to_vec();
    big.extend(std::iter::repeat_n(b'a', 70 * 1024));
    big.extend_from_slice(b"\r\n\r\n");
    assert_eq!(full(raw(a, &big)).status, 431);
    assert_eq!(
        full(raw(
            a,
            b"POST /api/PublicPing HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n"
        ))
        .status,
        413
    );
    assert_eq!(
        full(raw(
            a,
            b"POST /api/PublicPing HTTP/1.1\r\nContent-Length: abc\r\n\r\n"
        ))
        .status,
        400
    );
    // Server still fine.
    assert_eq!(get(a, "/_mock/health", None).status, 200);
}

#[test]
fn graph_paging_queue_and_batch() {
    let s = start();
    let a = s.http_addr();
    let tok = admin_token(&s);
    s.set_config(json!({"graph_user_count": 25}));
    let mut target = "/api/ListGraphRequest?tenantFilter=contoso.onmicrosoft.com&Endpoint=users&manualPagination=true&$top=10".to_string();
    let mut seen = 0;
    let mut pages = 0;
    loop {
        let j = get(a, &target, Some(&tok)).json();
        seen += j["Results"].as_array().unwrap().len();
        pages += 1;
        match j["Metadata"].get("nextLink").and_then(Value::as_str) {
            Some(link) => {
                assert!(link.starts_with("https://graph.microsoft.com/beta/users?"));
                let enc: String = link
                    .bytes()
                    .map(|b| {
                        if b.is_ascii_alphanumeric() {
                            (b as char).to_string()
                        } else {
                            format!("%{b:02X}")
                        }
                    })
                    .collect();
                target = format!("/api/ListGraphRequest?tenantFilter=contoso.onmicrosoft.com&Endpoint=users&manualPagination=true&nextLink={enc}");
            }
            None => break,
        }
    }
    assert_eq!((seen, pages), (25, 3));

    // Queue progression.
    let id = s.add_queue_item("Test job", "ref1", 4, 0);
    let statuses: Vec<String> = (0..3)
        .map(|_| {
            get(a, &format!("/api/ListCippQueue?QueueId={id}"), Some(&tok)).json()[0]["Status"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(statuses, ["Queued", "Running", "Completed"]);
    assert_eq!(
        post_json(a, "/api/RemoveCippQueue", Some(&tok), &json!({})).json(),
        json!({"Results": ["History cleared"]})
    );
    assert_eq!(get(a, "/api/ListCippQueue", Some(&tok)).json(), json!([]));

    // $batch
    let r = post_json(
        a,
        "/api/$batch",
        Some(&tok),
        &json!({"requests": [
            {"id": "1", "url": "ListTenants", "method": "GET"},
            {"id": "2", "url": "Nope", "method": "GET"}
        ]}),
    );
    let j = r.json();
    assert_eq!(j["responses"][0]["status"], 200);
    assert_eq!(j["responses"][1]["status"], 404);
    assert_eq!(j["responses"][1]["body"], "Endpoint not found");
}

#[test]
fn https_with_generated_ca() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio_rustls::rustls::{
        self, pki_types::pem::PemObject, pki_types::CertificateDer, pki_types::ServerName,
    };

    let s = start();
    let pem = std::fs::read(s.ca_pem_path()).unwrap();
    assert!(String::from_utf8_lossy(&pem).contains("BEGIN CERTIFICATE"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let addr = s.https_addr();
    let body = rt.block_on(async move {
        let mut roots = rustls::RootCertStore::empty();
        for c in CertificateDer::pem_slice_iter(&pem) {
            roots.add(c.unwrap()).unwrap();
        }
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let cfg = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        let conn = tokio_rustls::TlsConnector::from(std::sync::Arc::new(cfg));
        let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
        let name = ServerName::try_from("127.0.0.1").unwrap().to_owned();
        let mut tls = conn.connect(name, tcp).await.expect("TLS handshake");
        tls.write_all(
            b"GET /api/PublicPing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        )
        .await
        .unwrap();
        let mut out = Vec::new();
        let _ = tls.read_to_end(&mut out).await;
        String::from_utf8_lossy(&out).into_owned()
    });
    assert!(body.starts_with("HTTP/1.1 200 OK\r\n"), "{body}");
    assert!(body.contains("\"Pong\""));
    assert_eq!(s.requests()[0].listener, "https");
}

#[test]
fn drop_closes_listeners() {
    let s = start();
    let a = s.http_addr();
    let ca = s.ca_pem_path().to_path_buf();
    assert!(ca.exists());
    drop(s);
    assert!(std::net::TcpStream::connect_timeout(&a, Duration::from_millis(500)).is_err());
    assert!(!ca.exists(), "temporary state dir removed");
}

/// The directory list endpoints: CIPP/Graph field names, different rows per tenant (by domain or
/// customerId), unknown tenants empty, AllTenants rows carrying `Tenant`, times never in the future.
#[test]
fn directory_list_endpoints() {
    let s = start();
    let a = s.http_addr();
    let tok = admin_token(&s);
    let list = |ep: &str, tenant: &str| {
        let r = get(a, &format!("/api/{ep}?tenantFilter={tenant}"), Some(&tok));
        assert_eq!(r.status, 200, "{ep} {tenant}: {}", r.text());
        r.json()
    };
    let contoso = "contoso.onmicrosoft.com";
    let fields: &[(&str, &[&str])] = &[
        (
            "ListUsers",
            &[
                "id",
                "displayName",
                "userPrincipalName",
                "accountEnabled",
                "assignedLicenses",
                "userType",
                "mail",
                "LicJoined",
            ],
        ),
        (
            "ListLicenses",
            &[
                "Tenant",
                "License",
                "CountUsed",
                "CountAvailable",
                "TotalLicenses",
                "skuId",
                "skuPartNumber",
            ],
        ),
        (
            "ListMailboxes",
            &[
                "UPN",
                "displayName",
                "primarySmtpAddress",
                "recipientTypeDetails",
                "Id",
            ],
        ),
        (
            "ListDevices",
            &[
                "id",
                "deviceName",
                "userPrincipalName",
                "operatingSystem",
                "complianceState",
                "lastSyncDateTime",
            ],
        ),
        (
            "ListGroups",
            &[
                "id",
                "displayName",
                "groupTypes",
                "mailEnabled",
                "securityEnabled",
                "calculatedGroupType",
            ],
        ),
        (
            "ListRoles",
            &[
                "Id",
                "DisplayName",
                "Description",
                "Members",
                "roleTemplateId",
            ],
        ),
        (
            "ListMFAUsers",
            &[
                "UPN",
                "AccountEnabled",
                "isLicensed",
                "MFARegistration",
                "MFACapable",
                "CoveredByCA",
                "IsAdmin",
            ],
        ),
        (
            "ListDomains",
            &["id", "isDefault", "isInitial", "isVerified"],
        ),
    ];
    for (ep, keys) in fields {
        let rows = list(ep, contoso);
        let rows = rows
            .as_array()
            .unwrap_or_else(|| panic!("{ep}: not an array"));
        assert!(!rows.is_empty(), "{ep}");
        for row in rows {
            for k in *keys {
                assert!(row.get(*k).is_some(), "{ep}: no {k} in {row}");
            }
        }
        // Same rows by customerId; other rows for another tenant; none for an unknown one.
        assert_eq!(
            list(ep, "0b7e2a1c-5d3f-4e8a-9c21-6f4d8b2e1a01")
                .as_array()
                .unwrap(),
            rows,
            "{ep}"
        );
        assert_ne!(&list(ep, "adatum.onmicrosoft.com"), &json!(rows), "{ep}");
        assert_eq!(list(ep, "unknown.onmicrosoft.com"), json!([]), "{ep}");
    }
    let users = list("ListUsers", contoso);
    let users = users.as_array().unwrap();
    assert_eq!(users.len(), 24);
    assert!(users.iter().any(|u| u["accountEnabled"] == false));
    assert!(users
        .iter()
        .all(|u| u["userPrincipalName"].as_str().unwrap().contains('@')));
    let one = get(
        a,
        &format!(
            "/api/ListUsers?tenantFilter={contoso}&UserID={}",
            users[3]["id"].as_str().unwrap()
        ),
        Some(&tok),
    )
    .json();
    assert_eq!(one, json!([users[3].clone()]));
    // Global Administrator has the tenant admin.
    let roles = list("ListRoles", contoso);
    assert_eq!(roles[0]["DisplayName"], "Global Administrator");
    assert_eq!(
        roles[0]["Members"][0]["userPrincipalName"],
        "admin@contoso.onmicrosoft.com"
    );
    // Conditional Access: the {Results, Metadata} envelope.
    let ca = list("ListConditionalAccessPolicies", contoso);
    assert!(ca["Metadata"].is_object());
    let ca = ca["Results"].as_array().unwrap();
    assert!(ca
        .iter()
        .all(|p| p["displayName"].is_string() && p["state"].is_string()));
    assert_eq!(
        list("ListConditionalAccessPolicies", "nope")["Results"],
        json!([])
    );
    // AllTenants: every demo tenant, each row tagged; ListMFAUsers answers the queue sentinel.
    let all = list("ListUsers", "AllTenants");
    let tagged: std::collections::BTreeSet<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["Tenant"].as_str().unwrap())
        .collect();
    assert_eq!(tagged.len(), 5);
    assert_eq!(
        list("ListMFAUsers", "AllTenants"),
        json!([{"UPN": "Loading data for all tenants. Please check back in a few minutes"}])
    );
    // Graph-error 403 stays for "fail…" tenants; tenant_count tenants get rows of their own.
    assert_eq!(
        get(a, "/api/ListMFAUsers?tenantFilter=failing.com", Some(&tok)).status,
        403
    );
    s.set_config(json!({"tenant_count": 3}));
    assert!(!list("ListUsers", "tenant2.onmicrosoft.com")
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(list("ListUsers", contoso), json!([]));
    // Alert rules (not tenant-scoped).
    let rules = get(a, "/api/ListAlertsQueue", Some(&tok)).json();
    let rules = rules.as_array().unwrap();
    assert!(!rules.is_empty());
    assert!(rules.iter().all(|r| r["Tenants"].is_array()
        && r["EventType"].is_string()
        && r["Conditions"].is_array()));
}

#[test]
fn all_tenants_graph_request_is_queued_then_answers_every_tenant() {
    // Regression: the finished AllTenants answer for `users` deadlocked the server (the state lock
    // was held across the loop that builds each tenant's rows). `connect` has a read timeout, so a
    // deadlock fails this test instead of hanging it.
    let s = start();
    let a = s.http_addr();
    let tok = admin_token(&s);
    s.set_config(json!({"graph_user_count": 3}));
    let target = "/api/ListGraphRequest?tenantFilter=AllTenants&Endpoint=users";
    let first = get(a, target, Some(&tok)).json();
    assert_eq!(first["Metadata"]["Queued"], json!(true));
    assert!(first["Metadata"]["QueueId"].as_str().is_some());
    let mut last = first;
    for _ in 0..4 {
        last = get(a, target, Some(&tok)).json();
        if last["Metadata"].get("Queued").is_none() {
            break;
        }
    }
    let rows = last["Results"]
        .as_array()
        .expect("finished answer has rows");
    assert!(!rows.is_empty(), "{last}");
    assert!(rows.iter().all(|r| r["Tenant"].as_str().is_some()));
    assert_eq!(get(a, "/_mock/health", None).status, 200);
}
