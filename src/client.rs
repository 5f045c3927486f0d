//! A configured CIPP API client: settings, a connection pool and access to the token cache.

use crate::error::{Error, Result, Status};
use crate::request::{build_url, parse_method};
use crate::retry::{RetryPolicy, StatusVerdict};
use crate::secret::Secret;
use crate::settings::Settings;
use crate::token::{self, TokenRequest};
use std::borrow::Cow;
use std::time::Duration;

/// Largest response body accepted (a safety cap; real CIPP lists are tens of MB).
pub const MAX_RESPONSE_BYTES: usize = 1 << 30;
/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 256 << 20;

/// A client for one CIPP instance and one set of credentials. Cheap to share between threads.
#[derive(Debug)]
pub struct Client {
    settings: Settings,
    retry: RetryPolicy,
    api_base: reqwest::Url,
    token_url: reqwest::Url,
    /// Extra trusted CAs, read once, for rebuilding the connection pool in a forked child.
    ca_certs: Vec<reqwest::Certificate>,
    /// Connection pool and token-cache entry of the current process (rebuilt after `fork()`).
    transport: crate::runtime::PerProcess<Transport>,
    /// Bumped by [`Client::cancel_running`]; running calls watch it.
    cancel: tokio::sync::watch::Sender<u64>,
}

/// What a client needs per process: its sockets and the token cache's locks belong to the
/// process that made them.
#[derive(Debug)]
struct Transport {
    http: reqwest::Client,
    /// This client's entry in the process-wide token cache.
    token_slot: std::sync::Arc<token::TokenSlot>,
}

impl Transport {
    fn build(
        settings: &Settings,
        token_url: &reqwest::Url,
        ca_certs: &[reqwest::Certificate],
    ) -> Result<Self> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .tls_built_in_root_certs(true)
            .timeout(Duration::from_secs(settings.timeout_secs))
            .connect_timeout(Duration::from_secs(settings.connect_timeout_secs))
            .user_agent(settings.user_agent.clone())
            .tcp_nodelay(true)
            .pool_idle_timeout(Duration::from_secs(90))
            // A 302 to /.auth/login/aad means "wrong host"; following it would hide that.
            .redirect(reqwest::redirect::Policy::none());
        for cert in ca_certs {
            builder = builder.add_root_certificate(cert.clone());
        }
        // Proxy variables a binding passed (its runtime's environment) replace what the HTTP client
        // would read from this process's environment and the system settings.
        for proxy in settings.proxy.proxies()? {
            builder = builder.proxy(proxy);
        }
        let http = builder.build().map_err(|e| {
            Error::new(
                Status::TlsConfig,
                format!("could not set up the HTTP client: {e}"),
            )
        })?;
        Ok(Transport {
            http,
            token_slot: token::slot_for(
                token_url.as_str(),
                &settings.client_id,
                &settings.client_secret,
            ),
        })
    }
}

/// An HTTP answer from the CIPP API, whatever its status code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, or empty.
    pub content_type: String,
    /// The body bytes (usually UTF-8 JSON or text).
    pub body: Vec<u8>,
    /// The URL the request was sent to.
    pub url: String,
    /// The `Location` header of a redirect answer.
    pub location: Option<String>,
    /// Every header of the answer, in the order received (names in lower case; a value that is
    /// not UTF-8 is decoded lossily): `Retry-After` and the like for callers that read them.
    pub headers: Vec<(String, String)>,
    /// What happened on the way (retries, token refreshes), oldest first.
    pub trace: Vec<String>,
    /// Where the call's parameters differ from the endpoint catalog (sent anyway).
    pub warnings: Vec<String>,
    /// Cause and fix for a failure answer people commonly meet (wrong URL, role, IP, …).
    pub advice: Option<String>,
}

/// What a call would send, built but not sent (`-WhatIf`, request previews). Never holds a
/// secret: the Authorization header is shown as `Bearer [redacted]`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Preview {
    /// HTTP method.
    pub method: String,
    /// Complete URL.
    pub url: String,
    /// Request headers the library sets.
    pub headers: Vec<(String, String)>,
    /// Request body text.
    pub body: String,
    /// Parameter mismatches with the endpoint catalog.
    pub warnings: Vec<String>,
    /// Why the call would be refused before sending (read-only mode, allow-list), if it would.
    pub refused: Option<String>,
}

/// A call checked and turned into wire form.
struct Prepared {
    method: reqwest::Method,
    url: reqwest::Url,
    endpoint: String,
    body: bytes::Bytes,
    content_type: reqwest::header::HeaderValue,
    warnings: Vec<String>,
}

impl Response {
    /// True for 2xx statuses.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

/// One request to send: the C face of `Invoke-CIPPRestMethod`.
#[derive(Debug, Clone, Copy)]
pub struct Call<'a> {
    /// HTTP method (GET, POST, PUT, PATCH, DELETE; case-insensitive).
    pub method: &'a str,
    /// Endpoint: `/api/Name`, `api/Name` or `Name`.
    pub endpoint: &'a str,
    /// Query parameters in order; `None` values are sent as `key=`.
    pub query: &'a [(&'a str, Option<&'a str>)],
    /// Request body; `None` sends `{}` (the community module sends a JSON body on every call).
    pub body: Option<&'a str>,
    /// Content type; `None` means `application/json`.
    pub content_type: Option<&'a str>,
}

impl Client {
    /// Validates the settings and builds the connection pool.
    pub fn new(settings: Settings) -> Result<Self> {
        let (api_base, authority) = settings.validate()?;
        let token_url = reqwest::Url::parse(&format!(
            "{}/{}/oauth2/v2.0/token",
            authority.as_str().trim_end_matches('/'),
            settings.tenant_id
        ))
        .map_err(|e| {
            Error::new(
                Status::InvalidUrl,
                format!("could not build the token URL: {e}"),
            )
        })?;
        let ca_certs = match &settings.ca_file {
            Some(path) => load_ca_file(path).map_err(|e| {
                let note = settings.env_note("ca_file");
                e.map_message(|m| format!("{m}{note}"))
            })?,
            None => Vec::new(),
        };
        let transport = Transport::build(&settings, &token_url, &ca_certs)?;
        Ok(Client {
            retry: settings.retry_policy(),
            settings,
            api_base,
            token_url,
            ca_certs,
            transport: crate::runtime::PerProcess::with(transport),
            cancel: tokio::sync::watch::channel(0).0,
        })
    }

    /// This process's connection pool and token-cache entry: after `fork()` the child builds
    /// its own (the inherited pool's connections are the parent's sockets).
    fn transport(&self) -> &Transport {
        self.transport.get(|| {
            Transport::build(&self.settings, &self.token_url, &self.ca_certs)
                .expect("the HTTP client was built with the same settings before fork()")
        })
    }

    /// The settings this client was built from.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Builds the URL a call would be sent to, without sending anything.
    pub fn url_for(&self, endpoint: &str, query: &[(&str, Option<&str>)]) -> Result<String> {
        Ok(build_url(&self.api_base, endpoint, query)?.url.into())
    }

    /// Cancels every call running on this client now; they fail with [`Status::Cancelled`].
    /// Calls started afterwards are not affected.
    pub fn cancel_running(&self) {
        self.cancel.send_modify(|generation| *generation += 1);
    }

    /// An unauthenticated `GET /api/PublicPing`: status, `Location` and whether the answer says
    /// the Function App was cold-starting (`Results.ColdStart`).
    pub(crate) async fn probe_public_ping(&self) -> Result<(u16, Option<String>, bool)> {
        let url = build_url(&self.api_base, "PublicPing", &[])?.url;
        let what = format!("GET {url}");
        let resp = self.transport().http.get(url).send().await.map_err(|e| {
            Error::from_transport(
                &what,
                crate::error::Peer::Api,
                &e,
                self.settings.timeout_secs,
                self.settings.connect_timeout_secs,
                self.settings.binding,
            )
        })?;
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let status = resp.status().as_u16();
        let cold = resp
            .json::<serde_json::Value>()
            .await
            .ok()
            .and_then(|v| v.pointer("/Results/ColdStart").and_then(|c| c.as_bool()))
            .unwrap_or(false);
        Ok((status, location, cold))
    }

    /// The token request for this client's credentials (also used by the doctor for a fresh token).
    pub(crate) fn token_request(&self) -> TokenRequest<'_> {
        let transport = self.transport();
        TokenRequest {
            http: &transport.http,
            token_url: &self.token_url,
            client_id: &self.settings.client_id,
            secret: &self.settings.client_secret,
            timeout_secs: self.settings.timeout_secs,
            connect_timeout_secs: self.settings.connect_timeout_secs,
            binding: self.settings.binding,
            retry: self.retry,
            slot: &transport.token_slot,
        }
    }

    /// Sends a call and returns the server's answer (any HTTP status).
    ///
    /// - A 401 with a cached token is answered by fetching a fresh token once and repeating the
    ///   call once: EasyAuth rejects before CIPP code runs, so nothing was done.
    /// - Transient failures are retried per [`crate::retry`]: a request that may have reached
    ///   CIPP is repeated only when it is a GET or the server said it was not processed.
    /// - Every retry is noted in the response's (or error's) trace.
    pub async fn invoke(&self, call: Call<'_>) -> Result<Response> {
        let mut trace = Vec::new();
        let mut cancelled = self.cancel.subscribe();
        let outcome = tokio::select! {
            biased;
            _ = cancelled.changed() => Err(Error::new(
                Status::Cancelled,
                "the call was cancelled before it completed (nothing more will be sent)",
            )),
            r = self.invoke_inner(call, &mut trace) => r,
        };
        match outcome {
            Ok(mut resp) => {
                resp.trace = trace;
                Ok(resp)
            }
            Err(e) => Err(e.with_trace(trace)),
        }
    }

    /// Checks a call and turns it into wire form; nothing is sent.
    fn prepare(&self, call: &Call<'_>) -> Result<Prepared> {
        let method = parse_method(call.method)?;
        let built = build_url(&self.api_base, call.endpoint, call.query)?;
        let body = call.body.unwrap_or("{}");
        if body.len() > MAX_BODY_BYTES {
            return Err(Error::invalid_argument(format!(
                "the request body is {} bytes; at most {MAX_BODY_BYTES} are accepted",
                body.len()
            )));
        }
        let content_type = call.content_type.unwrap_or("application/json");
        let header_value = reqwest::header::HeaderValue::from_str(content_type).map_err(|_| {
            Error::invalid_argument(format!(
                "content type '{}' is not a valid header value",
                crate::request::truncate_for_message(content_type)
            ))
        })?;
        let query_keys: Vec<&str> = call.query.iter().map(|(k, _)| *k).collect();
        let body_keys = body_keys(body);
        let body_keys: Vec<&str> = body_keys.iter().map(String::as_str).collect();
        let mut warnings = Vec::new();
        // The query text inside the endpoint is not sent (as in CIPPAPIModule 1.2.12): a script that
        // pasted a URL from the portal would otherwise lose its tenantFilter without a word.
        if let Some(dropped) = built.dropped_query.as_deref() {
            warnings.push(format!(
                "the query string in the endpoint ('?{}') is not sent; give its parameters with {}",
                crate::request::truncate_for_message(dropped),
                self.settings
                    .binding
                    .name(crate::settings::Knob::QueryParameters)
            ));
        }
        warnings.extend(crate::catalog::check_parameters(
            &built.endpoint,
            &query_keys,
            &body_keys,
        ));
        if self.settings.strict_parameters && !warnings.is_empty() {
            return Err(Error::invalid_argument(format!(
                "refused before sending (strict parameter checking): {}",
                warnings.join("; ")
            )));
        }
        Ok(Prepared {
            method,
            url: built.url,
            endpoint: built.endpoint,
            body: bytes::Bytes::copy_from_slice(body.as_bytes()),
            content_type: header_value,
            warnings,
        })
    }

    /// Refuses `call` as sending it would (read-only mode, allow-list), with the same error and
    /// advice, without sending anything.
    pub(crate) fn check_permitted(&self, call: Call<'_>) -> Result<()> {
        let p = self.prepare(&call)?;
        self.settings.permits(&p.endpoint)
    }

    /// Builds a call without sending it: what `-WhatIf` shows.
    pub fn preview(&self, call: Call<'_>) -> Result<Preview> {
        let p = self.prepare(&call)?;
        let mut warnings = p.warnings;
        // Sent, a misspelt endpoint shows only as CIPP's 404 (with this suggestion as advice): a
        // dry run says it now. Unknown endpoints without a close name stay silent (new ones).
        if let Some(known) = crate::catalog::suggest(&p.endpoint) {
            warnings.push(format!(
                "{} is not in the endpoint catalog. Did you mean '{known}'?",
                p.endpoint
            ));
        }
        Ok(Preview {
            method: p.method.to_string(),
            url: p.url.to_string(),
            headers: vec![
                (
                    "Content-Type".into(),
                    p.content_type.to_str().unwrap_or("").to_owned(),
                ),
                ("Authorization".into(), "Bearer [redacted]".into()),
            ],
            body: String::from_utf8_lossy(&p.body).into_owned(),
            warnings,
            refused: self
                .settings
                .permits(&p.endpoint)
                .err()
                .map(|e| e.message().to_owned()),
        })
    }

    async fn invoke_inner(&self, call: Call<'_>, trace: &mut Vec<String>) -> Result<Response> {
        let Prepared {
            method,
            url,
            endpoint,
            body,
            content_type: header_value,
            warnings,
        } = self.prepare(&call)?;
        self.settings.permits(&endpoint)?;
        let idempotent = method == reqwest::Method::GET;
        let what = format!("{method} {url}");
        let token_req = self.token_request();
        let mut token = token::get_token(&token_req, trace).await?;
        let mut reauthenticated = false;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let sent = self
                .transport()
                .http
                .request(method.clone(), url.clone())
                .header(reqwest::header::CONTENT_TYPE, header_value.clone())
                .bearer_auth(token.expose())
                .body(body.clone())
                .send()
                .await;
            let resp = match sent {
                Ok(resp) => resp,
                Err(e) => {
                    // Safe to repeat only if nothing can have reached CIPP, or the call is a GET.
                    let transient = is_transient_transport(&e);
                    let retry = transient && (e.is_connect() || idempotent);
                    let err = self.transport_error(&what, &e, &token);
                    if retry && attempt <= self.retry.max_retries {
                        self.wait_before_retry(trace, attempt, err.message(), None)
                            .await;
                        continue;
                    }
                    let note = if transient && !e.is_connect() && !idempotent {
                        format!(
                            " The connection broke after the request was sent, so CIPP may have \
                             processed it; it was not sent again ({method} calls that may have \
                             reached CIPP are never repeated automatically). Check the outcome in \
                             CIPP before repeating it."
                        )
                    } else if e.is_timeout() && !e.is_connect() && !idempotent {
                        format!(
                            " The request was sent, so CIPP may still be processing it; it was not \
                             sent again. Check the outcome in CIPP before repeating the {method}."
                        )
                    } else if retry {
                        retried_note(attempt)
                    } else {
                        String::new()
                    };
                    return Err(err.map_message(|m| sentence(m, &note)));
                }
            };
            let status = resp.status().as_u16();
            if status == 401 && !reauthenticated {
                reauthenticated = true;
                trace.push(
                    "the API answered 401: fetching a fresh token and repeating the call once"
                        .into(),
                );
                token::invalidate(&token_req, &token);
                token = token::get_token(&token_req, trace).await?;
                continue;
            }
            let retry_after = resp
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            if let StatusVerdict::RetryAfter(wait) =
                self.retry
                    .verdict(idempotent, status, retry_after.as_deref(), attempt)
            {
                let reason = format!("HTTP {status}");
                self.wait_before_retry(trace, attempt, &reason, Some(wait))
                    .await;
                continue;
            }
            match self.read_response(&what, resp, &token).await {
                Ok(mut r) => {
                    if !r.is_success() {
                        r.advice = crate::advice::for_response(
                            self.settings.binding,
                            r.status,
                            r.location.as_deref(),
                            &r.text(),
                            &endpoint,
                        );
                    }
                    r.warnings = warnings;
                    return Ok(r);
                }
                // The answer broke off mid-body: repeat a GET, report anything else.
                Err((err, true)) if idempotent && attempt <= self.retry.max_retries => {
                    self.wait_before_retry(trace, attempt, err.message(), None)
                        .await;
                }
                Err((err, true)) if idempotent => {
                    return Err(err.map_message(|m| sentence(m, &retried_note(attempt))))
                }
                Err((err, true)) => {
                    let note = format!(
                        " CIPP answered HTTP {status}, so it processed the call; only the answer \
                         was lost. It was not sent again."
                    );
                    return Err(err.map_message(|m| sentence(m, &note)));
                }
                Err((err, false)) => return Err(err),
            }
        }
    }

    async fn wait_before_retry(
        &self,
        trace: &mut Vec<String>,
        attempt: u32,
        reason: &str,
        wait: Option<Duration>,
    ) {
        let wait = wait.unwrap_or_else(|| self.retry.backoff(attempt));
        trace.push(format!(
            "attempt {attempt} of {} failed ({reason}); retrying in {:.1} s",
            self.retry.max_retries + 1,
            wait.as_secs_f64()
        ));
        tokio::time::sleep(wait).await;
    }

    /// `GET /api/ListLogs` exactly as `Get-CIPPLogs` sends it: `Filter=True`, `DateFilter`
    /// (default: today's local date as `yyyyMMdd`), `StartDate` and `EndDate` (`key=` when not
    /// given), and `Severity` only when given. Dates written another way that names a day (ISO
    /// `2025-01-31[T…]`, or PowerShell's culture-invariant `01/31/2025 00:00:00` of a
    /// `[datetime]`) are sent as the `yyyyMMdd` CIPP reads.
    pub async fn get_logs(
        &self,
        severity: Option<&str>,
        date_filter: Option<&str>,
        start_date: Option<&str>,
        end_date: Option<&str>,
    ) -> Result<Response> {
        let query = logs_query(severity, date_filter, start_date, end_date)?;
        self.invoke(Call {
            method: "GET",
            endpoint: LOGS_ENDPOINT,
            query: &query_refs(&query),
            body: None,
            content_type: None,
        })
        .await
    }

    /// The URL [`Client::get_logs`] sends to, without sending anything (for a verbose line).
    pub fn logs_url(
        &self,
        severity: Option<&str>,
        date_filter: Option<&str>,
        start_date: Option<&str>,
        end_date: Option<&str>,
    ) -> Result<String> {
        let query = logs_query(severity, date_filter, start_date, end_date)?;
        self.url_for(LOGS_ENDPOINT, &query_refs(&query))
    }

    /// Reads the whole answer. On failure, the flag tells whether the body broke off (worth
    /// repeating for a GET) rather than being refused.
    async fn read_response(
        &self,
        what: &str,
        mut resp: reqwest::Response,
        token: &Secret,
    ) -> std::result::Result<Response, (Error, bool)> {
        let status = resp.status().as_u16();
        let url = resp.url().to_string();
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let headers = resp
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        let expected = resp.content_length().unwrap_or(0) as usize;
        // +1: the C layer appends a NUL terminator without reallocating.
        let mut body = Vec::with_capacity(expected.min(MAX_RESPONSE_BYTES) + 1);
        loop {
            let chunk = resp.chunk().await.map_err(|e| {
                let broke_off = !e.is_timeout();
                let err = self.transport_error(&format!("reading the answer to {what}"), &e, token);
                (err, broke_off)
            })?;
            let Some(chunk) = chunk else { break };
            if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                let err = Error::new(
                    Status::InvalidResponse,
                    format!("the answer to {what} is larger than {MAX_RESPONSE_BYTES} bytes"),
                );
                return Err((err, false));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            status,
            content_type,
            body,
            url,
            location,
            headers,
            trace: Vec::new(),
            warnings: Vec::new(),
            advice: None,
        })
    }

    fn transport_error(&self, what: &str, err: &reqwest::Error, token: &Secret) -> Error {
        Error::from_transport(
            what,
            crate::error::Peer::Api,
            err,
            self.settings.timeout_secs,
            self.settings.connect_timeout_secs,
            self.settings.binding,
        )
        .map_message(|m| token.redact_in(&self.settings.client_secret.redact_in(m)))
    }
}

const LOGS_ENDPOINT: &str = "/api/ListLogs";

/// The ListLogs query: (name, value) pairs, a `None` value sent as `name=`.
type LogsQuery<'a> = Vec<(&'static str, Option<Cow<'a, str>>)>;

/// The query of `GET /api/ListLogs` (see [`Client::get_logs`]): the one place its shape and
/// defaults are decided.
fn logs_query<'a>(
    severity: Option<&'a str>,
    date_filter: Option<&'a str>,
    start_date: Option<&'a str>,
    end_date: Option<&'a str>,
) -> Result<LogsQuery<'a>> {
    let today = || Cow::Owned(chrono::Local::now().format("%Y%m%d").to_string());
    let date = |name: &str, v: Option<&'a str>| v.map(|t| log_date(name, t)).transpose();
    let mut query = vec![
        ("Filter", Some(Cow::Borrowed("True"))),
        (
            "DateFilter",
            Some(date("DateFilter", date_filter)?.unwrap_or_else(today)),
        ),
        ("StartDate", date("StartDate", start_date)?),
        ("EndDate", date("EndDate", end_date)?),
    ];
    if let Some(sev) = severity {
        query.push(("Severity", Some(Cow::Borrowed(sev))));
    }
    Ok(query)
}

fn query_refs<'a>(
    query: &'a [(&'static str, Option<Cow<'_, str>>)],
) -> Vec<(&'a str, Option<&'a str>)> {
    query.iter().map(|(k, v)| (*k, v.as_deref())).collect()
}

/// `message` followed by `note` (which starts with a space, or is empty), with a full stop
/// between them.
pub(crate) fn sentence(message: &str, note: &str) -> String {
    if note.is_empty() || message.ends_with('.') {
        format!("{message}{note}")
    } else {
        format!("{message}.{note}")
    }
}

/// What a failure message adds when the call failed on every attempt.
fn retried_note(attempts: u32) -> String {
    match attempts {
        0 | 1 => String::new(),
        n => format!(" It was tried {n} times ({} retries).", n - 1),
    }
}

/// A ListLogs date as the `yyyyMMdd` CIPP reads (it answers "Invalid date format" to anything
/// else): `2025-01-31`, `2025-01-31T10:00:00+02:00` (the day as written) and PowerShell's
/// invariant `[datetime]` text `01/31/2025 10:00:00` become `20250131`. A typed `a/b/yyyy`
/// without a time is read by whichever order makes a date (`31/01/2025`, `01/31/2025`) and
/// refused when both do (`02/12/2025`: 2 December in most of the world, February 12 in the US)
/// rather than guessed. Any other text, including `yyyyMMdd` itself and dates that do not
/// exist, is passed on unchanged. `name` is the parameter, for the error.
pub(crate) fn log_date<'a>(name: &str, text: &'a str) -> Result<std::borrow::Cow<'a, str>> {
    use chrono::NaiveDate;
    use std::borrow::Cow;
    let t = text.trim();
    // `get` rather than slicing: byte 10 need not be a character boundary.
    let (Some(head), Some(rest)) = (t.get(..10), t.get(10..)) else {
        return Ok(Cow::Borrowed(text));
    };
    let b = head.as_bytes();
    let day =
        if b[4] == b'-' && b[7] == b'-' && (rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
        } else if b[2] == b'/' && b[5] == b'/' && rest.starts_with(' ') {
            // With a time: the text PowerShell gives a [datetime] (culture-invariant, month first).
            NaiveDate::parse_from_str(head, "%m/%d/%Y").ok()
        } else if b[2] == b'/' && b[5] == b'/' && rest.is_empty() {
            let us = NaiveDate::parse_from_str(head, "%m/%d/%Y").ok();
            let day_first = NaiveDate::parse_from_str(head, "%d/%m/%Y").ok();
            match (us, day_first) {
                (Some(a), Some(b)) if a != b => {
                    return Err(Error::invalid_argument(format!(
                    "{name} '{t}' could be {} or {}: give the day as yyyyMMdd ({}) or yyyy-MM-dd \
                     ({}), or pass a [datetime]",
                    b.format("%-d %B %Y"),
                    a.format("%B %-d, %Y"),
                    b.format("%Y%m%d"),
                    b.format("%Y-%m-%d")
                )));
                }
                (a, b) => a.or(b),
            }
        } else {
            None
        };
    Ok(match day {
        Some(d) => Cow::Owned(d.format("%Y%m%d").to_string()),
        None => Cow::Borrowed(text),
    })
}

/// Top-level keys of a JSON object body (none for other bodies, or bodies too big to bother).
fn body_keys(body: &str) -> Vec<String> {
    if body.len() > 1 << 20 || !body.trim_start().starts_with('{') {
        return Vec::new();
    }
    serde_json::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(body)
        .map(|map| map.into_keys().collect())
        .unwrap_or_default()
}

/// True for transport failures that trying again may cure: not timeouts (the wait already
/// happened) and not certificate problems (they will not fix themselves).
pub(crate) fn is_transient_transport(err: &reqwest::Error) -> bool {
    use std::error::Error as _;
    if err.is_timeout() || err.is_builder() || err.is_redirect() {
        return false;
    }
    let mut source = err.source();
    while let Some(s) = source {
        let text = s.to_string();
        if text.contains("certificate")
            || text.contains("InvalidCertificate")
            || crate::error::is_plain_http_detail(&text)
            || crate::error::is_tls_answer_detail(&text)
        {
            return false;
        }
        source = s.source();
    }
    true
}

fn load_ca_file(path: &std::path::Path) -> Result<Vec<reqwest::Certificate>> {
    let pem = std::fs::read(path).map_err(|e| {
        Error::new(
            Status::TlsConfig,
            format!("cannot read the CA file '{}': {e}", path.display()),
        )
    })?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
        Error::new(
            Status::TlsConfig,
            format!(
                "the CA file '{}' is not a PEM certificate bundle: {e}",
                path.display()
            ),
        )
    })?;
    if certs.is_empty() {
        return Err(Error::new(
            Status::TlsConfig,
            format!(
                "the CA file '{}' contains no PEM certificates",
                path.display()
            ),
        ));
    }
    Ok(certs)
}

#[cfg(test)]
mod log_date_tests {
    use super::log_date;

    fn day(text: &str) -> String {
        log_date("DateFilter", text).unwrap().into_owned()
    }

    #[test]
    fn dates_become_yyyymmdd() {
        assert_eq!(day("2025-01-31"), "20250131");
        assert_eq!(day("2025-01-31T23:59:59.1234567+02:00"), "20250131");
        assert_eq!(day("2025-01-31 08:00"), "20250131");
        // PowerShell's invariant [datetime] text: month first, with a time.
        assert_eq!(day("02/12/2025 00:00:00"), "20250212");
        // Typed without a time: the only order that makes a date.
        assert_eq!(day("01/31/2025"), "20250131");
        assert_eq!(day("31/01/2025"), "20250131");
        assert_eq!(day("05/05/2025"), "20250505");
    }

    #[test]
    fn a_typed_day_that_reads_both_ways_is_refused_naming_both() {
        let err = log_date("StartDate", "02/12/2025").unwrap_err();
        assert_eq!(err.status(), crate::Status::InvalidArgument);
        assert_eq!(
            err.message(),
            "StartDate '02/12/2025' could be 2 December 2025 or February 12, 2025: give the day as \
             yyyyMMdd (20251202) or yyyy-MM-dd (2025-12-02), or pass a [datetime]"
        );
    }

    #[test]
    fn other_text_is_unchanged() {
        for text in [
            "20250131",
            "",
            "2025-02-30",
            "13/13/2025",
            "2025-01-31x",
            "yesterday",
            "é2025-01-31",
        ] {
            assert_eq!(day(text), text, "{text}");
        }
    }
}
