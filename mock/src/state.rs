//! Shared server state: configuration, fault queue, request record, issued tokens and queue items.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};

use crate::MockClient;

/// Runtime-adjustable behaviour (`POST /_mock/config` merges a JSON object into it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MockConfig {
    /// `expires_in`/`ext_expires_in` of new tokens, seconds (default 3599). Tokens expire after it.
    pub token_expires_in: i64,
    /// Delay added before every `/api/*` response, milliseconds (default 0).
    pub latency_ms: u64,
    /// Synthetic `ListLogs` rows per day partition (default 40; today and the previous 6 days).
    pub log_rows_per_day: u32,
    /// `0` (default): five fixed demo tenants; `N`: tenants `tenant{i}.onmicrosoft.com`, i = 1..=N.
    pub tenant_count: u32,
    /// Number of synthetic users behind `ListGraphRequest?Endpoint=users` per tenant (default 250).
    pub graph_user_count: u32,
    /// Access-token format the token endpoint issues: `1` (default; `aud=api://{id}`, `appid`,
    /// `iss=https://sts.windows.net/{tid}/`) or `2` (`aud={id}`, `azp`,
    /// `iss=https://login.microsoftonline.com/{tid}/v2.0`, `ver: "2.0"`). EasyAuth only accepts
    /// `api://…` audiences, so v2 tokens get 401 (CyberDrain/CIPP#368).
    pub token_version: u8,
    /// The caller address the mock pretends EasyAuth saw (stands in for `X-Forwarded-For`; default
    /// `127.0.0.1`). A request's own `X-Forwarded-For` header (first entry, port stripped) wins.
    /// Checked against [`MockClient::ip_ranges`](crate::MockClient::ip_ranges).
    pub client_ip: String,
    /// Emulates the empty-IPRange defect of CIPP 10.8.2 (CyberDrain/CIPP PR #238; default `true`):
    /// a client whose ranges are the single entry `"[]"` is denied on every call. `false` treats
    /// `"[]"` as `Any` (the fixed behaviour).
    pub empty_ip_range_defect: bool,
    /// Disabled feature flags: feature id → endpoints answering 503 `This feature has been
    /// disabled: <description>` (after EasyAuth, before the 404 check; case-insensitive). Default:
    /// the three flags CIPP 10.8.2 ships off (`BestPracticeAnalyser`, `SuperAdminNG`, `MCPServer`).
    /// `{}` enables every feature.
    pub disabled_features: BTreeMap<String, Vec<String>>,
    /// Cold-start delay, milliseconds (default 0 = none). When non-zero, the first `/api/*` request
    /// after start, `/_mock/reset` or a config patch that sets this key waits this long, gets the
    /// response header `x-ms-coldstart: 1`, and `PublicPing` reports `ColdStart: true`.
    pub cold_start_ms: u64,
    /// Portal (Static Web App) host emulation (default `false`): every `/api/*` request, PublicPing
    /// included, gets 302 `Location: /.auth/login/aad?post_login_redirect_uri=<path+query,
    /// percent-encoded>`.
    pub portal_mode: bool,
    /// EasyAuth without `requireAuthentication` (default `false`): a request with no
    /// `Authorization` header reaches CIPP, whose `Test-CIPPAccess` fails with 403
    /// `Exception calling "FromBase64String" …` (Public endpoints still work). Bad or expired
    /// bearer tokens still get 401.
    pub anonymous_allowed: bool,
    /// Offer HTTP/2 (ALPN `h2`, then `http/1.1`) on the TLS listener (default `true`). Read when a
    /// TLS connection is accepted; `false` offers only `http/1.1`.
    pub http2: bool,
    /// Credentials (`user:password`) the plain-HTTP listener's CONNECT proxy demands with 407
    /// (default `null`: none). See the crate docs.
    pub proxy_credentials: Option<String>,
    /// CONNECT targets the proxy dials somewhere else, `host:port` → `host:port` (default empty):
    /// stands in for a host that only the proxy can reach (the client's direct route fails).
    pub proxy_routes: BTreeMap<String, String>,
}

/// The feature flags CIPP 10.8.2 ships disabled (`Config/FeatureFlags.json`): id → endpoints.
pub fn default_disabled_features() -> BTreeMap<String, Vec<String>> {
    let mk = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    BTreeMap::from([
        (
            "BestPracticeAnalyser".to_string(),
            mk(&[
                "BestPracticeAnalyser_List",
                "ExecBPA",
                "ListBPA",
                "ListBPATemplates",
                "RemoveBPATemplate",
            ]),
        ),
        (
            "SuperAdminNG".to_string(),
            mk(&[
                "ExecCIPPUsers",
                "ListCIPPUsers",
                "ExecContainerManagement",
                "ExecAppServiceDomains",
                "ListContainerLogs",
                "ListWorkerHealth",
            ]),
        ),
        ("MCPServer".to_string(), mk(&["ExecMcp"])),
    ])
}

/// The `Description` CIPP shows for a feature flag id (the id itself for unknown flags).
pub(crate) fn feature_description(id: &str) -> String {
    match id.to_ascii_lowercase().as_str() {
        "bestpracticeanalyser" => {
            "The Best Practice Analyser has been deprecated and will be removed in a future release."
                .into()
        }
        "superadminng" => {
            "Additional super admin pages for CIPP instances (CIPP Users, SSO, Container management)."
                .into()
        }
        "mcpserver" => "Model Context Protocol (MCP) server endpoint that exposes CIPP's read-only API surface as tools for AI clients. Disabled by default; enable to allow MCP access.".into(),
        _ => id.to_string(),
    }
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            token_expires_in: 3599,
            latency_ms: 0,
            log_rows_per_day: 40,
            tenant_count: 0,
            graph_user_count: 250,
            token_version: 1,
            client_ip: "127.0.0.1".to_string(),
            empty_ip_range_defect: true,
            disabled_features: default_disabled_features(),
            cold_start_ms: 0,
            portal_mode: false,
            anonymous_allowed: false,
            http2: true,
            proxy_credentials: None,
            proxy_routes: BTreeMap::new(),
        }
    }
}

impl MockConfig {
    /// Merges a JSON object into a copy of `self`; unknown keys or wrong types are errors.
    pub fn merged(&self, patch: &serde_json::Value) -> Result<MockConfig, String> {
        let serde_json::Value::Object(p) = patch else {
            return Err("config patch must be a JSON object".into());
        };
        let mut cur = serde_json::to_value(self).map_err(|e| e.to_string())?;
        if let serde_json::Value::Object(c) = &mut cur {
            for (k, v) in p {
                c.insert(k.clone(), v.clone());
            }
        }
        let c: MockConfig = serde_json::from_value(cur).map_err(|e| e.to_string())?;
        if !matches!(c.token_version, 1 | 2) {
            return Err(format!(
                "token_version must be 1 or 2, got {}",
                c.token_version
            ));
        }
        if c.client_ip.trim().parse::<std::net::IpAddr>().is_err() {
            return Err(format!("client_ip is not an IP address: {}", c.client_ip));
        }
        Ok(c)
    }
}

fn one() -> u32 {
    1
}

fn http11() -> String {
    "1.1".to_string()
}

/// A fault to inject into matching requests (JSON: `{"match":"ListLogs","method":"GET","times":1,"kind":"status",…}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// Endpoint name (case-insensitive, e.g. `ListLogs`), `token` for the token endpoint, or `*` for any request.
    #[serde(rename = "match")]
    pub target: String,
    /// Only requests with this HTTP method (case-insensitive); `None` = any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// How many requests it applies to (default 1); `0` = every matching request until reset.
    #[serde(default = "one")]
    pub times: u32,
    /// What happens.
    #[serde(flatten)]
    pub kind: FaultKind,
}

impl Fault {
    /// A one-shot fault for `target` (endpoint name, `token` or `*`).
    pub fn new(target: impl Into<String>, kind: FaultKind) -> Fault {
        Fault {
            target: target.into(),
            method: None,
            times: 1,
            kind,
        }
    }

    /// A one-shot `status` fault with an empty text body.
    pub fn status(target: impl Into<String>, status: u16) -> Fault {
        Fault::new(
            target,
            FaultKind::Status {
                status,
                body: String::new(),
                content_type: None,
                headers: BTreeMap::new(),
            },
        )
    }

    /// Sets how many matching requests the fault applies to (`0` = unlimited).
    pub fn times(mut self, times: u32) -> Fault {
        self.times = times;
        self
    }

    /// Restricts the fault to one HTTP method.
    pub fn method(mut self, method: impl Into<String>) -> Fault {
        self.method = Some(method.into());
        self
    }

    /// The `kind` tag as it appears in JSON (`status`, `delay`, `reset`, …).
    pub fn kind_name(&self) -> &'static str {
        self.kind.name()
    }
}

/// What a fault does (JSON tag `kind`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer with this status, body, content type (default `text/plain; charset=utf-8`) and extra headers
    /// instead of the normal answer (before authentication).
    Status {
        /// HTTP status code.
        status: u16,
        /// Response body text.
        #[serde(default)]
        body: String,
        /// Content-Type header; `""` sends none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content_type: Option<String>,
        /// Extra response headers, e.g. `{"Retry-After":"2"}`.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        headers: BTreeMap<String, String>,
    },
    /// Wait this long before sending anything, then answer normally.
    Delay {
        /// Milliseconds.
        ms: u64,
    },
    /// Close the connection with a TCP reset after reading the request; no response.
    Reset,
    /// Send the head (with the real Content-Length) and half the body, then reset the connection.
    ResetMidBody,
    /// Like `reset_mid_body`, but close cleanly (FIN; TLS close_notify).
    Truncate,
    /// 200 `application/json` with a syntactically broken body.
    InvalidJson,
    /// Treat the request's bearer token as expired (401 from EasyAuth).
    ExpireToken,
    /// 302 to `/.auth/login/aad?post_login_redirect_uri=…`, as a Static Web App host answers.
    RedirectLogin,
}

impl FaultKind {
    /// The JSON tag.
    pub fn name(&self) -> &'static str {
        match self {
            FaultKind::Status { .. } => "status",
            FaultKind::Delay { .. } => "delay",
            FaultKind::Reset => "reset",
            FaultKind::ResetMidBody => "reset_mid_body",
            FaultKind::Truncate => "truncate",
            FaultKind::InvalidJson => "invalid_json",
            FaultKind::ExpireToken => "expire_token",
            FaultKind::RedirectLogin => "redirect_login",
        }
    }
}

/// One recorded request (everything except `/_mock/*`), as returned by `GET /_mock/requests`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedRequest {
    /// 1-based arrival number since the last clear.
    pub seq: u64,
    /// Method as sent.
    pub method: String,
    /// Path exactly as sent (case and percent-escapes preserved), without the query.
    pub path: String,
    /// Query string exactly as sent, without `?`; `""` when none.
    pub raw_query: String,
    /// Decoded (`%XX`, `+`) query pairs in order; empty values kept.
    pub query: Vec<(String, String)>,
    /// Headers with lower-case names (repeats joined with `, `); `authorization` redacted to `Bearer <redacted>`.
    pub headers: BTreeMap<String, String>,
    /// Bearer state: `none`, `valid`, `invalid` or `expired`.
    pub auth: String,
    /// The Content-Type header, if any.
    pub content_type: Option<String>,
    /// The body as text (lossy UTF-8); for token requests `client_secret` is replaced by `<redacted>`.
    pub body: String,
    /// `http` or `https`.
    pub listener: String,
    /// Protocol version: `1.1`, `1.0` or `2` (HTTP/2 over TLS).
    #[serde(default = "http11")]
    pub http_version: String,
    /// Kind of the fault applied to this request, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<String>,
}

/// A token the mock issued.
#[derive(Debug, Clone)]
pub(crate) struct IssuedToken {
    pub app_id: String,
    pub exp: i64,
    /// The `aud` claim (`api://{id}` for v1, the bare id for v2).
    pub aud: String,
}

/// A `ListCippQueue` item that advances one step per poll: Queued → Running → Completed.
#[derive(Debug, Clone)]
pub(crate) struct QueueItem {
    pub id: String,
    pub name: String,
    pub link: String,
    pub reference: String,
    pub total: u32,
    pub failed: u32,
    pub created: i64,
    pub polls: u32,
}

/// Everything mutable.
#[derive(Default)]
pub(crate) struct State {
    pub seq: u64,
    pub records: Vec<RecordedRequest>,
    pub faults: Vec<Fault>,
    pub config: MockConfig,
    pub tokens: HashMap<String, IssuedToken>,
    pub queue: Vec<QueueItem>,
    /// ListGraphRequest AllTenants jobs: lower-case endpoint → queue id.
    pub graph_jobs: HashMap<String, String>,
    /// Last large `ListLogs` body: (rows|day|params key, body).
    pub logs_cache: Option<(String, std::sync::Arc<Vec<u8>>)>,
    /// A cold start is pending (armed at start, on reset and when `cold_start_ms` is set).
    pub cold_pending: bool,
}

/// Recorder cap: the oldest entries are dropped beyond this many.
pub(crate) const MAX_RECORDS: usize = 200_000;

impl State {
    /// Takes (consumes one use of) the first fault matching `key` and `method`.
    pub fn take_fault(&mut self, key: Option<&str>, method: &str) -> Option<Fault> {
        let idx = self.faults.iter().position(|f| {
            let target_ok =
                f.target == "*" || key.is_some_and(|k| k.eq_ignore_ascii_case(&f.target));
            let method_ok = f
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method));
            target_ok && method_ok
        })?;
        let f = self.faults[idx].clone();
        if f.times > 1 {
            self.faults[idx].times -= 1;
        } else if f.times == 1 {
            self.faults.remove(idx);
        }
        Some(f)
    }

    /// Appends a record, assigning `seq`.
    pub fn record(&mut self, mut r: RecordedRequest) {
        self.seq += 1;
        r.seq = self.seq;
        if self.records.len() >= MAX_RECORDS {
            self.records.drain(..MAX_RECORDS / 10);
        }
        self.records.push(r);
    }

    /// Forgets recorded requests; numbering restarts at 1.
    pub fn clear_records(&mut self) {
        self.records.clear();
        self.seq = 0;
    }

    /// Back to defaults: no records, faults, tokens or queue items; default config.
    pub fn reset(&mut self) {
        *self = State {
            cold_pending: true,
            ..State::default()
        };
    }
}

/// Fixed identity settings resolved from the options.
pub(crate) struct Shared {
    pub state: Mutex<State>,
    pub tenant_id: String,
    pub clients: Vec<MockClient>,
    pub custom_roles: BTreeMap<String, Vec<String>>,
    pub ca_pem_path: PathBuf,
    /// Configuration restored by `/_mock/reset`.
    pub initial_config: MockConfig,
}

impl Shared {
    /// Locks the state, recovering from a poisoned lock.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `/_mock/reset`: clears everything and restores the start-up configuration.
    pub fn reset(&self) {
        let mut st = self.lock();
        st.reset();
        st.config = self.initial_config.clone();
        st.cold_pending = true;
    }

    /// Merges a config patch (as `POST /_mock/config`); a patch containing `cold_start_ms` arms a
    /// new cold start. Returns the new configuration.
    pub fn patch_config(&self, patch: &serde_json::Value) -> Result<MockConfig, String> {
        let mut st = self.lock();
        st.config = st.config.merged(patch)?;
        if patch.get("cold_start_ms").is_some() {
            st.cold_pending = true;
        }
        Ok(st.config.clone())
    }

    /// Finds a client by app id (case-insensitive).
    pub fn client(&self, app_id: &str) -> Option<&MockClient> {
        self.clients
            .iter()
            .find(|c| c.app_id.eq_ignore_ascii_case(app_id))
    }
}
