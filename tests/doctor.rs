//! The connection doctor through the C ABI: each failure a first-time user meets is driven
//! through the mock server and must come back as a failed step with a cause and a fix.

mod common;

use cipp_mock::{MockClient, MockOptions, MockServer};
use cippapi::ffi::*;
use cippapi::Status;
use common::*;
use std::ffi::CStr;
use std::ptr;

fn diagnose(cl: &Client) -> serde_json::Value {
    let mut json = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = cipp_client_diagnose(cl.0, &mut json, &mut err);
    assert_eq!(st, Status::Ok, "{:?}", take_error(st, err));
    let text = unsafe { CStr::from_ptr(json) }.to_str().unwrap().to_owned();
    cipp_string_free(json);
    assert!(
        !text.contains(cipp_mock::DEFAULT_CLIENT_SECRET),
        "no secret in the report"
    );
    serde_json::from_str(&text).unwrap()
}

fn step<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no step {name}: {report}"))
}

fn statuses(report: &serde_json::Value) -> Vec<String> {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}={}",
                s["name"].as_str().unwrap(),
                s["status"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_healthy_connection_passes_every_step() {
    let m = mock();
    let cl = client_owned(&mock_settings(&m, &m.https_url())).unwrap();
    let r = diagnose(&cl);
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(
        statuses(&r),
        [
            "url=passed",
            "dns=passed",
            "tcp=passed",
            "https=passed",
            "token=passed",
            "token_claims=passed",
            "api_call=passed",
            "role=passed",
            "latency=passed"
        ]
    );
    let claims = step(&r, "token_claims")["detail"].as_str().unwrap();
    assert!(
        claims.contains(&format!("aud=api://{}", cipp_mock::DEFAULT_CLIENT_ID)),
        "{claims}"
    );
}

#[test]
fn a_wrong_secret_fails_at_the_token_step_with_the_fix() {
    let m = mock();
    let mut s = mock_settings(&m, &m.http_url());
    s.retain(|(k, _)| *k != "client_secret");
    s.push(("client_secret", "not-the-secret".into()));
    let r = diagnose(&client_owned(&s).unwrap());
    assert_eq!(r["ok"], false);
    let t = step(&r, "token");
    assert_eq!(t["status"], "failed");
    assert!(
        t["cause"].as_str().unwrap().contains("AADSTS7000215"),
        "{t}"
    );
    assert!(t["fix"].as_str().unwrap().contains("secret"), "{t}");
    assert_eq!(step(&r, "api_call")["status"], "skipped");
}

#[test]
fn the_portal_host_is_recognised_by_its_sign_in_redirect() {
    let m = mock();
    m.push_faults(
        serde_json::from_value(serde_json::json!([{"match":"PublicPing","kind":"redirect_login"}]))
            .unwrap(),
    );
    let r = diagnose(&mock_client(&m));
    let h = step(&r, "https");
    assert_eq!(h["status"], "failed", "{r}");
    assert!(h["fix"].as_str().unwrap().contains("Function App URL"));
    assert_eq!(step(&r, "token")["status"], "skipped");
}

#[test]
fn a_client_without_a_role_fails_at_the_role_step() {
    let opts = MockOptions {
        clients: vec![
            MockClient::parse("cccccccc-0000-0000-0000-000000000001:roleless-secret:").unwrap(),
        ],
        ..common::options()
    };
    let m = MockServer::start(opts).unwrap();
    let s = vec![
        (
            "client_id",
            "cccccccc-0000-0000-0000-000000000001".to_owned(),
        ),
        ("client_secret", "roleless-secret".to_owned()),
        ("api_url", m.http_url()),
        ("tenant_id", m.tenant_id().to_owned()),
        ("authority_host", m.http_url()),
    ];
    let r = diagnose(&client_owned(&s).unwrap());
    let role = step(&r, "role");
    assert_eq!(role["status"], "failed", "{r}");
    assert!(role["fix"].as_str().unwrap().contains("no role"), "{role}");
}

#[test]
fn nothing_listening_fails_at_tcp() {
    let s = [
        ("client_id", "c"),
        ("client_secret", "s3cret-x"),
        ("api_url", "http://127.0.0.1:9"),
        ("tenant_id", "t"),
    ];
    let r = diagnose(&client(&s).unwrap());
    assert_eq!(step(&r, "tcp")["status"], "failed", "{r}");
    assert_eq!(step(&r, "token")["status"], "skipped");
}

fn diagnose_with(
    opts: MockOptions,
    client_spec: (&str, &str),
    config: serde_json::Value,
) -> serde_json::Value {
    let m = MockServer::start(opts).unwrap();
    m.set_config(config);
    let s = vec![
        ("client_id", client_spec.0.to_owned()),
        ("client_secret", client_spec.1.to_owned()),
        ("api_url", m.http_url()),
        ("tenant_id", m.tenant_id().to_owned()),
        ("authority_host", m.http_url()),
    ];
    diagnose(&client_owned(&s).unwrap())
}

fn default_client() -> (&'static str, &'static str) {
    (
        cipp_mock::DEFAULT_CLIENT_ID,
        cipp_mock::DEFAULT_CLIENT_SECRET,
    )
}

#[test]
fn a_v2_token_is_named_as_the_cause() {
    let r = diagnose_with(
        common::options(),
        default_client(),
        serde_json::json!({"token_version": 2}),
    );
    let c = step(&r, "token_claims");
    assert_eq!(c["status"], "failed", "{r}");
    assert!(c["cause"].as_str().unwrap().contains("v2 token"));
    assert!(c["fix"]
        .as_str()
        .unwrap()
        .contains("accessTokenAcceptedVersion"));
}

#[test]
fn an_ip_allow_list_denial_is_told_apart_from_a_role_problem() {
    let opts = MockOptions {
        clients: vec![MockClient::parse(
            "dddddddd-0000-0000-0000-000000000001:ip-secret:admin:192.0.2.0/24",
        )
        .unwrap()],
        ..common::options()
    };
    let r = diagnose_with(
        opts,
        ("dddddddd-0000-0000-0000-000000000001", "ip-secret"),
        serde_json::json!({}),
    );
    let role = step(&r, "role");
    assert_eq!(role["status"], "failed", "{r}");
    assert!(role["fix"].as_str().unwrap().contains("IP"), "{role}");
}

#[test]
fn a_client_not_enabled_in_app_service_authentication_fails_the_api_call() {
    let opts = MockOptions {
        clients: vec![
            MockClient::parse("eeeeeeee-0000-0000-0000-000000000001:off-secret:admin")
                .unwrap()
                .with_enabled(false),
        ],
        ..common::options()
    };
    let r = diagnose_with(
        opts,
        ("eeeeeeee-0000-0000-0000-000000000001", "off-secret"),
        serde_json::json!({}),
    );
    assert_eq!(r["ok"], false, "{r}");
    let failed: Vec<&serde_json::Value> = r["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0]["fix"].as_str().unwrap().contains("Save to Azure")
            || failed[0]["fix"].as_str().unwrap().contains("CIPP-API"),
        "{r}"
    );
}

#[test]
fn a_cold_start_is_reported_as_a_warning_not_a_failure() {
    let r = diagnose_with(
        common::options(),
        default_client(),
        serde_json::json!({"cold_start_ms": 1200}),
    );
    assert_eq!(r["ok"], true, "{r}");
    let l = step(&r, "latency");
    assert_eq!(l["status"], "warning", "{r}");
    assert!(l["cause"].as_str().unwrap().contains("cold start"));
}

#[test]
fn a_host_reached_only_through_a_proxy_is_a_warning_not_a_failure() {
    // 127.0.0.1:1 refuses direct connections; the mock's proxy tunnels that target to its own
    // HTTPS listener: the direct route is closed, the proxied one works (a corporate network).
    let m = mock();
    let api_only_via_proxy = "https://127.0.0.1:1";
    m.set_config(serde_json::json!({
        "proxy_routes": { "127.0.0.1:1": m.https_url().trim_start_matches("https://") }
    }));
    let mut settings = mock_settings(&m, api_only_via_proxy);
    settings.retain(|(k, _)| *k != "authority_host");
    settings.push(("authority_host", m.https_url()));
    settings.push(("HTTPS_PROXY", m.http_url()));
    let cl = client_owned(&settings).unwrap();
    let r = diagnose(&cl);
    assert_eq!(r["ok"], true, "{r}");
    let tcp = step(&r, "tcp");
    assert_eq!(tcp["status"], "warning", "{r}");
    let detail = tcp["detail"].as_str().unwrap();
    assert!(
        detail.contains("not reachable directly") && detail.contains("proxy"),
        "{detail}"
    );
    assert_eq!(step(&r, "https")["status"], "passed", "{r}");
    assert_eq!(step(&r, "api_call")["status"], "passed", "{r}");

    // A broken proxy on the same closed direct route: the https step fails naming the proxy (the
    // real cause), the direct steps stay warnings.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let mut broken = settings.clone();
    broken.retain(|(k, _)| *k != "HTTPS_PROXY");
    broken.push(("HTTPS_PROXY", dead_url));
    let r = diagnose(&client_owned(&broken).unwrap());
    assert_eq!(r["ok"], false);
    assert_eq!(step(&r, "tcp")["status"], "warning", "{r}");
    let https = step(&r, "https");
    assert_eq!(https["status"], "failed", "{r}");
    assert!(
        https["cause"]
            .as_str()
            .unwrap()
            .contains("the proxy could not be reached"),
        "{r}"
    );

    // Without the proxy the same URL fails at tcp, as before.
    let mut direct = mock_settings(&m, api_only_via_proxy);
    direct.retain(|(k, _)| *k != "authority_host");
    direct.push(("authority_host", m.https_url()));
    let r = diagnose(&client_owned(&direct).unwrap());
    assert_eq!(r["ok"], false);
    assert_eq!(step(&r, "tcp")["status"], "failed", "{r}");
    assert_eq!(step(&r, "https")["status"], "skipped", "{r}");
}

/// A loopback port that answers every connection in plain HTTP (as a web server on a non-TLS port
/// does when it reads a TLS ClientHello): at most `limit` connections, then it stops. Returns the
/// port and the count of connections it accepted.
fn plain_http_port(limit: usize) -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{Read, Write};
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = accepted.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(limit) {
            let Ok(mut stream) = stream else { continue };
            count.fetch_add(1, Ordering::SeqCst);
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(2)));
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    (port, accepted)
}

#[test]
fn an_https_url_on_a_plain_http_port_is_named_not_retried_and_not_a_certificate_problem() {
    let m = mock();
    let (port, accepted) = plain_http_port(16);
    // The mock's default client and token endpoint, the API URL on the plain-HTTP port.
    let mut s = mock_settings(&m, &m.http_url());
    s.iter_mut()
        .filter(|(k, _)| *k == "api_url")
        .for_each(|(_, v)| *v = format!("https://127.0.0.1:{port}"));
    let cl = client_owned(&s).unwrap();
    let err = invoke(&cl, "GET", "ListTenants", &[], None).unwrap_err();
    assert_eq!(err.status, Status::Network, "{}", err.message);
    assert!(
        err.message
            .contains("the server answered in plain HTTP, not TLS")
            && err.message.contains("https:// URL of the CIPP API"),
        "{}",
        err.message
    );
    assert!(!err.message.contains("not trusted"), "{}", err.message);
    assert_eq!(
        accepted.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "a plain-HTTP answer is not a transient failure: tried once"
    );

    let r = diagnose(&cl);
    let https = step(&r, "https");
    assert_eq!(https["status"], "failed", "{r}");
    let fix = https["fix"].as_str().unwrap_or_default();
    assert!(
        fix.contains("plain HTTP") && !fix.contains("certificate"),
        "{r}"
    );
}
