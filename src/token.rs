//! Entra ID client-credentials tokens, cached for the whole process.
//!
//! - One cache entry per (authority, tenant, client id, secret hash): every client with the same
//!   credentials shares a token; a changed secret is a different key, so an old token is never
//!   reused for new credentials.
//! - Refreshed before expiry with a safety margin (5 minutes, or half the lifetime for short-lived
//!   tokens), so calls near the end of a token's life do not meet a 401.
//! - Concurrent callers that find no valid token wait for one fetch instead of each fetching
//!   (an async mutex per entry is held across the fetch).

use crate::error::{Error, Result, Status};
use crate::request::truncate_for_message;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// Identifies one set of credentials at one authority. Holds a hash of the secret, not the secret.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct TokenKey {
    token_url: String,
    client_id: String,
    secret_hash: [u8; 32],
}

impl TokenKey {
    pub(crate) fn new(token_url: &str, client_id: &str, secret: &Secret) -> Self {
        let mut h = Sha256::new();
        h.update(b"cippapi-token-key\0");
        h.update(secret.expose().as_bytes());
        TokenKey {
            token_url: token_url.to_owned(),
            client_id: client_id.to_owned(),
            secret_hash: h.finalize().into(),
        }
    }
}

/// A cached access token.
#[derive(Clone)]
pub(crate) struct CachedToken {
    pub(crate) access_token: Secret,
    refresh_at: Instant,
}

/// The cache entry for one set of credentials. Readers take the current token under a short
/// read lock (the hot path of every call); a caller that finds none valid takes the async
/// `refresh` lock, so concurrent callers wait for one fetch instead of each fetching.
#[derive(Default)]
pub(crate) struct TokenSlot {
    current: RwLock<Option<CachedToken>>,
    refresh: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for TokenSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSlot([redacted])")
    }
}

impl TokenSlot {
    fn valid(&self) -> Option<Secret> {
        let current = self.current.read().unwrap_or_else(|p| p.into_inner());
        current
            .as_ref()
            .filter(|t| Instant::now() < t.refresh_at)
            .map(|t| t.access_token.clone())
    }
}

/// Per process: a forked child starts with an empty cache (the parent's locks may be held by
/// threads that do not exist in the child).
static CACHE: crate::runtime::PerProcess<Mutex<HashMap<TokenKey, Arc<TokenSlot>>>> =
    crate::runtime::PerProcess::new();

/// The shared cache entry for these credentials (looked up once per client).
pub(crate) fn slot_for(token_url: &str, client_id: &str, secret: &Secret) -> Arc<TokenSlot> {
    let key = TokenKey::new(token_url, client_id, secret);
    let mut map = CACHE
        .get(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    map.entry(key).or_default().clone()
}

/// How long before expiry a token is replaced.
pub(crate) fn refresh_margin(lifetime: Duration) -> Duration {
    (lifetime / 2).min(Duration::from_secs(300))
}

/// What the token request needs; built by the client from its settings.
pub(crate) struct TokenRequest<'a> {
    pub http: &'a reqwest::Client,
    pub token_url: &'a reqwest::Url,
    pub client_id: &'a str,
    pub secret: &'a Secret,
    pub timeout_secs: u64,
    pub connect_timeout_secs: u64,
    pub binding: crate::settings::Binding,
    pub retry: RetryPolicy,
    pub slot: &'a TokenSlot,
}

/// Returns a valid token, fetching one (once, for all waiting callers) when needed.
/// Retries of the token request are noted in `trace`.
pub(crate) async fn get_token(req: &TokenRequest<'_>, trace: &mut Vec<String>) -> Result<Secret> {
    if let Some(token) = req.slot.valid() {
        return Ok(token);
    }
    let _refreshing = req.slot.refresh.lock().await;
    // Whoever held the lock before us may have fetched already.
    if let Some(token) = req.slot.valid() {
        return Ok(token);
    }
    let fresh = fetch(req, trace).await?;
    let token = fresh.access_token.clone();
    *req.slot.current.write().unwrap_or_else(|p| p.into_inner()) = Some(fresh);
    Ok(token)
}

/// Forgets `rejected` if it is still the cached token for these credentials, so the next
/// [`get_token`] fetches a new one (used when the API answers 401 to a token we thought valid).
pub(crate) fn invalidate(req: &TokenRequest<'_>, rejected: &Secret) {
    let mut current = req.slot.current.write().unwrap_or_else(|p| p.into_inner());
    if current
        .as_ref()
        .is_some_and(|t| &t.access_token == rejected)
    {
        *current = None;
    }
}

#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: Option<String>,
    expires_in: Option<serde_json::Value>,
}

#[derive(serde::Deserialize)]
struct EntraError {
    error: Option<String>,
    error_description: Option<String>,
}

/// Fetches a new token, bypassing (and not touching) the cache: the connection doctor's check
/// that the credentials work right now.
pub(crate) async fn fetch_fresh(req: &TokenRequest<'_>, trace: &mut Vec<String>) -> Result<Secret> {
    Ok(fetch(req, trace).await?.access_token)
}

/// Fetches a token, retrying transient failures (repeating a token request is harmless).
async fn fetch(req: &TokenRequest<'_>, trace: &mut Vec<String>) -> Result<CachedToken> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match fetch_once(req).await {
            Ok(token) => return Ok(token),
            Err(Failure {
                error,
                transient: true,
                retry_after,
            }) if attempt <= req.retry.max_retries => {
                let wait = retry_after
                    .map(|w| w.min(req.retry.max_delay))
                    .unwrap_or_else(|| req.retry.backoff(attempt));
                trace.push(format!(
                    "token request attempt {attempt} failed ({}); retrying in {:.1} s",
                    error.message(),
                    wait.as_secs_f64()
                ));
                tokio::time::sleep(wait).await;
            }
            Err(f) => return Err(f.error),
        }
    }
}

/// A failed token request and whether trying again may help.
struct Failure {
    error: Error,
    transient: bool,
    retry_after: Option<Duration>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error,
            transient: false,
            retry_after: None,
        }
    }
}

async fn fetch_once(req: &TokenRequest<'_>) -> std::result::Result<CachedToken, Failure> {
    let scope = format!("api://{}/.default", req.client_id);
    let form = zeroize::Zeroizing::new(crate::request::encode_query(&[
        ("grant_type", Some("client_credentials")),
        ("client_id", Some(req.client_id)),
        ("client_secret", Some(req.secret.expose())),
        ("scope", Some(&scope)),
    ])?);
    let what = format!("The token request to {}", req.token_url);
    let sent_at = Instant::now();
    let transport = |e: reqwest::Error| Failure {
        transient: crate::client::is_transient_transport(&e),
        error: redact(
            Error::from_transport(
                &what,
                crate::error::Peer::TokenEndpoint,
                &e,
                req.timeout_secs,
                req.connect_timeout_secs,
                req.binding,
            ),
            req.secret,
        ),
        retry_after: None,
    };
    let resp = req
        .http
        .post(req.token_url.clone())
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(reqwest::header::ACCEPT, "application/json")
        .body(form.as_bytes().to_vec())
        .send()
        .await
        .map_err(transport)?;
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::retry::parse_retry_after);
    let body = resp.bytes().await.map_err(transport)?;
    if !status.is_success() {
        return Err(Failure {
            error: redact(
                token_error(&what, status, &body, req.client_id, req.binding),
                req.secret,
            ),
            transient: status.is_server_error() || status.as_u16() == 429,
            retry_after,
        });
    }
    let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|_| {
        Error::new(
            Status::InvalidResponse,
            format!(
                "{what} returned HTTP {status} but not a token (the body is not the expected JSON). \
                 Check that the authority host points at Microsoft Entra ID."
            ),
        )
    })?;
    let access_token = parsed
        .access_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Error::new(
                Status::InvalidResponse,
                format!("{what} returned no access_token"),
            )
        })?;
    let lifetime = parsed
        .expires_in
        .and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        })
        .unwrap_or(3599);
    let lifetime = Duration::from_secs(lifetime);
    Ok(CachedToken {
        access_token: Secret::new(access_token),
        refresh_at: sent_at + lifetime - refresh_margin(lifetime),
    })
}

fn redact(err: Error, secret: &Secret) -> Error {
    err.map_message(|m| secret.redact_in(m))
}

/// Turns an Entra error answer into a message with the cause and the fix.
/// [`token_error`] for the fuzz targets.
#[doc(hidden)]
pub(crate) fn token_error_for_fuzzing(
    what: &str,
    status: reqwest::StatusCode,
    body: &[u8],
    client_id: &str,
) -> Error {
    token_error(what, status, body, client_id, crate::settings::Binding::C)
}

fn token_error(
    what: &str,
    status: reqwest::StatusCode,
    body: &[u8],
    client_id: &str,
    binding: crate::settings::Binding,
) -> Error {
    let parsed: Option<EntraError> = serde_json::from_slice(body).ok();
    let (code, description) = match parsed {
        Some(e) => (
            e.error.unwrap_or_default(),
            // Entra appends trace ids after CR/LF; the first line is the useful part.
            e.error_description
                .unwrap_or_default()
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        ),
        None => (
            String::new(),
            truncate_for_message(&String::from_utf8_lossy(body)),
        ),
    };
    let hint = token_hint(&description, client_id, binding);
    let mut msg = format!("{what} failed with HTTP {}", status.as_u16());
    if !code.is_empty() {
        msg.push_str(&format!(" ({code})"));
    }
    if !description.is_empty() {
        msg.push_str(&format!(": {description}"));
    }
    if !hint.is_empty() {
        // Entra's descriptions end with a full stop already.
        if msg.ends_with('.') {
            msg.pop();
        }
        msg.push_str(". Fix: ");
        msg.push_str(&hint);
    }
    let status_code = if status.is_server_error() || status.as_u16() == 429 {
        Status::Network
    } else {
        Status::Authentication
    };
    Error::new(status_code, msg)
}

fn token_hint(description: &str, client_id: &str, binding: crate::settings::Binding) -> String {
    let code = description
        .strip_prefix("AADSTS")
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .unwrap_or_default();
    match code.as_str() {
        "7000215" => format!(
            "the client secret is wrong (use the secret's Value, not its ID) or was rotated; create \
             a new secret in CIPP > Integrations > CIPP-API and give it to {} again",
            binding.name(crate::settings::Knob::SetDetails)
        ),
        "7000222" => "the client secret has expired; create a new one in CIPP > Integrations > CIPP-API".into(),
        "500011" => format!(
            "the app registration has no identifier URI api://{client_id}; use 'Repair' on the API \
             client in CIPP > Integrations > CIPP-API, and check that the tenant id is the partner tenant"
        ),
        "700016" => "the client id is not an application in this tenant; check the client id and that \
                     the tenant id is the partner tenant where CIPP created the API client"
            .into(),
        "90002" => "the tenant id was not found; use the partner tenant id shown on CIPP's integration page".into(),
        "900144" => "the token request was malformed; this is a bug in the client, please report it".into(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_is_five_minutes_or_half_the_lifetime() {
        assert_eq!(
            refresh_margin(Duration::from_secs(3599)),
            Duration::from_secs(300)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(60)),
            Duration::from_secs(30)
        );
    }

    #[test]
    fn keys_differ_by_secret_without_holding_it() {
        let a = TokenKey::new("u", "c", &Secret::new("one-secret"));
        let b = TokenKey::new("u", "c", &Secret::new("two-secret"));
        assert!(a != b);
        assert!(a == TokenKey::new("u", "c", &Secret::new("one-secret")));
    }

    #[test]
    fn entra_errors_become_cause_and_fix() {
        let body = br#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: x\r\nCorrelation ID: y"}"#;
        let e = token_error(
            "The token request",
            reqwest::StatusCode::UNAUTHORIZED,
            body,
            "cid",
            crate::settings::Binding::PowerShell,
        );
        assert_eq!(e.status(), Status::Authentication);
        assert!(e
            .message()
            .contains("AADSTS7000215: Invalid client secret provided."));
        assert!(!e.message().contains("Trace ID"));
        assert!(e.message().contains("Fix: the client secret is wrong"));
        assert!(
            e.message()
                .contains("Invalid client secret provided. Fix: "),
            "one full stop before the fix: {}",
            e.message()
        );
        assert!(e.message().contains("Set-CIPPAPIDetails"));
        let c = token_error(
            "t",
            reqwest::StatusCode::UNAUTHORIZED,
            body,
            "cid",
            crate::settings::Binding::C,
        );
        assert!(c.message().contains("cipp_set_details") && !c.message().contains("Set-CIPP"));
        let e = token_error(
            "t",
            reqwest::StatusCode::BAD_GATEWAY,
            b"<html>",
            "cid",
            crate::settings::Binding::C,
        );
        assert_eq!(e.status(), Status::Network);
    }
}
