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
//! | `CIPPAPI_READ_ONLY` | `read_only` (`1`/`true`: refuse every call that is not a read) |
//! | `CIPPAPI_ALLOWED_ENDPOINTS` | `allowed_endpoints` (comma-separated allow-list) |
//!
//! A value that does not parse is not ignored: creating a client fails with a message naming
//! the variable and the expected form. Bindings whose runtime keeps its own copy of the
//! environment (.NET) pass these values with the variable's name as the setting name.
//!
//! Proxies: the HTTP client reads `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY` (either case)
//! from the process environment and, on Windows and macOS, the system proxy settings. A binding
//! may pass the variables as settings under the same names ([`ProxyVars`]); then they are used
//! instead.
//!
//! The `binding` setting (`c`, `powershell`, `dotnet`) picks the names messages use for the
//! settings and functions they tell the caller to change ([`Binding::name`], one table).

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
    /// Retries after a transient failure (0 disables retrying).
    pub max_retries: u32,
    /// First backoff step in milliseconds (doubles per retry, with jitter).
    pub retry_base_delay_ms: u64,
    /// Longest wait before one retry in seconds, `Retry-After` included.
    pub retry_max_delay_secs: u64,
    /// Refuse, before sending, every call the catalog does not classify as a read.
    pub read_only: bool,
    /// When not empty, only these endpoints (case-insensitive) may be called.
    pub allowed_endpoints: Vec<String>,
    /// Refuse calls whose parameters do not match the catalog, instead of warning.
    pub strict_parameters: bool,
    /// Whose names messages use.
    pub binding: Binding,
    /// Where `read_only` came from (a refusal says how to turn it off).
    pub read_only_source: Source,
    /// Environment values that did not parse: (setting, message). Reported by
    /// [`Settings::validate`] unless the setting was given explicitly afterwards.
    env_problems: Vec<(&'static str, String)>,
    /// Settings whose current value came from a `CIPPAPI_*` variable (errors name it).
    env_origin: Vec<&'static str>,
    /// Proxy variables given as settings, see [`ProxyVars`].
    pub proxy: ProxyVars,
}

/// Proxy variables a binding passed under their own names (`HTTPS_PROXY`, `https_proxy`,
/// `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, …): its runtime's view of the environment, which the
/// library does not see when the runtime keeps its own copy (.NET on Unix). When one of the proxy
/// URLs is given, these replace the process environment and the system settings; otherwise the
/// HTTP client reads those itself. URLs may hold credentials, so they are kept as secrets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProxyVars {
    /// `HTTPS_PROXY`: for https:// URLs.
    pub https: Option<Secret>,
    /// `HTTP_PROXY`: for http:// URLs.
    pub http: Option<Secret>,
    /// `ALL_PROXY`: for both, after the two above.
    pub all: Option<Secret>,
    /// `NO_PROXY`: hosts, domains and addresses reached directly.
    pub no_proxy: Option<String>,
}

impl ProxyVars {
    /// Stores one variable; false when `name` is none of them. Both the upper- and the
    /// lower-case spelling are accepted (as curl and the HTTP client read them); an empty value
    /// changes nothing.
    fn set(&mut self, name: &str, value: &str) -> bool {
        let upper = name.to_ascii_uppercase();
        if name != upper && name != name.to_ascii_lowercase() {
            return false;
        }
        let value = value.trim();
        let url = || (!value.is_empty()).then(|| Secret::new(value));
        match upper.as_str() {
            "HTTPS_PROXY" => self.https = url().or(self.https.take()),
            "HTTP_PROXY" => self.http = url().or(self.http.take()),
            "ALL_PROXY" => self.all = url().or(self.all.take()),
            "NO_PROXY" if !value.is_empty() => self.no_proxy = Some(value.to_owned()),
            "NO_PROXY" => {}
            _ => return false,
        }
        true
    }

    /// The HTTP client's proxies for these variables, in the order they apply (for an https URL
    /// HTTPS_PROXY before ALL_PROXY), each with NO_PROXY; empty when no proxy URL was given. A URL
    /// that is not one is refused naming the variable, never the URL (it may hold a password).
    pub(crate) fn proxies(&self) -> Result<Vec<reqwest::Proxy>> {
        let no_proxy = self
            .no_proxy
            .as_deref()
            .and_then(reqwest::NoProxy::from_string);
        self.urls()
            .into_iter()
            .map(|(name, url)| {
                let proxy = match name {
                    "HTTPS_PROXY" => reqwest::Proxy::https(url.expose()),
                    "HTTP_PROXY" => reqwest::Proxy::http(url.expose()),
                    _ => reqwest::Proxy::all(url.expose()),
                };
                proxy.map(|p| p.no_proxy(no_proxy.clone())).map_err(|_| {
                    Error::invalid_argument(format!(
                        "the proxy URL in {name} is not one; expected http://host:port (credentials \
                         as http://user:password@host:port)"
                    ))
                })
            })
            .collect()
    }

    /// The proxy URLs given, with their variable names, in the order they apply.
    pub fn urls(&self) -> Vec<(&'static str, &Secret)> {
        [
            ("HTTPS_PROXY", &self.https),
            ("HTTP_PROXY", &self.http),
            ("ALL_PROXY", &self.all),
        ]
        .into_iter()
        .filter_map(|(name, url)| url.as_ref().map(|u| (name, u)))
        .collect()
    }
}

/// Where a setting's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Source {
    /// The built-in default.
    #[default]
    Default,
    /// A `CIPPAPI_*` environment variable.
    Environment,
    /// Set by name ([`Settings::set`]).
    Setting,
}

/// The caller's language: messages name the settings and functions of this binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Binding {
    /// The C ABI (`cipp_settings_set` names, `cipp_*` functions).
    #[default]
    C,
    /// The PowerShell module (`Set-CIPPAPIDetails -…` parameters, `Get-CIPP…` commands).
    PowerShell,
    /// The C# binding (`CippClient` settings by name, its methods).
    DotNet,
}

/// Things a message may tell the caller to change or use, named per [`Binding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Knob {
    /// Setting the four API details.
    SetDetails,
    /// The API URL.
    ApiUrl,
    /// The whole-request timeout.
    TimeoutSecs,
    /// Extra trusted CA certificates.
    CaFile,
    /// Turning read-only mode off (when it was set as a setting).
    ReadOnlyOff,
    /// Turning read-only mode off explicitly, which overrides CIPPAPI_READ_ONLY.
    ReadOnlyFalse,
    /// The endpoint allow-list.
    AllowList,
    /// Putting the tenant of a fan-out in the query.
    TenantInQuery,
    /// Listing the endpoint catalog.
    EndpointList,
    /// Reading CIPP's logs.
    Logs,
    /// Giving a call's query parameters.
    QueryParameters,
}

impl Binding {
    /// The name of `knob` in this binding's terms (the one table of such names).
    pub fn name(self, knob: Knob) -> &'static str {
        use Binding::*;
        use Knob::*;
        match (self, knob) {
            (C, SetDetails) => "cipp_set_details (or cipp_client_new)",
            (PowerShell, SetDetails) => "Set-CIPPAPIDetails",
            (DotNet, SetDetails) => "new CippClient(...)",
            (C, ApiUrl) => "the api_url setting (cipp_set_details' api_url)",
            (PowerShell, ApiUrl) => "Set-CIPPAPIDetails -CIPPAPIUrl",
            (DotNet, ApiUrl) => "the CippClient's apiUrl",
            (C, TimeoutSecs) => "the timeout_secs setting (cipp_settings_set)",
            (PowerShell, TimeoutSecs) => "Set-CIPPAPIDetails -TimeoutSeconds",
            (DotNet, TimeoutSecs) => "the timeout_secs setting of the CippClient",
            (C, CaFile) => "the ca_file setting (cipp_settings_set) or CIPPAPI_CA_FILE",
            (PowerShell, CaFile) => "Set-CIPPAPIDetails -CACertificatePath (or CIPPAPI_CA_FILE)",
            (DotNet, CaFile) => "the ca_file setting of the CippClient (or CIPPAPI_CA_FILE)",
            (C, ReadOnlyOff) => {
                "set read_only to false (cipp_settings_set) and create the client again"
            }
            (PowerShell, ReadOnlyOff) => "run Set-CIPPAPIDetails again without -ReadOnly",
            (DotNet, ReadOnlyOff) => "create the CippClient again without read_only",
            (C, ReadOnlyFalse) => {
                "create the client with read_only set to false (cipp_settings_set)"
            }
            (PowerShell, ReadOnlyFalse) => "run Set-CIPPAPIDetails again with -ReadOnly:$false",
            (DotNet, ReadOnlyFalse) => "create the CippClient with read_only set to false",
            (C, AllowList) => "the allowed_endpoints setting (cipp_settings_set)",
            (PowerShell, AllowList) => "Set-CIPPAPIDetails -AllowedEndpoint",
            (DotNet, AllowList) => "the allowed_endpoints setting of the CippClient",
            (C, TenantInQuery) => "tenant_in = CIPP_TENANT_IN_QUERY",
            (PowerShell, TenantInQuery) => "-TenantIn Query",
            (DotNet, TenantInQuery) => "CippTenantIn.Query",
            (C, EndpointList) => "cipp_catalog_list",
            (PowerShell, EndpointList) => "Get-CIPPEndpoint",
            (DotNet, EndpointList) => "CippCatalog.List()",
            (C, Logs) => "cipp_get_logs",
            (PowerShell, Logs) => "Get-CIPPLogs",
            (DotNet, Logs) => "CippClient.GetLogs",
            (C, QueryParameters) => "cipp_request_add_query",
            (PowerShell, QueryParameters) => "-Params @{ name = 'value' }",
            (DotNet, QueryParameters) => "the query argument",
        }
    }

    /// How to make an environment variable's value stop applying.
    fn unset_env(self, var: &str) -> String {
        match self {
            Binding::PowerShell => format!(
                "remove the environment variable {var} (Remove-Item Env:{var}) and run \
                 Set-CIPPAPIDetails again"
            ),
            _ => format!("unset the environment variable {var} and create the client again"),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let mut settings = Settings {
            client_id: String::new(),
            client_secret: Secret::default(),
            api_url: String::new(),
            tenant_id: String::new(),
            authority_host: DEFAULT_AUTHORITY_HOST.to_owned(),
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            connect_timeout_secs: DEFAULT_CONNECT_TIMEOUT_SECS,
            ca_file: None,
            user_agent: format!(
                "cippapi/{} ({})",
                crate::version::VERSION,
                env!("CIPPAPI_TARGET")
            ),
            max_retries: 3,
            retry_base_delay_ms: 500,
            retry_max_delay_secs: 60,
            read_only: false,
            allowed_endpoints: Vec::new(),
            strict_parameters: false,
            binding: Binding::C,
            read_only_source: Source::Default,
            env_problems: Vec::new(),
            env_origin: Vec::new(),
            proxy: ProxyVars::default(),
        };
        for (var, _) in ENV_SETTINGS {
            if let Some(value) = env(var) {
                settings.apply_env(var, &value);
            }
        }
        settings
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
    "max_retries",
    "retry_base_delay_ms",
    "retry_max_delay_secs",
    "read_only",
    "allowed_endpoints",
    "strict_parameters",
    "binding",
];

/// Environment variables that may also be given as setting names (for bindings whose runtime
/// keeps its own environment), with the setting each one feeds.
pub const ENV_SETTINGS: &[(&str, &str)] = &[
    ("CIPPAPI_AUTHORITY_HOST", "authority_host"),
    ("CIPPAPI_CA_FILE", "ca_file"),
    ("CIPPAPI_TIMEOUT_SECS", "timeout_secs"),
    ("CIPPAPI_READ_ONLY", "read_only"),
    ("CIPPAPI_ALLOWED_ENDPOINTS", "allowed_endpoints"),
];

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" | "" => Some(false),
        _ => None,
    }
}

/// An endpoint list (allow-list): each entry normalised by the one rule requests use
/// ([`crate::request::normalize_endpoint`]: `/api/X`, `API/X` and `X` are the same endpoint); an
/// entry that names no valid endpoint is kept as written, so it matches nothing.
fn parse_list(v: &str) -> Vec<String> {
    v.split([',', ';', ' '])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| {
            crate::request::normalize_endpoint(e)
                .map(|(path, _)| path)
                .unwrap_or_else(|_| e.to_owned())
        })
        .collect()
}

impl Settings {
    /// Settings with the four API details and every other value at its default.
    pub fn with_details(
        client_id: &str,
        client_secret: &str,
        api_url: &str,
        tenant_id: &str,
    ) -> Self {
        Settings {
            client_id: client_id.to_owned(),
            client_secret: Secret::new(client_secret),
            api_url: api_url.to_owned(),
            tenant_id: tenant_id.to_owned(),
            ..Settings::default()
        }
    }

    /// " (from the environment variable X)" when `setting`'s value came from one, else "".
    pub(crate) fn env_note(&self, setting: &str) -> String {
        ENV_SETTINGS
            .iter()
            .find(|(_, s)| *s == setting && self.env_origin.contains(s))
            .map(|(var, _)| format!(" (from the environment variable {var})"))
            .unwrap_or_default()
    }

    /// Applies a `CIPPAPI_*` environment value (see [`ENV_SETTINGS`]). A value that does not
    /// parse is remembered, not ignored: [`Settings::validate`] reports it.
    fn apply_env(&mut self, var: &str, value: &str) {
        let Some(&(var, setting)) = ENV_SETTINGS.iter().find(|(v, _)| *v == var) else {
            return;
        };
        self.env_problems.retain(|(s, _)| *s != setting);
        self.env_origin.retain(|s| *s != setting);
        if value.trim().is_empty() {
            return;
        }
        self.env_origin.push(setting);
        let problem = match setting {
            "timeout_secs" => match value.trim().parse::<u64>() {
                Ok(n) if (1..=86_400).contains(&n) => {
                    self.timeout_secs = n;
                    None
                }
                _ => Some("a whole number of seconds from 1 to 86400, e.g. 630"),
            },
            "read_only" => match parse_bool(value) {
                Some(flag) => {
                    self.read_only = flag;
                    self.read_only_source = Source::Environment;
                    None
                }
                None => Some("1 or 0 (also true/false, yes/no, on/off)"),
            },
            "ca_file" => {
                self.ca_file = Some(PathBuf::from(value.trim()));
                None
            }
            "authority_host" => {
                self.authority_host = value.trim().to_owned();
                None
            }
            _ => {
                self.allowed_endpoints = parse_list(value);
                None
            }
        };
        if let Some(expected) = problem {
            self.env_problems.push((
                setting,
                format!(
                    "the environment variable {var} is '{}', which is not {expected}. Fix or \
                     unset it.",
                    crate::request::truncate_for_message(value).escape_debug()
                ),
            ));
        }
    }

    /// Sets one value by name (see [`SETTING_NAMES`]). An empty `ca_file` clears it. The names
    /// of [`ENV_SETTINGS`] are accepted too and treated as that environment variable's value.
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
        let number = |v: &str, min: u64, max: u64, unit: &str| -> Result<u64> {
            v.trim().parse::<u64>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(|| {
                Error::invalid_argument(format!(
                    "setting '{name}' must be a whole number of {unit} from {min} to {max}, got '{}'",
                    v.escape_debug()
                ))
            })
        };
        let seconds = |v: &str| number(v, 1, 86_400, "seconds");
        if self.proxy.set(name, value) {
            return Ok(());
        }
        if ENV_SETTINGS.iter().any(|(var, _)| *var == name) {
            self.apply_env(name, value);
            return Ok(());
        }
        // An explicit value replaces whatever the environment said.
        self.env_problems.retain(|(s, _)| *s != name);
        self.env_origin.retain(|s| *s != name);
        match name {
            "client_id" => self.client_id = value.trim().to_owned(),
            "client_secret" => self.client_secret = Secret::new(value),
            "api_url" => self.api_url = value.trim().to_owned(),
            "tenant_id" => self.tenant_id = value.trim().to_owned(),
            "authority_host" => self.authority_host = value.trim().to_owned(),
            "timeout_secs" => self.timeout_secs = seconds(value)?,
            "connect_timeout_secs" => self.connect_timeout_secs = seconds(value)?,
            "ca_file" => {
                self.ca_file = Some(value.trim())
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            }
            "user_agent" => self.user_agent = value.to_owned(),
            "max_retries" => self.max_retries = number(value, 0, 10, "retries")? as u32,
            "retry_base_delay_ms" => {
                self.retry_base_delay_ms = number(value, 1, 60_000, "milliseconds")?
            }
            "retry_max_delay_secs" => {
                self.retry_max_delay_secs = number(value, 0, 3_600, "seconds")?
            }
            "read_only" | "strict_parameters" => {
                let flag = parse_bool(value).ok_or_else(|| {
                    Error::invalid_argument(format!(
                        "setting '{name}' must be true or false (or 1/0), got '{}'",
                        value.escape_debug()
                    ))
                })?;
                if name == "read_only" {
                    self.read_only = flag;
                    self.read_only_source = Source::Setting;
                } else {
                    self.strict_parameters = flag;
                }
            }
            "allowed_endpoints" => self.allowed_endpoints = parse_list(value),
            "binding" => {
                self.binding = match value.trim().to_ascii_lowercase().as_str() {
                    "c" => Binding::C,
                    "powershell" => Binding::PowerShell,
                    "dotnet" => Binding::DotNet,
                    _ => {
                        return Err(Error::invalid_argument(format!(
                            "setting 'binding' must be c, powershell or dotnet, got '{}'",
                            value.escape_debug()
                        )))
                    }
                }
            }
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

    /// The retry policy these settings describe.
    pub fn retry_policy(&self) -> crate::retry::RetryPolicy {
        crate::retry::RetryPolicy {
            max_retries: self.max_retries,
            base_delay: std::time::Duration::from_millis(self.retry_base_delay_ms),
            max_delay: std::time::Duration::from_secs(self.retry_max_delay_secs),
        }
    }

    /// Whether these settings let a call to `endpoint` go out; the error names the reason.
    pub fn permits(&self, endpoint: &str) -> Result<()> {
        if !self.allowed_endpoints.is_empty()
            && !self
                .allowed_endpoints
                .iter()
                .any(|e| e.eq_ignore_ascii_case(endpoint))
        {
            return Err(Error::with_fix(
                Status::Refused,
                format!(
                    "refused before sending: {endpoint} is not in the endpoint allow-list ({}); \
                     nothing was sent.",
                    self.allowed_endpoints.join(", ")
                ),
                format!(
                    "Add {endpoint} to {} (or CIPPAPI_ALLOWED_ENDPOINTS), or leave the allow-list out.",
                    self.binding.name(Knob::AllowList)
                ),
            ));
        }
        if self.read_only && !crate::catalog::is_read_call(endpoint) {
            let why = match crate::catalog::find(endpoint) {
                Some(e) => format!("its role {} is not a read role", e.role),
                None => {
                    "it is not in the endpoint catalog and its name does not start with List or Get"
                        .into()
                }
            };
            let how = match self.read_only_source {
                Source::Environment => format!(
                    "Read-only mode comes from the environment variable CIPPAPI_READ_ONLY: to call \
                     it, {}, or {}, which overrides it",
                    self.binding.unset_env("CIPPAPI_READ_ONLY"),
                    self.binding.name(Knob::ReadOnlyFalse)
                ),
                _ => format!(
                    "To call it, turn read-only mode off: {}",
                    self.binding.name(Knob::ReadOnlyOff)
                ),
            };
            return Err(Error::with_fix(
                Status::Refused,
                format!(
                    "refused before sending: read-only mode allows only reads, and {endpoint} may \
                     change data ({why}); nothing was sent."
                ),
                format!("{how}."),
            ));
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
                     {} before connecting to the API.",
                    missing.join(", "),
                    self.binding.name(Knob::SetDetails)
                ),
            ));
        }
        if let Some((_, problem)) = self.env_problems.first() {
            return Err(Error::invalid_argument(problem.clone()));
        }
        self.proxy.proxies()?;
        // A detail in the wrong place may be the secret: a rejected value is never quoted
        // (`DETAILS_ORDER` says how to check), and a secret that looks like a URL is refused
        // before the real secret, then probably in the URL or tenant slot, is sent anywhere.
        if looks_like_url(self.client_secret.expose()) {
            return Err(Error::invalid_argument(format!(
                "the client secret looks like a URL (it starts with http:// or https://): the \
                 details seem to be in the wrong order; {DETAILS_ORDER}. Nothing was sent."
            )));
        }
        if !is_plain_identifier(&self.tenant_id) {
            return Err(Error::invalid_argument(format!(
                "the tenant id is not a tenant GUID or domain name (letters, digits, '-', '.' and \
                 '_' only); {DETAILS_ORDER}. Use the partner tenant's id shown as TenantID on \
                 CIPP's integration page."
            )));
        }
        if !is_plain_identifier(&self.client_id) {
            return Err(Error::invalid_argument(format!(
                "the client id is not an application (client) id (letters, digits, '-', '.' and \
                 '_' only); {DETAILS_ORDER}. Use the API client's Application ID from CIPP > \
                 Integrations > CIPP-API."
            )));
        }
        let api = parse_base_url(
            "API URL (api_url)",
            "https://cippxxxxx.azurewebsites.net",
            &self.api_url,
        )?;
        let api = strip_api_suffix(api);
        let authority = parse_base_url(
            "authority host (authority_host)",
            "https://login.microsoftonline.com",
            &self.authority_host,
        )
        .map_err(|e| {
            let note = self.env_note("authority_host");
            e.map_message(|m| format!("{m}{note}"))
        })?;
        Ok((api, authority))
    }
}

/// What a message about a rejected detail says instead of quoting it (it may be the secret in
/// the wrong place).
const DETAILS_ORDER: &str = "the value is not shown, in case it is another detail in its place \
     (the details are, in order: client id, client secret, API URL, tenant id)";

/// True for text that starts with `http://` or `https://` (any case): a URL, never a client
/// secret.
fn looks_like_url(text: &str) -> bool {
    let t = text.trim_start().as_bytes();
    [&b"http://"[..], b"https://"]
        .iter()
        .any(|p| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p))
}

/// The text of a URL setting as a message may show it: quoted when it contains `://` (a URL,
/// which a client secret never is); otherwise not shown, in case it is another detail (the
/// secret) given in its place.
fn shown_url(text: &str) -> String {
    if text.contains("://") {
        format!("'{}'", text.escape_debug())
    } else {
        format!("(not a URL: {DETAILS_ORDER})")
    }
}

/// True for GUIDs and DNS names: letters, digits, `-`, `.`, `_`.
fn is_plain_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
}

/// Parses an absolute base URL and enforces HTTPS except for loopback hosts.
pub(crate) fn parse_base_url(what: &str, example: &str, text: &str) -> Result<reqwest::Url> {
    let url = reqwest::Url::parse(text.trim()).map_err(|e| {
        Error::new(
            Status::InvalidUrl,
            format!(
                "the {what} {} is not a valid absolute URL ({e}); expected something like \
                 {example}",
                shown_url(text)
            ),
        )
    })?;
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(Error::new(
            Status::InvalidUrl,
            format!("the {what} {} has no host name", shown_url(text)),
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
                "the {what} {} must not contain a query (?…) or fragment (#…)",
                shown_url(text)
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
    let cut = path.len().saturating_sub(4);
    if path
        .get(cut..)
        .is_some_and(|tail| tail.eq_ignore_ascii_case("/api"))
    {
        url.set_path(&path[..cut]);
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

    #[test]
    fn a_bad_base_url_names_an_example_of_its_own_kind() {
        let api = super::parse_base_url(
            "API URL (api_url)",
            "https://cippxxxxx.azurewebsites.net",
            "nope",
        )
        .unwrap_err();
        assert!(
            api.message()
                .ends_with("https://cippxxxxx.azurewebsites.net"),
            "{}",
            api.message()
        );
        let authority = super::parse_base_url(
            "authority host (authority_host)",
            "https://login.microsoftonline.com",
            "login host",
        )
        .unwrap_err();
        assert!(
            authority
                .message()
                .ends_with("https://login.microsoftonline.com")
                && !authority.message().contains("azurewebsites"),
            "{}",
            authority.message()
        );
    }
    use super::*;

    #[test]
    fn a_secret_given_in_another_place_is_never_quoted() {
        // Entra's secret format (with '~') and characters of the older format (':', '/', '[', '@').
        for secret in [
            "abc8Q~Zx_yz.1234567890abcdefghijklmnopqrs",
            "Zx9:/k[=]@a?b*c+d.Qw",
        ] {
            let swapped = [
                (
                    "url and secret",
                    [
                        "app-id",
                        "https://cipp.example",
                        secret,
                        "t.onmicrosoft.com",
                    ],
                ),
                (
                    "tenant and secret",
                    [
                        "app-id",
                        "t.onmicrosoft.com",
                        "https://cipp.example",
                        secret,
                    ],
                ),
                (
                    "client id and secret",
                    [
                        secret,
                        "app-id",
                        "https://cipp.example",
                        "t.onmicrosoft.com",
                    ],
                ),
                (
                    "secret as the url",
                    ["app-id", "other-secret", secret, "t.onmicrosoft.com"],
                ),
            ];
            for (case, [id, sec, url, tenant]) in swapped {
                let e = Settings::with_details(id, sec, url, tenant)
                    .validate()
                    .unwrap_err();
                let m = e.message();
                assert!(
                    !m.contains(secret) && !m.contains(&secret[..6]),
                    "{case}: {m}"
                );
                assert!(
                    m.contains("in order: client id, client secret, API URL, tenant id"),
                    "{case}: {m}"
                );
            }
        }
        // A URL is still shown: it cannot be a secret.
        let e = details("https://cipp.example/?x=1").validate().unwrap_err();
        assert!(
            e.message().contains("'https://cipp.example/?x=1'"),
            "{}",
            e.message()
        );
        assert!(looks_like_url(" HTTPS://x") && !looks_like_url("abc8Q~https://"));
    }

    fn details(url: &str) -> Settings {
        Settings::with_details("app-id", "s3cret-value", url, "contoso.onmicrosoft.com")
    }

    #[test]
    fn proxy_variables_are_settings_in_either_case_and_never_printed() {
        let mut s = Settings::with_details(
            "id",
            "secret",
            "https://cipp.example",
            "contoso.onmicrosoft.com",
        );
        s.set("https_proxy", "http://lower:1").unwrap();
        s.set("HTTPS_PROXY", " http://user:pw-s3cret@upper:2 ")
            .unwrap();
        s.set("HTTPS_PROXY", "").unwrap(); // empty: no change
        s.set("no_proxy", "localhost,.internal").unwrap();
        assert_eq!(
            s.proxy.https.as_ref().map(Secret::expose),
            Some("http://user:pw-s3cret@upper:2")
        );
        assert_eq!(s.proxy.no_proxy.as_deref(), Some("localhost,.internal"));
        assert_eq!(s.proxy.urls().len(), 1);
        assert!(
            !format!("{s:?}").contains("pw-s3cret"),
            "Debug shows the proxy password"
        );
        // Mixed case is no variable's spelling.
        assert!(s.set("Https_Proxy", "http://x:3").is_err());
        s.set("ALL_PROXY", "not a url at all").unwrap();
        let e = s.validate().unwrap_err();
        assert!(
            e.message().contains("ALL_PROXY") && !e.message().contains("not a url"),
            "{e:?}"
        );
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
        assert_eq!(
            details("ftp://x").validate().unwrap_err().status(),
            Status::InvalidUrl
        );
        assert_eq!(
            details("not a url").validate().unwrap_err().status(),
            Status::InvalidUrl
        );
        assert_eq!(
            details("https://u:p@host").validate().unwrap_err().status(),
            Status::InvalidUrl
        );
    }

    #[test]
    fn missing_details_name_what_is_missing() {
        let err = Settings::default().validate().unwrap_err();
        assert_eq!(err.status(), Status::NotConfigured);
        assert!(err
            .message()
            .contains("client_id, client_secret, api_url, tenant_id"));
        assert!(err.message().contains("cipp_set_details"));
        assert!(!err.message().contains("Set-CIPP"), "C callers get C names");
        let mut ps = Settings::default();
        ps.set("binding", "PowerShell").unwrap();
        assert!(ps
            .validate()
            .unwrap_err()
            .message()
            .contains("Set-CIPPAPIDetails"));
    }

    #[test]
    fn set_rejects_unknown_names_bad_numbers_and_control_characters() {
        let mut s = Settings::default();
        s.set("timeout_secs", "45").unwrap();
        assert_eq!(s.timeout_secs, 45);
        assert_eq!(
            s.set("timeout_secs", "0").unwrap_err().status(),
            Status::InvalidArgument
        );
        assert_eq!(
            s.set("nope", "1").unwrap_err().status(),
            Status::InvalidArgument
        );
        assert!(s.set("api_url", "https://x\r\nHost: evil").is_err());
        assert!(s.set("api_url", &"a".repeat(5000)).is_err());
        s.set("ca_file", "").unwrap();
        assert_eq!(s.ca_file, None);
        s.set("read_only", "TRUE").unwrap();
        assert!(s.read_only);
        assert!(s.set("read_only", "maybe").is_err());
    }

    #[test]
    fn read_only_and_allow_list_refuse_with_the_reason() {
        let mut s = details("https://x");
        s.set("read_only", "1").unwrap();
        assert!(s.permits("ListLogs").is_ok());
        assert!(s.permits("listlogs").is_ok());
        let e = s.permits("ExecResetPass").unwrap_err();
        assert_eq!(e.status(), Status::Refused);
        assert!(
            e.message().contains("Identity.User.ReadWrite"),
            "{}",
            e.message()
        );
        assert!(s.permits("ListBrandNew").is_ok());
        assert!(s.permits("ExecBrandNew").is_err());
        s.set("allowed_endpoints", "/api/ListTenants, ListLogs")
            .unwrap();
        assert!(s.permits("ListLogs").is_ok());
        // Entries are normalised like request endpoints: any case of the `/api/` prefix.
        s.set("allowed_endpoints", "/API/ListTenants;Api/ListLogs")
            .unwrap();
        assert!(s.permits("ListTenants").is_ok());
        assert!(s.permits("ListLogs").is_ok());
        s.set("allowed_endpoints", "/api/ListTenants, ListLogs")
            .unwrap();
        let e = s.permits("ListUsers").unwrap_err();
        assert!(
            e.message().contains("allow-list (ListTenants, ListLogs)"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn environment_names_as_settings_track_their_source() {
        let mut s = details("https://x");
        s.set("CIPPAPI_READ_ONLY", "on").unwrap();
        assert!(s.read_only && s.read_only_source == Source::Environment);
        s.set("CIPPAPI_TIMEOUT_SECS", " 45 ").unwrap();
        assert_eq!(s.timeout_secs, 45);
        s.set("CIPPAPI_TIMEOUT_SECS", "0").unwrap();
        let e = s.validate().unwrap_err();
        assert!(e.message().contains("CIPPAPI_TIMEOUT_SECS"), "{e:?}");
        s.set("timeout_secs", "60").unwrap();
        assert!(
            s.validate().is_ok(),
            "an explicit value replaces the bad one"
        );
        s.set("read_only", "0").unwrap();
        assert_eq!(s.read_only_source, Source::Setting);
        s.set("CIPPAPI_AUTHORITY_HOST", "login.example").unwrap();
        let e = s.validate().unwrap_err();
        assert!(
            e.message()
                .ends_with("(from the environment variable CIPPAPI_AUTHORITY_HOST)"),
            "{e:?}"
        );
        s.set("authority_host", "https://login.example").unwrap();
        assert!(s.validate().is_ok());
    }

    #[test]
    fn every_binding_names_every_knob_without_another_bindings_words() {
        use Knob::*;
        for knob in [
            SetDetails,
            ApiUrl,
            TimeoutSecs,
            CaFile,
            ReadOnlyOff,
            EndpointList,
            Logs,
        ] {
            let c = Binding::C.name(knob);
            assert!(
                !c.contains("Set-CIPP") && !c.contains("Get-CIPP") && !c.contains(" -"),
                "{c}"
            );
            assert!(!Binding::DotNet.name(knob).contains("Set-CIPP"));
            assert!(!Binding::PowerShell.name(knob).contains("cipp_"));
        }
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
