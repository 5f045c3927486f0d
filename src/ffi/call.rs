//! Request descriptions (`cipp_request`) and calls that complete without a blocked thread
//! (`cipp_client_send_async`, `cipp_call`).
//!
//! A request is built with small setters (no function takes more than six arguments), then sent
//! synchronously (`cipp_client_send`), previewed (`cipp_client_preview_request`) or sent
//! asynchronously: the call runs on the library's runtime and the callback is invoked once, on a
//! library thread, with the outcome — or, without a callback, the outcome stays in the call for
//! `cipp_call_take` (a caller that waits anyway, but must be able to cancel this one call).
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use super::{catch, free_object, guard, null_arg, opt_str_arg, out_slot, str_arg};
use super::{CippClient, CippError, CippResponse};
use crate::client::{Call, Client, Response};
use crate::error::{Error, Result, Status};
use std::ffi::{c_char, c_void};
use std::sync::Arc;

/// A request being described for `cipp_client_send`, `cipp_client_send_async` and
/// `cipp_client_preview_request`. Not shared between threads while it is being changed; sending
/// copies it, so it may be changed, reused or freed right after a send returns.
#[derive(Debug, Clone, Default)]
pub struct CippRequest {
    pub(crate) kind: RequestKind,
    /// Set by `cipp_request_set_tenants`: the request is a batch template.
    pub(crate) tenants: Option<Tenants>,
}

/// The tenants a batch request fans out to.
#[derive(Debug, Clone)]
pub(crate) struct Tenants {
    key: String,
    place: crate::batch::TenantIn,
    names: Vec<String>,
}

/// What a request does.
#[derive(Debug, Clone)]
pub(crate) enum RequestKind {
    /// `Invoke-CIPPRestMethod`.
    Invoke {
        method: String,
        endpoint: Option<String>,
        query: Vec<(String, Option<String>)>,
        body: Option<String>,
        content_type: Option<String>,
    },
    /// `Get-CIPPLogs`: the core builds its query (default date included).
    Logs {
        severity: Option<String>,
        date_filter: Option<String>,
        start_date: Option<String>,
        end_date: Option<String>,
    },
}

impl Default for RequestKind {
    fn default() -> Self {
        RequestKind::Invoke {
            method: "GET".to_owned(),
            endpoint: None,
            query: Vec::new(),
            body: None,
            content_type: None,
        }
    }
}

impl CippRequest {
    /// A `GET /api/ListLogs` request as `Get-CIPPLogs` sends it, from the four C arguments of
    /// `cipp_request_new_logs` / `cipp_get_logs` (NULL: not given; errors name the argument).
    pub(crate) fn logs_from_c(
        severity: *const c_char,
        date_filter: *const c_char,
        start_date: *const c_char,
        end_date: *const c_char,
    ) -> Result<Self> {
        let own = |p: *const c_char, name: &str| opt_str_arg(p, name).map(|s| s.map(str::to_owned));
        Ok(CippRequest {
            kind: RequestKind::Logs {
                severity: own(severity, "severity")?,
                date_filter: own(date_filter, "date_filter")?,
                start_date: own(start_date, "start_date")?,
                end_date: own(end_date, "end_date")?,
            },
            tenants: None,
        })
    }

    /// Checks that the request can be sent (an endpoint is set, no tenants).
    fn check(&self) -> Result<()> {
        if self.tenants.is_some() {
            return Err(Error::invalid_argument(
                "the request has tenants (cipp_request_set_tenants): start it with \
                 cipp_client_batch_start_request",
            ));
        }
        self.check_endpoint()
    }

    fn check_endpoint(&self) -> Result<()> {
        match &self.kind {
            // A missing setter call, not a NULL pointer: INVALID_ARGUMENT.
            RequestKind::Invoke { endpoint: None, .. } => Err(Error::new(
                Status::InvalidArgument,
                "the request has no endpoint: call cipp_request_set_endpoint before sending it",
            )),
            _ => Ok(()),
        }
    }

    fn invoke_fields(&mut self, what: &str) -> Result<InvokeFields<'_>> {
        match &mut self.kind {
            RequestKind::Invoke {
                method,
                endpoint,
                query,
                body,
                content_type,
            } => Ok(InvokeFields {
                method,
                endpoint,
                query,
                body,
                content_type,
            }),
            RequestKind::Logs { .. } => Err(Error::invalid_argument(format!(
                "{what} does not apply to a logs request (cipp_request_new_logs sets its query itself)"
            ))),
        }
    }

    /// Runs the request on `client` (the future owns everything it needs).
    pub(crate) async fn send(self, client: Arc<Client>) -> Result<Response> {
        self.check()?;
        match self.kind {
            RequestKind::Invoke {
                method,
                endpoint,
                query,
                body,
                content_type,
            } => {
                let query: Vec<(&str, Option<&str>)> = query
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_deref()))
                    .collect();
                client
                    .invoke(Call {
                        method: &method,
                        endpoint: endpoint.as_deref().unwrap_or_default(),
                        query: &query,
                        body: body.as_deref(),
                        content_type: content_type.as_deref(),
                    })
                    .await
            }
            RequestKind::Logs {
                severity,
                date_filter,
                start_date,
                end_date,
            } => {
                client
                    .get_logs(
                        severity.as_deref(),
                        date_filter.as_deref(),
                        start_date.as_deref(),
                        end_date.as_deref(),
                    )
                    .await
            }
        }
    }

    /// The method, endpoint, query, body and content type of an invoke request.
    fn invoke_parts(&self, what: &str) -> Result<(Call<'_>, QueryRefs<'_>)> {
        self.check_endpoint()?;
        let RequestKind::Invoke {
            method,
            endpoint,
            query,
            body,
            content_type,
        } = &self.kind
        else {
            return Err(Error::invalid_argument(format!(
                "a logs request cannot be {what}; use GET /api/ListLogs with its query instead"
            )));
        };
        let call = Call {
            method,
            endpoint: endpoint.as_deref().unwrap_or_default(),
            query: &[],
            body: body.as_deref(),
            content_type: content_type.as_deref(),
        };
        let query = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_deref()))
            .collect();
        Ok((call, query))
    }

    /// The URL the request would go to.
    pub(crate) fn url(&self, client: &Client) -> Result<String> {
        if self.tenants.is_some() {
            return Err(Error::invalid_argument(
                "the request has tenants (cipp_request_set_tenants): each tenant's call has its own \
                 URL; preview it with cipp_client_preview_request",
            ));
        }
        if let RequestKind::Logs {
            severity,
            date_filter,
            start_date,
            end_date,
        } = &self.kind
        {
            return client.logs_url(
                severity.as_deref(),
                date_filter.as_deref(),
                start_date.as_deref(),
                end_date.as_deref(),
            );
        }
        let (call, query) = self.invoke_parts("given a URL")?;
        client.url_for(call.endpoint, &query)
    }

    /// What the request would send, as JSON: one preview object, or for a batch request (with
    /// tenants) an array of them, one per tenant in order.
    pub(crate) fn preview_json(&self, client: &Client) -> Result<String> {
        if let Some(batch) = self.batch_call()? {
            let previews = batch.0.preview(client, &batch.1)?;
            return super::api::to_json(&previews);
        }
        let (call, query) = self.invoke_parts("previewed")?;
        let preview = client.preview(Call {
            query: &query,
            ..call
        })?;
        super::api::to_json(&preview)
    }

    /// The batch this request describes, with its tenants; `None` without tenants.
    fn batch_call(&self) -> Result<Option<(crate::batch::BatchCall, Vec<String>)>> {
        let Some(tenants) = self.tenants.clone() else {
            return Ok(None);
        };
        self.check_endpoint()?;
        let RequestKind::Invoke {
            method,
            endpoint,
            query,
            body,
            content_type,
        } = self.kind.clone()
        else {
            return Err(Error::invalid_argument(
                "a logs request cannot fan out over tenants",
            ));
        };
        let call = crate::batch::BatchCall {
            method,
            endpoint: endpoint.unwrap_or_default(),
            tenant_key: tenants.key,
            tenant_in: tenants.place,
            query,
            body,
            content_type,
        };
        Ok(Some((call, tenants.names)))
    }
}

/// Borrowed query pairs of a request.
type QueryRefs<'a> = Vec<(&'a str, Option<&'a str>)>;

struct InvokeFields<'a> {
    method: &'a mut String,
    endpoint: &'a mut Option<String>,
    query: &'a mut Vec<(String, Option<String>)>,
    body: &'a mut Option<String>,
    content_type: &'a mut Option<String>,
}

/// Borrows a request for changing it.
fn request_mut<'a>(request: *mut CippRequest) -> Result<&'a mut CippRequest> {
    // SAFETY: NULL or a live request used by one thread at a time (documented contract).
    unsafe { request.as_mut() }.ok_or_else(|| null_arg("request"))
}

/// Borrows a request for reading it.
fn request_ref<'a>(request: *const CippRequest) -> Result<&'a CippRequest> {
    // SAFETY: NULL or a live request (documented contract).
    unsafe { request.as_ref() }.ok_or_else(|| null_arg("request"))
}

fn client_arc(client: *const CippClient) -> Result<Arc<Client>> {
    // SAFETY: NULL or a live client (documented contract).
    Ok(unsafe { client.as_ref() }
        .ok_or_else(|| null_arg("client"))?
        .client
        .clone())
}

// ---------------------------------------------------------------------------------------------
// Building requests

/// Creates an empty request: method `GET`, no endpoint (set one before sending), no query, the
/// default body `{}` and content type `application/json`. Free it with `cipp_request_free`.
/// Returns NULL only if memory is exhausted.
#[no_mangle]
pub extern "C" fn cipp_request_new() -> *mut CippRequest {
    catch(|| Box::into_raw(Box::<CippRequest>::default())).unwrap_or(std::ptr::null_mut())
}

/// Creates a `Get-CIPPLogs` request: `GET /api/ListLogs` with `Filter=True`, `DateFilter` (NULL:
/// today's local date as `yyyyMMdd`), `StartDate` and `EndDate` (NULL: sent empty) and `Severity`
/// (NULL: not sent; CIPP accepts a comma-separated list). Dates are `yyyyMMdd`. Its method,
/// endpoint, query and body cannot be changed.
#[no_mangle]
pub extern "C" fn cipp_request_new_logs(
    severity: *const c_char,
    date_filter: *const c_char,
    start_date: *const c_char,
    end_date: *const c_char,
    request_out: *mut *mut CippRequest,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(request_out, "request_out")?;
        let request = CippRequest::logs_from_c(severity, date_filter, start_date, end_date)?;
        *out = Box::into_raw(Box::new(request));
        Ok(())
    })
}

/// Sets the HTTP method (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`, any case; checked when sent).
#[no_mangle]
pub extern "C" fn cipp_request_set_method(
    request: *mut CippRequest,
    method: *const c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let request = request_mut(request)?;
        let method = str_arg(method, "method")?;
        *request.invoke_fields("cipp_request_set_method")?.method = method.to_owned();
        Ok(())
    })
}

/// Sets the endpoint: `/api/Name`, `api/Name` or `Name` (checked when sent).
#[no_mangle]
pub extern "C" fn cipp_request_set_endpoint(
    request: *mut CippRequest,
    endpoint: *const c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let request = request_mut(request)?;
        let endpoint = str_arg(endpoint, "endpoint")?;
        *request.invoke_fields("cipp_request_set_endpoint")?.endpoint = Some(endpoint.to_owned());
        Ok(())
    })
}

/// Appends one query parameter (sent in the order added). `value` NULL sends `key=`.
#[no_mangle]
pub extern "C" fn cipp_request_add_query(
    request: *mut CippRequest,
    key: *const c_char,
    value: *const c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let request = request_mut(request)?;
        let key = str_arg(key, "key")?.to_owned();
        let value = opt_str_arg(value, "value")?.map(str::to_owned);
        let fields = request.invoke_fields("cipp_request_add_query")?;
        if fields.query.len() >= super::MAX_QUERY_PAIRS {
            return Err(Error::invalid_argument(format!(
                "the request already has {} query parameters, the most accepted",
                super::MAX_QUERY_PAIRS
            )));
        }
        fields.query.push((key, value));
        Ok(())
    })
}

/// Sets the body: `len` bytes at `body`, sent exactly as given (embedded NUL bytes included). The
/// bytes must be UTF-8 (`CIPP_STATUS_INVALID_UTF8` otherwise, nothing is changed); the library adds
/// no charset and does not re-encode. `body` NULL (with any `len`) restores the default `{}`.
#[no_mangle]
pub extern "C" fn cipp_request_set_body(
    request: *mut CippRequest,
    body: *const u8,
    len: usize,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let request = request_mut(request)?;
        let text = if body.is_null() {
            None
        } else {
            if len > crate::client::MAX_BODY_BYTES {
                return Err(Error::invalid_argument(format!(
                    "the request body is {len} bytes; at most {} are accepted",
                    crate::client::MAX_BODY_BYTES
                )));
            }
            // SAFETY: `body` points to `len` readable bytes (documented contract).
            let bytes = unsafe { std::slice::from_raw_parts(body, len) };
            let text = std::str::from_utf8(bytes).map_err(|e| {
                Error::new(
                    Status::InvalidUtf8,
                    format!(
                        "argument 'body' is not valid UTF-8 (bad byte at offset {})",
                        e.valid_up_to()
                    ),
                )
            })?;
            Some(text.to_owned())
        };
        *request.invoke_fields("cipp_request_set_body")?.body = text;
        Ok(())
    })
}

/// Sets the `Content-Type` header; NULL restores the default `application/json`.
#[no_mangle]
pub extern "C" fn cipp_request_set_content_type(
    request: *mut CippRequest,
    content_type: *const c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let request = request_mut(request)?;
        let content_type = opt_str_arg(content_type, "content_type")?.map(str::to_owned);
        *request
            .invoke_fields("cipp_request_set_content_type")?
            .content_type = content_type;
        Ok(())
    })
}

/// Makes the request a batch template for `cipp_client_batch_start_request`: the same call for each
/// of `tenant_count` tenants, each tenant's name put under `tenant_key` (e.g. `"tenantFilter"`) into
/// the query (`tenant_in` = `CIPP_TENANT_IN_QUERY`) or the JSON object body (`CIPP_TENANT_IN_BODY`),
/// replacing a parameter of that name. Replaces earlier tenants. Such a request cannot be sent with
/// `cipp_client_send`/`_async`; `cipp_client_preview_request` describes each tenant's call.
#[no_mangle]
pub extern "C" fn cipp_request_set_tenants(
    request: *mut CippRequest,
    tenant_key: *const c_char,
    tenant_in: i32,
    tenants: *const *const c_char,
    tenant_count: usize,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let request = request_mut(request)?;
        let key = str_arg(tenant_key, "tenant_key")?.to_owned();
        let place = super::api::tenant_place(tenant_in)?;
        let names = super::api::tenant_names(tenants, tenant_count)?;
        request.invoke_fields("cipp_request_set_tenants")?;
        request.tenants = Some(Tenants { key, place, names });
        Ok(())
    })
}

/// Starts the request for every tenant of `cipp_request_set_tenants` at once, at most `throttle`
/// (1–256) in flight, on the client's connection pool and token. Returns at once; read outcomes
/// with `cipp_batch_next` and free the batch with `cipp_batch_free`. Read-only mode and the
/// allow-list refuse the whole batch here (`CIPP_STATUS_REFUSED`, nothing sent), as
/// `cipp_client_send` refuses a single call.
#[no_mangle]
pub extern "C" fn cipp_client_batch_start_request(
    client: *const CippClient,
    request: *const CippRequest,
    throttle: u32,
    batch_out: *mut *mut super::CippBatch,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(batch_out, "batch_out")?;
        let client = client_arc(client)?;
        let (call, tenants) = request_ref(request)?.batch_call()?.ok_or_else(|| {
            Error::invalid_argument(
                "the request has no tenants: call cipp_request_set_tenants before starting a batch",
            )
        })?;
        let batch = crate::batch::Batch::start(client, call, tenants, throttle as usize)?;
        *out = Box::into_raw(Box::new(super::CippBatch { batch }));
        Ok(())
    })
}

/// Frees a request. NULL is ignored. Calls already started with it are not affected.
#[no_mangle]
pub extern "C" fn cipp_request_free(request: *mut CippRequest) {
    free_object(request);
}

// ---------------------------------------------------------------------------------------------
// Sending

/// Sends a request and waits for the answer. The request is only read: reuse or free it afterwards.
///
/// On `CIPP_STATUS_OK`, `*response_out` holds the server's answer, whatever its HTTP status:
/// check `cipp_response_status`. A 401 with a cached token is retried once with a fresh token;
/// 429/502/503/504 and connection failures are retried with backoff (GET always; other methods
/// only when nothing was sent or the server answered 429/503 with `Retry-After`), see
/// `cipp_response_trace`. `cipp_client_cancel` from another thread stops the call. Read-only
/// mode and the allow-list refuse it before sending (`CIPP_STATUS_REFUSED`).
#[no_mangle]
pub extern "C" fn cipp_client_send(
    client: *const CippClient,
    request: *const CippRequest,
    response_out: *mut *mut CippResponse,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(response_out, "response_out")?;
        let client = client_arc(client)?;
        let request = request_ref(request)?.clone();
        let response = crate::runtime::block_on(request.send(client))?;
        *out = Box::into_raw(Box::new(CippResponse::from(response)));
        Ok(())
    })
}

/// Describes what `cipp_client_send` would send, without sending anything (for `-WhatIf`): on
/// success `*json_out` is an owned JSON object `{"method","url","headers":[[name,value]…],"body",
/// "warnings":[…],"refused":null|"reason"}` (the Authorization header shows `Bearer [redacted]`);
/// for a request with tenants, an array of such objects, one per tenant in order. Free it with
/// `cipp_string_free`.
#[no_mangle]
pub extern "C" fn cipp_client_preview_request(
    client: *const CippClient,
    request: *const CippRequest,
    json_out: *mut *mut c_char,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(json_out, "json_out")?;
        let client = client_arc(client)?;
        let json = request_ref(request)?.preview_json(&client)?;
        *out = super::objects::c_string(&json).into_raw();
        Ok(())
    })
}

/// Receives the outcome of `cipp_client_send_async`, exactly once, on a library thread (never on
/// the thread that started the call). `status` is `CIPP_STATUS_OK` with `response` set (any HTTP
/// status), or the failure with `error` set; the other pointer is NULL. The callback owns both:
/// free them with `cipp_response_free` / `cipp_error_free` (now or later, on any thread).
/// `user_data` is what was passed to `cipp_client_send_async`. All callbacks run one at a time on
/// one library thread (`cippapi-callback`), never an I/O thread: a slow callback delays the others,
/// so return promptly, and never wait in a callback for another call's callback (it cannot come).
pub type CippCallback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        status: Status,
        response: *mut CippResponse,
        error: *mut CippError,
    ),
>;

/// A call started by `cipp_client_send_async`: cancel it with `cipp_call_cancel`, release the
/// handle with `cipp_call_free`.
pub struct CippCall {
    cancel: tokio::sync::watch::Sender<bool>,
    done: Arc<Done>,
}

/// Set once the callback has returned (or, without a callback, once the outcome is stored).
#[derive(Default)]
struct Done {
    state: std::sync::Mutex<DoneState>,
    cond: std::sync::Condvar,
}

#[derive(Default)]
struct DoneState {
    done: bool,
    /// The outcome of a call started without a callback, until `cipp_call_take` takes it.
    outcome: Option<Result<Response>>,
}

impl Done {
    fn lock(&self) -> std::sync::MutexGuard<'_, DoneState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn finish(&self, outcome: Option<Result<Response>>) {
        let mut state = self.lock();
        state.done = true;
        state.outcome = outcome;
        drop(state);
        self.cond.notify_all();
    }
}

/// The caller's pointer, handed back to the callback on another thread.
struct UserData(*mut c_void);
// SAFETY: the library never dereferences it; the caller promises it may be used from the
// callback's thread (documented contract of cipp_client_send_async).
unsafe impl Send for UserData {}

/// Starts a request and returns at once; the outcome arrives through `callback` (see
/// `cipp_callback`), invoked exactly once on a library thread, possibly before this function
/// returns. No thread is blocked while the call runs, so thousands may be in flight.
///
/// `callback` may be NULL when `call_out` is not: the outcome is then kept in the call, with no
/// hop to the callback thread; wait for it with `cipp_call_wait` and take it with `cipp_call_take`
/// (the way to block on one call and still cancel that call alone from another thread).
///
/// On `CIPP_STATUS_OK`, `*call_out` (when `call_out` is not NULL) is a handle for
/// `cipp_call_cancel`; free it with `cipp_call_free` whenever you like (freeing does not cancel).
/// On any other status nothing was started and the callback will not be invoked. The request is
/// copied: free or change it right away. The call keeps the client alive: `cipp_client_free`
/// does not wait for it, and `cipp_client_cancel` cancels it too.
#[no_mangle]
pub extern "C" fn cipp_client_send_async(
    client: *const CippClient,
    request: *const CippRequest,
    callback: CippCallback,
    user_data: *mut c_void,
    call_out: *mut *mut CippCall,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        // SAFETY: NULL or writable storage (documented contract).
        let call_slot = unsafe { call_out.as_mut() };
        let call_slot = call_slot.map(|slot| {
            *slot = std::ptr::null_mut();
            slot
        });
        let client = client_arc(client)?;
        let request = request_ref(request)?.clone();
        request.check()?;
        if callback.is_none() && call_slot.is_none() {
            return Err(Error::new(
                Status::NullArgument,
                "argument 'callback' is NULL and so is 'call_out': pass a callback, or a call_out \
                 to take the outcome with cipp_call_take",
            ));
        }
        let user_data = UserData(user_data);
        let (cancel, mut cancelled) = tokio::sync::watch::channel(false);
        let done = Arc::new(Done::default());
        if let Some(slot) = call_slot {
            *slot = Box::into_raw(Box::new(CippCall {
                cancel,
                done: done.clone(),
            }));
        }
        crate::runtime::handle().spawn(async move {
            let outcome = tokio::select! {
                biased;
                _ = async {
                    // A freed handle (sender dropped) can no longer cancel: wait forever then.
                    if cancelled.wait_for(|c| *c).await.is_err() {
                        std::future::pending::<()>().await;
                    }
                } => Err(Error::new(
                    Status::Cancelled,
                    "the call was cancelled (cipp_call_cancel) before it completed",
                )),
                r = super::CatchUnwind::new(request.send(client)) => r.and_then(|r| r),
            };
            let Some(callback) = callback else {
                // No callback: the waiting caller takes the outcome from the call.
                done.finish(Some(outcome));
                return;
            };
            deliver(Box::new(move || {
                let user_data = user_data;
                let (status, response, error) = match outcome {
                    Ok(r) => (
                        Status::Ok,
                        Box::into_raw(Box::new(CippResponse::from(r))),
                        std::ptr::null_mut(),
                    ),
                    Err(e) => (
                        e.status(),
                        std::ptr::null_mut(),
                        Box::into_raw(Box::new(CippError::from(e))),
                    ),
                };
                // A panic (or foreign unwind) from the callback must not take the thread down.
                // SAFETY: the caller's callback with the caller's user_data (documented contract).
                let _ = catch(|| unsafe { callback(user_data.0, status, response, error) });
                done.finish(None);
            }));
        });
        Ok(())
    })
}

/// A callback invocation waiting for the callback thread.
type Delivery = Box<dyn FnOnce() + Send>;

/// Hands a callback to the one callback thread (`cippapi-callback`), started on first use in each
/// process: callbacks never run on (and so never stall) the I/O threads, and their thread count stays
/// at one however many calls are in flight. Per process like the runtime: a forked child inherits
/// the parent's queue but not its thread, so it starts its own (see `crate::runtime`).
fn deliver(job: Delivery) {
    struct Queue(std::sync::mpsc::Sender<Delivery>);
    static QUEUE: crate::runtime::PerProcess<Queue> = crate::runtime::PerProcess::new();
    let queue = QUEUE.get(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Delivery>();
        std::thread::Builder::new()
            .name("cippapi-callback".into())
            .spawn(move || {
                for job in rx {
                    let _ = catch(job);
                }
            })
            .expect("cannot start the cippapi callback thread (out of threads?)");
        Queue(tx)
    });
    if let Err(std::sync::mpsc::SendError(job)) = queue.0.send(job) {
        // The thread is gone (it cannot be: jobs catch panics); deliver here rather than never.
        job();
    }
}

/// Cancels a call started by `cipp_client_send_async`, from any thread: its callback gets
/// `CIPP_STATUS_CANCELLED` promptly (unless the outcome was already on its way). Harmless after the
/// call completed. A POST that was already sent may still have been processed by the server.
#[no_mangle]
pub extern "C" fn cipp_call_cancel(call: *const CippCall) -> Status {
    guard(std::ptr::null_mut(), || {
        // SAFETY: NULL or a live call handle (documented contract).
        let call = unsafe { call.as_ref() }.ok_or_else(|| null_arg("call"))?;
        let _ = call.cancel.send(true);
        Ok(())
    })
}

/// Waits up to `wait_ms` milliseconds for the call's callback to have returned: `CIPP_STATUS_OK`
/// once it has (everything the callback wrote is then visible to this thread), `CIPP_STATUS_PENDING`
/// if not yet. For programs without their own thread primitives; never call it from the callback.
#[no_mangle]
pub extern "C" fn cipp_call_wait(call: *const CippCall, wait_ms: u32) -> Status {
    let mut pending = false;
    let status = guard(std::ptr::null_mut(), || {
        // SAFETY: NULL or a live call handle (documented contract).
        let call = unsafe { call.as_ref() }.ok_or_else(|| null_arg("call"))?;
        let state = call.done.lock();
        let (state, _) = call
            .done
            .cond
            .wait_timeout_while(
                state,
                std::time::Duration::from_millis(wait_ms.into()),
                |d| !d.done,
            )
            .unwrap_or_else(|p| p.into_inner());
        pending = !state.done;
        Ok(())
    });
    if pending {
        Status::Pending
    } else {
        status
    }
}

/// Takes the outcome of a call started without a callback, once it has completed (see
/// `cipp_call_wait`): `CIPP_STATUS_OK` with `*response_out` set (any HTTP status; free it with
/// `cipp_response_free`), or the call's failure (`CIPP_STATUS_CANCELLED` after `cipp_call_cancel`,
/// …) in `*error_out`. `CIPP_STATUS_PENDING` while it runs; `CIPP_STATUS_INVALID_ARGUMENT` when
/// there is nothing to take (taken before, or the call has a callback).
#[no_mangle]
pub extern "C" fn cipp_call_take(
    call: *const CippCall,
    response_out: *mut *mut CippResponse,
    error_out: *mut *mut CippError,
) -> Status {
    guard(error_out, || {
        let out = out_slot(response_out, "response_out")?;
        // SAFETY: NULL or a live call handle (documented contract).
        let call = unsafe { call.as_ref() }.ok_or_else(|| null_arg("call"))?;
        let mut state = call.done.lock();
        if !state.done {
            return Err(Error::new(
                Status::Pending,
                "the call has not completed yet: wait for it with cipp_call_wait",
            ));
        }
        let response = state.outcome.take().ok_or_else(|| {
            Error::new(
                Status::InvalidArgument,
                "this call has no outcome to take: it was taken before, or went to the call's callback",
            )
        })??;
        *out = Box::into_raw(Box::new(CippResponse::from(response)));
        Ok(())
    })
}

/// Releases a call handle. The call itself goes on and its callback still runs (use
/// `cipp_call_cancel` first to stop it). NULL is ignored; may be called from the callback.
#[no_mangle]
pub extern "C" fn cipp_call_free(call: *mut CippCall) {
    free_object(call);
}
