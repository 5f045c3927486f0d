//! `ListLogs`: a deterministic synthetic `CippLogs` table (today and the previous 6 days) and the
//! 10.8.2 handler semantics (contract §4).

use serde::Serialize;
use serde_json::{json, Value};

use crate::api::Params;
use crate::http::{Response, JSON};
use crate::util::{civil_from_days, is_guid, like, unix_now, Lcg};

/// Number of day partitions: today and the 6 days before.
pub const DAYS: i64 = 7;

/// Severities with their weights (sum 100); some stored casings vary, as in real tables.
const SEVERITIES: &[(&str, u32)] = &[
    ("Info", 45),
    ("info", 3),
    ("Warn", 8),
    ("Warning", 10),
    ("Error", 11),
    ("ERROR", 1),
    ("Critical", 4),
    ("CRITICAL", 1),
    ("Alert", 5),
    ("Debug", 12),
];

/// Default severities (Debug excluded), compared case-insensitively.
const DEFAULT_SEVERITIES: &[&str] = &["Info", "Warn", "Warning", "Error", "Critical", "Alert"];

/// Log tenants: (Tenant, TenantID).
const TENANTS: &[(&str, &str)] = &[
    (
        "contoso.onmicrosoft.com",
        "0b7e2a1c-5d3f-4e8a-9c21-6f4d8b2e1a01",
    ),
    (
        "fabrikam.onmicrosoft.com",
        "1c8f3b2d-6e4a-4f9b-8d32-7a5e9c3f2b02",
    ),
    (
        "tailspintoys.onmicrosoft.com",
        "2d9a4c3e-7f5b-4a0c-9e43-8b6f0d4a3c03",
    ),
    (
        "northwindtraders.onmicrosoft.com",
        "3e0b5d4f-8a6c-4b1d-8f54-9c7a1e5b4d04",
    ),
    (
        "adatum.onmicrosoft.com",
        "4f1c6e5a-9b7d-4c2e-9a65-0d8b2f6c5e05",
    ),
    ("CIPP", "None"),
    ("None", "None"),
];

/// The five fixed demo tenants shared with `ListTenants`: (defaultDomainName, customerId, displayName).
pub const DEMO_TENANTS: &[(&str, &str, &str)] = &[
    (
        "contoso.onmicrosoft.com",
        "0b7e2a1c-5d3f-4e8a-9c21-6f4d8b2e1a01",
        "Contoso Ltd",
    ),
    (
        "fabrikam.onmicrosoft.com",
        "1c8f3b2d-6e4a-4f9b-8d32-7a5e9c3f2b02",
        "Fabrikam Inc",
    ),
    (
        "tailspintoys.onmicrosoft.com",
        "2d9a4c3e-7f5b-4a0c-9e43-8b6f0d4a3c03",
        "Tailspin Toys",
    ),
    (
        "northwindtraders.onmicrosoft.com",
        "3e0b5d4f-8a6c-4b1d-8f54-9c7a1e5b4d04",
        "Northwind Traders",
    ),
    (
        "adatum.onmicrosoft.com",
        "4f1c6e5a-9b7d-4c2e-9a65-0d8b2f6c5e05",
        "Adatum Corporation",
    ),
];

/// (API, message template for success, message template for failure).
const APIS: &[(&str, &str, &str)] = &[
    (
        "ExecResetPass",
        "Successfully reset the password for {u}",
        "Failed to reset the password for {u}",
    ),
    (
        "ExecOffboardUser",
        "Successfully offboarded {u}",
        "Failed to offboard {u}",
    ),
    (
        "Standards",
        "Standard DisableBasicAuth applied to {t}",
        "Failed to apply standard DisableBasicAuth to {t}",
    ),
    (
        "Scheduler",
        "Scheduled task for {t} completed",
        "Scheduled task for {t} failed",
    ),
    (
        "ListUsers",
        "Listed users for {t}",
        "Could not list users for {t}",
    ),
    ("AddUser", "Created user {u}", "Failed to create user {u}"),
    (
        "ExecBECCheck",
        "BEC check completed for {u}",
        "BEC check failed for {u}",
    ),
    (
        "Alerts",
        "Alert: new admin role assignment for {u}",
        "Alert processing failed for {t}",
    ),
    (
        "ListMailboxes",
        "Listed mailboxes for {t}",
        "Could not list mailboxes for {t}",
    ),
    (
        "ExecCPVPermissions",
        "Refreshed CPV permissions for {t}",
        "Failed to refresh CPV permissions for {t}",
    ),
    (
        "Update Tenants",
        "Tenant list refreshed",
        "Tenant list refresh failed",
    ),
];

/// (User, AppId?) — API-client rows carry the demo client's appId.
const USERS: &[(&str, Option<&str>)] = &[
    ("CIPP", None),
    ("Automation Client", Some(crate::DEFAULT_CLIENT_ID)),
    ("admin@contoso.onmicrosoft.com", None),
    ("helpdesk@fabrikam.onmicrosoft.com", None),
    ("CIPP-API", Some(crate::DEFAULT_CLIENT_ID)),
];

/// A row's cheap-to-filter attributes plus its generator state for the rest.
struct Skeleton {
    ms_of_day: u64,
    frac: u32,
    severity: &'static str,
    tenant: usize,
    api: usize,
    user: usize,
    rng: Lcg,
}

/// Milliseconds of a day over which its rows are spread.
pub const FULL_DAY_MS: u64 = 86_400_000;

/// Today's day number and how much of it has passed, floored to the minute (ms), from one
/// clock reading: today's rows are spread over this span so that no row is later than now, and
/// the minute steps keep large answers cacheable.
pub fn now_partition() -> (i64, u64) {
    let secs = unix_now();
    (
        secs.div_euclid(86_400),
        (secs.rem_euclid(86_400) as u64 / 60) * 60_000,
    )
}

/// Row `i` of `n` of `day`, its time spread over the first `span_ms` of the day. The generator
/// draws the same values whatever the span, so a row keeps its other fields and RowKey.
fn skeleton(day: i64, i: u32, n: u32, span_ms: u64) -> Skeleton {
    let mut rng = Lcg::new(((day as u64) << 32) ^ u64::from(i) ^ 0xC1_99_10_65);
    let n64 = u64::from(n.max(1));
    let step = (FULL_DAY_MS / n64).max(1);
    let jitter = u64::from(rng.below(step.min(u64::from(u32::MAX)) as u32));
    let ms_of_day = (u64::from(i) * span_ms / n64 + jitter * span_ms / FULL_DAY_MS)
        .min(span_ms.min(FULL_DAY_MS - 1));
    let frac = rng.below(10_000);
    let mut roll = rng.below(100);
    let mut severity = "Info";
    for (s, w) in SEVERITIES {
        if roll < *w {
            severity = s;
            break;
        }
        roll -= w;
    }
    let tenant = rng.below(TENANTS.len() as u32) as usize;
    let api = rng.below(APIS.len() as u32) as usize;
    let user = rng.below(USERS.len() as u32) as usize;
    Skeleton {
        ms_of_day,
        frac,
        severity,
        tenant,
        api,
        user,
        rng,
    }
}

#[derive(Serialize)]
struct Entry {
    #[serde(rename = "DateTime")]
    date_time: String,
    #[serde(rename = "Tenant")]
    tenant: &'static str,
    #[serde(rename = "API")]
    api: &'static str,
    #[serde(rename = "Message")]
    message: String,
    #[serde(rename = "User")]
    user: &'static str,
    #[serde(rename = "Severity")]
    severity: &'static str,
    #[serde(rename = "LogData")]
    log_data: Value,
    #[serde(rename = "TenantID")]
    tenant_id: &'static str,
    #[serde(rename = "AppId")]
    app_id: Option<&'static str>,
    #[serde(rename = "IP")]
    ip: Option<String>,
    #[serde(rename = "RowKey")]
    row_key: String,
    #[serde(rename = "StandardInfo", skip_serializing_if = "Option::is_none")]
    standard_info: Option<serde_json::Map<String, Value>>,
    #[serde(rename = "Standard", skip_serializing_if = "Option::is_none")]
    standard: Option<serde_json::Map<String, Value>>,
    #[serde(rename = "DateFilter")]
    date_filter: String,
}

fn materialize(day: i64, key: &str, sk: Skeleton, single: bool) -> Entry {
    let mut rng = sk.rng;
    let (y, m, d) = civil_from_days(day);
    let secs = sk.ms_of_day / 1000;
    let date_time = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}{:04}+00:00",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60,
        sk.ms_of_day % 1000,
        sk.frac
    );
    let (tenant, tenant_id) = TENANTS[sk.tenant];
    let (api, ok_msg, fail_msg) = APIS[sk.api];
    let (user, app_id) = USERS[sk.user];
    let domain = if tenant.contains('.') {
        tenant
    } else {
        "contoso.onmicrosoft.com"
    };
    let subject = format!("user{}@{}", rng.below(500), domain);
    let failed = matches!(
        sk.severity.to_ascii_lowercase().as_str(),
        "error" | "critical"
    );
    let template = if failed { fail_msg } else { ok_msg };
    let mut message = template.replace("{u}", &subject).replace("{t}", tenant);
    let roll = rng.below(100);
    let log_data = if failed && roll < 60 {
        message.push_str(": Insufficient privileges to complete the operation.");
        json!({
            "Message": "Insufficient privileges to complete the operation.",
            "NormalizedError": "Insufficient privileges to complete the operation.",
            "RawError": "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges to complete the operation.\"}}",
            "Position": "At Modules/CIPPCore/Public/GraphHelper/New-GraphPOSTRequest.ps1:40 char:9",
            "StackTrace": "at New-GraphPOSTRequest, New-GraphPOSTRequest.ps1: line 40",
            "ScriptName": "New-GraphPOSTRequest.ps1",
            "LineNumber": 40,
            "Category": "InvalidOperation",
        })
    } else if roll < 10 {
        json!({"UserPrincipalName": subject, "Result": if failed { "Failed" } else { "Success" }})
    } else if roll < 13 {
        json!(["step 1 done", "step 2 done"])
    } else if roll < 16 {
        Value::String(format!("Processed {} items", rng.below(1000)))
    } else {
        Value::String(String::new())
    };
    let ip = app_id.map(|_| format!("203.0.113.{}", 1 + rng.below(250)));
    let row_key = rng.guid();
    Entry {
        date_time,
        tenant,
        api,
        message,
        user,
        severity: sk.severity,
        log_data,
        tenant_id,
        app_id,
        ip,
        row_key,
        standard_info: if single {
            None
        } else {
            Some(serde_json::Map::new())
        },
        standard: if single {
            Some(serde_json::Map::new())
        } else {
            None
        },
        date_filter: key.to_string(),
    }
}

/// `ConvertTo-CIPPODataFilterValue -Type Date`: `^\d{4}-?\d{2}-?\d{2}(T…)?$`.
pub fn valid_date(v: &str) -> bool {
    let date = v.split_once('T').map_or(v, |(d, _)| d);
    let b = date.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    match b.len() {
        8 => digits(b),
        9 => {
            (b[4] == b'-' && digits(&b[..4]) && digits(&b[5..]))
                || (b[6] == b'-' && digits(&b[..6]) && digits(&b[7..]))
        }
        10 => {
            b[4] == b'-' && b[7] == b'-' && digits(&b[..4]) && digits(&b[5..7]) && digits(&b[8..])
        }
        _ => false,
    }
}

fn date_error(v: &str) -> Response {
    Response::text(
        500,
        format!(
            "Invalid date format for OData filter. Expected ISO 8601 (e.g. yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ), got: '{v}'"
        ),
    )
}

fn guid_error(v: &str) -> Response {
    Response::text(500, format!("Invalid GUID format for OData filter: '{v}'"))
}

/// Case-insensitive "regex-ish" API match: `|` alternation, `^`/`$` anchors, otherwise substring.
fn api_matches(api: &str, pattern: &str) -> bool {
    let api = api.to_ascii_lowercase();
    pattern.to_ascii_lowercase().split('|').any(|alt| {
        let (start, alt) = alt.strip_prefix('^').map_or((false, alt), |a| (true, a));
        let (end, alt) = alt.strip_suffix('$').map_or((false, alt), |a| (true, a));
        let alt = alt.replace(".*", "");
        match (start, end) {
            (true, true) => api == alt,
            (true, false) => api.starts_with(&alt),
            (false, true) => api.ends_with(&alt),
            (false, false) => api.contains(&alt),
        }
    })
}

fn serialize_entries(entries: &[Entry]) -> Response {
    let mut out = Vec::with_capacity(entries.len() * 520 + 2);
    if serde_json::to_writer(&mut out, entries).is_err() {
        return Response::text(500, "serialisation failed");
    }
    Response::new(200, JSON, out)
}

/// The `ListLogs` handler.
pub fn list_logs(q: &Params, rows_per_day: u32, (today, today_span): (i64, u64)) -> Response {
    let span = |day: i64| {
        if day == today {
            today_span
        } else {
            FULL_DAY_MS
        }
    };
    let days: Vec<i64> = ((today - DAYS + 1)..=today).collect();
    let key = crate::util::ymd_key;

    // 1. Partition list.
    if q.get("ListLogs").is_some() {
        let v: Vec<Value> = if rows_per_day == 0 {
            Vec::new()
        } else {
            days.iter()
                .map(|d| json!({"value": key(*d), "label": key(*d)}))
                .collect()
        };
        return Response::json(200, &Value::Array(v));
    }

    // 2. Single entry.
    if let Some(id) = q.get("logentryid") {
        if !is_guid(id) {
            return guid_error(id);
        }
        let partition = match q.get("DateFilter") {
            Some(df) if !valid_date(df) => return date_error(df),
            Some(df) => df.to_string(),
            None => key(today),
        };
        let mut found = Vec::new();
        if let Some(&day) = days.iter().find(|d| key(**d) == partition) {
            for i in 0..rows_per_day {
                let sk = skeleton(day, i, rows_per_day, span(day));
                let e = materialize(day, &partition, sk, true);
                if e.row_key == id {
                    found.push(e);
                    break;
                }
            }
        }
        return serialize_entries(&found);
    }

    // 3./4. Filtered or default list.
    let filtered = q
        .get("Filter")
        .is_some_and(|f| f.eq_ignore_ascii_case("true"));
    let mut start = key(today);
    let mut end = key(today);
    let mut severities: Vec<String> = DEFAULT_SEVERITIES.iter().map(|s| s.to_string()).collect();
    let mut user_pat = "*".to_string();
    let mut tenant_f: Option<String> = None;
    let mut api_f: Option<String> = None;
    let mut impossible = false;
    if filtered {
        for p in ["DateFilter", "StartDate", "EndDate"] {
            if let Some(v) = q.get(p) {
                if !valid_date(v) {
                    return date_error(v);
                }
            }
        }
        for p in ["StandardTemplateId", "ScheduledTaskId", "BaselineRunId"] {
            if let Some(v) = q.get(p) {
                if !is_guid(v) {
                    return guid_error(v);
                }
                // No synthetic row carries these ids.
                impossible = true;
            }
        }
        let df = q.get("DateFilter");
        if let Some(s) = q.get("StartDate").or(df) {
            start = s.to_string();
            end = q.get("EndDate").or(df).unwrap_or(s).to_string();
        }
        if let Some(s) = q.get("Severity") {
            severities = s.split(',').map(str::to_string).collect();
        }
        if let Some(u) = q.get("User") {
            user_pat = u.to_string();
        }
        tenant_f = q
            .get("Tenant")
            .filter(|t| !t.eq_ignore_ascii_case("AllTenants"))
            .map(str::to_string);
        api_f = q.get("API").map(str::to_string);
    }
    let sev_lc: Vec<String> = severities.iter().map(|s| s.to_ascii_lowercase()).collect();
    let tenant_pat = tenant_f.as_ref().map(|t| format!("*{t}*"));

    let mut entries = Vec::new();
    if !impossible {
        for &day in days.iter().rev() {
            let k = key(day);
            if k.as_str() < start.as_str() || k.as_str() > end.as_str() {
                continue;
            }
            for i in (0..rows_per_day).rev() {
                let sk = skeleton(day, i, rows_per_day, span(day));
                if !sev_lc.iter().any(|s| s.eq_ignore_ascii_case(sk.severity)) {
                    continue;
                }
                let (tenant, tenant_id) = TENANTS[sk.tenant];
                if let (Some(t), Some(pat)) = (&tenant_f, &tenant_pat) {
                    if !(like(tenant, pat) || tenant_id.eq_ignore_ascii_case(t)) {
                        continue;
                    }
                }
                if user_pat != "*" && !like(USERS[sk.user].0, &user_pat) {
                    continue;
                }
                if let Some(a) = &api_f {
                    if !api_matches(APIS[sk.api].0, a) {
                        continue;
                    }
                }
                entries.push(materialize(day, &k, sk, false));
            }
        }
    }
    serialize_entries(&entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(valid_date("20260807"));
        assert!(valid_date("2026-08-07"));
        assert!(valid_date("2026-08-07T10:00:00Z"));
        assert!(!valid_date("7/8/2026"));
        assert!(!valid_date("2026087"));
    }

    #[test]
    fn deterministic_and_sorted() {
        let a = materialize(20_000, "x", skeleton(20_000, 5, 40, FULL_DAY_MS), false);
        let b = materialize(20_000, "x", skeleton(20_000, 5, 40, FULL_DAY_MS), false);
        assert_eq!(a.row_key, b.row_key);
        assert_eq!(a.date_time, b.date_time);
        let mut prev = String::new();
        for i in 0..1000 {
            let e = materialize(20_000, "x", skeleton(20_000, i, 1000, FULL_DAY_MS), false);
            assert!(e.date_time > prev);
            prev = e.date_time;
        }
    }

    #[test]
    fn no_row_is_later_than_now() {
        // Every default row (today) and every row of the week, at the real clock.
        let q = Params::from_pairs(&[
            ("Filter".into(), "true".into()),
            ("StartDate".into(), "20000101".into()),
            ("EndDate".into(), "29991231".into()),
            (
                "Severity".into(),
                "Info,Warn,Warning,Error,Critical,Alert,Debug".into(),
            ),
        ]);
        for q in [Params::default(), q] {
            let body = list_logs(&q, 500, now_partition()).body;
            let now = crate::util::iso_utc(unix_now());
            let rows: Vec<Value> = serde_json::from_slice(&body).unwrap();
            assert!(rows.len() > 300, "{}", rows.len());
            for r in rows {
                let t = r["DateTime"].as_str().unwrap();
                assert!(t[..19] <= now[..19], "{t} is later than {now}");
            }
        }
        // Just after midnight: today's rows all sit at 00:00, still 40 of them, same RowKeys.
        let day = Params::from_pairs(&[
            ("Filter".into(), "true".into()),
            ("DateFilter".into(), "20241004".into()),
            (
                "Severity".into(),
                "Info,Warn,Warning,Error,Critical,Alert,Debug".into(),
            ),
        ]);
        let early = list_logs(&day, 40, (20_000, 0));
        let late = list_logs(&day, 40, (20_000, 3_600_000));
        let early: Vec<Value> = serde_json::from_slice(&early.body).unwrap();
        let late: Vec<Value> = serde_json::from_slice(&late.body).unwrap();
        assert_eq!(early.len(), 40);
        assert!(early
            .iter()
            .all(|r| r["DateTime"].as_str().unwrap().contains("T00:00:00.")));
        assert!(late
            .iter()
            .all(|r| r["DateTime"].as_str().unwrap() < "2024-10-04T01:00:00.001"));
        let keys = |v: &[Value]| v.iter().map(|r| r["RowKey"].clone()).collect::<Vec<_>>();
        assert_eq!(keys(&early), keys(&late));
    }

    #[test]
    fn api_regexish() {
        assert!(api_matches("ExecResetPass", "resetpass"));
        assert!(api_matches("ExecResetPass", "^Exec"));
        assert!(!api_matches("ExecResetPass", "^Reset"));
        assert!(api_matches("Standards", "foo|standard"));
    }
}
