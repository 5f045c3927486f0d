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
}

/// A failure: status and message.
pub struct CippError {
    pub(crate) status: Status,
    pub(crate) message: CString,
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
        }
    }
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
        }
    }
}
