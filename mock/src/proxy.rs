//! A CONNECT proxy on the plain-HTTP listener, so that clients can be tested behind a proxy: it
//! tunnels to loopback addresses only (the mock never relays to the network; others get 403),
//! dialling `MockConfig::proxy_routes`' address instead of the target where one is configured,
//! demands Basic credentials with 407 when `MockConfig::proxy_credentials` is set, and records
//! each CONNECT like a request (method `CONNECT`, path `host:port`).

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use crate::http::{Io, Request};
use crate::state::Shared;
use crate::token::Auth;

/// Answers a CONNECT request and, when it may, relays bytes both ways until either side closes.
/// `leftover`: bytes the connection sent after the request head (already the tunnelled stream).
pub async fn tunnel<S: Io>(
    mut s: S,
    leftover: Vec<u8>,
    req: Request,
    shared: &Arc<Shared>,
    listener: &'static str,
    _peer: SocketAddr,
) {
    let (required, dial) = {
        let mut st = shared.lock();
        st.record(crate::server::record_of(
            &req,
            listener,
            &Auth::None,
            false,
            None,
        ));
        let dial = st.config.proxy_routes.get(&req.path).cloned();
        (
            st.config.proxy_credentials.clone(),
            dial.unwrap_or_else(|| req.path.clone()),
        )
    };
    let answer: &[u8] = if !is_loopback(&dial) {
        b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    } else if required.is_some_and(|c| {
        req.header("proxy-authorization").map(str::trim)
            != Some(format!("Basic {}", crate::util::base64std(c.as_bytes())).as_str())
    }) {
        b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"cipp-mock\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    } else {
        match TcpStream::connect(&dial).await {
            Ok(mut upstream) => {
                if s.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
                    .await
                    .is_err()
                    || upstream.write_all(&leftover).await.is_err()
                {
                    return;
                }
                let _ = tokio::io::copy_bidirectional(&mut s, &mut upstream).await;
                return;
            }
            Err(_) => b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        }
    };
    let _ = s.write_all(answer).await;
    let _ = s.shutdown().await;
}

/// `127.0.0.1:port`, `[::1]:port` or `localhost:port`.
fn is_loopback(target: &str) -> bool {
    let Some((host, port)) = target.rsplit_once(':') else {
        return false;
    };
    if port.parse::<u16>().is_err() {
        return false;
    }
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
