//! Mock Microsoft Entra ID token endpoint (client-credentials grant) and bearer validation.

use serde_json::json;

use crate::http::{Request, Response};
use crate::state::{IssuedToken, Shared};
use crate::util::{base64url, entra_time, new_guid, parse_pairs, unix_now};

/// Returns the tenant segment when `path` is `/{tenant}/oauth2/v2.0/token` (case-insensitive tail).
pub fn token_tenant(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let (tenant, tail) = rest.split_once('/')?;
    if tenant.is_empty() || !tail.eq_ignore_ascii_case("oauth2/v2.0/token") {
        return None;
    }
    Some(crate::util::percent_decode(tenant, false))
}

fn entra_error(status: u16, error: &str, code: u32, text: &str) -> Response {
    let now = unix_now();
    let trace = new_guid();
    let corr = new_guid();
    let ts = entra_time(now);
    let desc = format!(
        "AADSTS{code}: {text}\r\nTrace ID: {trace}\r\nCorrelation ID: {corr}\r\nTimestamp: {ts}"
    );
    Response::json(
        status,
        &json!({
            "error": error,
            "error_description": desc,
            "error_codes": [code],
            "timestamp": ts,
            "trace_id": trace,
            "correlation_id": corr,
            "error_uri": format!("https://login.microsoftonline.com/error?code={code}"),
        }),
    )
    .with_header("Cache-Control", "no-store, no-cache")
    .with_header("Pragma", "no-cache")
}

fn missing(param: &str) -> Response {
    entra_error(
        400,
        "invalid_request",
        900_144,
        &format!("The request body must contain the following parameter: '{param}'."),
    )
}

/// Handles a token request (already known to target the token path).
pub fn handle(shared: &Shared, req: &Request, tenant: &str) -> Response {
    if !req.method.eq_ignore_ascii_case("POST") {
        return entra_error(
            400,
            "invalid_request",
            900_561,
            "The endpoint only accepts POST, OPTIONS requests. Received a GET request.",
        );
    }
    let form_ok = req.header("content-type").is_some_and(|ct| {
        ct.to_ascii_lowercase()
            .contains("application/x-www-form-urlencoded")
    });
    let fields = if form_ok {
        parse_pairs(&String::from_utf8_lossy(&req.body))
    } else {
        Vec::new()
    };
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let Some(client_id) = get("client_id") else {
        return missing("client_id");
    };
    if !tenant.eq_ignore_ascii_case(&shared.tenant_id) {
        return entra_error(
            400,
            "invalid_request",
            90_002,
            &format!(
                "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant."
            ),
        );
    }
    let Some(client) = shared.client(client_id) else {
        return entra_error(
            400,
            "unauthorized_client",
            700_016,
            &format!(
                "Application with identifier '{client_id}' was not found in the directory '{}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.",
                shared.tenant_id
            ),
        );
    };
    match get("client_secret") {
        None => {
            return entra_error(
                401,
                "invalid_client",
                7_000_218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
            )
        }
        Some(s) if s != client.secret => {
            return entra_error(
                401,
                "invalid_client",
                7_000_215,
                &format!(
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{}'.",
                    client.app_id
                ),
            )
        }
        Some(_) => {}
    }
    let Some(scope) = get("scope") else {
        return missing("scope");
    };
    let wanted = format!("api://{}/.default", client.app_id);
    if scope != wanted {
        let resource = scope
            .split(' ')
            .next()
            .unwrap_or(scope)
            .trim_end_matches("/.default");
        return entra_error(
            400,
            "invalid_resource",
            500_011,
            &format!(
                "The resource principal named {resource} was not found in the tenant named {}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.",
                shared.tenant_id
            ),
        );
    }
    let Some(grant) = get("grant_type") else {
        return missing("grant_type");
    };
    if grant != "client_credentials" {
        return entra_error(
            400,
            "unsupported_grant_type",
            70_003,
            &format!("The app requested an unsupported grant type '{grant}'."),
        );
    }

    let mut st = shared.lock();
    let expires_in = st.config.token_expires_in;
    let version = st.config.token_version;
    let now = unix_now();
    let exp = now + expires_in;
    let app_id = client.app_id.clone();
    let tid = shared.tenant_id.clone();
    let header = json!({"typ": "JWT", "alg": "none", "kid": "cipp-mock"});
    let claims = if version == 2 {
        // What Entra issues when the resource app has `requestedAccessTokenVersion: 2`.
        json!({
            "aud": app_id,
            "iss": format!("https://login.microsoftonline.com/{tid}/v2.0"),
            "iat": now,
            "nbf": now,
            "exp": exp,
            "aio": "cipp-mock",
            "azp": app_id,
            "azpacr": "1",
            "oid": app_id,
            "sub": app_id,
            "tid": tid,
            "ver": "2.0",
            "jti": new_guid(),
        })
    } else {
        json!({
            "aud": format!("api://{app_id}"),
            "iss": format!("https://sts.windows.net/{tid}/"),
            "iat": now,
            "nbf": now,
            "exp": exp,
            "aio": "cipp-mock",
            "appid": app_id,
            "appidacr": "1",
            "idp": format!("https://sts.windows.net/{tid}/"),
            "oid": app_id,
            "sub": app_id,
            "tid": tid,
            "ver": "1.0",
            "jti": new_guid(),
        })
    };
    let aud = claims["aud"].as_str().unwrap_or_default().to_string();
    let token = format!(
        "{}.{}.{}",
        base64url(header.to_string().as_bytes()),
        base64url(claims.to_string().as_bytes()),
        base64url(b"cipp-mock-unsigned")
    );
    st.tokens.insert(
        token.clone(),
        IssuedToken {
            app_id: app_id.clone(),
            exp,
            aud,
        },
    );
    drop(st);
    Response::json(
        200,
        &json!({
            "token_type": "Bearer",
            "expires_in": expires_in,
            "ext_expires_in": expires_in,
            "access_token": token,
        }),
    )
    .with_header("Cache-Control", "no-store, no-cache")
    .with_header("Pragma", "no-cache")
}

/// Bearer state of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No `Authorization` header.
    None,
    /// A token this server issued, not expired; the app id.
    Valid(String),
    /// Unknown token, wrong scheme or audience (a v2 token's bare-GUID `aud`).
    Invalid,
    /// A token this server issued whose lifetime has passed (or forced by a fault).
    Expired,
}

impl Auth {
    /// The recorder's name for the state.
    pub fn label(&self) -> &'static str {
        match self {
            Auth::None => "none",
            Auth::Valid(_) => "valid",
            Auth::Invalid => "invalid",
            Auth::Expired => "expired",
        }
    }
}

/// Checks the `Authorization` header against the issued tokens.
pub fn check(shared: &Shared, req: &Request) -> Auth {
    let Some(h) = req.header("authorization") else {
        return Auth::None;
    };
    let h = h.trim();
    let Some((scheme, token)) = h.split_once(' ') else {
        return Auth::Invalid;
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Auth::Invalid;
    }
    let st = shared.lock();
    match st.tokens.get(token.trim()) {
        None => Auth::Invalid,
        // EasyAuth's allowedAudiences hold only `api://{id}` (v2 tokens carry the bare id).
        Some(t) if !t.aud.starts_with("api://") => Auth::Invalid,
        Some(t) if unix_now() >= t.exp => Auth::Expired,
        Some(t) => Auth::Valid(t.app_id.clone()),
    }
}

/// Replaces the value of every `client_secret` form field with `<redacted>`, keeping all other bytes.
pub fn redact_form(body: &str) -> String {
    body.split('&')
        .map(|seg| match seg.split_once('=') {
            Some((k, _)) if crate::util::percent_decode(k, true) == "client_secret" => {
                format!("{k}=<redacted>")
            }
            _ => seg.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}
