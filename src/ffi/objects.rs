//! The opaque objects handed across the C ABI.

use crate::client::{Client, Response};
use crate::error::{Error, Status};
use crate::settings::Settings;
use std::ffi::CString;
use std::sync::Arc;

/// Settings being prepared for `cipp_client_new`.
pub struct CippSettings {
    pub(crate) settings: Settings,
}

/// A configured client, shareable across threads.
pub struct CippClient {
    pub(crate) client: Arc<Client>,
}

/// An HTTP answer.
pub struct CippResponse {
    pub(crate) status: u16,
    /// Body bytes followed by one NUL byte (not counted in the length).
    pub(crate) body: Vec<u8>,
    pub(crate) content_type: CString,
    pub(crate) url: CString,
    /// The answer's headers, one `name: value` per line.
    pub(crate) headers: CString,
    /// Retries and token refreshes on the way, one per line.
    pub(crate) trace: CString,
    /// Parameter mismatches with the endpoint catalog, one per line.
    pub(crate) warnings: CString,
    /// Cause and fix for a well-known failure answer, or empty.
    pub(crate) advice: CString,
}

/// A failure: status and message.
pub struct CippError {
    pub(crate) status: Status,
    pub(crate) message: CString,
    /// Retries and token refreshes before the failure, one per line.
    pub(crate) trace: CString,
    /// The fix on its own, "" when the error has none.
    pub(crate) advice: CString,
}

/// Text for C: interior NULs (which C cannot represent) become U+FFFD.
pub(crate) fn c_string(text: &str) -> CString {
    CString::new(text.replace('\0', "\u{FFFD}")).expect("NULs were replaced")
}

impl From<Error> for CippError {
    fn from(err: Error) -> Self {
        CippError {
            status: err.status(),
            message: c_string(err.message()),
            trace: c_string(&err.trace().join("\n")),
            advice: c_string(err.advice().unwrap_or_default()),
        }
    }
}

/// Headers as C reads them: `name: value` lines joined by `\n` (HTTP allows no line break in
/// a header value).
fn header_lines(headers: &[(String, String)]) -> String {
    let mut lines = String::new();
    for (name, value) in headers {
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push_str(name);
        lines.push_str(": ");
        lines.push_str(value);
    }
    lines
}

impl From<Response> for CippResponse {
    fn from(resp: Response) -> Self {
        let mut body = resp.body;
        body.push(0);
        CippResponse {
            status: resp.status,
            body,
            content_type: c_string(&resp.content_type),
            url: c_string(&resp.url),
            headers: c_string(&header_lines(&resp.headers)),
            trace: c_string(&resp.trace.join("\n")),
            warnings: c_string(&resp.warnings.join("\n")),
            advice: c_string(resp.advice.as_deref().unwrap_or("")),
        }
    }
}

/// A running fan-out over many tenants.
pub struct CippBatch {
    pub(crate) batch: crate::batch::Batch,
}

/// One tenant's outcome in a batch.
pub struct CippBatchItem {
    pub(crate) tenant: CString,
    pub(crate) status: Status,
    pub(crate) response: Option<CippResponse>,
    pub(crate) error: Option<CippError>,
}

impl From<crate::batch::BatchItem> for CippBatchItem {
    fn from(item: crate::batch::BatchItem) -> Self {
        let tenant = c_string(&item.tenant);
        match item.result {
            Ok(r) => CippBatchItem {
                tenant,
                status: Status::Ok,
                response: Some(r.into()),
                error: None,
            },
            Err(e) => CippBatchItem {
                tenant,
                status: e.status(),
                response: None,
                error: Some(e.into()),
            },
        }
    }
}

/// Where a batch puts each tenant's name.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CippTenantIn {
    /// As a query parameter.
    Query = 0,
    /// As a top-level property of the JSON body.
    Body = 1,
}
