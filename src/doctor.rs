//! The connection doctor: runs the chain from URL to authorised call step by step and says, for
//! the first thing that fails, what is wrong and how to fix it.
//!
//! Steps: `url` (shape of the API URL), `dns`, `tcp`, `https` (an unauthenticated request that
//! proves TLS and that this is the API host, not the portal), `token` (a fresh token request),
//! `token_claims` (audience, app id, tenant, expiry, clock skew — the token is never shown),
//! `api_call` (an authenticated `GET /api/ListApiTest`), `role` (whether CIPP's role check let
//! it through), `latency` (cold start). After a failure the steps that depend on it are skipped.

use crate::client::{Call, Client};
use crate::error::{Result, Status};
use crate::settings::Knob;
use crate::token;
use base64::Engine as _;
use serde::Serialize;
use std::time::{Duration, Instant};

/// Outcome of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepStatus {
    /// The step worked.
    Passed,
    /// The step worked, with a caveat worth knowing.
    Warning,
    /// The step failed; `cause` and `fix` say why and what to do.
    Failed,
    /// Not run because an earlier step failed.
    Skipped,
}

/// One step of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Step name (`url`, `dns`, `tcp`, `https`, `token`, `token_claims`, `api_call`, `role`, `latency`).
    pub name: &'static str,
    /// Outcome.
    pub status: StepStatus,
    /// What was checked and seen.
    pub detail: String,
    /// Why it failed (or the caveat), in plain words.
    pub cause: Option<String>,
    /// What to change.
    pub fix: Option<String>,
    /// Time the step took, in milliseconds.
    pub ms: u64,
}

/// The doctor's findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// True when no step failed.
    pub ok: bool,
    /// The steps in order.
    pub steps: Vec<Step>,
}

struct Steps {
    steps: Vec<Step>,
    failed: bool,
}

impl Steps {
    fn push(&mut self, name: &'static str, status: StepStatus, detail: String, started: Instant) {
        self.steps.push(Step {
            name,
            status,
            detail,
            cause: None,
            fix: None,
            ms: started.elapsed().as_millis() as u64,
        });
    }

    fn fail(
        &mut self,
        name: &'static str,
        detail: String,
        cause: String,
        fix: String,
        started: Instant,
    ) {
        self.failed = true;
        self.steps.push(Step {
            name,
            status: StepStatus::Failed,
            detail,
            cause: Some(cause),
            fix: Some(fix),
            ms: started.elapsed().as_millis() as u64,
        });
    }

    fn skip_rest(&mut self, names: &[&'static str]) {
        for name in names {
            self.steps.push(Step {
                name,
                status: StepStatus::Skipped,
                detail: "not run: an earlier step failed".into(),
                cause: None,
                fix: None,
                ms: 0,
            });
        }
    }
}

const ALL: [&str; 9] = [
    "url",
    "dns",
    "tcp",
    "https",
    "token",
    "token_claims",
    "api_call",
    "role",
    "latency",
];

fn rest(after: &str) -> Vec<&'static str> {
    let i = ALL
        .iter()
        .position(|n| *n == after)
        .map_or(ALL.len(), |i| i + 1);
    ALL[i..].to_vec()
}

/// The steps checked on the direct route, in report order.
const ALL_DIRECT: [&str; 2] = ["dns", "tcp"];

/// One direct-route step's outcome: passed with a detail, or failed with detail, cause and fix.
enum DirectStep {
    Passed(String, u64),
    Failed {
        detail: String,
        cause: String,
        fix: String,
        ms: u64,
    },
    NotRun,
}

/// The direct route's steps (DNS, then TCP), checked before the HTTPS probe and reported after it.
struct DirectRoute([DirectStep; 2]);

impl DirectRoute {
    /// The name of the first failed step, if any.
    fn first_failure(&self) -> Option<&'static str> {
        ALL_DIRECT
            .iter()
            .zip(&self.0)
            .find_map(|(name, step)| matches!(step, DirectStep::Failed { .. }).then_some(*name))
    }

    /// Adds the steps to the report; with `via_proxy` (the HTTP client reached the API, or failed
    /// at its proxy) a failed step is a warning that names the likely reason, a proxy. Without it
    /// a step not run is left out: the caller reports it with the rest it skips.
    fn report(&self, s: &mut Steps, via_proxy: bool) {
        for (name, step) in ALL_DIRECT.iter().zip(&self.0) {
            match step {
                DirectStep::Passed(detail, ms) => s.steps.push(Step {
                    name,
                    status: StepStatus::Passed,
                    detail: detail.clone(),
                    cause: None,
                    fix: None,
                    ms: *ms,
                }),
                DirectStep::Failed { detail, cause, ms, .. } if via_proxy => {
                    s.steps.push(Step {
                        name,
                        status: StepStatus::Warning,
                        detail: format!(
                            "{detail}: not reachable directly ({cause}); calls go through the HTTP \
                             client's proxy (HTTPS_PROXY or the system's settings), see the https step"
                        ),
                        cause: None,
                        fix: None,
                        ms: *ms,
                    })
                }
                DirectStep::Failed { detail, cause, fix, ms } => {
                    s.failed = true;
                    s.steps.push(Step {
                        name,
                        status: StepStatus::Failed,
                        detail: detail.clone(),
                        cause: Some(cause.clone()),
                        fix: Some(fix.clone()),
                        ms: *ms,
                    });
                }
                DirectStep::NotRun if via_proxy => s.steps.push(Step {
                    name,
                    status: StepStatus::Skipped,
                    detail: "not run: the host name did not resolve directly".into(),
                    cause: None,
                    fix: None,
                    ms: 0,
                }),
                DirectStep::NotRun => {}
            }
        }
    }
}

/// Resolves the API host and opens a TCP connection to it, without any proxy.
async fn check_direct_route(host: &str, port: u16, connect_timeout_secs: u64) -> DirectRoute {
    let started = Instant::now();
    let ms = |started: Instant| started.elapsed().as_millis() as u64;
    let addrs: Vec<std::net::SocketAddr> = match tokio::net::lookup_host((host, port)).await {
        Ok(a) => a.collect(),
        Err(e) => {
            return DirectRoute([
                DirectStep::Failed {
                    detail: host.to_owned(),
                    cause: format!("the host name does not resolve ({e})"),
                    fix: "Check the spelling of the API URL; the Function App URL looks like \
                          https://cippxxxxx.azurewebsites.net."
                        .into(),
                    ms: ms(started),
                },
                DirectStep::NotRun,
            ])
        }
    };
    let dns = DirectStep::Passed(format!("{host} → {} address(es)", addrs.len()), ms(started));
    let started = Instant::now();
    let fix = "Check firewalls and proxies between this machine and the API host.".to_owned();
    let tcp = match tokio::time::timeout(
        Duration::from_secs(connect_timeout_secs),
        tokio::net::TcpStream::connect(addrs.as_slice()),
    )
    .await
    {
        Ok(Ok(_)) => DirectStep::Passed(format!("connected to port {port}"), ms(started)),
        Ok(Err(e)) => DirectStep::Failed {
            detail: format!("port {port}"),
            cause: format!("the connection failed ({e})"),
            fix,
            ms: ms(started),
        },
        Err(_) => DirectStep::Failed {
            detail: format!("port {port}"),
            cause: format!("no answer within {connect_timeout_secs} s"),
            fix,
            ms: ms(started),
        },
    };
    DirectRoute([dns, tcp])
}

/// Runs every step against the client's configuration.
pub async fn diagnose(client: &Client) -> Report {
    let mut s = Steps {
        steps: Vec::new(),
        failed: false,
    };
    let settings = client.settings();
    let started = Instant::now();
    let api = match settings.validate() {
        Ok((api, _)) => api,
        Err(e) => {
            s.fail(
                "url",
                settings.api_url.clone(),
                e.message().to_owned(),
                format!(
                    "Give {} the Function App URL from CIPP > Integrations > CIPP-API.",
                    settings.binding.name(Knob::ApiUrl)
                ),
                started,
            );
            s.skip_rest(&rest("url"));
            return finish(s);
        }
    };
    let host = api.host_str().unwrap_or_default().to_owned();
    let port = api.port_or_known_default().unwrap_or(443);
    let raw = settings.api_url.trim().trim_end_matches('/');
    if raw.to_ascii_lowercase().ends_with("/api") {
        s.push(
            "url",
            StepStatus::Warning,
            format!("{api} (the trailing /api was removed)"),
            started,
        );
    } else {
        s.push("url", StepStatus::Passed, api.to_string(), started);
    }

    // DNS and TCP are checked directly, as this machine would reach the host without a proxy. A
    // failure there is only the answer when the HTTP client cannot reach the API either: behind a
    // proxy (HTTPS_PROXY, the system's settings) the direct route may be closed while calls work,
    // and then it is a warning, decided after the HTTPS probe below.
    let direct = check_direct_route(&host, port, settings.connect_timeout_secs).await;

    // An unauthenticated request: proves TLS, and that this host is the API, not the portal.
    let probe_started = Instant::now();
    let probe = client.probe_public_ping().await;
    // A failure at the proxy is the cause even when the direct route is closed too: then the
    // direct steps are warnings and the https step below names the proxy.
    let through_proxy = match &probe {
        Ok(_) => true,
        Err(e) => e.is_proxy_failure(),
    };
    match direct.first_failure() {
        Some(failed) if !through_proxy => {
            direct.report(&mut s, false);
            s.skip_rest(&rest(failed));
            return finish(s);
        }
        failed => direct.report(&mut s, failed.is_some()),
    }
    let started = probe_started;
    let cold_start: bool;
    let ping_time: Duration;
    match probe {
        Ok((_, location, _))
            if location
                .as_deref()
                .is_some_and(|l| l.contains("/.auth/login")) =>
        {
            s.fail(
                "https",
                format!("{api}api/PublicPing → redirect to the sign-in page"),
                "this host is the CIPP web portal (or a custom domain in front of it), not the API"
                    .into(),
                "Use the Function App URL shown as 'API URL' in CIPP > Integrations > CIPP-API."
                    .into(),
                started,
            );
            s.skip_rest(&rest("https"));
            return finish(s);
        }
        Ok((status, _, cold)) => {
            cold_start = cold;
            ping_time = started.elapsed();
            s.push(
                "https",
                StepStatus::Passed,
                format!("{} answered HTTP {status}", api.scheme()),
                started,
            )
        }
        Err(e) => {
            let fix = if e.status() == Status::Certificate {
                format!("The server certificate is not trusted: install the CA in the system store, or give its PEM file with {}.", settings.binding.name(Knob::CaFile))
            } else if e.is_plain_http_answer() {
                format!("This port speaks plain HTTP: give {} the https:// URL of the CIPP API (the Function App).", settings.binding.name(Knob::ApiUrl))
            } else {
                "Check proxies and TLS inspection between this machine and the API host.".into()
            };
            s.fail(
                "https",
                api.to_string(),
                e.message().to_owned(),
                fix,
                started,
            );
            s.skip_rest(&rest("https"));
            return finish(s);
        }
    }

    let started = Instant::now();
    let mut trace = Vec::new();
    let token = match token::fetch_fresh(&client.token_request(), &mut trace).await {
        Ok(t) => t,
        Err(e) => {
            let (cause, fix) = split_fix(e.message());
            s.fail(
                "token",
                format!("client credentials at {}", settings.authority_host),
                cause,
                fix,
                started,
            );
            s.skip_rest(&rest("token"));
            return finish(s);
        }
    };
    s.push(
        "token",
        StepStatus::Passed,
        format!("token issued by {}", settings.authority_host),
        started,
    );

    let started = Instant::now();
    check_claims(
        &mut s,
        token.expose(),
        &settings.client_id,
        &settings.tenant_id,
        started,
    );
    if s.failed {
        s.skip_rest(&rest("token_claims"));
        return finish(s);
    }

    let started = Instant::now();
    let call = client
        .invoke(Call {
            method: "GET",
            endpoint: "/api/ListApiTest",
            query: &[],
            body: None,
            content_type: None,
        })
        .await;
    let elapsed = started.elapsed();
    match call {
        Err(e) => {
            s.fail(
                "api_call",
                "GET /api/ListApiTest".into(),
                e.message().to_owned(),
                "Check the network path to the API host; retry later if CIPP is being updated."
                    .into(),
                started,
            );
            s.skip_rest(&rest("api_call"));
            return finish(s);
        }
        Ok(r) if r.status == 401 || (300..400).contains(&r.status) => {
            s.fail(
                "api_call",
                format!("GET /api/ListApiTest → HTTP {}", r.status),
                "the API did not accept the token".into(),
                r.advice.unwrap_or_default(),
                started,
            );
            s.skip_rest(&rest("api_call"));
            return finish(s);
        }
        Ok(r) => {
            s.push(
                "api_call",
                StepStatus::Passed,
                format!("GET /api/ListApiTest → HTTP {}", r.status),
                started,
            );
            let started = Instant::now();
            if r.status == 403 {
                let body = r.text().into_owned();
                s.fail(
                    "role",
                    body.clone(),
                    "CIPP's role or IP check refused the API client".into(),
                    r.advice.unwrap_or_else(|| {
                        "Give the API client a role in CIPP > Integrations > CIPP-API.".into()
                    }),
                    started,
                );
            } else if r.is_success() {
                s.push(
                    "role",
                    StepStatus::Passed,
                    "the client's role allows CIPP.Core.Read".into(),
                    started,
                );
            } else {
                s.fail(
                    "role",
                    format!("HTTP {}: {}", r.status, r.text()),
                    "CIPP answered with an error".into(),
                    r.advice.unwrap_or_else(|| {
                        format!(
                            "See CIPP's logs ({}) for the server-side error.",
                            settings.binding.name(Knob::Logs)
                        )
                    }),
                    started,
                );
            }
        }
    }
    if s.failed {
        s.skip_rest(&rest("role"));
        return finish(s);
    }
    let ms = elapsed.as_millis();
    let slowest = elapsed.max(ping_time);
    if cold_start || slowest > Duration::from_secs(10) {
        s.steps.push(Step {
            name: "latency",
            status: StepStatus::Warning,
            detail: format!(
                "the first request took {} ms{}, the authenticated call {ms} ms",
                ping_time.as_millis(),
                if cold_start { " (the server reported a cold start)" } else { "" }
            ),
            cause: Some("a cold start: the Function App was idle and had to start (15–20 s is normal)".into()),
            fix: Some("Nothing to fix; later calls are fast. Scheduled scripts can call PublicPing first to warm it up.".into()),
            ms: ms as u64,
        });
    } else {
        s.steps.push(Step {
            name: "latency",
            status: StepStatus::Passed,
            detail: format!("the authenticated call took {ms} ms"),
            cause: None,
            fix: None,
            ms: ms as u64,
        });
    }
    finish(s)
}

fn finish(s: Steps) -> Report {
    Report {
        ok: !s.failed,
        steps: s.steps,
    }
}

/// Splits "… Fix: …" messages into cause and fix.
fn split_fix(message: &str) -> (String, String) {
    match message.split_once(". Fix: ") {
        Some((cause, fix)) => (cause.to_owned(), fix.to_owned()),
        None => (
            message.to_owned(),
            "Check the client id, secret and tenant id in CIPP > Integrations > CIPP-API."
                .to_owned(),
        ),
    }
}

/// Reads the token's claims (never printing it) and checks what App Service authentication checks.
fn check_claims(s: &mut Steps, token: &str, client_id: &str, tenant_id: &str, started: Instant) {
    let claims = token
        .split('.')
        .nth(1)
        .and_then(|p| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p.trim_end_matches('='))
                .ok()
        })
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
    let Some(c) = claims else {
        s.push(
            "token_claims",
            StepStatus::Warning,
            "the token is not a readable JWT; claims not checked".into(),
            started,
        );
        return;
    };
    let text = |k: &str| c.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
    let aud = text("aud");
    let app = if text("appid").is_empty() {
        text("azp")
    } else {
        text("appid")
    };
    let expected_aud = format!("api://{client_id}");
    if aud.eq_ignore_ascii_case(client_id) {
        s.fail("token_claims", format!("aud={aud}"), "the token is a v2 token (audience is the bare client id); CIPP's App Service authentication only accepts api://<client id>".into(),
            "In the app registration's manifest set accessTokenAcceptedVersion (requestedAccessTokenVersion) to null or 1.".into(), started);
        return;
    }
    if !aud.eq_ignore_ascii_case(&expected_aud) {
        s.fail("token_claims", format!("aud={aud}"), format!("the token's audience is not {expected_aud}"),
            "Give the app registration the identifier URI api://<client id> (CIPP's 'Repair' on the API client does this).".into(), started);
        return;
    }
    if !app.is_empty() && !app.eq_ignore_ascii_case(client_id) {
        s.fail(
            "token_claims",
            format!("appid={app}"),
            "the token was issued to another application".into(),
            "Use the same client id the secret belongs to.".into(),
            started,
        );
        return;
    }
    let tid = text("tid");
    let tenant_is_guid =
        tenant_id.len() == 36 && tenant_id.chars().filter(|c| *c == '-').count() == 4;
    if tenant_is_guid && !tid.is_empty() && !tid.eq_ignore_ascii_case(tenant_id) {
        s.fail(
            "token_claims",
            format!("tid={tid}"),
            "the token comes from another tenant than the one configured".into(),
            "Use the partner tenant id shown on CIPP's integration page.".into(),
            started,
        );
        return;
    }
    let now = chrono::Utc::now().timestamp();
    let exp = c.get("exp").and_then(|v| v.as_i64()).unwrap_or(0);
    let iat = c.get("iat").and_then(|v| v.as_i64()).unwrap_or(now);
    let skew = (now - iat).abs();
    let detail = format!(
        "aud={aud}, appid={app}, tid={tid}, expires in {} s",
        exp - now
    );
    if skew > 300 {
        s.steps.push(Step {
            name: "token_claims",
            status: StepStatus::Warning,
            detail,
            cause: Some(format!(
                "this machine's clock differs from Entra's by about {skew} s"
            )),
            fix: Some(
                "Synchronise the system clock (NTP); tokens may look expired or not yet valid."
                    .into(),
            ),
            ms: started.elapsed().as_millis() as u64,
        });
    } else {
        s.push("token_claims", StepStatus::Passed, detail, started);
    }
}

/// Runs the doctor and returns its report as JSON.
pub fn diagnose_blocking(client: std::sync::Arc<Client>) -> Result<Report> {
    Ok(crate::runtime::block_on(
        async move { diagnose(&client).await },
    ))
}
