//! Integration tests for the deployment-shaped behaviours: v2 tokens, IP ranges, disabled clients,
//! feature flags, cold start, portal host, anonymous-allowed EasyAuth and HTTP/2.

mod common;

use std::time::{Duration, Instant};

use cipp_mock::{Fault, FaultKind, MockClient, MockOptions, MockServer, DEFAULT_CLIENT_ID};
use common::*;
use serde_json::{json, Value};

const IP_DENIED: &str = "Access to this CIPP API endpoint is not allowed, the API Client does not have the required permission";
const EASYAUTH_TEXT: &str = "You do not have permission to view this directory or page.";

fn claims(token: &str) -> Value {
    let part = token.split('.').nth(1).unwrap();
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in part.bytes() {
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
    serde_json::from_slice(&out).unwrap()
}

fn get_h(s: &MockServer, target: &str, token: Option<&str>, extra: &[(&str, &str)]) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut h: Vec<(&str, &str)> = extra.to_vec();
    if let Some(a) = &auth {
        h.push(("Authorization", a.as_str()));
    }
    full(request(s.http_addr(), "GET", target, &h, b""))
}

#[test]
fn v2_tokens_are_rejected_by_easyauth() {
    let s = start();
    let a = s.http_addr();
    let v1 = admin_token(&s);
    let c = claims(&v1);
    assert_eq!(c["aud"], format!("api://{DEFAULT_CLIENT_ID}"));
    assert_eq!(c["ver"], "1.0");
    assert_eq!(c["appid"], DEFAULT_CLIENT_ID);

    s.set_config(json!({"token_version": 2}));
    let v2 = admin_token(&s);
    let c = claims(&v2);
    assert_eq!(c["aud"], DEFAULT_CLIENT_ID);
    assert_eq!(c["azp"], DEFAULT_CLIENT_ID);
    assert!(c.get("appid").is_none(), "{c}");
    assert_eq!(c["ver"], "2.0");
    assert_eq!(
        c["iss"],
        format!("https://login.microsoftonline.com/{}/v2.0", s.tenant_id())
    );
    let r = get(a, "/api/ListLogs", Some(&v2));
    assert_eq!((r.status, r.text().as_str()), (401, EASYAUTH_TEXT));
    assert_eq!(s.requests().last().unwrap().auth, "invalid");
    // Tokens keep the format they were issued with.
    assert_eq!(get(a, "/api/ListLogs", Some(&v1)).status, 200);

    let r = post_json(a, "/_mock/config", None, &json!({"token_version": 3}));
    assert_eq!(r.status, 400);
    assert_eq!(get(a, "/_mock/config", None).json()["token_version"], 2);
}

fn ip_server() -> MockServer {
    let mut opts = MockOptions::default();
    opts.clients.push(
        MockClient::parse("eeeeeeee-0000-0000-0000-000000000001:s1:admin:10.0.0.0/8;192.0.2.7")
            .unwrap(),
    );
    opts.clients.push(
        MockClient::new("eeeeeeee-0000-0000-0000-000000000002", "s2", "readonly")
            .with_ip_ranges(["[]"]),
    );
    opts.clients.push(
        MockClient::parse("eeeeeeee-0000-0000-0000-000000000003:s3:admin:2001:db8::/32").unwrap(),
    );
    MockServer::start(opts).unwrap()
}

#[test]
fn ip_ranges_per_client() {
    let parsed = MockClient::parse("x:y:admin:2001:db8::/32;::1").unwrap();
    assert_eq!(parsed.ip_ranges, vec!["2001:db8::/32", "::1"]);
    assert!(MockClient::parse("x:y:admin").unwrap().ip_ranges.is_empty());

    let s = ip_server();
    let a = s.http_addr();
    let t1 = token_for(&s, "eeeeeeee-0000-0000-0000-000000000001", "s1");
    // Default caller 127.0.0.1 is outside 10.0.0.0/8;192.0.2.7.
    let r = get(a, "/api/ListLogs", Some(&t1));
    assert_eq!((r.status, r.text().as_str()), (403, IP_DENIED));
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    assert_eq!(get(a, "/api/me", Some(&t1)).status, 403);
    // Public endpoints skip Test-CIPPAccess' client checks.
    assert_eq!(get(a, "/api/PublicPing", Some(&t1)).status, 200);
    // Unknown endpoints still 404 first.
    assert_eq!(get(a, "/api/NoSuchThing", Some(&t1)).status, 404);
    // Batch items run their own access check.
    let r = post_json(
        a,
        "/api/$batch",
        Some(&t1),
        &json!({"requests": [{"id": "1", "url": "ListLogs", "method": "GET"}]}),
    );
    assert_eq!(r.json()["responses"][0]["status"], 403);

    s.set_config(json!({"client_ip": "10.20.30.40"}));
    assert_eq!(get(a, "/api/ListLogs", Some(&t1)).status, 200);
    let echo = get(a, "/api/ListApiTest", Some(&t1)).json();
    assert!(echo["Headers"]["x-forwarded-for"]
        .as_str()
        .unwrap()
        .starts_with("10.20.30.40:"));
    // A request's X-Forwarded-For wins over client_ip.
    let r = get_h(
        &s,
        "/api/ListLogs",
        Some(&t1),
        &[("X-Forwarded-For", "203.0.113.5:5555")],
    );
    assert_eq!(r.status, 403);
    let r = get_h(
        &s,
        "/api/ListLogs",
        Some(&t1),
        &[("X-Forwarded-For", "192.0.2.7:5555, 10.0.0.1")],
    );
    assert_eq!(r.status, 200);
    s.set_config(json!({"client_ip": "192.0.2.8"}));
    assert_eq!(get(a, "/api/ListLogs", Some(&t1)).status, 403);

    // IPv6 ranges.
    let t3 = token_for(&s, "eeeeeeee-0000-0000-0000-000000000003", "s3");
    assert_eq!(get(a, "/api/ListLogs", Some(&t3)).status, 403);
    s.set_config(json!({"client_ip": "2001:db8::42"}));
    assert_eq!(get(a, "/api/ListLogs", Some(&t3)).status, 200);
    let r = get_h(
        &s,
        "/api/ListLogs",
        Some(&t3),
        &[("X-Forwarded-For", "[2001:db9::1]:443")],
    );
    assert_eq!(r.status, 403);

    // Default clients (empty ranges) are allowed from anywhere.
    assert_eq!(get(a, "/api/ListLogs", Some(&admin_token(&s))).status, 200);

    let r = post_json(a, "/_mock/config", None, &json!({"client_ip": "not-an-ip"}));
    assert_eq!(r.status, 400);
}

#[test]
fn empty_ip_range_defect() {
    let s = ip_server();
    let a = s.http_addr();
    let t2 = token_for(&s, "eeeeeeee-0000-0000-0000-000000000002", "s2");
    assert!(s.config().empty_ip_range_defect);
    let r = get(a, "/api/ListLogs", Some(&t2));
    assert_eq!((r.status, r.text().as_str()), (403, IP_DENIED));
    s.set_config(json!({"client_ip": "10.0.0.1"}));
    assert_eq!(get(a, "/api/ListLogs", Some(&t2)).status, 403);
    s.set_config(json!({"empty_ip_range_defect": false}));
    assert_eq!(get(a, "/api/ListLogs", Some(&t2)).status, 200);
}

#[test]
fn disabled_client_gets_easyauth_403() {
    let mut opts = MockOptions::default();
    opts.clients.push(
        MockClient::new("ffffffff-0000-0000-0000-000000000001", "s", "admin").with_enabled(false),
    );
    let s = MockServer::start(opts).unwrap();
    let a = s.http_addr();
    // Entra still issues tokens.
    let t = token_for(&s, "ffffffff-0000-0000-0000-000000000001", "s");
    for path in [
        "/api/ListLogs",
        "/api/NoSuchThing",
        "/api/me",
        "/api/ListBPA",
    ] {
        let r = get(a, path, Some(&t));
        assert_eq!(
            (r.status, r.text().as_str()),
            (403, EASYAUTH_TEXT),
            "{path}"
        );
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
    }
    assert_eq!(get(a, "/api/PublicPing", Some(&t)).status, 200);
}

#[test]
fn feature_flags() {
    let s = start();
    let a = s.http_addr();
    let tok = admin_token(&s);
    let r = get(a, "/api/ListBPA", Some(&tok));
    assert_eq!(r.status, 503);
    assert_eq!(
        r.text(),
        "This feature has been disabled: The Best Practice Analyser has been deprecated and will be removed in a future release."
    );
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    assert!(get(a, "/api/execmcp", Some(&tok))
        .text()
        .starts_with("This feature has been disabled: Model Context Protocol"));
    assert_eq!(get(a, "/api/ListCIPPUsers", Some(&tok)).status, 503);
    // EasyAuth comes first.
    assert_eq!(get(a, "/api/ListBPA", None).status, 401);
    // Before RBAC: readonly sees 503 too.
    let ro = token_for(
        &s,
        cipp_mock::READONLY_CLIENT_ID,
        cipp_mock::READONLY_CLIENT_SECRET,
    );
    assert_eq!(get(a, "/api/ExecAppServiceDomains", Some(&ro)).status, 503);
    // $batch items.
    let r = post_json(
        a,
        "/api/$batch",
        Some(&tok),
        &json!({"requests": [{"id": "1", "url": "ListBPA", "method": "GET"}]}),
    );
    assert_eq!(r.json()["responses"][0]["status"], 503);

    let cfg = get(a, "/_mock/config", None).json();
    assert_eq!(
        cfg["disabled_features"]["MCPServer"],
        json!(["ExecMcp"]),
        "{cfg}"
    );
    // Enable everything; a custom flag.
    s.set_config(json!({"disabled_features": {"Logs": ["ListLogs"]}}));
    // (ListBPA requires tenantFilter, like every endpoint's required fields.)
    assert_eq!(
        get(
            a,
            "/api/ListBPA?tenantFilter=contoso.onmicrosoft.com",
            Some(&tok)
        )
        .status,
        200
    );
    let r = get(a, "/api/ListLogs", Some(&tok));
    assert_eq!(
        (r.status, r.text().as_str()),
        (503, "This feature has been disabled: Logs")
    );
    s.reset();
    let tok = admin_token(&s);
    assert_eq!(get(a, "/api/ListBPA", Some(&tok)).status, 503);
}

#[test]
fn cold_start() {
    let s = start();
    let a = s.http_addr();
    // Off by default.
    let r = get(a, "/api/PublicPing", None);
    assert_eq!(r.json()["Results"]["ColdStart"], false);
    assert!(r.header("x-ms-coldstart").is_none());

    s.set_config(json!({"cold_start_ms": 300}));
    let t0 = Instant::now();
    let r = get(a, "/api/PublicPing", None);
    assert!(t0.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.header("x-ms-coldstart"), Some("1"));
    assert_eq!(r.json()["Results"]["ColdStart"], true);
    let t0 = Instant::now();
    let r = get(a, "/api/PublicPing", None);
    assert!(t0.elapsed() < Duration::from_millis(300));
    assert!(r.header("x-ms-coldstart").is_none());
    assert_eq!(r.json()["Results"]["ColdStart"], false);

    // Start-up configuration: the very first /api request is cold, again after reset.
    let mut opts = MockOptions::default();
    opts.config.cold_start_ms = 150;
    let s = MockServer::start(opts).unwrap();
    let a = s.http_addr();
    let tok = admin_token(&s); // token requests do not consume the cold start
    let r = get(a, "/api/ListApiTest", Some(&tok));
    assert_eq!(r.header("x-ms-coldstart"), Some("1"));
    assert_eq!(r.json()["Headers"]["x-ms-coldstart"], "1");
    assert!(get(a, "/api/ListLogs", Some(&tok))
        .header("x-ms-coldstart")
        .is_none());
    s.reset();
    let r = get(a, "/api/NoSuchThing", None);
    assert_eq!((r.status, r.header("x-ms-coldstart")), (401, Some("1")));
}

#[test]
fn portal_mode_redirects() {
    let s = start();
    let a = s.http_addr();
    let tok = admin_token(&s);
    s.set_config(json!({"portal_mode": true}));
    for (path, tok) in [
        ("/api/PublicPing", None),
        ("/api/ListLogs", Some(tok.as_str())),
    ] {
        let r = get(a, path, tok);
        assert_eq!(r.status, 302);
        assert_eq!(
            r.header("location").unwrap(),
            format!(
                "/.auth/login/aad?post_login_redirect_uri={}",
                path.replace('/', "%2F")
            )
        );
    }
    // The token endpoint is Entra, not the portal.
    admin_token(&s);
    s.set_config(json!({"portal_mode": false}));
    assert_eq!(get(a, "/api/PublicPing", None).status, 200);
}

#[test]
fn anonymous_allowed_variant() {
    let s = start();
    let a = s.http_addr();
    s.set_config(json!({"anonymous_allowed": true}));
    let r = get(a, "/api/ListLogs", None);
    assert_eq!(r.status, 403);
    assert_eq!(
        r.text(),
        "Exception calling \"FromBase64String\" with \"1\" argument(s): \"Value cannot be null. (Parameter 's')\""
    );
    assert_eq!(get(a, "/api/me", None).status, 403);
    assert_eq!(get(a, "/api/NoSuchThing", None).status, 404);
    assert_eq!(get(a, "/api/PublicPing", None).status, 200);
    // Bad bearer tokens are still EasyAuth's 401.
    assert_eq!(get(a, "/api/ListLogs", Some("junk")).status, 401);
    assert_eq!(get(a, "/api/ListLogs", Some(&admin_token(&s))).status, 200);
}

// ---------------------------------------------------------------- HTTP/2

struct H2Resp {
    status: u16,
    headers: http::HeaderMap,
    body: Result<Vec<u8>, String>,
}

fn tls_config(
    s: &MockServer,
    alpn: &[&[u8]],
) -> std::sync::Arc<tokio_rustls::rustls::ClientConfig> {
    use tokio_rustls::rustls::{self, pki_types::pem::PemObject, pki_types::CertificateDer};
    let pem = std::fs::read(s.ca_pem_path()).unwrap();
    let mut roots = rustls::RootCertStore::empty();
    for c in CertificateDer::pem_slice_iter(&pem) {
        roots.add(c.unwrap()).unwrap();
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    cfg.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    std::sync::Arc::new(cfg)
}

async fn tls_connect(
    s: &MockServer,
    alpn: &[&[u8]],
) -> tokio_rustls::client::TlsStream<tokio::net::TcpStream> {
    use tokio_rustls::rustls::pki_types::ServerName;
    let conn = tokio_rustls::TlsConnector::from(tls_config(s, alpn));
    let tcp = tokio::net::TcpStream::connect(s.https_addr())
        .await
        .unwrap();
    let name = ServerName::try_from("127.0.0.1").unwrap().to_owned();
    conn.connect(name, tcp).await.expect("TLS handshake")
}

/// Sends requests over one HTTP/2 connection, sequentially.
async fn h2_requests(
    s: &MockServer,
    reqs: Vec<(http::Request<()>, Vec<u8>)>,
) -> Vec<Result<H2Resp, String>> {
    let tls = tls_connect(s, &[b"h2", b"http/1.1"]).await;
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
    let (client, conn) = h2::client::handshake(tls).await.unwrap();
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let mut out = Vec::new();
    for (req, body) in reqs {
        let r = async {
            let mut c = client.clone().ready().await.map_err(|e| e.to_string())?;
            let (fut, mut tx) = c
                .send_request(req, body.is_empty())
                .map_err(|e| e.to_string())?;
            if !body.is_empty() {
                tx.send_data(bytes::Bytes::from(body), true)
                    .map_err(|e| e.to_string())?;
            }
            let resp = fut.await.map_err(|e| e.to_string())?;
            let (parts, mut rx) = resp.into_parts();
            let mut data = Vec::new();
            let mut body = Ok(());
            while let Some(chunk) = rx.data().await {
                match chunk {
                    Ok(c) => {
                        let _ = rx.flow_control().release_capacity(c.len());
                        data.extend_from_slice(&c);
                    }
                    Err(e) => {
                        body = Err(e.to_string());
                        break;
                    }
                }
            }
            Ok::<_, String>(H2Resp {
                status: parts.status.as_u16(),
                headers: parts.headers,
                body: body.map(|_| data),
            })
        }
        .await;
        out.push(r);
    }
    out
}

fn h2_get(s: &MockServer, path: &str, token: Option<&str>) -> http::Request<()> {
    let mut b = http::Request::get(format!("https://127.0.0.1:{}{path}", s.https_addr().port()));
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(()).unwrap()
}

#[test]
fn http2_over_tls() {
    let s = start();
    let tok = admin_token(&s);
    s.clear_requests();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let post = http::Request::post(format!(
        "https://127.0.0.1:{}/api/ListApiTest?a=1&b=",
        s.https_addr().port()
    ))
    .header("authorization", format!("Bearer {tok}"))
    .header("content-type", "application/json")
    .body(())
    .unwrap();
    let reqs = vec![
        (h2_get(&s, "/api/PublicPing", None), Vec::new()),
        (h2_get(&s, "/api/ListLogs", Some(&tok)), Vec::new()),
        (post, br#"{"tenantFilter":"x"}"#.to_vec()),
        (h2_get(&s, "/api/ListLogs", None), Vec::new()),
    ];
    let out = rt.block_on(h2_requests(&s, reqs));
    let out: Vec<H2Resp> = out.into_iter().map(Result::unwrap).collect();
    assert_eq!(out[0].status, 200);
    let ping: Value = serde_json::from_slice(out[0].body.as_ref().unwrap()).unwrap();
    assert_eq!(ping["Results"]["Message"], "Pong");
    assert_eq!(out[1].status, 200);
    let logs: Value = serde_json::from_slice(out[1].body.as_ref().unwrap()).unwrap();
    assert!(logs.as_array().unwrap().len() > 10);
    assert_eq!(
        out[1].headers["content-type"],
        "application/json; charset=utf-8"
    );
    assert_eq!(
        out[1].headers["content-length"],
        out[1].body.as_ref().unwrap().len().to_string()
    );
    let echo: Value = serde_json::from_slice(out[2].body.as_ref().unwrap()).unwrap();
    assert_eq!(echo["Body"], json!({"tenantFilter": "x"}));
    assert_eq!(echo["Query"], json!({"a": "1"}));
    assert!(echo["Url"]
        .as_str()
        .unwrap()
        .starts_with("https://127.0.0.1:"));
    assert_eq!(out[3].status, 401);

    let recs = s.requests();
    assert_eq!(recs.len(), 4);
    for r in &recs {
        assert_eq!(
            (r.http_version.as_str(), r.listener.as_str()),
            ("2", "https")
        );
    }
    assert_eq!(recs[2].raw_query, "a=1&b=");
    assert_eq!(recs[2].body, r#"{"tenantFilter":"x"}"#);
    assert_eq!(recs[1].headers["authorization"], "Bearer <redacted>");
    // HTTP/1.1 requests are recorded as such.
    s.clear_requests();
    get(s.http_addr(), "/api/PublicPing", None);
    assert_eq!(s.requests()[0].http_version, "1.1");
}

#[test]
fn http2_faults_and_switch() {
    let s = start();
    let tok = admin_token(&s);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    s.push_faults(vec![
        Fault::new("ListLogs", FaultKind::ResetMidBody),
        Fault::new("ListTenants", FaultKind::Truncate),
        Fault::new("GetVersion", FaultKind::Reset),
        Fault::status("ListUsers", 429),
    ]);
    let reqs = vec![
        (h2_get(&s, "/api/ListLogs", Some(&tok)), Vec::new()),
        (h2_get(&s, "/api/ListTenants", Some(&tok)), Vec::new()),
        (h2_get(&s, "/api/GetVersion", Some(&tok)), Vec::new()),
        (h2_get(&s, "/api/ListUsers", Some(&tok)), Vec::new()),
        (h2_get(&s, "/api/PublicPing", None), Vec::new()),
    ];
    let out = rt.block_on(h2_requests(&s, reqs));
    let mid = out[0].as_ref().unwrap();
    assert_eq!(mid.status, 200);
    assert!(mid.body.is_err(), "reset_mid_body must fail the body");
    let trunc = out[1].as_ref().unwrap();
    assert_eq!(trunc.status, 200);
    assert!(
        trunc.body.is_err(),
        "truncate must fail the body (content-length mismatch)"
    );
    assert!(out[2].is_err(), "reset: no response");
    assert_eq!(out[3].as_ref().unwrap().status, 429);
    // The connection survives stream-level faults.
    assert_eq!(out[4].as_ref().unwrap().status, 200);

    // http2=false: ALPN offers only http/1.1.
    s.set_config(json!({"http2": false}));
    let alpn = rt.block_on(async {
        let tls = tls_connect(&s, &[b"h2", b"http/1.1"]).await;
        tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec)
    });
    assert_eq!(alpn.as_deref(), Some(&b"http/1.1"[..]));
    s.set_config(json!({"http2": true}));
    let alpn = rt.block_on(async {
        let tls = tls_connect(&s, &[b"h2", b"http/1.1"]).await;
        tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec)
    });
    assert_eq!(alpn.as_deref(), Some(&b"h2"[..]));
}
