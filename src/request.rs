//! Building the request URL the way the community module does, minus its bugs.
//!
//! - The endpoint may be given as `/api/Name`, `api/Name` or `Name`; it is joined to the base URL
//!   with exactly one `/` (the original produced `//api` or `hostapi` on some inputs).
//! - A query string inside the endpoint is dropped, as in the original (`UriBuilder.Query` was
//!   overwritten); the caller is told through [`BuiltUrl::dropped_query`].
//! - Query values are encoded like .NET `HttpUtility.UrlEncode`: UTF-8, space as `+`, lower-case
//!   `%xx`, unreserved `A-Z a-z 0-9 - _ . ! * ( )`. Keys keep `$` literal (`$select`, `$top`).
//! - Empty and missing values still produce `key=`.

use crate::error::{Error, Result, Status};

/// Longest accepted endpoint text.
pub const MAX_ENDPOINT_LEN: usize = 1024;
/// Longest accepted complete URL (servers refuse far shorter ones; this catches mistakes early).
pub const MAX_URL_LEN: usize = 32 * 1024;

/// The HTTP methods the library sends.
pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Parses a method name case-insensitively.
pub fn parse_method(text: &str) -> Result<reqwest::Method> {
    METHODS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(text))
        .map(|m| reqwest::Method::from_bytes(m.as_bytes()).expect("static method names are valid"))
        .ok_or_else(|| {
            Error::invalid_argument(format!(
                "HTTP method '{}' is not supported; use one of {}",
                text.escape_debug(),
                METHODS.join(", ")
            ))
        })
}

/// A request URL ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltUrl {
    /// The complete URL.
    pub url: reqwest::Url,
    /// The endpoint name as sent (case preserved), e.g. `ListLogs`.
    pub endpoint: String,
    /// A query string that was present in the endpoint text and was not sent.
    pub dropped_query: Option<String>,
}

/// Normalises an endpoint to its path below `/api/`, checking it cannot escape that prefix.
///
/// Returns the endpoint path and any query text that followed it.
pub fn normalize_endpoint(endpoint: &str) -> Result<(String, Option<String>)> {
    let bad = |why: &str| endpoint_error(endpoint, why);
    check_endpoint_length(endpoint)?;
    if endpoint.chars().any(char::is_control) {
        return Err(bad("contains control characters"));
    }
    if endpoint.contains("://") || endpoint.starts_with("//") {
        return Err(bad(
            "is an absolute URL (the base URL comes from the API URL of the client's details)",
        ));
    }
    let (path, query) = split_endpoint(endpoint);
    if path.is_empty() {
        return Err(bad("names no endpoint"));
    }
    for segment in path.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err(bad("contains an empty, '.' or '..' path segment"));
        }
        if let Some(c) = segment.chars().find(|c| !is_endpoint_char(*c)) {
            return Err(bad(&format!(
                "contains the character '{}'",
                c.escape_debug()
            )));
        }
    }
    Ok((path.to_owned(), query.filter(|q| !q.is_empty())))
}

/// The endpoint part of an endpoint text and the query that followed it: leading slashes and an
/// `api/` prefix (any case) removed, a `?query` or `#fragment` cut, trailing slashes removed. Nothing
/// is checked; the endpoint part may be empty.
fn split_endpoint(endpoint: &str) -> (&str, Option<String>) {
    let (path, query) = match endpoint.find(['?', '#']) {
        Some(i) => (
            &endpoint[..i],
            Some(endpoint[i..].trim_start_matches('?').to_owned()),
        ),
        None => (endpoint, None),
    };
    let mut path = path.trim().trim_start_matches('/');
    // `get` rather than slicing: the text may have a multi-byte character at byte 4.
    if path
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("api/"))
    {
        path = &path[4..];
    }
    (path.trim_end_matches('/'), query)
}

/// The endpoint name in a partly typed endpoint (a completion word such as `/api/`, `API/listus`
/// or `List*?x=1`): what [`normalize_endpoint`] would keep of it, without its checks, so it may be
/// empty or hold wildcard characters. Longer texts than an endpoint may be are refused.
pub fn endpoint_word(text: &str) -> Result<String> {
    check_endpoint_length(text)?;
    Ok(split_endpoint(text).0.to_owned())
}

fn check_endpoint_length(endpoint: &str) -> Result<()> {
    if endpoint.len() > MAX_ENDPOINT_LEN {
        return Err(endpoint_error(
            endpoint,
            &format!("is longer than {MAX_ENDPOINT_LEN} bytes"),
        ));
    }
    Ok(())
}

/// A refused endpoint: why, and what to give instead.
fn endpoint_error(endpoint: &str, why: &str) -> Error {
    Error::invalid_argument(format!(
        "endpoint '{}' {why}; give the endpoint name, e.g. '/api/ListLogs' or 'ListLogs'",
        truncate_for_message(endpoint)
    ))
}

fn is_endpoint_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.~$!*()+,;=:@".contains(c)
}

/// Builds `{base}/api/{endpoint}?{query}`.
///
/// `base` must come from [`crate::Settings::validate`] (no trailing slash).
pub fn build_url(
    base: &reqwest::Url,
    endpoint: &str,
    query: &[(&str, Option<&str>)],
) -> Result<BuiltUrl> {
    let (path, dropped_query) = normalize_endpoint(endpoint)?;
    let mut text = String::with_capacity(base.as_str().len() + path.len() + 64);
    text.push_str(base.as_str().trim_end_matches('/'));
    text.push_str("/api/");
    text.push_str(&path);
    if !query.is_empty() {
        text.push('?');
        text.push_str(&encode_query(query)?);
    }
    if text.len() > MAX_URL_LEN {
        return Err(Error::invalid_argument(format!(
            "the request URL would be {} bytes long (at most {MAX_URL_LEN}); send large inputs in the body",
            text.len()
        )));
    }
    let url = reqwest::Url::parse(&text).map_err(|e| {
        Error::new(
            Status::InvalidUrl,
            format!("could not build the request URL: {e}"),
        )
    })?;
    Ok(BuiltUrl {
        url,
        endpoint: path,
        dropped_query,
    })
}

/// Encodes query pairs as `k=v&k2=v2` (see the module docs for the exact rules).
pub fn encode_query(query: &[(&str, Option<&str>)]) -> Result<String> {
    let mut out = String::new();
    for (i, (key, value)) in query.iter().enumerate() {
        if key.is_empty() {
            return Err(Error::invalid_argument(
                "a query parameter has an empty name",
            ));
        }
        if i > 0 {
            out.push('&');
        }
        encode_into(&mut out, key, true);
        out.push('=');
        encode_into(&mut out, value.unwrap_or(""), false);
    }
    Ok(out)
}

/// `HttpUtility.UrlEncode` rules; keys additionally keep `$` so OData names stay readable.
fn encode_into(out: &mut String, text: &str, is_key: bool) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'*'
            | b'('
            | b')' => out.push(b as char),
            b'$' if is_key => out.push('$'),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
}

/// Shortens user text for error messages and makes control characters visible.
pub(crate) fn truncate_for_message(text: &str) -> String {
    const MAX: usize = 120;
    let mut shown: String = text
        .chars()
        .take(MAX)
        .collect::<String>()
        .escape_debug()
        .to_string();
    if text.chars().count() > MAX {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> reqwest::Url {
        reqwest::Url::parse("https://cipp.example.com").unwrap()
    }

    #[test]
    fn endpoint_forms_join_with_one_slash() {
        for e in [
            "/api/ListLogs",
            "api/ListLogs",
            "ListLogs",
            "/ListLogs",
            "/API/ListLogs",
            "ListLogs/",
        ] {
            let b = build_url(&base(), e, &[]).unwrap();
            assert_eq!(
                b.url.as_str(),
                "https://cipp.example.com/api/ListLogs",
                "for {e}"
            );
        }
        let with_prefix = reqwest::Url::parse("https://h.example/prefix").unwrap();
        let b = build_url(&with_prefix, "/api/Listusers", &[]).unwrap();
        assert_eq!(b.url.as_str(), "https://h.example/prefix/api/Listusers");
    }

    #[test]
    fn a_partly_typed_endpoint_keeps_the_name_the_library_would_send() {
        for (word, name) in [
            ("/api/", ""),
            ("API/listus", "listus"),
            ("//api/List*?x=1", "List*"),
            ("  ListLogs/ ", "ListLogs"),
            ("api/Li[st", "Li[st"),
            ("", ""),
        ] {
            assert_eq!(endpoint_word(word).unwrap(), name, "{word:?}");
        }
        // The same name normalize_endpoint gives, wherever it accepts the text.
        for word in [
            "/api/ListUsers?tenantFilter=x",
            "API/ListLogs/",
            "ExecResetPass",
        ] {
            assert_eq!(
                endpoint_word(word).unwrap(),
                normalize_endpoint(word).unwrap().0
            );
        }
        let long = "a".repeat(MAX_ENDPOINT_LEN + 1);
        assert_eq!(
            endpoint_word(&long).unwrap_err().status(),
            Status::InvalidArgument
        );
    }

    #[test]
    fn query_inside_the_endpoint_is_dropped_and_reported() {
        let b = build_url(&base(), "/api/ListLogs?x=1", &[("Filter", Some("True"))]).unwrap();
        assert_eq!(
            b.url.as_str(),
            "https://cipp.example.com/api/ListLogs?Filter=True"
        );
        assert_eq!(b.dropped_query.as_deref(), Some("x=1"));
    }

    #[test]
    fn values_are_encoded_like_httputility_urlencode() {
        let q = encode_query(&[
            ("$select", Some("id,displayName")),
            ("$filter", Some("startswith(displayName,'A') and x eq 1")),
            ("empty", Some("")),
            ("none", None),
            ("utf8", Some("é/ü?&=#+%")),
            ("safe", Some("a-b_c.d!e*f(g)h~")),
        ])
        .unwrap();
        assert_eq!(
            q,
            "$select=id%2cdisplayName&$filter=startswith(displayName%2c%27A%27)+and+x+eq+1&empty=&none=\
             &utf8=%c3%a9%2f%c3%bc%3f%26%3d%23%2b%25&safe=a-b_c.d!e*f(g)h%7e"
        );
    }

    #[test]
    fn query_survives_url_parsing_unchanged() {
        let b = build_url(
            &base(),
            "ListLogs",
            &[("k", Some("a b+c%")), ("$top", Some("5"))],
        )
        .unwrap();
        assert_eq!(b.url.query(), Some("k=a+b%2bc%25&$top=5"));
    }

    #[test]
    fn keys_cannot_inject_separators_or_lines() {
        let q = encode_query(&[("a&b=c\r\nX: y", Some("1"))]).unwrap();
        assert_eq!(q, "a%26b%3dc%0d%0aX%3a+y=1");
        assert!(encode_query(&[("", Some("1"))]).is_err());
    }

    #[test]
    fn bad_endpoints_are_refused_with_a_clear_message() {
        for e in [
            "",
            "/api/",
            "https://evil.example/api/x",
            "//evil.example/x",
            "../secret",
            "/api/../x",
            "a/./b",
            "List\r\nLogs",
            "List Logs",
            "List\\Logs",
            "%2e%2e",
        ] {
            let err = build_url(&base(), e, &[]).unwrap_err();
            assert_eq!(err.status(), Status::InvalidArgument, "for {e:?}");
            assert!(err.message().contains("endpoint"), "{}", err.message());
        }
        let long = "a".repeat(MAX_ENDPOINT_LEN + 1);
        assert!(build_url(&base(), &long, &[]).is_err());
    }

    #[test]
    fn multibyte_text_at_the_prefix_boundary_is_an_error_not_a_panic() {
        // Found by the fuzz target: byte 4 fell inside a multi-byte character.
        for e in ["apé/x", "f)r\u{FFFD},", "api\u{e9}"] {
            assert!(normalize_endpoint(e).is_err(), "{e}");
        }
    }

    #[test]
    fn over_long_urls_are_refused() {
        let big = "x".repeat(MAX_URL_LEN);
        let err = build_url(&base(), "ListLogs", &[("k", Some(&big))]).unwrap_err();
        assert_eq!(err.status(), Status::InvalidArgument);
    }

    #[test]
    fn methods_parse_case_insensitively() {
        assert_eq!(parse_method("get").unwrap(), reqwest::Method::GET);
        assert_eq!(parse_method("Post").unwrap(), reqwest::Method::POST);
        assert!(parse_method("TRACE").is_err());
        assert!(parse_method("GET\r\n").is_err());
    }
}
