//! Status codes and errors.
//!
//! Every failure carries a stable [`Status`] (its number never changes meaning and is never reused)
//! and a message written for the person running the script: what went wrong and what to do. Messages
//! never contain the client secret or an access token.

use std::fmt;

/// Outcome of a library call. `Ok` is 0; numbers are stable across releases and never reused.
///
/// An HTTP answer from the CIPP API is a success at this level whatever its status code: the
/// response object carries the HTTP status, content type and body for the caller to judge.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The call succeeded.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// A string argument was not valid UTF-8.
    InvalidUtf8 = 2,
    /// An argument had a value the library cannot use (the message names it).
    InvalidArgument = 3,
    /// No API details were set (call `cipp_set_details` / `Set-CIPPAPIDetails` first).
    NotConfigured = 4,
    /// A URL setting or endpoint could not be used to build a request URL.
    InvalidUrl = 5,
    /// A plain `http://` URL was given for a host that is not a loopback address.
    InsecureUrl = 6,
    /// The TLS configuration could not be built (e.g. an unreadable or invalid CA file).
    TlsConfig = 7,
    /// The token endpoint refused the client credentials (Entra error text in the message).
    Authentication = 8,
    /// The server could not be reached or the connection failed (DNS, TCP, TLS, reset).
    Network = 9,
    /// The request did not complete within the configured timeout.
    Timeout = 10,
    /// The call was cancelled before it completed.
    Cancelled = 11,
    /// The server's answer could not be understood (e.g. a token response that is not JSON).
    InvalidResponse = 12,
    /// Refused before sending: read-only mode or the endpoint allow-list does not permit the call.
    Refused = 13,
    /// Not an error: nothing was ready within the wait (`cipp_batch_next`); ask again.
    Pending = 14,
    /// The server's TLS certificate is not trusted (unknown issuer, expired, wrong name).
    Certificate = 15,
    /// An internal error (a bug): a panic was caught at the C boundary.
    Panic = 100,
}

impl Status {
    /// Every status, in number order.
    pub fn all() -> &'static [Status] {
        const ALL: [Status; 17] = [
            Status::Ok,
            Status::NullArgument,
            Status::InvalidUtf8,
            Status::InvalidArgument,
            Status::NotConfigured,
            Status::InvalidUrl,
            Status::InsecureUrl,
            Status::TlsConfig,
            Status::Authentication,
            Status::Network,
            Status::Timeout,
            Status::Cancelled,
            Status::InvalidResponse,
            Status::Refused,
            Status::Pending,
            Status::Certificate,
            Status::Panic,
        ];
        &ALL
    }

    /// The status with this number, if there is one.
    pub fn from_code(code: i32) -> Option<Status> {
        Status::all().iter().copied().find(|s| *s as i32 == code)
    }

    /// A short, stable, lower-case name for the status (e.g. `network`).
    pub fn name(self) -> &'static str {
        self.c_name().to_str().unwrap_or("unknown")
    }

    /// [`Status::name`] NUL-terminated, for the C ABI (`cipp_status_name`): the one table of names.
    pub fn c_name(self) -> &'static std::ffi::CStr {
        match self {
            Status::Ok => c"ok",
            Status::NullArgument => c"null_argument",
            Status::InvalidUtf8 => c"invalid_utf8",
            Status::InvalidArgument => c"invalid_argument",
            Status::NotConfigured => c"not_configured",
            Status::InvalidUrl => c"invalid_url",
            Status::InsecureUrl => c"insecure_url",
            Status::TlsConfig => c"tls_config",
            Status::Authentication => c"authentication",
            Status::Network => c"network",
            Status::Timeout => c"timeout",
            Status::Cancelled => c"cancelled",
            Status::InvalidResponse => c"invalid_response",
            Status::Refused => c"refused",
            Status::Pending => c"pending",
            Status::Certificate => c"certificate",
            Status::Panic => c"panic",
        }
    }
}

/// A failure: a stable status plus a message for humans.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    status: Status,
    message: String,
    trace: Vec<String>,
    advice: Option<String>,
}

/// How a failure through a proxy says so (and how [`Error::is_proxy_failure`] recognises it).
const PROXY_IN_USE: &str = "A proxy is in use for this URL";

/// How an https:// URL whose port answers in plain HTTP says so (and how
/// [`Error::is_plain_http_answer`] recognises it).
const PLAIN_HTTP_ANSWER: &str = "the server answered in plain HTTP, not TLS";

/// Whether a transport error's text is rustls reading a plain-HTTP answer as a TLS record (an
/// https:// URL on a port that speaks HTTP): no certificate problem, and no point in retrying.
pub(crate) fn is_plain_http_detail(detail: &str) -> bool {
    detail.contains("InvalidContentType")
}

/// Whether a transport error's text is an HTTP client reading a TLS record where it expected
/// `HTTP/1.1 …` (an http:// URL on a port that speaks TLS): no point in retrying.
pub(crate) fn is_tls_answer_detail(detail: &str) -> bool {
    detail.contains("invalid HTTP version parsed")
}

/// Whether a transport error's text says the connection ended before the answer did (an
/// HTTP/2 stream reset or GOAWAY, an early end of file, a reset TCP connection).
fn is_dropped_connection_detail(detail: &str) -> bool {
    let detail = detail.to_ascii_lowercase();
    [
        "stream error",
        "connection closed before message completed",
        "end of file before message length reached",
        "error reading a body from connection",
        "connection reset",
        "broken pipe",
        "unexpected eof",
        "goaway",
        "go away",
    ]
    .iter()
    .any(|m| detail.contains(m))
}

/// Which server a transport error is about: the wording of a timeout differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Peer {
    /// The CIPP API (its long actions set the expected wait).
    Api,
    /// The token endpoint (Entra ID or the authority host), which answers within seconds.
    TokenEndpoint,
}

impl Error {
    /// Whether this is a transport failure at the proxy (unreachable, tunnel refused, credentials).
    pub(crate) fn is_proxy_failure(&self) -> bool {
        self.status == Status::Network && self.message.contains(PROXY_IN_USE)
    }

    /// Whether an https:// URL reached a port that answers in plain HTTP.
    pub(crate) fn is_plain_http_answer(&self) -> bool {
        self.status == Status::Network && self.message.contains(PLAIN_HTTP_ANSWER)
    }

    /// Creates an error. The message must not contain secrets; see [`crate::secret::Secret::redact_in`].
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        Error {
            status,
            message: message.into(),
            trace: Vec::new(),
            advice: None,
        }
    }

    /// Attaches the fix on its own, in the caller's binding's terms (the message says it too): what a
    /// binding shows as the recommended action, so no binding words or matches it itself.
    pub fn with_advice(mut self, advice: impl Into<String>) -> Self {
        self.advice = Some(advice.into());
        self
    }

    /// An error whose message is `cause` followed by `fix`, with `fix` as its advice too (one
    /// wording for both).
    pub fn with_fix(status: Status, cause: impl Into<String>, fix: impl Into<String>) -> Self {
        let fix = fix.into();
        Error::new(status, format!("{} {fix}", cause.into())).with_advice(fix)
    }

    /// The fix on its own (read-only and allow-list refusals, request timeouts), if the error has one.
    pub fn advice(&self) -> Option<&str> {
        self.advice.as_deref()
    }

    /// Attaches what happened before the failure (retries, token refreshes), oldest first.
    pub fn with_trace(mut self, trace: Vec<String>) -> Self {
        self.trace = trace;
        self
    }

    /// What happened before the failure (retries, token refreshes), oldest first.
    pub fn trace(&self) -> &[String] {
        &self.trace
    }

    /// The same error with `f` applied to the message (used to redact secrets).
    pub(crate) fn map_message(mut self, f: impl FnOnce(&str) -> String) -> Self {
        self.message = f(&self.message);
        self
    }

    /// The stable status code.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Shorthand for [`Status::InvalidArgument`].
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Error::new(Status::InvalidArgument, message)
    }

    /// Classifies a transport error from the HTTP client, naming what was being attempted.
    ///
    /// reqwest error texts can contain the request URL (never credentials: those travel in
    /// headers and bodies); the callers redact secrets once more before the message leaves.
    pub(crate) fn from_transport(
        what: &str,
        peer: Peer,
        err: &reqwest::Error,
        timeout_secs: u64,
        connect_timeout_secs: u64,
        binding: crate::settings::Binding,
    ) -> Self {
        use crate::settings::Knob;
        use std::error::Error as _;
        let mut detail = err.to_string();
        let mut source = err.source();
        while let Some(s) = source {
            detail.push_str(": ");
            detail.push_str(&s.to_string());
            source = s.source();
        }
        if err.is_timeout() && err.is_connect() {
            Error::new(
                Status::Timeout,
                format!(
                    "{what} timed out after {connect_timeout_secs} s while connecting (connect \
                     timeout): the server did not accept a connection or did not finish the TLS \
                     handshake. Check the URL (an https:// URL on a port that does not speak TLS \
                     can hang like this), firewall and proxy. ({detail})"
                ),
            )
        } else if err.is_timeout() && peer == Peer::TokenEndpoint {
            Error::new(
                Status::Timeout,
                format!(
                    "{what} timed out after {timeout_secs} s waiting for the answer (request \
                     timeout). A token endpoint answers within seconds: check the authority host, \
                     the network and any proxy in between. ({detail})"
                ),
            )
        } else if err.is_timeout() {
            Error::new(
                Status::Timeout,
                format!(
                    "{what} timed out after {timeout_secs} s waiting for the answer (request \
                     timeout). CIPP answers long actions within about 230 s; raise {} if you \
                     expect longer. ({detail})",
                    binding.name(Knob::TimeoutSecs)
                ),
            )
            .with_advice(format!(
                "Raise {} for calls that take longer (CIPP answers long actions within about 230 s).",
                binding.name(Knob::TimeoutSecs)
            ))
        } else if is_plain_http_detail(&detail) {
            Error::new(
                Status::Network,
                format!(
                    "{what} failed: {PLAIN_HTTP_ANSWER} ({detail}). The URL uses https:// but this \
                     port speaks plain HTTP: use the https:// URL of the CIPP API (the Function \
                     App, port 443), or http:// if this really is a plain-HTTP test server \
                     ({})."
                    ,
                    binding.name(Knob::ApiUrl)
                ),
            )
        } else if detail.contains("invalid peer certificate")
            || (detail.contains("certificate") && err.is_connect())
        {
            Error::new(
                Status::Certificate,
                format!(
                    "{what} failed: the server's TLS certificate is not trusted ({detail}). Check \
                     the URL; for a private CA give its PEM file with {} or add it to the system \
                     store; a TLS-inspecting proxy needs its CA trusted the same way.",
                    binding.name(Knob::CaFile)
                ),
            )
        } else if detail.contains("tunnel error") {
            // hyper-util's CONNECT tunnel: a proxy applies to this URL (the environment's
            // HTTPS_PROXY/ALL_PROXY, or the system's settings on Windows and macOS).
            let cause = if detail.contains("proxy authorization required") {
                "the proxy requires authentication: give the credentials in the proxy URL \
                 (http://user:password@proxy:port)"
            } else if detail.contains("failed to create underlying connection") {
                "the proxy could not be reached"
            } else {
                "the proxy did not open a tunnel to the server"
            };
            Error::new(
                Status::Network,
                format!(
                    "{what} failed: {cause} ({detail}). {PROXY_IN_USE} (HTTPS_PROXY, HTTP_PROXY or \
                     ALL_PROXY, or the system's proxy settings): check it, or list the host in \
                     NO_PROXY to connect directly."
                ),
            )
        } else if err.is_connect() {
            Error::new(
                Status::Network,
                format!(
                    "{what} failed: could not connect ({detail}). Check the URL, DNS, firewall or \
                     proxy, and for HTTPS that the server certificate is trusted."
                ),
            )
        } else if is_dropped_connection_detail(&detail) {
            Error::new(
                Status::Network,
                format!(
                    "{what} failed: the connection was closed before the answer was complete, by \
                     the server or by a proxy, load balancer or TLS-inspecting device in between \
                     ({detail}). This is usually temporary: try again later; if it keeps \
                     happening, check what sits between this machine and the server."
                ),
            )
        } else if is_tls_answer_detail(&detail) {
            // hyper read a TLS record where it expected "HTTP/1.1 …": an https port.
            let plain = err.url().is_some_and(|u| u.scheme() == "http");
            let fix = if plain {
                format!(
                    "The URL uses http:// but the server answered with TLS (HTTPS): change it to \
                     https:// (for the API URL: {}).",
                    binding.name(Knob::ApiUrl)
                )
            } else {
                "Check that the URL points at the CIPP API (the Function App) and not at another \
                 service on that port."
                    .to_owned()
            };
            Error::new(
                Status::Network,
                format!("{what} failed: the server's answer is not HTTP. {fix} ({detail})"),
            )
        } else if err.is_builder() {
            Error::new(Status::InvalidUrl, format!("{what} failed: {detail}"))
        } else {
            Error::new(Status::Network, format!("{what} failed: {detail}"))
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({}: {})", self.status.name(), self.message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Result alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;
