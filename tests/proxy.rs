//! Proxies: the library honours HTTPS_PROXY / NO_PROXY from the process environment, and the same
//! variables given as settings by a binding whose runtime keeps its own environment (.NET on
//! Unix); on Windows and macOS also the system proxy settings, which cannot be exercised here. One
//! test in its own binary: it changes this process's environment. The proxy is the mock's own
//! CONNECT tunnel on its plain-HTTP listener, which records every CONNECT.

mod common;

use cippapi::Status;
use common::*;

/// The CONNECTs the mock's proxy was asked for, to its own HTTPS listener.
fn tunnels(m: &cipp_mock::MockServer) -> usize {
    let target = m.https_url().trim_start_matches("https://").to_owned();
    m.requests()
        .iter()
        .filter(|r| r.method == "CONNECT" && r.path == target)
        .count()
}

/// The status of a `GET ListTenants` that must reach the mock.
fn list_tenants(cl: &Client) -> u16 {
    invoke(cl, "GET", "ListTenants", &[], None).unwrap().status
}

fn with(
    settings: &[(&'static str, String)],
    extra: &[(&'static str, &str)],
) -> Vec<(&'static str, String)> {
    let mut all = settings.to_vec();
    all.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    all
}

#[test]
fn proxies_from_the_environment_and_from_settings_are_used_and_a_failing_one_is_named() {
    let m = mock();
    let base = m.https_url();
    let proxy = m.http_url();
    let settings = mock_settings(&m, &base);
    // Whatever proxy this machine is set up with stays out of the test.
    for var in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"] {
        std::env::remove_var(var);
        std::env::remove_var(var.to_ascii_lowercase());
    }

    // The process environment: the token request and the call both tunnel through the proxy.
    std::env::set_var("HTTPS_PROXY", &proxy);
    let cl = client_owned(&settings).unwrap();
    assert_eq!(list_tenants(&cl), 200);
    let through_env = tunnels(&m);
    assert!(through_env >= 1, "no CONNECT reached the proxy");
    // NO_PROXY naming the host: a new client goes direct.
    std::env::set_var("NO_PROXY", "127.0.0.1");
    let direct = client_owned(&settings).unwrap();
    assert_eq!(list_tenants(&direct), 200);
    assert_eq!(tunnels(&m), through_env, "NO_PROXY was ignored");
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("HTTPS_PROXY");

    // The same variables as settings (how the .NET binding passes its own view of them): used
    // although the process environment has none; lower-case names too; NO_PROXY as well.
    for name in ["HTTPS_PROXY", "https_proxy", "ALL_PROXY"] {
        let before = tunnels(&m);
        let cl = client_owned(&with(&settings, &[(name, &proxy)])).unwrap();
        assert_eq!(list_tenants(&cl), 200);
        assert!(
            tunnels(&m) > before,
            "{name} given as a setting was not used"
        );
    }
    let before = tunnels(&m);
    let cl = client_owned(&with(
        &settings,
        &[("HTTPS_PROXY", &proxy), ("NO_PROXY", "localhost,127.0.0.1")],
    ))
    .unwrap();
    assert_eq!(list_tenants(&cl), 200);
    assert_eq!(
        tunnels(&m),
        before,
        "NO_PROXY given as a setting was ignored"
    );

    // A proxy URL that is not one: refused at client creation, naming the variable, not the value.
    let e = client_owned(&with(
        &settings,
        &[("HTTPS_PROXY", "http://user:s3cr3t-pw@bad host:1")],
    ))
    .err()
    .unwrap();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(
        e.message.contains("HTTPS_PROXY") && !e.message.contains("s3cr3t-pw"),
        "{}",
        e.message
    );

    // A proxy that is not there, and one that wants credentials: the error says that a proxy is
    // in use, what it did and how to fix it, and never shows the proxy's password.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!(
        "http://proxyuser:pr0xy-s3cret@{}",
        dead.local_addr().unwrap()
    );
    drop(dead);
    m.set_config(serde_json::json!({ "proxy_credentials": "proxyuser:right-password" }));
    let wrong = proxy.replace("http://", "http://proxyuser:wr0ng-s3cret@");
    for (url, cause) in [
        (dead_url.as_str(), "the proxy could not be reached"),
        (
            proxy.as_str(),
            "the proxy requires authentication: give the credentials in the proxy URL",
        ),
        (wrong.as_str(), "the proxy requires authentication"),
    ] {
        let via = client_owned(&with(&settings, &[("HTTPS_PROXY", url)])).unwrap();
        let e = invoke(&via, "GET", "ListTenants", &[], None).unwrap_err();
        assert_eq!(e.status, Status::Network);
        assert!(
            e.message.contains(cause)
                && e.message.contains("A proxy is in use for this URL")
                && e.message.contains("NO_PROXY")
                && !e.message.contains("s3cret"),
            "{}",
            e.message
        );
    }
    // The right credentials in the URL: through.
    let right = proxy.replace("http://", "http://proxyuser:right-password@");
    let cl = client_owned(&with(&settings, &[("HTTPS_PROXY", &right)])).unwrap();
    assert_eq!(list_tenants(&cl), 200);
    let recorded = m.requests();
    let connect = recorded
        .iter()
        .rev()
        .find(|r| r.method == "CONNECT")
        .unwrap();
    assert_eq!(
        connect
            .headers
            .get("proxy-authorization")
            .map(String::as_str),
        Some("Basic <redacted>")
    );
}
