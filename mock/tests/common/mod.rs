//! A raw HTTP/1.1 client over `std::net::TcpStream` for the mock's tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use cipp_mock::{MockServer, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};

/// A parsed response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, k: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// Outcome of reading a response that may be cut short.
#[derive(Debug)]
pub enum Read2 {
    Full(Resp),
    /// Head parsed, body shorter than Content-Length; `reset` tells whether the read ended in an error.
    Short {
        resp: Resp,
        expected: usize,
        reset: bool,
    },
    /// Nothing (or no complete head) before EOF/error.
    Nothing {
        reset: bool,
    },
}

pub fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s
}

/// Reads one response from a stream (Content-Length framing only, as the mock always uses).
pub fn read_response(s: &mut TcpStream) -> Read2 {
    let mut buf = Vec::new();
    let mut tmp = [0u8; 65536];
    let head_end;
    loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            head_end = i;
            break;
        }
        match s.read(&mut tmp) {
            Ok(0) => return Read2::Nothing { reset: false },
            Ok(n) => buf.extend_from_slice(&tmp[..n]),
            Err(_) => return Read2::Nothing { reset: true },
        }
    }
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status: u16 = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.trim().to_string(), v.trim().to_string())
        })
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.parse().unwrap())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    let mut reset = false;
    while body.len() < len {
        match s.read(&mut tmp) {
            Ok(0) => break,
            Ok(n) => body.extend_from_slice(&tmp[..n]),
            Err(_) => {
                reset = true;
                break;
            }
        }
    }
    let resp = Resp {
        status,
        headers,
        body,
    };
    if resp.body.len() < len {
        Read2::Short {
            resp,
            expected: len,
            reset,
        }
    } else {
        Read2::Full(resp)
    }
}

pub fn full(r: Read2) -> Resp {
    match r {
        Read2::Full(r) => r,
        other => panic!("expected a full response, got {other:?}"),
    }
}

/// Sends raw bytes on a new connection and reads one response.
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> Read2 {
    let mut s = connect(addr);
    s.write_all(bytes).unwrap();
    read_response(&mut s)
}

/// Builds and sends a request with `Connection: close`.
pub fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Read2 {
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes)
}

pub fn get(addr: SocketAddr, target: &str, token: Option<&str>) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut h: Vec<(&str, &str)> = Vec::new();
    if let Some(a) = &auth {
        h.push(("Authorization", a.as_str()));
    }
    full(request(addr, "GET", target, &h, b""))
}

pub fn post_json(
    addr: SocketAddr,
    target: &str,
    token: Option<&str>,
    body: &serde_json::Value,
) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut h: Vec<(&str, &str)> = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        h.push(("Authorization", a.as_str()));
    }
    full(request(
        addr,
        "POST",
        target,
        &h,
        body.to_string().as_bytes(),
    ))
}

pub fn token_req(addr: SocketAddr, tenant: &str, form: &str) -> Resp {
    full(request(
        addr,
        "POST",
        &format!("/{tenant}/oauth2/v2.0/token"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    ))
}

pub fn form(id: &str, secret: &str, scope: &str, grant: &str) -> String {
    format!("grant_type={grant}&client_id={id}&client_secret={secret}&scope={scope}")
}

pub fn token_for(server: &MockServer, id: &str, secret: &str) -> String {
    let f = form(
        id,
        secret,
        &format!("api%3A%2F%2F{id}%2F.default"),
        "client_credentials",
    );
    let r = token_req(server.http_addr(), server.tenant_id(), &f);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["access_token"].as_str().unwrap().to_string()
}

pub fn admin_token(server: &MockServer) -> String {
    token_for(server, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)
}

pub fn start() -> MockServer {
    MockServer::start(cipp_mock::MockOptions::default()).expect("start mock")
}

/// Today's partition key, UTC, computed independently of the mock.
pub fn day_key(offset_days: i64) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let z = secs.div_euclid(86_400) - offset_days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}{m:02}{d:02}")
}
