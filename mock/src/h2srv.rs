//! HTTP/2 over TLS (ALPN `h2`), with the `h2` crate. Requests go through the same handler and
//! recorder as HTTP/1.1 ([`crate::server::handle`]); every stream runs in its own task.
//!
//! Byte-level faults map to stream-level behaviour: `reset` → `RST_STREAM(INTERNAL_ERROR)` with no
//! response; `reset_mid_body` → headers and about half the body, then `RST_STREAM(INTERNAL_ERROR)`;
//! `truncate` → headers and half the body, then `END_STREAM` (short of the announced
//! `content-length`, which HTTP/2 clients report as a protocol error).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use h2::server::SendResponse;
use h2::Reason;
use http::header::{HeaderName, HeaderValue};
use tokio::io::{AsyncRead, AsyncWrite};

use crate::http::{Action, Request, Response, MAX_BODY};
use crate::state::Shared;

/// Serves one HTTP/2 connection (after the TLS handshake negotiated `h2`) until it closes.
pub async fn serve<S>(io: S, shared: Arc<Shared>, peer: SocketAddr)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let mut builder = h2::server::Builder::new();
    builder
        .initial_window_size(1 << 20)
        .initial_connection_window_size(4 << 20)
        .max_concurrent_streams(256)
        .max_send_buffer_size(1 << 20);
    let handshake = tokio::time::timeout(Duration::from_secs(10), builder.handshake(io)).await;
    let Ok(Ok(mut conn)) = handshake else {
        return;
    };
    while let Some(next) = conn.accept().await {
        let Ok((req, respond)) = next else {
            return;
        };
        tokio::spawn(stream(req, respond, shared.clone(), peer));
    }
}

async fn stream(
    req: http::Request<h2::RecvStream>,
    mut respond: SendResponse<Bytes>,
    shared: Arc<Shared>,
    peer: SocketAddr,
) {
    let (parts, mut body) = req.into_parts();
    let mut data = Vec::new();
    while let Some(chunk) = body.data().await {
        let Ok(chunk) = chunk else {
            return;
        };
        let _ = body.flow_control().release_capacity(chunk.len());
        if data.len() + chunk.len() > MAX_BODY {
            let _ = send(
                &mut respond,
                &Response::text(413, "Payload Too Large"),
                false,
                None,
            )
            .await;
            return;
        }
        data.extend_from_slice(&chunk);
    }
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let request = Request {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        raw_query: parts.uri.query().unwrap_or("").to_string(),
        minor: 1,
        headers,
        body: data,
        version: "2",
        authority: parts.uri.authority().map(|a| a.as_str().to_string()),
    };
    let head_only = request.method.eq_ignore_ascii_case("HEAD");
    match crate::server::handle(&shared, request, "https", peer).await {
        Action::Respond(resp) => {
            let _ = send(&mut respond, &resp, head_only, None).await;
        }
        Action::Reset => respond.send_reset(Reason::INTERNAL_ERROR),
        Action::Partial { resp, rst } => {
            let cut = resp.body.len() / 2;
            let _ = send(&mut respond, &resp, false, Some((cut, rst))).await;
        }
    }
}

/// Connection-specific headers HTTP/2 forbids (RFC 9113 §8.2.2).
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
];

/// Sends a response; `partial = Some((n, rst))` sends only the first `n` body bytes, then resets
/// the stream (`rst`) or ends it.
async fn send(
    respond: &mut SendResponse<Bytes>,
    resp: &Response,
    head_only: bool,
    partial: Option<(usize, bool)>,
) -> Result<(), h2::Error> {
    let mut builder = http::Response::builder().status(resp.status);
    let mut add = |k: &str, v: &str| {
        let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.to_ascii_lowercase().as_bytes()),
            HeaderValue::from_str(v),
        ) else {
            return;
        };
        if !HOP_BY_HOP.contains(&k.as_str()) {
            builder.headers_mut().map(|h| h.append(k, v));
        }
    };
    if let Some(ct) = &resp.content_type {
        add("content-type", ct);
    }
    add("content-length", &resp.body.len().to_string());
    add("date", &crate::util::http_date(crate::util::unix_now()));
    add("server", "cipp-mock");
    for (k, v) in &resp.headers {
        if !k.eq_ignore_ascii_case("content-length") {
            add(k, v);
        }
    }
    let head = builder.body(()).unwrap_or_else(|_| http::Response::new(()));
    let (body, end, rst) = match partial {
        Some((n, rst)) => (&resp.body[..n.min(resp.body.len())], !rst, rst),
        None if head_only => (&resp.body[..0], true, false),
        None => (resp.body.as_slice(), true, false),
    };
    let mut tx = respond.send_response(head, body.is_empty() && end)?;
    let mut rest = body;
    while !rest.is_empty() {
        tx.reserve_capacity(rest.len());
        let granted = match std::future::poll_fn(|cx| tx.poll_capacity(cx)).await {
            Some(Ok(n)) => n,
            Some(Err(e)) => return Err(e),
            None => return Ok(()), // stream gone
        };
        if granted == 0 {
            continue;
        }
        let n = granted.min(rest.len());
        let last = n == rest.len();
        tx.send_data(Bytes::copy_from_slice(&rest[..n]), last && end)?;
        rest = &rest[n..];
    }
    if rst {
        // Give the connection task a moment to flush the queued half body before the reset
        // discards whatever is still buffered.
        tokio::time::sleep(Duration::from_millis(50)).await;
        tx.send_reset(Reason::INTERNAL_ERROR);
    }
    Ok(())
}
