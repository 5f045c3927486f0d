//! A configured CIPP API client: settings, a connection pool and access to the token cache.

use crate::error::{Error, Result, Status};
use crate::request::{build_url, parse_method};
use crate::secret::Secret;
use crate::settings::Settings;
use crate::token::{self, TokenRequest};
use std::time::Duration;

/// Largest response body accepted (a safety cap; real CIPP lists are tens of MB).
pub const MAX_RESPONSE_BYTES: usize = 1 << 30;
/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 256 << 20;

/// A client for one CIPP instance and one set of credentials. Cheap to share between threads.
#[derive(Debug)]
pub struct Client {
    settings: Settings,
    api_base: reqwest::Url,
    token_url: reqwest::Url,
    http: reqwest::Client,
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
        .map_err(|e| Error::new(Status::InvalidUrl, format!("could not build the token URL: {e}")))?;
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
        if let Some(path) = &settings.ca_file {
            for cert in load_ca_file(path)? {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder.build().map_err(|e| {
            Error::new(Status::TlsConfig, format!("could not set up the HTTP client: {e}"))
        })?;
        Ok(Client {
            settings,
            api_base,
            token_url,
            http,
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

    fn token_request(&self) -> TokenRequest<'_> {
        TokenRequest {
            http: &self.http,
            token_url: &self.token_url,
            client_id: &self.settings.client_id,
            secret: &self.settings.client_secret,
            timeout_secs: self.settings.timeout_secs,
        }
    }

    /// Sends a call and returns the server's answer (any HTTP status).
    ///
    /// A 401 from the API with a cached token is answered by fetching a fresh token once and
    /// repeating the call once: EasyAuth rejects before CIPP code runs, so nothing was done.
    pub async fn invoke(&self, call: Call<'_>) -> Result<Response> {
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
        let what = format!("{} {}", method, built.url);
        let token_req = self.token_request();
        let mut token = token::get_token(&token_req).await?;
        for attempt in 0..2 {
            let resp = self
                .http
                .request(method.clone(), built.url.clone())
                .header(reqwest::header::CONTENT_TYPE, header_value.clone())
                .bearer_auth(token.expose())
                .body(body.to_owned())
                .send()
                .await
                .map_err(|e| self.transport_error(&what, &e, &token))?;
            if resp.status() == reqwest::StatusCode::UNAUTHORIZED && attempt == 0 {
                token::invalidate(&token_req, &token).await;
                token = token::get_token(&token_req).await?;
                continue;
            }
            return self.read_response(&what, resp, &token).await;
        }
        unreachable!("the loop returns on its second pass")
    }

    /// `GET /api/ListLogs` exactly as `Get-CIPPLogs` sends it: `Filter=True`, `DateFilter`
    /// (default: today's local date as `yyyyMMdd`), `StartDate` and `EndDate` (`key=` when not
    /// given), and `Severity` only when given.
    pub async fn get_logs(
        &self,
        severity: Option<&str>,
        date_filter: Option<&str>,
        start_date: Option<&str>,
        end_date: Option<&str>,
    ) -> Result<Response> {
        let today = chrono::Local::now().format("%Y%m%d").to_string();
        let mut query: Vec<(&str, Option<&str>)> = vec![
            ("Filter", Some("True")),
            ("DateFilter", Some(date_filter.unwrap_or(&today))),
            ("StartDate", start_date),
            ("EndDate", end_date),
        ];
        if let Some(sev) = severity {
            query.push(("Severity", Some(sev)));
        }
        self.invoke(Call {
            method: "GET",
            endpoint: "/api/ListLogs",
            query: &query,
            body: None,
            content_type: None,
        })
        .await
    }

    async fn read_response(
        &self,
        what: &str,
        mut resp: reqwest::Response,
        token: &Secret,
    ) -> Result<Response> {
        let status = resp.status().as_u16();
        let url = resp.url().to_string();
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let expected = resp.content_length().unwrap_or(0) as usize;
        // +1: the C layer appends a NUL terminator without reallocating.
        let mut body = Vec::with_capacity(expected.min(MAX_RESPONSE_BYTES) + 1);
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| self.transport_error(&format!("reading the answer to {what}"), &e, token))?
        {
            if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Err(Error::new(
                    Status::InvalidResponse,
                    format!("the answer to {what} is larger than {MAX_RESPONSE_BYTES} bytes"),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            status,
            content_type,
            body,
            url,
        })
    }

    fn transport_error(&self, what: &str, err: &reqwest::Error, token: &Secret) -> Error {
        let e = Error::from_transport(what, err, self.settings.timeout_secs);
        let msg = self.settings.client_secret.redact_in(e.message());
        Error::new(e.status(), token.redact_in(&msg))
    }
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
            format!("the CA file '{}' is not a PEM certificate bundle: {e}", path.display()),
        )
    })?;
    if certs.is_empty() {
        return Err(Error::new(
            Status::TlsConfig,
            format!("the CA file '{}' contains no PEM certificates", path.display()),
        ));
    }
    Ok(certs)
}
