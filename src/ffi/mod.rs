//! The C ABI: functions with the `cipp_` prefix; calls wait (`cipp_client_send`, `cipp_invoke`, …) or
//! complete through a callback (`cipp_client_send_async`).
//!
//! Conventions (also in `include/README.md`):
//! - Every fallible function returns a [`Status`]; `CIPP_STATUS_OK` is 0. Outputs are
//!   written only on success; on entry every output pointer that is not NULL is set to NULL.
//! - The last parameter `error_out` may be NULL. When it is not and the call fails, it receives a
//!   `cipp_error` with the status and a message; free it with `cipp_error_free`.
//! - Strings in are NUL-terminated UTF-8. NULL where a value is required gives
//!   `CIPP_STATUS_NULL_ARGUMENT`; invalid UTF-8 gives `CIPP_STATUS_INVALID_UTF8`.
//! - Objects returned through `*_out` parameters are owned by the caller and freed with the
//!   matching `*_free`; `*_free(NULL)` does nothing. Strings returned by accessor functions are
//!   borrowed from their object and valid until it is freed.
//! - No panic crosses the boundary: it becomes `CIPP_STATUS_PANIC` carrying the panic's message, and the
//!   panic hook keeps it off the host's stderr (`catch` is the one boundary, also for callbacks).
//! - Accessors and `*_free` go through the generic `read`, `read_str` and `free_object`, so every
//!   one of them is NULL-safe and inside the boundary; they stay written-out `extern "C"` functions so
//!   that cbindgen sees each.
//! - Clients (`cipp_client`) may be used from many threads at once; settings, responses and
//!   errors belong to one thread at a time.

mod api;
mod call;
mod objects;

pub use api::*;
pub use call::*;
pub use objects::{
    CippBatch, CippBatchItem, CippClient, CippError, CippResponse, CippSettings, CippTenantIn,
};

use crate::error::{Error, Result, Status};
use std::cell::{Cell, RefCell};
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

/// The C string conversion used for every string handed out, for the fuzz targets.
#[doc(hidden)]
pub fn c_string_for_fuzzing(text: &str) -> std::ffi::CString {
    objects::c_string(text)
}

/// Runs `body` behind the panic boundary and reports failures through `error_out`.
pub(crate) fn guard(error_out: *mut *mut CippError, body: impl FnOnce() -> Result<()>) -> Status {
    // SAFETY: the caller passes NULL or a valid pointer to writable storage (documented contract).
    if let Some(slot) = unsafe { error_out.as_mut() } {
        *slot = std::ptr::null_mut();
    }
    let err = match catch(body) {
        Ok(Ok(())) => return Status::Ok,
        Ok(Err(e)) => e,
        Err(panic) => panic,
    };
    let status = err.status();
    // SAFETY: as above.
    if let Some(slot) = unsafe { error_out.as_mut() } {
        *slot = Box::into_raw(Box::new(CippError::from(err)));
    }
    status
}

/// Runs an infallible accessor behind the panic boundary, returning `fallback` on a panic.
pub(crate) fn guard_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch(body).unwrap_or(fallback)
}

thread_local! {
    /// How many panic boundaries this thread is inside (the hook stays quiet when > 0).
    static BOUNDARY_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The message and location of the last panic caught on this thread, for the error.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that keeps panics inside the boundary off the host's stderr and
/// records them for the error instead; panics elsewhere go to the hook that was there before.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if BOUNDARY_DEPTH.with(Cell::get) > 0 {
                let text = match info.location() {
                    Some(l) => format!(
                        "{} ({}:{})",
                        payload_text(info.payload()),
                        l.file(),
                        l.line()
                    ),
                    None => payload_text(info.payload()),
                };
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic payload".to_owned())
}

/// Runs `body`, turning a panic into a `CIPP_STATUS_PANIC` error that carries the panic's message;
/// nothing is written to stderr. Every entry point and every library-thread callback goes through it.
pub(crate) fn catch<R>(body: impl FnOnce() -> R) -> std::result::Result<R, Error> {
    install_quiet_hook();
    BOUNDARY_DEPTH.with(|d| d.set(d.get() + 1));
    let outcome = catch_unwind(AssertUnwindSafe(body));
    BOUNDARY_DEPTH.with(|d| d.set(d.get() - 1));
    outcome.map_err(|payload| {
        let what = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| payload_text(payload.as_ref()));
        Error::new(
            Status::Panic,
            format!(
                "internal error in the cippapi library (a bug: please report it): {what}; the call \
                 did not complete"
            ),
        )
    })
}

/// Frees an object this library handed out as `Box::into_raw`, inside the panic boundary; NULL is
/// ignored. The one body of every `cipp_*_free`.
pub(crate) fn free_object<T>(object: *mut T) {
    if !object.is_null() {
        // SAFETY: created by Box::into_raw in this library and not freed before (documented contract).
        let _ = catch(|| drop(unsafe { Box::from_raw(object) }));
    }
}

/// Reads a value from an object inside the panic boundary; `none` for NULL (or a panic). The one
/// body of the accessors.
pub(crate) fn read<T, R: Copy>(object: *const T, none: R, get: impl FnOnce(&T) -> R) -> R {
    // SAFETY: NULL or a live object from this library (documented contract).
    guard_value(none, || unsafe { object.as_ref() }.map_or(none, get))
}

/// A borrowed string field of an object; `""` for NULL. Valid until the object is freed.
pub(crate) fn read_str<T>(object: *const T, get: impl FnOnce(&T) -> &CStr) -> *const c_char {
    read(object, c"".as_ptr(), |o| get(o).as_ptr())
}

/// A future whose panics (on whichever runtime thread polls it) become `CIPP_STATUS_PANIC` errors,
/// silently, like the synchronous boundary.
pub(crate) struct CatchUnwind<F>(std::pin::Pin<Box<F>>);

impl<F> CatchUnwind<F> {
    pub(crate) fn new(future: F) -> Self {
        CatchUnwind(Box::pin(future))
    }
}

impl<F: std::future::Future> std::future::Future for CatchUnwind<F> {
    type Output = std::result::Result<F::Output, Error>;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let inner = self.0.as_mut();
        match catch(move || inner.poll(cx)) {
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Ok(std::task::Poll::Ready(v)) => std::task::Poll::Ready(Ok(v)),
            Err(e) => std::task::Poll::Ready(Err(e)),
        }
    }
}

/// Clears an output pointer on entry; fails if the pointer itself is NULL.
pub(crate) fn out_slot<'a, T>(out: *mut *mut T, name: &str) -> Result<&'a mut *mut T> {
    // SAFETY: NULL or a valid pointer to writable storage, per the documented contract.
    let slot = unsafe { out.as_mut() }.ok_or_else(|| null_arg(name))?;
    *slot = std::ptr::null_mut();
    Ok(slot)
}

pub(crate) fn null_arg(name: &str) -> Error {
    Error::new(Status::NullArgument, format!("argument '{name}' is NULL"))
}

/// Borrows a required NUL-terminated UTF-8 string argument.
pub(crate) fn str_arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    opt_str_arg(ptr, name)?.ok_or_else(|| null_arg(name))
}

/// Borrows an optional string argument (NULL → `None`).
pub(crate) fn opt_str_arg<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL and NUL-terminated per the documented contract.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    std::str::from_utf8(bytes).map(Some).map_err(|e| {
        Error::new(
            Status::InvalidUtf8,
            format!(
                "argument '{name}' is not valid UTF-8 (bad byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// Most query pairs one call accepts.
pub(crate) const MAX_QUERY_PAIRS: usize = 4096;
