//! Client settings: the four API details plus the knobs a real deployment needs.
//!
//! Defaults come from the environment first, so an unattended host (or a test) can point every
//! client at another authority or trust an extra CA without code changes:
//!
//! | variable | setting |
//! |---|---|
//! | `CIPPAPI_AUTHORITY_HOST` | `authority_host` (e.g. `https://login.microsoftonline.us`) |
//! | `CIPPAPI_CA_FILE` | `ca_file` (a PEM file with extra trusted CA certificates) |
//! | `CIPPAPI_TIMEOUT_SECS` | `timeout_secs` |

use crate::error::{Error, Result, Status};
use crate::secret::Secret;
use std::net::IpAddr;
use std::path::PathBuf;

/// Public-cloud Entra ID authority.
pub const DEFAULT_AUTHORITY_HOST: &str = "https://login.microsoftonline.com";
/// Default whole-request timeout: CIPP actions may run up to 10 minutes, plus slack.
pub const DEFAULT_TIMEOUT_SECS: u64 = 630;
/// Default TCP/TLS connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT_SECS: u64 = 30;
/// Longest accepted text for a single setting (URLs, ids, secrets, paths).
const MAX_SETTING_LEN: usize = 4096;

/// Everything a [`crate::Client`] is built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Application (client) id of the CIPP API client.
    pub client_id: String,
    /// Client secret (never printed).
    pub client_secret: Secret,
    /// Base URL of the CIPP API (the Function App URL), e.g. `https://cippxyz.azurewebsites.net`.
    pub api_url: String,
    /// Partner tenant id (or primary domain) that issues the token.
    pub tenant_id: String,
    /// Entra authority host, without the tenant.
    pub authority_host: String,
    /// Whole-request timeout in seconds.
    pub timeout_secs: u64,
    /// Connect timeout in seconds.
    pub connect_timeout_secs: u64,
    /// Optional PEM file with additional trusted CA certificates.
    pub ca_file: Option<PathBuf>,
    /// User-Agent header value.
    pub user_agent: String,
}

impl Default for Settings {
    fn default() -> Self {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Settings {
            client_id: String::new(),
            client_secret: Secret::default(),
            api_url: String::new(),
            tenant_id: String::new(),
            authority_host: env("CIPPAPI_AUTHORITY_HOST")
                .unwrap_or_else(|| DEFAULT_AUTHORITY_HOST.to_owned()),
            timeout_secs: env("CIPPAPI_TIMEOUT_SECS")
                .and_then(|v| v.trim().parse().ok())
                .filter(|v| *v > 0)
                .unwrap_or(DEFAULT_TIMEOUT_SECS),
            connect_timeout_secs: DEFAULT_CONNECT_TIMEOUT_SECS,
            ca_file: env("CIPPAPI_CA_FILE").map(PathBuf::from),
            user_agent: format!(
                "cippapi/{} ({})",
                crate::version::VERSION,
                env!("CIPPAPI_TARGET")
            ),
        }
    }
}

/// Names accepted by [`Settings::set`], in documentation order.
pub const SETTING_NAMES: &[&str] = &[
    "client_id",
    "client_secret",
    "api_url",
    "tenant_id",
    "authority_host",
    "timeout_secs",
    "connect_timeout_secs",
    "ca_file",
    "user_agent",
];

impl Settings {
    /// Settings with the four API details and every other value at its default.
    pub fn with_details(client_id: &str, client_secret: &str, api_url: &str, tenant_id: &str) -> Self {
        Settings {
            client_id: client_id.to_owned(),
            client_secret: Secret::new(client_secret),
            api_url: api_url.to_owned(),
            tenant_id: tenant_id.to_owned(),
            ..Settings::default()
        }
    }

    /// Sets one value by name (see [`SETTING_NAMES`]). An empty `ca_file` clears it.
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        if value.len() > MAX_SETTING_LEN {
            return Err(Error::invalid_argument(format!(
                "the value for setting '{name}' is {} bytes long; at most {MAX_SETTING_LEN} are accepted",
                value.len()
            )));
        }
        if value.chars().any(char::is_control) {
            return Err(Error::invalid_argument(format!(
                "the value for setting '{name}' contains control characters (line breaks, tabs or similar)"
            )));
        }
        let seconds = |v: &str| -> Result<u64> {
            v.trim().parse::<u64>().ok().filter(|n| (1..=86_400).contains(n)).ok_or_else(|| {
                Error::invalid_argument(format!(
                    "setting '{name}' must be a whole number of seconds from 1 to 86400, got '{v}'"
                ))
            })
        };
        match name {
            "client_id" => self.client_id = value.trim().to_owned(),
            "client_secret" => self.client_secret = Secret::new(value),
            "api_url" => self.api_url = value.trim().to_owned(),
            "tenant_id" => self.tenant_id = value.trim().to_owned(),
            "authority_host" => self.authority_host = value.trim().to_owned(),
            "timeout_secs" => self.timeout_secs = seconds(value)?,
            "connect_timeout_secs" => self.connect_timeout_secs = seconds(value)?,
            "ca_file" => {
                self.ca_file = Some(value.trim()).filter(|v| !v.is_empty()).map(PathBuf::from)
            }
            "user_agent" => self.user_agent = value.to_owned(),
            _ => {
                return Err(Error::invalid_argument(format!(
                    "unknown setting '{}'; known settings: {}",
                    name.escape_debug(),
                    SETTING_NAMES.join(", ")
                )))
            }
        }
        Ok(())
    }

    /// Checks that the settings can make requests: all four details present, URLs usable.
    ///
    /// Returns the parsed API base URL (no trailing slash, a trailing `/api` removed) and
    /// authority host.
    pub fn validate(&self) -> Result<(reqwest::Url, reqwest::Url)> {
        let missing: Vec<&str> = [
            ("client_id", self.client_id.is_empty()),
            ("client_secret", self.client_secret.is_empty()),
            ("api_url", self.api_url.is_empty()),
            ("tenant_id", self.tenant_id.is_empty()),
        ]
        .iter()
        .filter(|(_, empty)| *empty)
        .map(|(n, _)| *n)
        .collect();
        if !missing.is_empty() {
            return Err(Error::new(
                Status::NotConfigured,
                format!(
                    "Cannot continue: CIPP API information not found ({} missing). Please run \
                     Set-CIPPAPIDetails (cipp_set_details) before connecting to the API.",
                    missing.join(", ")
                ),
            ));
        }
        if !is_plain_identifier(&self.tenant_id) {
            return Err(Error::invalid_argument(format!(
                "tenant id '{}' is not a tenant GUID or domain name. Use the partner tenant's id \
                 shown as TenantID on CIPP's integration page.",
                self.tenant_id.escape_debug()
            )));
        }
        if !is_plain_identifier(&self.client_id) {
            return Err(Error::invalid_argument(format!(
                "client id '{}' is not an application (client) id. Use the API client's \
                 Application ID from CIPP > Integrations > CIPP-API.",
                self.client_id.escape_debug()
            )));
        }
        let api = parse_base_url("API URL (api_url)", &self.api_url)?;
        let api = strip_api_suffix(api);
        let authority = parse_base_url("authority host (authority_host)", &self.authority_host)?;
        Ok((api, authority))
    }
}

/// True for GUIDs and DNS names: letters, digits, `-`, `.`, `_`.
fn is_plain_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
}

/// Parses an absolute base URL and enforces HTTPS except for loopback hosts.
pub(crate) fn parse_base_url(what: &str, text: &str) -> Result<reqwest::Url> {
    let url = reqwest::Url::parse(text.trim()).map_err(|e| {
        Error::new(
            Status::InvalidUrl,
            format!(
                "the {what} '{}' is not a valid absolute URL ({e}); expected something like \
                 https://cippxxxxx.azurewebsites.net",
                text.escape_debug()
            ),
        )
    })?;
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(Error::new(
            Status::InvalidUrl,
            format!("the {what} '{}' has no host name", text.escape_debug()),
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::new(
            Status::InvalidUrl,
            format!("the {what} must not contain a user name or password"),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::new(
            Status::InvalidUrl,
            format!(
                "the {what} '{}' must not contain a query (?…) or fragment (#…)",
                text.escape_debug()
            ),
        ));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(Error::new(
                Status::InsecureUrl,
                format!(
                    "the {what} '{}' uses plain http://; only https:// is allowed for hosts other \
                     than loopback (127.0.0.1, ::1, localhost), so tokens never cross a network unencrypted",
                    text.escape_debug()
                ),
            ))
        }
        other => {
            return Err(Error::new(
                Status::InvalidUrl,
                format!("the {what} uses the scheme '{other}'; use https://"),
            ))
        }
    }
    let mut url = url;
    let trimmed = url.path().trim_end_matches('/').to_owned();
    url.set_path(&trimmed);
    Ok(url)
}

/// A base URL given as `https://host/api` would double the prefix: drop it.
fn strip_api_suffix(mut url: reqwest::Url) -> reqwest::Url {
    let path = url.path().to_owned();
    if path.len() >= 4 && path[path.len() - 4..].eq_ignore_ascii_case("/api") {
        url.set_path(&path[..path.len() - 4]);
    }
    url
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(url: &str) -> Settings {
        Settings::with_details("app-id", "s3cret-value", url, "contoso.onmicrosoft.com")
    }

    #[test]
    fn base_url_forms_normalise_to_one_shape() {
        for url in [
            "https://cipp.example.com",
            "https://cipp.example.com/",
            "https://cipp.example.com/api",
            "https://cipp.example.com/api/",
            "https://CIPP.example.com/API",
        ] {
            let (api, _) = details(url).validate().unwrap();
            assert_eq!(api.as_str(), "https://cipp.example.com/", "for {url}");
        }
    }

    #[test]
    fn plain_http_only_for_loopback() {
        assert!(details("http://127.0.0.1:8080").validate().is_ok());
        assert!(details("http://localhost:8080").validate().is_ok());
        assert!(details("http://[::1]:8080").validate().is_ok());
        let err = details("http://cipp.example.com").validate().unwrap_err();
        assert_eq!(err.status(), Status::InsecureUrl);
        assert_eq!(details("ftp://x").validate().unwrap_err().status(), Status::InvalidUrl);
        assert_eq!(details("not a url").validate().unwrap_err().status(), Status::InvalidUrl);
        assert_eq!(
            details("https://u:p@host").validate().unwrap_err().status(),
            Status::InvalidUrl
        );
    }

    #[test]
    fn missing_details_name_what_is_missing() {
        let err = Settings::default().validate().unwrap_err();
        assert_eq!(err.status(), Status::NotConfigured);
        assert!(err.message().contains("client_id, client_secret, api_url, tenant_id"));
        assert!(err.message().contains("Set-CIPPAPIDetails"));
    }

    #[test]
    fn set_rejects_unknown_names_bad_numbers_and_control_characters() {
        let mut s = Settings::default();
        s.set("timeout_secs", "45").unwrap();
        assert_eq!(s.timeout_secs, 45);
        assert_eq!(s.set("timeout_secs", "0").unwrap_err().status(), Status::InvalidArgument);
        assert_eq!(s.set("nope", "1").unwrap_err().status(), Status::InvalidArgument);
        assert!(s.set("api_url", "https://x\r\nHost: evil").is_err());
        assert!(s.set("api_url", &"a".repeat(5000)).is_err());
        s.set("ca_file", "").unwrap();
        assert_eq!(s.ca_file, None);
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let text = format!("{:?}", details("https://x"));
        assert!(!text.contains("s3cret-value"), "{text}");
    }

    #[test]
    fn odd_tenant_and_client_ids_are_rejected() {
        let mut s = details("https://x");
        s.tenant_id = "contoso/../evil".into();
        assert_eq!(s.validate().unwrap_err().status(), Status::InvalidArgument);
        let mut s = details("https://x");
        s.client_id = "a b".into();
        assert_eq!(s.validate().unwrap_err().status(), Status::InvalidArgument);
    }
}
