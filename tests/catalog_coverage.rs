//! Every endpoint of the built-in catalog (all 645 of CIPP-API 10.8.2) is called once through the
//! C ABI against the mock, with its required parameters where the spec puts them: none may answer
//! 404. Without its required parameters an endpoint answers 400, and a read-only client is refused
//! writes with CIPP's 403 text — so the mock really checks what the catalog says.

mod common;

use cippapi::ffi::*;
use cippapi::Status;
use common::*;
use std::collections::BTreeMap;
use std::ffi::CStr;
use std::ptr;

fn catalog() -> Vec<serde_json::Value> {
    let mut json = ptr::null_mut();
    assert_eq!(
        cipp_catalog_list(ptr::null(), &mut json, ptr::null_mut()),
        Status::Ok
    );
    let text = unsafe { CStr::from_ptr(json) }.to_str().unwrap().to_owned();
    cipp_string_free(json);
    serde_json::from_str::<Vec<serde_json::Value>>(&text).unwrap()
}

fn required(e: &serde_json::Value, place: &str) -> Vec<String> {
    e[place]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["required"] == true)
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_catalog_endpoint_answers_and_checks_required_fields() {
    let m = mock();
    let cl = mock_client(&m);
    let endpoints = catalog();
    assert_eq!(endpoints.len(), 645);
    let mut by_status: BTreeMap<u16, usize> = BTreeMap::new();
    let mut checked_400 = 0;
    for e in &endpoints {
        let name = e["name"].as_str().unwrap();
        let method = e["method"].as_str().unwrap();
        let query_required = required(e, "query");
        let body_required: Vec<String> = required(e, "body")
            .into_iter()
            .filter(|b| !query_required.iter().any(|q| q.eq_ignore_ascii_case(b)))
            .collect();
        let query: Vec<(&str, Option<&str>)> = query_required
            .iter()
            .map(|k| (k.as_str(), Some("contoso.onmicrosoft.com")))
            .collect();
        let body: serde_json::Map<String, serde_json::Value> = body_required
            .iter()
            .map(|k| (k.clone(), serde_json::json!("contoso.onmicrosoft.com")))
            .collect();
        let body = serde_json::Value::Object(body).to_string();
        let r = invoke(&cl, method, name, &query, Some(&body))
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_ne!(
            r.status, 404,
            "{name} is in the catalog but the mock answered 404"
        );
        *by_status.entry(r.status).or_default() += 1;
        if r.status == 200 && !(query_required.is_empty() && body_required.is_empty()) {
            let bare = invoke(&cl, method, name, &[], Some("{}")).unwrap();
            assert_eq!(
                bare.status, 400,
                "{name} without its required fields: {}",
                bare.body
            );
            assert!(bare.body.contains("is required"), "{name}: {}", bare.body);
            checked_400 += 1;
        }
    }
    println!(
        "statuses over the catalog: {by_status:?}; required-field 400s checked: {checked_400}"
    );
    assert!(
        by_status.get(&200).copied().unwrap_or(0) > 600,
        "{by_status:?}"
    );
    assert!(checked_400 > 100, "{checked_400}");
}

#[test]
fn a_read_only_role_is_refused_writes_with_cipps_text() {
    let m = mock();
    let mut s = mock_settings(&m, &m.http_url());
    s.retain(|(k, _)| *k != "client_id" && *k != "client_secret");
    s.push(("client_id", cipp_mock::READONLY_CLIENT_ID.into()));
    s.push(("client_secret", cipp_mock::READONLY_CLIENT_SECRET.into()));
    let ro = client_owned(&s).unwrap();
    let mut refused = 0;
    for e in catalog()
        .iter()
        .filter(|e| e["role"].as_str().unwrap().ends_with(".ReadWrite"))
        .take(40)
    {
        let r = invoke(&ro, "POST", e["name"].as_str().unwrap(), &[], None).unwrap();
        assert_eq!(r.status, 403, "{}", e["name"]);
        assert!(
            r.body.starts_with(
                "Access to this CIPP API endpoint is not allowed, the 'readonly' base role"
            ),
            "{}",
            r.body
        );
        refused += 1;
    }
    assert_eq!(refused, 40);
}

/// Passthrough endpoints (ExecOffboardUser, …) forward their body: the catalog JSON says so,
/// and a real call with body keys the spec does not list (what New-CIPPUserOffboarding
/// -DisableSignIn -RemoveAllLicenses sends) gets no "does not read" warning.
#[test]
fn passthrough_endpoints_are_described_and_not_flagged() {
    let mut json = ptr::null_mut();
    let name = c("/api/execoffboarduser");
    assert_eq!(
        cipp_catalog_describe(name.as_ptr(), &mut json, ptr::null_mut()),
        Status::Ok
    );
    let text = unsafe { CStr::from_ptr(json) }.to_str().unwrap().to_owned();
    cipp_string_free(json);
    let e: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(e["passthrough"], true, "{text}");
    assert_eq!(e["reads_only"], false, "{text}");
    assert_eq!(e["name"], "ExecOffboardUser", "{text}");
    assert_eq!(e["path"], "/api/ExecOffboardUser", "{text}");
    let listed = catalog();
    assert!(listed
        .iter()
        .any(|e| e["name"] == "ListLogs" && e["reads_only"] == true && e["passthrough"] == false));

    let m = mock();
    let cl = mock_client(&m);
    let body = r#"{"tenantFilter":"contoso.onmicrosoft.com","user":[{"value":"a@contoso.com"}],"DisableSignIn":true,"RemoveLicenses":true}"#;
    let mut resp = ptr::null_mut();
    let req = common::request("POST", "ExecOffboardUser", &[], Some(body.as_bytes())).unwrap();
    let st = cipp_client_send(cl.0, req.0, &mut resp, ptr::null_mut());
    assert_eq!(st, Status::Ok);
    let warnings = unsafe { CStr::from_ptr(cipp_response_warnings(resp)) }
        .to_str()
        .unwrap()
        .to_owned();
    cipp_response_free(resp);
    assert_eq!(warnings, "", "no catalog finding for a passthrough body");
}
