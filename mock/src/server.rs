//! Request routing: control surface, fault injection, recording, token endpoint and `/api/*`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::http::{Action, Request, Response};
use crate::state::{Fault, FaultKind, RecordedRequest, Shared};
use crate::token::Auth;
use crate::util::{parse_pairs, percent_decode, percent_encode};

enum Kind {
    Token(String),
    Api(String),
    Other,
}

fn classify(path: &str) -> Kind {
    if let Some(t) = crate::token::token_tenant(path) {
        return Kind::Token(t);
    }
    let lower = path.to_ascii_lowercase();
    if lower == "/api" || lower.starts_with("/api/") {
        let rest = path.get(5..).unwrap_or("");
        let name = percent_decode(rest, false);
        return Kind::Api(name.trim_end_matches('/').to_string());
    }
    Kind::Other
}

pub(crate) fn record_of(
    req: &Request,
    listener: &str,
    auth: &Auth,
    token: bool,
    fault: Option<&Fault>,
) -> RecordedRequest {
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in &req.headers {
        let k = k.to_ascii_lowercase();
        let v = if k == "authorization" || k == "proxy-authorization" {
            match v.trim().split_once(' ') {
                Some((scheme, _)) => format!("{scheme} <redacted>"),
                None => "<redacted>".to_string(),
            }
        } else {
            v.clone()
        };
        headers
            .entry(k)
            .and_modify(|e| {
                e.push_str(", ");
                e.push_str(&v);
            })
            .or_insert(v);
    }
    let text = String::from_utf8_lossy(&req.body).into_owned();
    RecordedRequest {
        seq: 0,
        method: req.method.clone(),
        path: req.path.clone(),
        raw_query: req.raw_query.clone(),
        query: parse_pairs(&req.raw_query),
        headers,
        auth: auth.label().to_string(),
        content_type: req.header("content-type").map(str::to_string),
        body: if token {
            crate::token::redact_form(&text)
        } else {
            text
        },
        listener: listener.to_string(),
        http_version: req.version.to_string(),
        fault: fault.map(|f| f.kind_name().to_string()),
    }
}

/// Handles one request and says what to write.
pub async fn handle(
    shared: &Arc<Shared>,
    req: Request,
    listener: &'static str,
    peer: SocketAddr,
) -> Action {
    if req.path == "/_mock" || req.path.starts_with("/_mock/") {
        return Action::Respond(control(shared, &req));
    }
    let kind = classify(&req.path);
    let key = match &kind {
        Kind::Token(_) => Some("token"),
        Kind::Api(name) => Some(name.as_str()),
        Kind::Other => None,
    };
    let fault = shared.lock().take_fault(key, &req.method);
    let mut auth = match &kind {
        Kind::Api(_) => crate::token::check(shared, &req),
        _ => Auth::None,
    };
    if matches!(
        fault.as_ref().map(|f| &f.kind),
        Some(FaultKind::ExpireToken)
    ) && matches!(auth, Auth::Valid(_))
    {
        auth = Auth::Expired;
    }
    let rec = record_of(
        &req,
        listener,
        &auth,
        matches!(kind, Kind::Token(_)),
        fault.as_ref(),
    );
    let (latency, portal) = {
        let mut st = shared.lock();
        st.record(rec);
        (st.config.latency_ms, st.config.portal_mode)
    };

    match fault.as_ref().map(|f| &f.kind) {
        Some(FaultKind::Delay { ms }) => tokio::time::sleep(Duration::from_millis(*ms)).await,
        Some(FaultKind::Reset) => return Action::Reset,
        Some(FaultKind::Status {
            status,
            body,
            content_type,
            headers,
        }) => {
            let ct = content_type
                .clone()
                .unwrap_or_else(|| crate::http::TEXT.to_string());
            let mut resp = Response::new(*status, &ct, body.clone().into_bytes());
            if ct.is_empty() {
                resp.content_type = None; // an answer without a Content-Type header
            }
            for (k, v) in headers {
                resp = resp.with_header(k, v);
            }
            return Action::Respond(resp);
        }
        Some(FaultKind::RedirectLogin) => return Action::Respond(redirect_login(&req)),
        _ => {}
    }

    let resp = match &kind {
        Kind::Token(tenant) => crate::token::handle(shared, &req, tenant),
        Kind::Api(_) if portal => return Action::Respond(redirect_login(&req)),
        Kind::Api(name) => {
            let cold_ms = {
                let mut st = shared.lock();
                let ms = st.config.cold_start_ms;
                if st.cold_pending && ms > 0 {
                    st.cold_pending = false;
                    Some(ms)
                } else {
                    None
                }
            };
            if let Some(ms) = cold_ms {
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
            if latency > 0 {
                tokio::time::sleep(Duration::from_millis(latency)).await;
            }
            let resp = crate::api::handle_http(
                shared,
                &req,
                name,
                &auth,
                listener,
                peer,
                cold_ms.is_some(),
            );
            if cold_ms.is_some() {
                resp.with_header("x-ms-coldstart", "1")
            } else {
                resp
            }
        }
        Kind::Other => Response::text(404, "Not Found"),
    };

    match fault.map(|f| f.kind) {
        Some(FaultKind::InvalidJson) => Action::Respond(Response::new(
            200,
            crate::http::JSON,
            &b"{\"Results\":[{\"Message\":\"mock invalid json\","[..],
        )),
        Some(FaultKind::ResetMidBody) => Action::Partial { resp, rst: true },
        Some(FaultKind::Truncate) => Action::Partial { resp, rst: false },
        _ => Action::Respond(resp),
    }
}

/// 302 to the EasyAuth login page, as a Static Web App / portal host answers a bearer call.
fn redirect_login(req: &Request) -> Response {
    let original = if req.raw_query.is_empty() {
        req.path.clone()
    } else {
        format!("{}?{}", req.path, req.raw_query)
    };
    let loc = format!(
        "/.auth/login/aad?post_login_redirect_uri={}",
        percent_encode(&original)
    );
    Response::new(302, "text/html", Vec::new()).with_header("Location", &loc)
}

fn ok() -> Response {
    Response::json(200, &json!({"ok": true}))
}

fn parse_json(req: &Request) -> Result<Value, Response> {
    serde_json::from_slice(&req.body).map_err(|e| Response::text(400, format!("invalid JSON: {e}")))
}

/// `/_mock/*`: never recorded, no faults, no auth.
fn control(shared: &Shared, req: &Request) -> Response {
    let m = req.method.to_ascii_uppercase();
    match (m.as_str(), req.path.as_str()) {
        ("GET" | "HEAD", "/_mock/health") => Response::text(200, "ok"),
        ("GET", "/_mock/requests") => {
            let st = shared.lock();
            Response::new(
                200,
                crate::http::JSON,
                serde_json::to_vec(&st.records).unwrap_or_default(),
            )
        }
        ("DELETE", "/_mock/requests") => {
            shared.lock().clear_records();
            ok()
        }
        ("POST", "/_mock/reset") => {
            shared.reset();
            ok()
        }
        ("GET", "/_mock/config") => Response::json(200, &json!(shared.lock().config)),
        ("POST", "/_mock/config") => {
            let patch = match parse_json(req) {
                Ok(v) => v,
                Err(r) => return r,
            };
            match shared.patch_config(&patch) {
                Ok(c) => Response::json(200, &json!(c)),
                Err(e) => Response::text(400, format!("invalid config: {e}")),
            }
        }
        ("GET", "/_mock/faults") => Response::json(200, &json!(shared.lock().faults)),
        ("DELETE", "/_mock/faults") => {
            shared.lock().faults.clear();
            ok()
        }
        ("POST", "/_mock/faults") => {
            let v = match parse_json(req) {
                Ok(v) => v,
                Err(r) => return r,
            };
            let list = match v {
                Value::Array(_) => serde_json::from_value::<Vec<Fault>>(v),
                other => serde_json::from_value::<Fault>(other).map(|f| vec![f]),
            };
            match list {
                Ok(f) => {
                    let mut st = shared.lock();
                    st.faults.extend(f);
                    Response::json(200, &json!(st.faults))
                }
                Err(e) => Response::text(400, format!("invalid fault: {e}")),
            }
        }
        ("POST", "/_mock/queue") => {
            let v = match parse_json(req) {
                Ok(v) => v,
                Err(r) => return r,
            };
            let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
            let n =
                |k: &str, d: u64| v.get(k).and_then(Value::as_u64).unwrap_or(d).min(10_000) as u32;
            let id = crate::api::add_queue_item(
                shared,
                &s("name").unwrap_or_else(|| "Mock queue job".into()),
                &s("reference").unwrap_or_default(),
                &s("link").unwrap_or_default(),
                n("total_tasks", 3),
                n("failed_tasks", 0),
                s("queue_id"),
            );
            let st = shared.lock();
            let item = st
                .queue
                .iter()
                .find(|q| q.id == id)
                .map(crate::api::queue_view);
            Response::json(200, &item.unwrap_or(Value::Null))
        }
        (
            _,
            "/_mock/health" | "/_mock/requests" | "/_mock/reset" | "/_mock/config"
            | "/_mock/faults" | "/_mock/queue",
        ) => Response::text(405, "Method Not Allowed"),
        _ => Response::text(404, "Unknown mock control endpoint"),
    }
}
