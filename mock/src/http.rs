//! A small HTTP/1.1 server connection handler with byte-level control (keep-alive, chunked bodies,
//! `Expect: 100-continue`, one `write_all` per response, resets and truncation for fault injection).

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::state::Shared;

/// Maximum size of the request line plus headers.
pub const MAX_HEAD: usize = 64 * 1024;
/// Maximum request body size.
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// A parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Raw path (before `?`).
    pub path: String,
    /// Raw query (after `?`, without `#fragment`), `""` when none.
    pub raw_query: String,
    /// `1` for HTTP/1.1, `0` for HTTP/1.0.
    pub minor: u8,
    /// Headers in order, names as sent (HTTP/2: lower-case, pseudo-headers excluded).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Protocol version for the recorder: `1.1`, `1.0` or `2`.
    pub version: &'static str,
    /// HTTP/2 `:authority` (stands in for `Host`); `None` on HTTP/1.x.
    pub authority: Option<String>,
}

impl Request {
    /// First header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A response to serialise.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub content_type: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Close the connection after this response.
    pub close: bool,
}

/// JSON media type used for every JSON body.
pub const JSON: &str = "application/json; charset=utf-8";
/// Text media type used for every string body.
pub const TEXT: &str = "text/plain; charset=utf-8";

impl Response {
    /// A response with a body and content type.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type: Some(content_type.to_string()),
            headers: Vec::new(),
            body: body.into(),
            close: false,
        }
    }

    /// `text/plain; charset=utf-8`.
    pub fn text(status: u16, body: impl Into<String>) -> Response {
        Response::new(status, TEXT, body.into().into_bytes())
    }

    /// `application/json; charset=utf-8`, serialised from a value.
    pub fn json(status: u16, v: &serde_json::Value) -> Response {
        Response::new(status, JSON, serde_json::to_vec(v).unwrap_or_default())
    }

    /// Adds a header.
    pub fn with_header(mut self, k: &str, v: &str) -> Response {
        self.headers.push((k.to_string(), v.to_string()));
        self
    }
}

/// What the connection should do after handling a request.
pub enum Action {
    /// Write the response (one `write_all`), then keep alive unless told to close.
    Respond(Response),
    /// Abort the connection with a TCP reset, writing nothing.
    Reset,
    /// Write the head and half of the body, then reset (`rst`) or close cleanly.
    Partial { resp: Response, rst: bool },
}

/// The stream types the server runs on, with access to the TCP socket underneath.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send {
    /// The underlying TCP socket.
    fn tcp(&self) -> &TcpStream;
}

impl Io for TcpStream {
    fn tcp(&self) -> &TcpStream {
        self
    }
}

impl Io for tokio_rustls::server::TlsStream<TcpStream> {
    fn tcp(&self) -> &TcpStream {
        self.get_ref().0
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

/// Serialises head and body into one buffer; returns it with the head length.
pub fn serialize(
    resp: &Response,
    head_only: bool,
    close: bool,
    http10_keepalive: bool,
) -> (Vec<u8>, usize) {
    let mut head = String::with_capacity(256);
    head.push_str(&format!(
        "HTTP/1.1 {} {}\r\n",
        resp.status,
        reason(resp.status)
    ));
    if let Some(ct) = &resp.content_type {
        head.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
    head.push_str(&format!(
        "Date: {}\r\n",
        crate::util::http_date(crate::util::unix_now())
    ));
    head.push_str("Server: cipp-mock\r\n");
    for (k, v) in &resp.headers {
        // Header injection guard: CR/LF never reach the wire.
        let v: String = v.chars().filter(|c| *c != '\r' && *c != '\n').collect();
        let k: String = k
            .chars()
            .filter(|c| *c != '\r' && *c != '\n' && *c != ':')
            .collect();
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if close {
        head.push_str("Connection: close\r\n");
    } else if http10_keepalive {
        head.push_str("Connection: keep-alive\r\n");
    }
    head.push_str("\r\n");
    let head_len = head.len();
    let body_len = if head_only { 0 } else { resp.body.len() };
    let mut out = Vec::with_capacity(head_len + body_len);
    out.extend_from_slice(head.as_bytes());
    if !head_only {
        out.extend_from_slice(&resp.body);
    }
    (out, head_len)
}

enum ReadError {
    /// Clean end or I/O failure: just drop the connection.
    Gone,
    /// Answer with this status and text, then close.
    Bad(u16, &'static str),
}

async fn fill<S: Io>(s: &mut S, buf: &mut Vec<u8>) -> Result<usize, ReadError> {
    let mut tmp = [0u8; 16 * 1024];
    match s.read(&mut tmp).await {
        Ok(0) | Err(_) => Err(ReadError::Gone),
        Ok(n) => {
            buf.extend_from_slice(&tmp[..n]);
            Ok(n)
        }
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c))
}

fn parse_headers<'a>(
    lines: impl Iterator<Item = &'a str>,
) -> Result<Vec<(String, String)>, ReadError> {
    let mut headers = Vec::new();
    for l in lines {
        if l.is_empty() {
            continue;
        }
        if l.starts_with(' ') || l.starts_with('\t') {
            return Err(ReadError::Bad(400, "Bad Request")); // obsolete line folding
        }
        let (k, v) = l
            .split_once(':')
            .ok_or(ReadError::Bad(400, "Bad Request"))?;
        if !is_token(k) {
            return Err(ReadError::Bad(400, "Bad Request"));
        }
        headers.push((k.to_string(), v.trim_matches([' ', '\t']).to_string()));
    }
    Ok(headers)
}

fn parse_head(head: &[u8]) -> Result<Request, ReadError> {
    let text = std::str::from_utf8(head).map_err(|_| ReadError::Bad(400, "Bad Request"))?;
    let mut lines = text.split("\r\n");
    let line = lines.next().unwrap_or("");
    let parts: Vec<&str> = line.split(' ').collect();
    if parts.len() != 3 || !is_token(parts[0]) || parts[1].is_empty() {
        return Err(ReadError::Bad(400, "Bad Request"));
    }
    let minor = match parts[2] {
        "HTTP/1.1" => 1,
        "HTTP/1.0" => 0,
        v if v.starts_with("HTTP/") => {
            return Err(ReadError::Bad(505, "HTTP Version Not Supported"))
        }
        _ => return Err(ReadError::Bad(400, "Bad Request")),
    };
    let mut target = parts[1];
    // authority-form (`CONNECT host:port`): the proxy's target, kept as the path.
    if parts[0] == "CONNECT" {
        if target.contains('/') || target.bytes().any(|c| c <= b' ' || c == 0x7f) {
            return Err(ReadError::Bad(400, "Bad Request"));
        }
        return Ok(Request {
            method: parts[0].to_string(),
            path: target.to_string(),
            raw_query: String::new(),
            minor,
            headers: parse_headers(lines)?,
            body: Vec::new(),
            version: if minor == 0 { "1.0" } else { "1.1" },
            authority: None,
        });
    }
    // absolute-form: keep path and query only.
    if let Some(rest) = target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
    {
        target = rest.find('/').map_or("/", |i| &rest[i..]);
    }
    if !target.starts_with('/') || target.bytes().any(|c| c <= b' ' || c == 0x7f) {
        return Err(ReadError::Bad(400, "Bad Request"));
    }
    let target = target.split('#').next().unwrap_or("");
    let (path, raw_query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.to_string(), String::new()),
    };
    Ok(Request {
        method: parts[0].to_string(),
        path,
        raw_query,
        minor,
        headers: parse_headers(lines)?,
        body: Vec::new(),
        version: if minor == 0 { "1.0" } else { "1.1" },
        authority: None,
    })
}

async fn read_request<S: Io>(s: &mut S, buf: &mut Vec<u8>) -> Result<Request, ReadError> {
    // Head.
    let mut scanned: usize = 0;
    let head_end = loop {
        // Tolerate empty lines before a request line (RFC 9112 §2.2).
        while buf.starts_with(b"\r\n") {
            buf.drain(..2);
            scanned = 0;
        }
        if let Some(i) = find(buf, b"\r\n\r\n", scanned.saturating_sub(3)) {
            break i;
        }
        scanned = buf.len();
        if buf.len() > MAX_HEAD {
            return Err(ReadError::Bad(431, "Request Header Fields Too Large"));
        }
        fill(s, buf).await?;
    };
    if head_end > MAX_HEAD {
        return Err(ReadError::Bad(431, "Request Header Fields Too Large"));
    }
    let mut req = parse_head(&buf[..head_end])?;
    buf.drain(..head_end + 4);

    let chunked = req.header("transfer-encoding").map(|te| {
        te.rsplit(',')
            .next()
            .unwrap_or("")
            .trim()
            .eq_ignore_ascii_case("chunked")
    });
    let lengths: Vec<&str> = req
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.as_str())
        .collect();
    let expect_continue = req
        .header("expect")
        .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));

    match chunked {
        Some(false) => return Err(ReadError::Bad(400, "Bad Request")),
        Some(true) => {
            if expect_continue && buf.is_empty() {
                send_continue(s).await?;
            }
            req.body = read_chunked(s, buf).await?;
        }
        None => {
            let mut len: Option<usize> = None;
            for l in lengths {
                for part in l.split(',') {
                    let part = part.trim();
                    if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
                        return Err(ReadError::Bad(400, "Bad Request"));
                    }
                    let n: usize = part.parse().unwrap_or(usize::MAX);
                    if len.is_some_and(|x| x != n) {
                        return Err(ReadError::Bad(400, "Bad Request"));
                    }
                    len = Some(n);
                }
            }
            let len = len.unwrap_or(0);
            if len > MAX_BODY {
                return Err(ReadError::Bad(413, "Payload Too Large"));
            }
            if len > 0 {
                if expect_continue && buf.is_empty() {
                    send_continue(s).await?;
                }
                buf.reserve(len.saturating_sub(buf.len()));
                while buf.len() < len {
                    fill(s, buf).await?;
                }
                req.body = buf.drain(..len).collect();
            }
        }
    }
    Ok(req)
}

async fn send_continue<S: Io>(s: &mut S) -> Result<(), ReadError> {
    s.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
        .await
        .map_err(|_| ReadError::Gone)?;
    s.flush().await.map_err(|_| ReadError::Gone)
}

async fn read_line<S: Io>(s: &mut S, buf: &mut Vec<u8>, pos: usize) -> Result<usize, ReadError> {
    loop {
        if let Some(i) = find(buf, b"\r\n", pos) {
            return Ok(i);
        }
        if buf.len() - pos > 8 * 1024 {
            return Err(ReadError::Bad(400, "Bad Request"));
        }
        fill(s, buf).await?;
    }
}

async fn read_chunked<S: Io>(s: &mut S, buf: &mut Vec<u8>) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    let mut pos = 0;
    loop {
        let eol = read_line(s, buf, pos).await?;
        let line =
            std::str::from_utf8(&buf[pos..eol]).map_err(|_| ReadError::Bad(400, "Bad Request"))?;
        let size_str = line.split(';').next().unwrap_or("").trim();
        let size =
            usize::from_str_radix(size_str, 16).map_err(|_| ReadError::Bad(400, "Bad Request"))?;
        pos = eol + 2;
        if size == 0 {
            // Trailers until an empty line.
            loop {
                let eol = read_line(s, buf, pos).await?;
                let empty = eol == pos;
                pos = eol + 2;
                if empty {
                    buf.drain(..pos);
                    return Ok(body);
                }
            }
        }
        if body.len() + size > MAX_BODY {
            return Err(ReadError::Bad(413, "Payload Too Large"));
        }
        while buf.len() < pos + size + 2 {
            fill(s, buf).await?;
        }
        body.extend_from_slice(&buf[pos..pos + size]);
        if &buf[pos + size..pos + size + 2] != b"\r\n" {
            return Err(ReadError::Bad(400, "Bad Request"));
        }
        pos += size + 2;
        // Keep the buffer small for long bodies.
        buf.drain(..pos);
        pos = 0;
    }
}

/// Serves one connection until it closes.
pub async fn serve<S: Io>(mut s: S, shared: Arc<Shared>, listener: &'static str, peer: SocketAddr) {
    let mut buf: Vec<u8> = Vec::with_capacity(8 * 1024);
    loop {
        let req = match read_request(&mut s, &mut buf).await {
            Ok(r) => r,
            Err(ReadError::Gone) => return,
            Err(ReadError::Bad(status, text)) => {
                let resp = Response::text(status, text);
                let (bytes, _) = serialize(&resp, false, true, false);
                let _ = s.write_all(&bytes).await;
                let _ = s.flush().await;
                let _ = s.shutdown().await;
                return;
            }
        };
        let conn_hdr = req.header("connection").unwrap_or("").to_ascii_lowercase();
        let wants_close = conn_hdr.split(',').any(|t| t.trim() == "close");
        let wants_keep = conn_hdr.split(',').any(|t| t.trim() == "keep-alive");
        let http10 = req.minor == 0;
        let close_req = wants_close || (http10 && !wants_keep);
        let head_only = req.method.eq_ignore_ascii_case("HEAD");
        if req.method == "CONNECT" {
            crate::proxy::tunnel(s, std::mem::take(&mut buf), req, &shared, listener, peer).await;
            return;
        }

        match crate::server::handle(&shared, req, listener, peer).await {
            Action::Respond(resp) => {
                let close = close_req || resp.close;
                let (bytes, _) = serialize(&resp, head_only, close, http10 && !close);
                if s.write_all(&bytes).await.is_err() || s.flush().await.is_err() {
                    return;
                }
                if close {
                    let _ = s.shutdown().await;
                    return;
                }
            }
            Action::Reset => {
                let _ = s.tcp().set_zero_linger();
                return;
            }
            Action::Partial { resp, rst } => {
                let (bytes, head_len) = serialize(&resp, false, false, false);
                let cut = head_len + resp.body.len() / 2;
                let _ = s.write_all(&bytes[..cut]).await;
                let _ = s.flush().await;
                if rst {
                    let _ = s.tcp().set_zero_linger();
                } else {
                    let _ = s.shutdown().await;
                }
                return;
            }
        }
    }
}
