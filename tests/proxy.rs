//! Proxies: the library honours HTTPS_PROXY / NO_PROXY as Invoke-RestMethod does (and, on Windows
//! and macOS, the system proxy settings, which cannot be exercised here). One test in its own
//! binary: it changes this process's environment. The proxy is a minimal HTTP CONNECT tunnel on
//! 127.0.0.1 that records the targets it was asked for.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// A CONNECT proxy on a random loopback port; returns its URL and the targets it was asked for.
/// `demand_auth`: it answers every CONNECT with 407 Proxy Authentication Required.
fn connect_proxy(demand_auth: bool) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let log = Arc::clone(&log);
            thread::spawn(move || tunnel(client, &log, demand_auth));
        }
    });
    (url, seen)
}

fn tunnel(client: TcpStream, log: &Mutex<Vec<String>>, demand_auth: bool) {
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = match line.split_whitespace().collect::<Vec<_>>()[..] {
        ["CONNECT", target, _] => target.to_owned(),
        _ => return,
    };
    // The rest of the head, up to the empty line.
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
    }
    log.lock().unwrap().push(target.clone());
    if demand_auth {
        let _ = (&client).write_all(
            b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 0\r\n\r\n",
        );
        return;
    }
    let Ok(upstream) = TcpStream::connect(&target) else {
        let _ = (&client).write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n");
        return;
    };
    (&client)
        .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
        .unwrap();
    let (mut up_read, mut client_write) =
        (upstream.try_clone().unwrap(), client.try_clone().unwrap());
    let back = thread::spawn(move || {
        let _ = std::io::copy(&mut up_read, &mut client_write);
        let _ = client_write.shutdown(Shutdown::Write);
    });
    // Whatever the reader buffered beyond the head is TLS already: send it on first.
    let mut up_write = upstream;
    let _ = up_write.write_all(reader.buffer());
    let mut rest = reader.into_inner();
    let _ = std::io::copy(&mut rest, &mut up_write);
    let _ = up_write.shutdown(Shutdown::Write);
    let _ = back.join();
}

#[test]
fn https_proxy_and_no_proxy_are_honoured_and_a_dead_proxy_is_named() {
    let m = mock();
    let base = m.https_url();
    let mock_host = base.trim_start_matches("https://").to_owned();
    let (proxy, seen) = connect_proxy(false);

    // Whatever proxy this machine is set up with stays out of the test.
    for var in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"] {
        std::env::remove_var(var);
        std::env::remove_var(var.to_ascii_lowercase());
    }
    // Through the proxy: the token request and the call both tunnel to the mock.
    std::env::set_var("HTTPS_PROXY", &proxy);
    let cl = client_owned(&mock_settings(&m, &base)).unwrap();
    let r = invoke(&cl, "GET", "ListTenants", &[], None).unwrap();
    assert_eq!(r.status, 200);
    assert!(
        seen.lock().unwrap().contains(&mock_host),
        "the proxy saw {:?}, not {mock_host}",
        seen.lock().unwrap()
    );

    // NO_PROXY names the host: a new client goes direct.
    let before = seen.lock().unwrap().len();
    std::env::set_var("NO_PROXY", "127.0.0.1");
    let direct = client_owned(&mock_settings(&m, &base)).unwrap();
    assert_eq!(
        invoke(&direct, "GET", "ListTenants", &[], None)
            .unwrap()
            .status,
        200
    );
    assert_eq!(seen.lock().unwrap().len(), before, "NO_PROXY was ignored");
    std::env::remove_var("NO_PROXY");

    // A proxy that is not there, and one that wants credentials: the error says that a proxy is
    // in use, what it did and how to fix it.
    let dead = TcpListener::bind("127.0.0.1:0").unwrap();
    // With credentials in the URL: they must not appear in any message.
    let dead_url = format!(
        "http://proxyuser:pr0xy-s3cret@{}",
        dead.local_addr().unwrap()
    );
    drop(dead);
    let (auth_url, _) = connect_proxy(true);
    for (url, cause) in [
        (dead_url.as_str(), "the proxy could not be reached"),
        (
            auth_url.as_str(),
            "the proxy requires authentication: give the credentials in the proxy URL",
        ),
    ] {
        std::env::set_var("HTTPS_PROXY", url);
        let via = client_owned(&mock_settings(&m, &base)).unwrap();
        let e = invoke(&via, "GET", "ListTenants", &[], None).unwrap_err();
        assert_eq!(e.status, cippapi::Status::Network);
        assert!(!e.message.contains("pr0xy-s3cret"), "{}", e.message);
        assert!(
            e.message.contains(cause)
                && e.message.contains("A proxy is in use for this URL")
                && e.message.contains("NO_PROXY"),
            "{}",
            e.message
        );
    }
    std::env::remove_var("HTTPS_PROXY");
}
