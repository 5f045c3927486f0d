//! The CIPP endpoint catalog, compiled in from `catalog/endpoints.tsv`.
//!
//! The TSV is derived from CIPP-API's own OpenAPI spec by `scripts/gen-catalog.py` (a drift check
//! runs in the test suite). It lists, per endpoint: the method the spec gives, the role an API
//! client needs, whether any tenant may be named, and the query and body parameters (`*` marks a
//! required one). The library uses it to classify calls as read or write (read-only mode), to
//! warn about parameters the server will not read, and to answer `cipp_catalog_*` questions.

use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

const TSV: &str = include_str!("../catalog/endpoints.tsv");

/// One parameter of an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Param {
    /// Name as the server reads it.
    pub name: String,
    /// The server refuses or misbehaves without it.
    pub required: bool,
}

/// One endpoint of the CIPP API. Serialised as the `cipp_catalog_*` JSON, so bindings read
/// these facts instead of re-deriving them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// Name in canonical case, e.g. `ListLogs`: the normalised form of `/api/listlogs` etc.
    pub name: String,
    /// The request path, `/api/{name}`.
    pub path: String,
    /// `GET` or `POST`, as the server's spec gives it.
    pub method: String,
    /// Role an API client needs, e.g. `CIPP.Core.Read`; `Public` needs none.
    pub role: String,
    /// Whether the endpoint skips the per-tenant access check.
    pub any_tenant: bool,
    /// Parameters read from the query string.
    pub query: Vec<Param>,
    /// Parameters read from the JSON body.
    pub body: Vec<Param>,
    /// The endpoint forwards its body onward (the spec's `x-cipp-passthrough` /
    /// `additionalProperties: true`): it reads more body keys than `body` lists, so unknown body
    /// keys are not reported.
    pub passthrough: bool,
    /// The endpoint only reads (its role ends in `.Read`): what read-only mode lets through.
    pub reads_only: bool,
}

impl Endpoint {
    /// True when the endpoint only reads: its role ends in `.Read`.
    pub fn is_read(&self) -> bool {
        self.reads_only
    }

    /// Every parameter name, query first, without duplicates (case-insensitive).
    pub fn parameter_names(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.query
            .iter()
            .chain(&self.body)
            .filter(|p| seen.insert(p.name.to_ascii_lowercase()))
            .map(|p| p.name.as_str())
            .collect()
    }
}

struct Catalog {
    endpoints: Vec<Endpoint>,
    by_lower_name: HashMap<String, usize>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let endpoints: Vec<Endpoint> = TSV.lines().skip(1).filter_map(parse_row).collect();
    let by_lower_name = endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.to_ascii_lowercase(), i))
        .collect();
    Catalog {
        endpoints,
        by_lower_name,
    }
});

fn parse_row(line: &str) -> Option<Endpoint> {
    let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
    if cols.len() < 6 || cols[0].is_empty() {
        return None;
    }
    let params = |col: &str| {
        col.split(';')
            .filter(|p| !p.is_empty())
            .map(|p| Param {
                name: p.trim_end_matches('*').to_owned(),
                required: p.ends_with('*'),
            })
            .collect()
    };
    Some(Endpoint {
        name: cols[0].to_owned(),
        path: format!("/api/{}", cols[0]),
        method: cols[1].to_ascii_uppercase(),
        reads_only: cols[2].ends_with(".Read"),
        role: cols[2].to_owned(),
        any_tenant: cols[3] == "Y",
        query: params(cols[4]),
        body: params(cols[5]),
        passthrough: cols.get(6) == Some(&"Y"),
    })
}

/// All endpoints, sorted by name.
pub fn endpoints() -> &'static [Endpoint] {
    &CATALOG.endpoints
}

/// Looks an endpoint up by name, case-insensitively (as the server resolves names).
pub fn find(name: &str) -> Option<&'static Endpoint> {
    CATALOG
        .by_lower_name
        .get(&name.to_ascii_lowercase())
        .map(|&i| &CATALOG.endpoints[i])
}

/// The catalog's endpoint closest to a name it does not know, for "did you mean": the smallest
/// case-insensitive edit distance (a swap of neighbours is one edit), at most 1 for names up to 4
/// letters, 2 up to 11 and 3 beyond; `None` for a known name or when nothing is that close.
pub fn suggest(name: &str) -> Option<&'static str> {
    if find(name).is_some() {
        return None;
    }
    closest(name, CATALOG.endpoints.iter().map(|e| e.name.as_str()))
}

/// The candidate closest to `word`, ignoring ASCII case: the smallest edit distance (optimal
/// string alignment: a swap of neighbours is one edit), at most 1 for words up to 4 letters, 2
/// up to 11 and 3 beyond (closer guesses than that mislead more than they help); the first in
/// name order on a tie. `None` for an empty word or when nothing is that close.
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let length = lower.chars().count();
    let limit = match length {
        0 => return None,
        1..=4 => 1,
        5..=11 => 2,
        _ => 3,
    };
    // Candidates whose length differs by more than the limit cannot be that close: skipped
    // unmeasured, so an unknown word costs microseconds.
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (strsim::osa_distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|(d1, c1), (d2, c2)| d1.cmp(d2).then_with(|| c1.cmp(c2)))
        .map(|(_, c)| c)
}

/// The parameter of `known` a call probably meant by a name the endpoint does not read: a close
/// spelling ([`closest`]), else the one name that starts with it (`tenant` for `tenantFilter`,
/// at least four letters).
fn meant_parameter<'a>(given: &str, known: &[&'a str]) -> Option<&'a str> {
    closest(given, known.iter().copied()).or_else(|| {
        let lower = given.to_ascii_lowercase();
        let mut starting = known
            .iter()
            .filter(|k| lower.len() >= 4 && k.to_ascii_lowercase().starts_with(&lower));
        match (starting.next(), starting.next()) {
            (Some(only), None) => Some(*only),
            _ => None,
        }
    })
}

/// Whether a call to `name` only reads: the catalog's role ends in `.Read`; for endpoints the
/// catalog does not know, names starting with `List` or `Get`.
pub fn is_read_call(name: &str) -> bool {
    match find(name) {
        Some(e) => e.is_read(),
        None => {
            let lower = name.to_ascii_lowercase();
            lower.starts_with("list") || lower.starts_with("get")
        }
    }
}

/// Compares the parameter names of a call with the catalog and describes each mismatch:
/// required parameters given neither in the query nor in the body, and names the endpoint does
/// not read. Unknown endpoints give no findings (servers are newer than specs); nor do unknown
/// body keys of a passthrough endpoint (it forwards them).
pub fn check_parameters(name: &str, query_keys: &[&str], body_keys: &[&str]) -> Vec<String> {
    let Some(endpoint) = find(name) else {
        return Vec::new();
    };
    let given = |n: &str| {
        query_keys
            .iter()
            .chain(body_keys)
            .any(|k| k.eq_ignore_ascii_case(n))
    };
    let known = endpoint.parameter_names();
    let mut findings = Vec::new();
    let missing: Vec<&str> = endpoint
        .query
        .iter()
        .chain(&endpoint.body)
        .filter(|p| p.required && !given(&p.name))
        .map(|p| p.name.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !missing.is_empty() {
        findings.push(format!(
            "{} requires {} (not given)",
            endpoint.name,
            missing.join(", ")
        ));
    }
    if known.is_empty() {
        return findings;
    }
    // A passthrough endpoint forwards its body: any body key may be read.
    let checked_body: &[&str] = if endpoint.passthrough { &[] } else { body_keys };
    let unknown: Vec<String> = query_keys
        .iter()
        .chain(checked_body)
        .filter(|k| !known.iter().any(|n| n.eq_ignore_ascii_case(k)))
        .map(|k| match meant_parameter(k, &known) {
            Some(meant) => format!("{k} (did you mean {meant}?)"),
            None => (*k).to_owned(),
        })
        .collect();
    if !unknown.is_empty() {
        findings.push(format!(
            "{} does not read {}; it reads {}",
            endpoint.name,
            unknown.join(", "),
            known.join(", ")
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_known_name_for_a_misspelt_one() {
        assert_eq!(suggest("ListUserz"), Some("ListUsers"));
        assert_eq!(suggest("listusers_"), Some("ListUsers"));
        // A swap of two letters is one edit.
        assert_eq!(suggest("LsitUsers"), Some("ListUsers"));
        assert_eq!(suggest("ExecOfbordUser"), Some("ExecOffboardUser"));
        // Known names (any case), the empty name and names far from every endpoint get none.
        assert_eq!(suggest("listusers"), None);
        assert_eq!(suggest(""), None);
        assert_eq!(suggest("CompletelyUnrelatedThing"), None);
        assert_eq!(suggest("Usr"), None);
    }

    #[test]
    fn a_parameter_the_endpoint_does_not_read_names_the_one_probably_meant() {
        let f = check_parameters("ListUsers", &["tennatFilter"], &[]);
        assert!(
            f.iter()
                .any(|l| l
                    .contains("does not read tennatFilter (did you mean tenantFilter?); it reads")),
            "{f:?}"
        );
        // A prefix of one name only (four letters at least).
        let f = check_parameters("ListUsers", &["tenant", "colour"], &[]);
        let line = f.iter().find(|l| l.contains("does not read")).unwrap();
        assert!(
            line.contains("does not read tenant (did you mean tenantFilter?), colour; it reads"),
            "{line}"
        );
        assert!(meant_parameter("ten", &["tenantFilter"]).is_none());
        assert!(
            meant_parameter("user", &["UserID", "UserName"]).is_none(),
            "two names start with it"
        );
    }

    #[test]
    fn the_whole_spec_is_compiled_in() {
        assert_eq!(endpoints().len(), 645);
        let logs = find("listlogs").unwrap();
        assert_eq!(logs.name, "ListLogs");
        assert_eq!(logs.method, "GET");
        assert_eq!(logs.role, "CIPP.Core.Read");
        assert!(logs.any_tenant);
        assert!(logs
            .query
            .iter()
            .any(|p| p.name == "DateFilter" && !p.required));
    }

    #[test]
    fn reads_and_writes_are_told_apart() {
        assert!(is_read_call("ListLogs"));
        assert!(!is_read_call("ExecResetPass"));
        assert!(!is_read_call("PublicPing"), "Public is not a .Read role");
        assert!(
            is_read_call("ListSomethingNew"),
            "unknown List* counts as read"
        );
        assert!(!is_read_call("ExecSomethingNew"));
    }

    #[test]
    fn parameter_checks_name_what_is_expected() {
        assert!(check_parameters("ExecResetPass", &["tenantFilter", "ID"], &[]).is_empty());
        let f = check_parameters("ExecResetPass", &["ID"], &["colour"]);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].contains("requires tenantFilter"), "{f:?}");
        assert!(
            f[1].contains("does not read colour") && f[1].contains("MustChange"),
            "{f:?}"
        );
        assert!(check_parameters("NoSuchEndpoint", &["x"], &[]).is_empty());
        assert!(check_parameters("execresetpass", &["TENANTFILTER"], &[]).is_empty());
    }

    #[test]
    fn passthrough_endpoints_accept_any_body_key() {
        let offboard = find("ExecOffboardUser").unwrap();
        assert!(offboard.passthrough && !offboard.reads_only);
        assert_eq!(offboard.path, "/api/ExecOffboardUser");
        // What New-CIPPUserOffboarding sends: keys the endpoint forwards but the spec omits.
        let body = ["tenantFilter", "user", "DisableSignIn", "RemoveLicenses"];
        assert_eq!(
            check_parameters("ExecOffboardUser", &[], &body),
            Vec::<String>::new()
        );
        // Required parameters and query keys are still checked.
        let f = check_parameters("ExecOffboardUser", &["colour"], &["DisableSignIn"]);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].contains("requires tenantFilter"), "{f:?}");
        assert!(f[1].contains("does not read colour") && !f[1].contains("DisableSignIn"));
        assert_eq!(endpoints().iter().filter(|e| e.passthrough).count(), 20);
        assert!(!find("ExecResetPass").unwrap().passthrough);
        assert!(find("ListLogs").unwrap().reads_only);
    }
}
