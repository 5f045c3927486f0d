//! The `extern "C"` functions. Each one is a thin shell: check arguments, call the safe core, put
//! the result in an owned object. See the module docs of [`crate::ffi`] for the conventions.
//!
//! The functions are safe-to-call `extern "C"` items rather than `unsafe fn`: they are the C
//! ABI, where pointer validity is the caller's documented contract (as for any C function), and
//! every pointer is NULL-checked before use.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use super::objects::c_string;
use super::{
    free_object, guard, guard_value, null_arg, opt_str_arg, out_slot, read, read_str, str_arg,
};
use super::{
    CippBatch, CippBatchItem, CippClient, CippError, CippRequest, CippResponse, CippSettings,
    CippTenantIn,
};
use crate::client::Client;
use crate::error::{Error, Result, Status};
use crate::settings::Settings;
use crate::version::VERSION_C;
use std::ffi::c_char;
use std::sync::{Arc, LazyLock, RwLock};

/// The process-default client configured by `cipp_set_details`.
static DEFAULT_CLIENT: LazyLock<RwLock<Option<Arc<Client>>>> = LazyLock::new(Default::default);

fn default_client() -> Result<Arc<Client>> {
    DEFAULT_CLIENT
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .ok_or_else(|| {
            Error::new(
                Status::NotConfigured,
                // C and .NET share the process default: name the call of each.
                "Cannot continue: CIPP API information not found: the process-default client has \
                 no details. Set them before connecting to the API: cipp_set_details (or \
                 cipp_set_default_client) in C, CippClient.SetApiDetails in .NET.",
            )
        })
}

/// Borrows a client handle.
fn client_ref<'a>(client: *const CippClient) -> Result<&'a CippClient> {
    // SAFETY: NULL or a pointer returned by cipp_client_new and not yet freed.
    unsafe { client.as_ref() }.ok_or_else(|| null_arg("client"))
}

// ---------------------------------------------------------------------------------------------
// Version and status

/// The library version, e.g. `"2.0.0"`. Static storage: never free it.
#[no_mangle]
pub extern "C" fn cipp_version() -> *const c_char {
    VERSION_C.as_ptr()
}

/// The C ABI version this library implements; compare it with `CIPP_ABI_VERSION` from the header
/// you compiled against and refuse to run on a mismatch.
#[no_mangle]
pub extern "C" fn cipp_abi_version() -> u32 {
    crate::version::CIPP_ABI_VERSION
}

/// A short stable name for a status, e.g. `"network"`. Static storage: never free it.
/// Unknown values give `"unknown"`.
#[no_mangle]
pub extern "C" fn cipp_status_name(status: i32) -> *const c_char {
    // Takes a plain int so that a number this version does not know is not undefined behaviour.
    Status::from_code(status)
        .map_or(c"unknown", Status::c_name)
        .as_ptr()
}

/// For tests of a build (cross-compiled ones especially): panics inside the panic boundary and
/// returns what the boundary makes of it, `CIPP_STATUS_PANIC` with a message. Never needed otherwise.
#[no_mangle]
pub extern "C" fn cipp_selftest_panic(error_out: *mut *mut CippError) -> Status {
    guard(error_out, || -> Result<()> {
        panic!("deliberate panic from cipp_selftest_panic")
    })
}

// ---------------------------------------------------------------------------------------------
// Errors and strings

/// The status of an error. `error` NULL gives `CIPP_STATUS_NULL_ARGUMENT`.
#[no_mangle]
pub extern "C" fn cipp_error_status(error: *const CippError) -> Status {
    read(error, Status::NullArgument, |e| e.status)
}

/// The message of an error: UTF-8, NUL-terminated, borrowed from `error` and valid until
/// `cipp_error_free(error)`. `error` NULL gives an empty string.
#[no_mangle]
pub extern "C" fn cipp_error_message(error: *const CippError) -> *const c_char {
    read_str(error, |e| &e.message)
}

/// What happened before the failure (retries, token refreshes), one event per line, oldest
/// first; `""` when nothing did. Borrowed: valid until `cipp_error_free(error)`.
#[no_mangle]
pub extern "C" fn cipp_error_trace(error: *const CippError) -> *const c_char {
    read_str(error, |e| &e.trace)
}

/// The fix on its own, in the terms of the client's `binding` setting (read-only and allow-list
/// refusals, request timeouts; the message says it too), for a binding's "recommended action";
/// `""` when the error has none. Borrowed: valid until `cipp_error_free(error)`.
#[no_mangle]
pub extern "C" fn cipp_error_advice(error: *const CippError) -> *const c_char {
    read_str(error, |e| &e.advice)
}

/// Frees an error. NULL is ignored; freeing twice or using it afterwards is undefined behaviour.
#[no_mangle]
pub extern "C" fn cipp_error_free(error: *mut CippError) {
    free_object(error);
}

/// Frees a string that a `cipp_*` function returned as owned (`char **` outputs, e.g.
/// `cipp_client_build_url`). NULL is ignored. Never pass borrowed accessor strings here.
#[no_mangle]
pub extern "C" fn cipp_string_free(text: *mut c_char) {
    if !text.is_null() {
        // SAFETY: created by CString::into_raw in this library and not freed before.
        let _ = super::catch(|| drop(unsafe { std::ffi::CString::from_raw(text) }));
    }
}

// ---------------------------------------------------------------------------------------------
// Settings

/// Creates settings with every value at its default (authority
/// `https://login.microsoftonline.com`, timeout 630 s; the environment variables
/// `CIPPAPI_AUTHORITY_HOST`, `CIPPAPI_CA_FILE`, `CIPPAPI_TIMEOUT_SECS`, `CIPPAPI_READ_ONLY` and
/// `CIPPAPI_ALLOWED_ENDPOINTS` override the defaults). Free with `cipp_settings_free`. Returns NULL
/// only if memory is exhausted.
#[no_mangle]
pub extern "C" fn cipp_settings_new() -> *mut CippSettings {
    guard_value(std::ptr::null_mut(), || {
        Box::into_raw(Box::new(CippSettings {
            settings: Settings::default(),
        }))
    })
}

/// Sets one setting by name. Names: `client_id`, `client_secret`, `api_url`, `tenant_id`,
/// `authority_host`, `timeout_secs`, `connect_timeout_secs`, `ca_file` (PEM file of extra trusted
/// CAs; empty clears), `user_agent`, `max_retries` (0–10, default 3), `retry_base_delay_ms`
/// (default 500), `retry_max_delay_secs` (cap on any wait, `Retry-After` included; default 60),
/// `read_only` (`true`: refuse before sending every call the catalog does not classify as a read,
/// with `CIPP_STATUS_REFUSED`), `allowed_endpoints` (comma-separated allow-list, stricter still),
/// `strict_parameters` (`true`: refuse calls whose parameters do not match the catalog), `binding`
/// (`c`, `powershell`, `dotnet`: whose names messages use). The `CIPPAPI_*` variable names are
/// accepted too, as that variable's value (for runtimes with their own copy of the environment:
/// messages then name the variable), and so are `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and
/// `NO_PROXY` (either case): given one of the proxy URLs, these replace the process environment's
/// and the system's proxy settings for the client. Unknown names and bad values give
/// `CIPP_STATUS_INVALID_ARGUMENT`. URLs are checked by `cipp_client_new`.
#[no_mangle]
pub extern "C" fn cipp_settings_set(
    settings: *mut CippSettings,
    name: *const c_char,
    value: *const c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        // SAFETY: NULL or a live settings object owned by the caller.
        let settings = unsafe { settings.as_mut() }.ok_or_else(|| null_arg("settings"))?;
        let name = str_arg(name, "name")?;
        let value = str_arg(value, "value")?;
        settings.settings.set(name, value)
    })
}

/// Frees settings. NULL is ignored.
#[no_mangle]
pub extern "C" fn cipp_settings_free(settings: *mut CippSettings) {
    free_object(settings);
}

// ---------------------------------------------------------------------------------------------
// Clients

/// Creates a client from settings (which are copied; free them whenever you like). Fails with
/// `CIPP_STATUS_NOT_CONFIGURED` when one of the four details is missing, `CIPP_STATUS_INVALID_URL`
/// / `CIPP_STATUS_INSECURE_URL` for unusable URLs and `CIPP_STATUS_TLS_CONFIG` for a bad CA file.
/// No network traffic happens here. Free the client with `cipp_client_free`.
#[no_mangle]
pub extern "C" fn cipp_client_new(
    settings: *const CippSettings,
    client_out: *mut *mut CippClient,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(client_out, "client_out")?;
        // SAFETY: NULL or a live settings object.
        let settings = unsafe { settings.as_ref() }.ok_or_else(|| null_arg("settings"))?;
        let client = Client::new(settings.settings.clone())?;
        *out = Box::into_raw(Box::new(CippClient {
            client: Arc::new(client),
        }));
        Ok(())
    })
}

/// Frees a client handle. Returns at once, also while calls (synchronous on other threads,
/// asynchronous, batches) run on the client: each holds its own reference and finishes normally.
/// NULL is ignored; freeing twice or using the handle afterwards is undefined behaviour.
#[no_mangle]
pub extern "C" fn cipp_client_free(client: *mut CippClient) {
    free_object(client);
}

/// Cancels every call running on this client right now, from any thread: they return
/// `CIPP_STATUS_CANCELLED` promptly (asynchronous calls through their callback). For the process
/// default client, cancel through a handle from `cipp_default_client`. Calls started afterwards
/// are not affected. A POST that was already sent may still have been processed by the server.
#[no_mangle]
pub extern "C" fn cipp_client_cancel(client: *const CippClient) -> Status {
    guard(std::ptr::null_mut(), || {
        client_ref(client)?.client.cancel_running();
        Ok(())
    })
}

/// Builds the URL `cipp_client_send` would send `request` to, without sending anything. On
/// success `*url_out` is an owned string: free it with `cipp_string_free`.
#[no_mangle]
pub extern "C" fn cipp_client_build_url(
    client: *const CippClient,
    request: *const CippRequest,
    url_out: *mut *mut c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(url_out, "url_out")?;
        let client = client_ref(client)?;
        // SAFETY: NULL or a live request (documented contract).
        let request = unsafe { request.as_ref() }.ok_or_else(|| null_arg("request"))?;
        *out = c_string(&request.url(&client.client)?).into_raw();
        Ok(())
    })
}

/// Runs the connection doctor: URL shape, DNS, TCP, HTTPS, a fresh token request, the token's
/// claims (never the token), an authenticated call, CIPP's role check and latency, each
/// `passed`/`warning`/`failed`/`skipped` with a plain-language cause and fix. On success
/// `*json_out` is an owned JSON object `{"ok":bool,"steps":[{"name","status","detail","cause",
/// "fix","ms"}…]}` (free with `cipp_string_free`); a failing connection is a report, not an error.
#[no_mangle]
pub extern "C" fn cipp_client_diagnose(
    client: *const CippClient,
    json_out: *mut *mut c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(json_out, "json_out")?;
        let client = client_ref(client)?.client.clone();
        let report = crate::doctor::diagnose_blocking(client)?;
        *out = c_string(&to_json(&report)?).into_raw();
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Fan-out over tenants

/// Reads `cipp_tenant_in`.
pub(crate) fn tenant_place(tenant_in: i32) -> Result<crate::batch::TenantIn> {
    match tenant_in {
        x if x == CippTenantIn::Query as i32 => Ok(crate::batch::TenantIn::Query),
        x if x == CippTenantIn::Body as i32 => Ok(crate::batch::TenantIn::Body),
        other => Err(Error::invalid_argument(format!(
            "tenant_in must be CIPP_TENANT_IN_QUERY (0) or CIPP_TENANT_IN_BODY (1), got {other}"
        ))),
    }
}

/// Reads `tenant_count` tenant names (one more than the batch limit at most, so the limit is reported).
pub(crate) fn tenant_names(
    tenants: *const *const c_char,
    tenant_count: usize,
) -> Result<Vec<String>> {
    if tenant_count > 0 && tenants.is_null() {
        return Err(null_arg("tenants"));
    }
    (0..tenant_count.min(crate::batch::MAX_TENANTS + 1))
        // SAFETY: `tenants` points to `tenant_count` readable pointers.
        .map(|i| str_arg(unsafe { *tenants.add(i) }, &format!("tenants[{i}]")).map(str::to_owned))
        .collect()
}

/// Waits up to `wait_ms` for the next tenant's outcome. `CIPP_STATUS_OK` with `*item_out` set: an
/// outcome (free it with `cipp_batch_item_free`). `CIPP_STATUS_OK` with `*item_out` NULL: every
/// outcome has been handed out. `CIPP_STATUS_PENDING`: nothing finished within the wait; call
/// again (short waits keep a caller responsive to Ctrl+C). Outcomes arrive in completion order.
/// One thread at a time per batch (another may call `cipp_batch_cancel` meanwhile).
#[no_mangle]
pub extern "C" fn cipp_batch_next(
    batch: *mut CippBatch,
    wait_ms: u32,
    item_out: *mut *mut CippBatchItem,
    error_out: *mut *mut CippError,
) -> Status {
    let mut pending = false;
    let status = guard(error_out, || {
        let out = out_slot(item_out, "item_out")?;
        // SAFETY: NULL or a live batch used by one thread at a time.
        let batch = unsafe { batch.as_mut() }.ok_or_else(|| null_arg("batch"))?;
        match batch
            .batch
            .next_timeout(std::time::Duration::from_millis(wait_ms.into()))?
        {
            crate::batch::Next::Item(item) => {
                *out = Box::into_raw(Box::new(CippBatchItem::from(*item)))
            }
            crate::batch::Next::Done => {}
            crate::batch::Next::Pending => pending = true,
        }
        Ok(())
    });
    if pending {
        Status::Pending
    } else {
        status
    }
}

/// Number of tenants in the batch (0 for NULL). May be called from any thread while the batch runs.
#[no_mangle]
pub extern "C" fn cipp_batch_total(batch: *const CippBatch) -> usize {
    read(batch, 0, |b| b.batch.total())
}

/// Stops the batch: calls not yet started are not sent, running ones are abandoned; every
/// tenant without an outcome yet gets a `CIPP_STATUS_CANCELLED` outcome. May be called from any
/// thread while another one reads outcomes with `cipp_batch_next`. NULL gives
/// `CIPP_STATUS_NULL_ARGUMENT`.
#[no_mangle]
pub extern "C" fn cipp_batch_cancel(batch: *const CippBatch) -> Status {
    guard(std::ptr::null_mut(), || {
        // SAFETY: NULL or a live batch.
        unsafe { batch.as_ref() }
            .ok_or_else(|| null_arg("batch"))?
            .batch
            .cancel()
    })
}

/// Frees a batch, cancelling whatever has not finished. NULL is ignored. Only once no other thread
/// uses the batch; freeing twice is undefined behaviour.
#[no_mangle]
pub extern "C" fn cipp_batch_free(batch: *mut CippBatch) {
    free_object(batch);
}

/// The tenant an outcome belongs to. Borrowed: valid until `cipp_batch_item_free`.
#[no_mangle]
pub extern "C" fn cipp_batch_item_tenant(item: *const CippBatchItem) -> *const c_char {
    read_str(item, |i| &i.tenant)
}

/// `CIPP_STATUS_OK` when the tenant got an HTTP answer (any status code; see the response),
/// else why not.
#[no_mangle]
pub extern "C" fn cipp_batch_item_status(item: *const CippBatchItem) -> Status {
    read(item, Status::NullArgument, |i| i.status)
}

/// The tenant's answer, or NULL when it has none. Borrowed: valid until `cipp_batch_item_free`;
/// read it with the `cipp_response_*` accessors, never free it.
#[no_mangle]
pub extern "C" fn cipp_batch_item_response(item: *const CippBatchItem) -> *const CippResponse {
    read(item, std::ptr::null(), |i| {
        i.response
            .as_ref()
            .map_or(std::ptr::null(), |r| r as *const CippResponse)
    })
}

/// Why the tenant has no answer, or NULL. Borrowed: valid until `cipp_batch_item_free`; read it
/// with `cipp_error_status`/`cipp_error_message`, never free it.
#[no_mangle]
pub extern "C" fn cipp_batch_item_error(item: *const CippBatchItem) -> *const CippError {
    read(item, std::ptr::null(), |i| {
        i.error
            .as_ref()
            .map_or(std::ptr::null(), |e| e as *const CippError)
    })
}

/// Frees a batch outcome (and the response and error borrowed from it). NULL is ignored; freeing
/// twice is undefined behaviour.
#[no_mangle]
pub extern "C" fn cipp_batch_item_free(item: *mut CippBatchItem) {
    free_object(item);
}

// ---------------------------------------------------------------------------------------------
// The endpoint catalog

/// Number of endpoints in the built-in catalog (derived from CIPP's OpenAPI spec).
#[no_mangle]
pub extern "C" fn cipp_catalog_count() -> usize {
    guard_value(0, || crate::catalog::endpoints().len())
}

/// Lists catalog endpoints as an owned JSON array (free with `cipp_string_free`). `filter` NULL
/// or `""` lists all; otherwise only endpoints whose name or role contains it (case-insensitive).
/// Each item: `{"name","method","role","any_tenant","query":[{"name","required"}…],"body":[…]}`.
#[no_mangle]
pub extern "C" fn cipp_catalog_list(
    filter: *const c_char,
    json_out: *mut *mut c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(json_out, "json_out")?;
        let filter = opt_str_arg(filter, "filter")?
            .unwrap_or("")
            .to_ascii_lowercase();
        let items: Vec<_> = crate::catalog::endpoints()
            .iter()
            .filter(|e| {
                filter.is_empty()
                    || e.name.to_ascii_lowercase().contains(&filter)
                    || e.role.to_ascii_lowercase().contains(&filter)
            })
            .collect();
        *out = c_string(&to_json(&items)?).into_raw();
        Ok(())
    })
}

/// Describes one endpoint (name matched case-insensitively) as an owned JSON object, shaped like
/// the items of `cipp_catalog_list`; free it with `cipp_string_free`. Unknown names give
/// `CIPP_STATUS_INVALID_ARGUMENT`.
#[no_mangle]
pub extern "C" fn cipp_catalog_describe(
    endpoint: *const c_char,
    json_out: *mut *mut c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(json_out, "json_out")?;
        let name = str_arg(endpoint, "endpoint")?;
        let (name, _) = crate::request::normalize_endpoint(name)?;
        let e = crate::catalog::find(&name).ok_or_else(|| {
            Error::invalid_argument(format!(
                "'{name}' is not in the endpoint catalog ({} endpoints of CIPP-API); it may be newer \
                 than the catalog or misspelled{}",
                crate::catalog::endpoints().len(),
                crate::catalog::suggest(&name)
                    .map(|known| format!(" (did you mean '{known}'?)"))
                    .unwrap_or_default()
            ))
        })?;
        *out = c_string(&to_json(e)?).into_raw();
        Ok(())
    })
}

/// What the library decides about an endpoint, for any endpoint it accepts (in the catalog or not),
/// as an owned JSON object `{"name","path","in_catalog","reads_only","suggestion"}`; free it with
/// `cipp_string_free`. `name` is the catalog's name (canonical case) or else the endpoint as it
/// would be sent (`/api/` prefix and query removed), `reads_only` the rule of read-only mode
/// (the catalog's role, else a `List`/`Get` name), `suggestion` for an endpoint not in the
/// catalog the closest catalog name (a misspelling's "did you mean"), else `null`. Bindings ask
/// this instead of re-deriving any of these rules. Endpoints the library refuses give `CIPP_STATUS_INVALID_ARGUMENT` naming the reason.
#[no_mangle]
pub extern "C" fn cipp_endpoint_classify(
    endpoint: *const c_char,
    json_out: *mut *mut c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(json_out, "json_out")?;
        let (path, _) = crate::request::normalize_endpoint(str_arg(endpoint, "endpoint")?)?;
        let known = crate::catalog::find(&path);
        let info = serde_json::json!({
            "name": known.map_or(path.as_str(), |e| e.name.as_str()),
            "path": format!("/api/{path}"),
            "in_catalog": known.is_some(),
            "reads_only": crate::catalog::is_read_call(&path),
            "suggestion": crate::catalog::suggest(&path),
        });
        *out = c_string(&to_json(&info)?).into_raw();
        Ok(())
    })
}

/// The endpoint name in a partly typed endpoint, for completion: leading slashes and an `api/`
/// prefix (any case) removed, a query or fragment cut, trailing slashes removed; it may be empty
/// (`"/api/"`) or hold wildcard characters, as nothing else is checked. Use
/// `cipp_endpoint_classify` for a complete endpoint. Owned string; free it with `cipp_string_free`.
/// NULL gives `CIPP_STATUS_NULL_ARGUMENT`, invalid UTF-8 `CIPP_STATUS_INVALID_UTF8`, a text longer
/// than an endpoint may be `CIPP_STATUS_INVALID_ARGUMENT`.
#[no_mangle]
pub extern "C" fn cipp_endpoint_word(
    text: *const c_char,
    word_out: *mut *mut c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(word_out, "word_out")?;
        let word = crate::request::endpoint_word(str_arg(text, "text")?)?;
        *out = c_string(&word).into_raw();
        Ok(())
    })
}

pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::new(Status::Panic, format!("could not serialise JSON: {e}")))
}

// ---------------------------------------------------------------------------------------------
// The process default client

/// Sets the process-default API details: the C face of `Set-CIPPAPIDetails`. Other settings take
/// their defaults (see `cipp_settings_new`). Validates the values (no network traffic). Calls
/// already running keep the previous details; later `cipp_invoke`/`cipp_get_logs` use the new ones.
/// On failure nothing changes: the previous details (if any) stay in effect, and the error
/// message says so.
#[no_mangle]
pub extern "C" fn cipp_set_details(
    client_id: *const c_char,
    client_secret: *const c_char,
    api_url: *const c_char,
    tenant_id: *const c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let built = (|| {
            let mut settings = Settings::default();
            settings.set("client_id", str_arg(client_id, "client_id")?)?;
            settings.set("client_secret", str_arg(client_secret, "client_secret")?)?;
            settings.set("api_url", str_arg(api_url, "api_url")?)?;
            settings.set("tenant_id", str_arg(tenant_id, "tenant_id")?)?;
            Client::new(settings)
        })();
        let client = built.map_err(|e| {
            // A failed call must not look like it took effect: say what is in force now.
            let kept = if DEFAULT_CLIENT
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .is_some()
            {
                " The previous details stay in effect for cipp_invoke and cipp_get_logs."
            } else {
                " No details are set."
            };
            e.map_message(|m| crate::client::sentence(m, kept))
        })?;
        *DEFAULT_CLIENT.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(client));
        Ok(())
    })
}

/// Makes `client` (a clone of its handle: free yours as usual) the process default used by
/// `cipp_invoke` and `cipp_get_logs`, with all of its settings — the way to give the default
/// client more than the four details of `cipp_set_details`.
#[no_mangle]
pub extern "C" fn cipp_set_default_client(client: *const CippClient) -> Status {
    guard(std::ptr::null_mut(), || {
        let client = client_ref(client)?.client.clone();
        *DEFAULT_CLIENT.write().unwrap_or_else(|p| p.into_inner()) = Some(client);
        Ok(())
    })
}

/// A handle to the process-default client (the one `cipp_invoke` and `cipp_get_logs` use right
/// now), for `cipp_client_send`, `cipp_client_send_async` and `cipp_client_cancel` — the way to
/// cancel calls running on the default client: `cipp_client_cancel` on this handle stops them
/// (including `cipp_invoke` calls on other threads). Free it with `cipp_client_free`; a later
/// `cipp_set_details` replaces the default but not this handle's client.
/// `CIPP_STATUS_NOT_CONFIGURED` when no default is set.
#[no_mangle]
pub extern "C" fn cipp_default_client(
    client_out: *mut *mut CippClient,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(client_out, "client_out")?;
        *out = Box::into_raw(Box::new(CippClient {
            client: default_client()?,
        }));
        Ok(())
    })
}

/// `cipp_client_send` on the process-default client. `CIPP_STATUS_NOT_CONFIGURED` when
/// `cipp_set_details` has not succeeded yet.
#[no_mangle]
pub extern "C" fn cipp_invoke(
    request: *const CippRequest,
    response_out: *mut *mut CippResponse,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(response_out, "response_out")?;
        let client = default_client()?;
        // SAFETY: NULL or a live request (documented contract).
        let request = unsafe { request.as_ref() }.ok_or_else(|| null_arg("request"))?;
        *out = send(client, request.clone())?;
        Ok(())
    })
}

/// Reads CIPP's logs on the process-default client: the C face of `Get-CIPPLogs`, the request of
/// `cipp_request_new_logs` sent with `cipp_client_send`.
#[no_mangle]
pub extern "C" fn cipp_get_logs(
    severity: *const c_char,
    date_filter: *const c_char,
    start_date: *const c_char,
    end_date: *const c_char,
    response_out: *mut *mut CippResponse,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(response_out, "response_out")?;
        let request = CippRequest::logs_from_c(severity, date_filter, start_date, end_date)?;
        *out = send(default_client()?, request)?;
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Responses

/// The HTTP status code of a response (0 for NULL).
#[no_mangle]
pub extern "C" fn cipp_response_status(response: *const CippResponse) -> u16 {
    read(response, 0, |r| r.status)
}

/// The `Content-Type` of a response, or `""`. Borrowed: valid until `cipp_response_free`.
#[no_mangle]
pub extern "C" fn cipp_response_content_type(response: *const CippResponse) -> *const c_char {
    read_str(response, |r| &r.content_type)
}

/// The URL the request went to. Borrowed: valid until `cipp_response_free`.
#[no_mangle]
pub extern "C" fn cipp_response_url(response: *const CippResponse) -> *const c_char {
    read_str(response, |r| &r.url)
}

/// The answer's headers, one `name: value` per line (separated by `\n`, no trailing one), in
/// the order received, names in lower case (e.g. `retry-after: 30`); a header sent twice is
/// two lines. `""` for NULL. Borrowed: valid until `cipp_response_free`.
#[no_mangle]
pub extern "C" fn cipp_response_headers(response: *const CippResponse) -> *const c_char {
    read_str(response, |r| &r.headers)
}

/// The response body: returns a pointer to `*len_out` bytes (usually UTF-8 JSON or text), followed
/// by a NUL byte that is not counted, so it can also be read as a C string when it contains no NUL.
/// Borrowed: valid until `cipp_response_free`. NULL `response` gives NULL and length 0;
/// `len_out` may be NULL.
#[no_mangle]
pub extern "C" fn cipp_response_body(
    response: *const CippResponse,
    len_out: *mut usize,
) -> *const u8 {
    let (ptr, len) = read(response, (std::ptr::null(), 0), |r| {
        (r.body.as_ptr(), r.body.len() - 1)
    });
    // SAFETY: NULL or writable storage for a size_t (documented contract).
    if let Some(l) = unsafe { len_out.as_mut() } {
        *l = len;
    }
    ptr
}

/// What happened on the way to this answer (retries with their reasons and waits, token
/// refreshes after a 401), one event per line, oldest first; `""` when the first attempt
/// succeeded. Borrowed: valid until `cipp_response_free`.
#[no_mangle]
pub extern "C" fn cipp_response_trace(response: *const CippResponse) -> *const c_char {
    read_str(response, |r| &r.trace)
}

/// Where the call's parameters differ from the endpoint catalog (a required parameter not
/// given, a name the endpoint does not read), one finding per line; `""` when none. The call
/// was sent anyway (set `strict_parameters` to refuse instead). Borrowed: valid until
/// `cipp_response_free`.
#[no_mangle]
pub extern "C" fn cipp_response_warnings(response: *const CippResponse) -> *const c_char {
    read_str(response, |r| &r.warnings)
}

/// For answers that commonly stop people (a redirect to the sign-in page, 401 from App Service
/// authentication, the 403s of CIPP's role and IP checks, 404 `Endpoint not found`): the cause
/// in plain words and the fix; `""` otherwise. Borrowed: valid until `cipp_response_free`.
#[no_mangle]
pub extern "C" fn cipp_response_advice(response: *const CippResponse) -> *const c_char {
    read_str(response, |r| &r.advice)
}

/// Frees a response. NULL is ignored; freeing twice or using it (or strings borrowed from it)
/// afterwards is undefined behaviour.
#[no_mangle]
pub extern "C" fn cipp_response_free(response: *mut CippResponse) {
    free_object(response);
}

// ---------------------------------------------------------------------------------------------
// Shared bodies of the client and default-client entry points

/// Sends a request on `client` and waits (the body of the default-client conveniences).
fn send(client: Arc<Client>, request: CippRequest) -> Result<*mut CippResponse> {
    let response = crate::runtime::block_on(request.send(client))?;
    Ok(Box::into_raw(Box::new(CippResponse::from(response))))
}
