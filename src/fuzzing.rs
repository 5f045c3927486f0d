//! Fuzz entry points: the bodies of the cargo-fuzz targets in `fuzz/`, also run on stable by
//! `tests/fuzz_smoke.rs` over seeds and pseudo-random inputs. Each takes arbitrary bytes, must
//! never panic, and checks the properties that keep requests safe.
#![doc(hidden)]

use crate::request::{build_url, encode_query, normalize_endpoint, parse_method};

/// Splits fuzz input into string fields at `0xff` bytes (lossy UTF-8, like text from anywhere).
fn fields(data: &[u8]) -> Vec<String> {
    data.split(|b| *b == 0xff)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect()
}

/// Request building: endpoint, method and query pairs from the input. Whatever goes in, the URL
/// stays under `{base}/api/`, carries no whitespace or control characters (no header or request
/// line injection), and every query value decodes back to exactly what was given.
pub fn request_building(data: &[u8]) {
    let f = fields(data);
    let endpoint = f.first().map(String::as_str).unwrap_or("");
    let _ = parse_method(f.get(1).map(String::as_str).unwrap_or(""));
    let pairs: Vec<(&str, Option<&str>)> = f
        .get(2..)
        .unwrap_or(&[])
        .chunks(2)
        .map(|c| (c[0].as_str(), c.get(1).map(String::as_str)))
        .collect();
    let base = reqwest::Url::parse("https://cipp.example.com/prefix").expect("static URL");
    let _ = normalize_endpoint(endpoint);
    if let Ok(q) = encode_query(&pairs) {
        for (i, part) in q
            .split('&')
            .filter(|p| !pairs.is_empty() || !p.is_empty())
            .enumerate()
        {
            let (_, value) = part.split_once('=').expect("every pair has '='");
            assert_eq!(
                decode_form(value),
                pairs[i].1.unwrap_or(""),
                "value {i} round-trips"
            );
        }
    }
    if let Ok(built) = build_url(&base, endpoint, &pairs) {
        let url = built.url.as_str();
        assert!(
            url.starts_with("https://cipp.example.com/prefix/api/"),
            "{url}"
        );
        assert!(
            !url.chars().any(|c| c.is_whitespace() || c.is_control()),
            "{url:?}"
        );
        assert_eq!(built.url.host_str(), Some("cipp.example.com"));
        let path = built.url.path();
        assert!(!path.split('/').any(|s| s == ".." || s == "."), "{path}");
    }
}

/// Response handling: status, headers and body from the input go through everything the library
/// does with an answer — failure advice, `Retry-After`, Entra error parsing, catalog checks of
/// JSON bodies and the C string conversion — without panicking.
pub fn response_handling(data: &[u8]) {
    let f = fields(data);
    let status = data.first().map_or(200, |b| 100 + u16::from(*b) * 2);
    let body = f.get(1).map(String::as_str).unwrap_or("");
    let location = f.get(2).map(String::as_str);
    let endpoint = f.first().map(String::as_str).unwrap_or("");
    let _ = crate::advice::for_response(
        crate::settings::Binding::C,
        status,
        location,
        body,
        endpoint,
    );
    let _ = crate::retry::parse_retry_after(location.unwrap_or(""));
    let code = reqwest::StatusCode::from_u16(status).unwrap_or(reqwest::StatusCode::BAD_REQUEST);
    let e = crate::token::token_error_for_fuzzing("token request", code, body.as_bytes(), endpoint);
    assert!(!e.message().is_empty());
    let _ = crate::catalog::check_parameters(endpoint, &[body], &[]);
    let c = crate::ffi::c_string_for_fuzzing(body);
    assert!(
        !c.as_bytes().contains(&0),
        "C strings carry no interior NUL"
    );
}

fn decode_form(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                assert!(i + 2 < bytes.len(), "a complete %xx escape");
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII hex");
                out.push(u8::from_str_radix(hex, 16).expect("hex digits"));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).expect("encoded UTF-8 decodes to UTF-8")
}
