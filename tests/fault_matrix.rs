//! The reliability fault matrix: every fault the mock can inject × GET and POST, asserting the
//! outcome and exactly how many requests the server saw (a POST that may have been processed is
//! never sent twice). The table is printed and written to `target/fault-matrix.txt`.

mod common;

use cipp_mock::Fault;
use cippapi::Status;
use common::*;
use serde_json::json;

/// What a case must end in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// An HTTP answer with this status.
    Http(u16),
    /// A library failure with this status.
    Fails(Status),
}

struct Case {
    name: &'static str,
    faults: serde_json::Value,
    config: Option<serde_json::Value>,
    get: (Expect, usize),
    post: (Expect, usize),
    token_requests: usize,
}

fn cases() -> Vec<Case> {
    use Expect::*;
    let api = |f: serde_json::Value| json!([f]);
    vec![
        Case {
            name: "429 with Retry-After",
            faults: api(
                json!({"match":"*","kind":"status","status":429,"headers":{"Retry-After":"0"}}),
            ),
            config: None,
            get: (Http(200), 2),
            post: (Http(200), 2),
            token_requests: 1,
        },
        Case {
            name: "429 without Retry-After",
            faults: api(json!({"match":"*","kind":"status","status":429})),
            config: None,
            get: (Http(200), 2),
            post: (Http(429), 1),
            token_requests: 1,
        },
        Case {
            name: "500",
            faults: api(json!({"match":"*","kind":"status","status":500,"body":"boom"})),
            config: None,
            get: (Http(500), 1),
            post: (Http(500), 1),
            token_requests: 1,
        },
        Case {
            name: "502",
            faults: api(json!({"match":"*","kind":"status","status":502})),
            config: None,
            get: (Http(200), 2),
            post: (Http(502), 1),
            token_requests: 1,
        },
        Case {
            name: "503",
            faults: api(json!({"match":"*","kind":"status","status":503})),
            config: None,
            get: (Http(200), 2),
            post: (Http(503), 1),
            token_requests: 1,
        },
        Case {
            name: "503 with Retry-After",
            faults: api(
                json!({"match":"*","kind":"status","status":503,"headers":{"Retry-After":"0"}}),
            ),
            config: None,
            get: (Http(200), 2),
            post: (Http(200), 2),
            token_requests: 1,
        },
        Case {
            name: "504",
            faults: api(json!({"match":"*","kind":"status","status":504})),
            config: None,
            get: (Http(200), 2),
            post: (Http(504), 1),
            token_requests: 1,
        },
        Case {
            name: "503 persisting",
            faults: api(json!({"match":"*","kind":"status","status":503,"times":10})),
            config: None,
            get: (Http(503), 3),
            post: (Http(503), 1),
            token_requests: 1,
        },
        Case {
            name: "reset before response",
            faults: api(json!({"match":"*","kind":"reset"})),
            config: None,
            get: (Http(200), 2),
            post: (Fails(Status::Network), 1),
            token_requests: 1,
        },
        Case {
            name: "reset mid-body",
            faults: api(json!({"match":"*","kind":"reset_mid_body"})),
            config: None,
            get: (Http(200), 2),
            post: (Fails(Status::Network), 1),
            token_requests: 1,
        },
        Case {
            name: "truncated body",
            faults: api(json!({"match":"*","kind":"truncate"})),
            config: None,
            get: (Http(200), 2),
            post: (Fails(Status::Network), 1),
            token_requests: 1,
        },
        Case {
            name: "slow headers past the timeout",
            faults: api(json!({"match":"*","kind":"delay","ms":2500})),
            config: None,
            get: (Fails(Status::Timeout), 1),
            post: (Fails(Status::Timeout), 1),
            token_requests: 1,
        },
        Case {
            name: "invalid JSON (passed through)",
            faults: api(json!({"match":"*","kind":"invalid_json"})),
            config: None,
            get: (Http(200), 1),
            post: (Http(200), 1),
            token_requests: 1,
        },
        Case {
            name: "401 once",
            faults: api(json!({"match":"*","kind":"status","status":401})),
            config: None,
            get: (Http(200), 2),
            post: (Http(200), 2),
            token_requests: 2,
        },
        Case {
            name: "token expiring mid-run",
            faults: api(json!({"match":"*","kind":"expire_token"})),
            config: None,
            get: (Http(200), 2),
            post: (Http(200), 2),
            token_requests: 2,
        },
        Case {
            name: "token endpoint 400",
            faults: json!([{"match":"token","kind":"status","status":400,"body":"{\"error\":\"invalid_request\",\"error_description\":\"AADSTS900144: The request body must contain the following parameter: 'client_id'.\"}","content_type":"application/json"}]),
            config: None,
            get: (Fails(Status::Authentication), 0),
            post: (Fails(Status::Authentication), 0),
            token_requests: 1,
        },
        Case {
            name: "token endpoint 401",
            faults: json!([{"match":"token","kind":"status","status":401,"body":"{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}","content_type":"application/json"}]),
            config: None,
            get: (Fails(Status::Authentication), 0),
            post: (Fails(Status::Authentication), 0),
            token_requests: 1,
        },
        Case {
            name: "token endpoint 500 (retried)",
            faults: json!([{"match":"token","kind":"status","status":500}]),
            config: None,
            get: (Http(200), 1),
            post: (Http(200), 1),
            token_requests: 2,
        },
        Case {
            name: "token expires_in 1 s between calls",
            faults: json!([]),
            config: Some(json!({"token_expires_in": 1})),
            get: (Http(200), 1),
            post: (Http(200), 1),
            token_requests: 2,
        },
    ]
}

/// ExecResetPass requires tenantFilter (the mock checks required fields like CIPP).
const TENANT: &[(&str, Option<&str>)] = &[("tenantFilter", Some("contoso.onmicrosoft.com"))];

fn run_case(case: &Case, method: &str) -> (Result<u16, Status>, usize, usize, String) {
    let m = mock();
    let mut settings = mock_settings(&m, &m.http_url());
    settings.push(("timeout_secs", "1".into()));
    settings.push(("max_retries", "2".into()));
    settings.push(("retry_base_delay_ms", "10".into()));
    let cl = client_owned(&settings).unwrap();
    let endpoint = if method == "GET" {
        "ListTenants"
    } else {
        "ExecResetPass"
    };
    let body = (method == "POST").then_some(r#"{"ID":"a@b.c"}"#);
    if let Some(cfg) = &case.config {
        m.set_config(cfg.clone());
        // A first call takes the short-lived token; it is stale by the measured call.
        invoke(&cl, method, endpoint, TENANT, body).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(600));
        m.clear_requests();
    }
    // "*" in the table means "the endpoint under test".
    let mut faults = case.faults.clone();
    for f in faults.as_array_mut().unwrap() {
        if f["match"] == "*" {
            f["match"] = json!(endpoint);
        }
    }
    let faults: Vec<Fault> = serde_json::from_value(faults).unwrap();
    m.push_faults(faults);
    let outcome = invoke(&cl, method, endpoint, TENANT, body);
    let api = recorded(&m, &format!("/api/{endpoint}")).len();
    let tokens = token_requests(&m) + usize::from(case.config.is_some());
    match outcome {
        Ok(r) => (Ok(r.status), api, tokens, String::new()),
        Err(e) => {
            assert!(!e.message.contains(cipp_mock::DEFAULT_CLIENT_SECRET));
            (Err(e.status), api, tokens, e.message)
        }
    }
}

#[test]
fn fault_matrix() {
    let mut table = String::from(
        "| fault | GET outcome | GET requests | POST outcome | POST requests | token requests |\n|---|---|---|---|---|---|\n",
    );
    let mut failures = Vec::new();
    for case in cases() {
        let mut row = format!("| {} ", case.name);
        for (method, (expect, count)) in [("GET", case.get), ("POST", case.post)] {
            let (outcome, api, tokens, message) = run_case(&case, method);
            let got = match outcome {
                Ok(s) => Expect::Http(s),
                Err(s) => Expect::Fails(s),
            };
            let shown = match got {
                Expect::Http(s) => format!("HTTP {s}"),
                Expect::Fails(s) => s.name().to_owned(),
            };
            row.push_str(&format!("| {shown} | {api} "));
            if got != expect || api != count {
                failures.push(format!(
                    "{} {method}: expected {expect:?} after {count} requests, got {got:?} after {api} ({message})",
                    case.name
                ));
            }
            if method == "GET" && tokens != case.token_requests {
                failures.push(format!(
                    "{} {method}: expected {} token requests, saw {tokens}",
                    case.name, case.token_requests
                ));
            }
            if method == "POST" {
                row.push_str(&format!("| {tokens} |\n"));
            }
        }
        table.push_str(&row);
    }
    println!("{table}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fault-matrix.txt");
    let _ = std::fs::write(out, &table);
    assert!(
        failures.is_empty(),
        "fault matrix mismatches:\n{}\n\n{table}",
        failures.join("\n")
    );
}
