//! Fan-out: the same call for many tenants at once, with a throttle, results as they complete.
//!
//! MSP scripts loop over hundreds of tenants; one after another that is hundreds of round trips
//! of latency. Here every tenant's call runs on the shared runtime (one connection pool, one
//! token), at most `throttle` at a time, and each result — success or failure, tagged with its
//! tenant — is handed out the moment it is ready. One failing tenant does not stop the others.

use crate::client::{Call, Client, Preview, Response};
use crate::error::{Error, Result, Status};
use crate::settings::Knob;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, Semaphore};

/// Most tenants in one batch.
pub const MAX_TENANTS: usize = 100_000;
/// Highest throttle accepted.
pub const MAX_THROTTLE: usize = 256;

/// Where each tenant's name goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantIn {
    /// As a query parameter.
    Query,
    /// As a top-level property of the JSON body (which must be an object).
    Body,
}

/// The call to repeat per tenant.
#[derive(Debug, Clone)]
pub struct BatchCall {
    /// HTTP method.
    pub method: String,
    /// Endpoint.
    pub endpoint: String,
    /// Name of the tenant parameter, e.g. `tenantFilter`.
    pub tenant_key: String,
    /// Where the tenant parameter goes.
    pub tenant_in: TenantIn,
    /// Other query parameters.
    pub query: Vec<(String, Option<String>)>,
    /// Body (`None`: `{}`).
    pub body: Option<String>,
    /// Content type (`None`: JSON).
    pub content_type: Option<String>,
}

/// One tenant's outcome.
#[derive(Debug)]
pub struct BatchItem {
    /// The tenant as given.
    pub tenant: String,
    /// Its answer, or why there is none.
    pub result: Result<Response>,
}

/// A running batch. Dropping it cancels what has not finished.
pub struct Batch {
    /// `None` only while dropping.
    running: Option<(
        mpsc::UnboundedReceiver<BatchItem>,
        tokio::task::JoinHandle<()>,
    )>,
    total: usize,
    delivered: usize,
    /// The process that started it: its calls run on that process's runtime.
    pid: u32,
}

/// What [`Batch::next_timeout`] found.
#[derive(Debug)]
pub enum Next {
    /// A tenant's outcome (boxed: an answer is large beside the other variants).
    Item(Box<BatchItem>),
    /// Nothing finished within the wait; ask again.
    Pending,
    /// Every tenant's outcome has been handed out.
    Done,
}

impl Batch {
    /// Starts the calls. Returns at once; results arrive through [`Batch::next_timeout`].
    pub fn start(
        client: Arc<Client>,
        call: BatchCall,
        tenants: Vec<String>,
        throttle: usize,
    ) -> Result<Batch> {
        if tenants.len() > MAX_TENANTS {
            return Err(Error::invalid_argument(format!(
                "{} tenants given; at most {MAX_TENANTS} per batch",
                tenants.len()
            )));
        }
        if !(1..=MAX_THROTTLE).contains(&throttle) {
            return Err(Error::invalid_argument(format!(
                "throttle must be from 1 to {MAX_THROTTLE}, got {throttle}"
            )));
        }
        if call.tenant_key.is_empty() {
            return Err(Error::invalid_argument(
                "the tenant parameter name is empty",
            ));
        }
        call.check_body(&client)?;
        // Check the shared part once, so a bad endpoint fails the batch instead of every item, and
        // read-only mode and the allow-list refuse the whole batch before anything is sent.
        client.url_for(&call.endpoint, &[])?;
        if let Some(first) = tenants.first() {
            client.check_permitted(call.call(&call.for_tenant(first)))?;
        }
        let total = tenants.len();
        let (tx, rx) = mpsc::unbounded_channel();
        let driver =
            crate::runtime::handle().spawn(drive(client, Arc::new(call), tenants, throttle, tx));
        Ok(Batch {
            running: Some((rx, driver)),
            total,
            delivered: 0,
            pid: std::process::id(),
        })
    }

    /// Number of tenants in the batch.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Number of outcomes handed out so far.
    pub fn delivered(&self) -> usize {
        self.delivered
    }

    /// Waits up to `wait` for the next outcome (blocking the calling thread).
    ///
    /// In a process forked after the batch started, fails with [`Status::InvalidArgument`]: its
    /// calls run in the parent, and their outcomes can never reach the child.
    pub fn next_timeout(&mut self, wait: Duration) -> Result<Next> {
        if self.delivered == self.total {
            return Ok(Next::Done);
        }
        self.same_process()?;
        let (rx, _) = self.running.as_mut().expect("only None while dropping");
        let got =
            crate::runtime::block_on_ref(async { tokio::time::timeout(wait, rx.recv()).await });
        Ok(match got {
            Ok(Some(item)) => {
                self.delivered += 1;
                Next::Item(Box::new(item))
            }
            // The driver ended without sending everything: only if it was aborted.
            Ok(None) => Next::Done,
            Err(_) => Next::Pending,
        })
    }

    /// Stops starting new calls and cancels running ones; their outcomes still arrive as
    /// `Cancelled` failures, so every tenant is accounted for. Refused in a forked child (see
    /// [`Batch::next_timeout`]).
    pub fn cancel(&self) -> Result<()> {
        self.same_process()?;
        if let Some((_, driver)) = &self.running {
            driver.abort();
        }
        Ok(())
    }

    fn same_process(&self) -> Result<()> {
        if self.pid == std::process::id() {
            return Ok(());
        }
        Err(Error::new(
            Status::InvalidArgument,
            "this batch was started before fork() in the parent process; its calls run there and \
             their outcomes cannot reach this child process. Start the batch again in the child \
             (and free this one: freeing it in the child is safe).",
        ))
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        let running = self.running.take();
        if self.pid == std::process::id() {
            if let Some((_, driver)) = &running {
                driver.abort();
            }
        } else {
            // A forked child: the task and channel belong to the parent's runtime, whose
            // threads do not exist here; touching them could wait forever on their locks.
            std::mem::forget(running);
        }
    }
}

/// Runs the calls. Each tenant's outcome is sent exactly once: a task claims its slot before
/// sending, and on abort the guard reports every unclaimed tenant as cancelled.
async fn drive(
    client: Arc<Client>,
    call: Arc<BatchCall>,
    tenants: Vec<String>,
    throttle: usize,
    tx: mpsc::UnboundedSender<BatchItem>,
) {
    let claimed: Arc<Vec<AtomicBool>> =
        Arc::new(tenants.iter().map(|_| AtomicBool::new(false)).collect());
    let _guard = CancelGuard {
        tenants: tenants.clone(),
        claimed: claimed.clone(),
        tx: tx.clone(),
    };
    let permits = Arc::new(Semaphore::new(throttle));
    let mut running = tokio::task::JoinSet::new();
    for (i, tenant) in tenants.into_iter().enumerate() {
        let Ok(permit) = permits.clone().acquire_owned().await else {
            break;
        };
        let (client, call, tx, claimed) =
            (client.clone(), call.clone(), tx.clone(), claimed.clone());
        running.spawn(async move {
            let result = one(&client, &call, &tenant).await;
            drop(permit);
            if !claimed[i].swap(true, Ordering::AcqRel) {
                let _ = tx.send(BatchItem { tenant, result });
            }
        });
        // Reap finished tasks as we go so the set stays small.
        while running.try_join_next().is_some() {}
    }
    while running.join_next().await.is_some() {}
}

/// On abort, reports every tenant that never got an outcome as cancelled.
struct CancelGuard {
    tenants: Vec<String>,
    claimed: Arc<Vec<AtomicBool>>,
    tx: mpsc::UnboundedSender<BatchItem>,
}

impl Drop for CancelGuard {
    fn drop(&mut self) {
        for (i, tenant) in self.tenants.drain(..).enumerate() {
            if !self.claimed[i].swap(true, Ordering::AcqRel) {
                let _ = self.tx.send(BatchItem {
                    tenant,
                    result: Err(Error::new(
                        Status::Cancelled,
                        "the batch was cancelled before this tenant's call completed",
                    )),
                });
            }
        }
    }
}

/// One tenant's query and body (the template's, with the tenant put in).
struct TenantParts<'a> {
    query: Vec<(&'a str, Option<&'a str>)>,
    body: Option<String>,
}

impl BatchCall {
    fn for_tenant<'a>(&'a self, tenant: &'a str) -> TenantParts<'a> {
        let mut query: Vec<(&str, Option<&str>)> = self
            .query
            .iter()
            .filter(|(k, _)| {
                !(self.tenant_in == TenantIn::Query && k.eq_ignore_ascii_case(&self.tenant_key))
            })
            .map(|(k, v)| (k.as_str(), v.as_deref()))
            .collect();
        let body = match self.tenant_in {
            TenantIn::Query => {
                query.insert(0, (&self.tenant_key, Some(tenant)));
                self.body.clone()
            }
            TenantIn::Body => {
                let mut value: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(self.body.as_deref().unwrap_or("{}")).unwrap_or_default();
                value.retain(|k, _| !k.eq_ignore_ascii_case(&self.tenant_key));
                value.insert(
                    self.tenant_key.clone(),
                    serde_json::Value::String(tenant.to_owned()),
                );
                Some(serde_json::Value::Object(value).to_string())
            }
        };
        TenantParts { query, body }
    }

    fn call<'a>(&'a self, parts: &'a TenantParts<'a>) -> Call<'a> {
        Call {
            method: &self.method,
            endpoint: &self.endpoint,
            query: &parts.query,
            body: parts.body.as_deref(),
            content_type: self.content_type.as_deref(),
        }
    }

    /// With the tenant in the body, the body must be a JSON object: CIPP reads the tenant from its
    /// top level. Refused (start and preview alike) with the fix in the client's binding terms.
    fn check_body(&self, client: &Client) -> Result<()> {
        if self.tenant_in != TenantIn::Body {
            return Ok(());
        }
        let body = self.body.as_deref().unwrap_or("{}");
        if matches!(
            serde_json::from_str::<serde_json::Value>(body),
            Ok(serde_json::Value::Object(_))
        ) {
            return Ok(());
        }
        Err(Error::with_fix(
            Status::InvalidArgument,
            "to put the tenant in the body, the body must be a JSON object: CIPP reads the tenant \
             from the top level of the body, which a JSON array (or a value) does not have.",
            format!(
                "Pass one object as the body, or put the tenant in the query ({}).",
                client.settings().binding.name(Knob::TenantInQuery)
            ),
        ))
    }

    /// What each tenant's call would send (for `-WhatIf`), in tenant order; nothing is sent.
    pub fn preview(&self, client: &Client, tenants: &[String]) -> Result<Vec<Preview>> {
        self.check_body(client)?;
        tenants
            .iter()
            .map(|t| client.preview(self.call(&self.for_tenant(t))))
            .collect()
    }
}

async fn one(client: &Client, call: &BatchCall, tenant: &str) -> Result<Response> {
    let parts = call.for_tenant(tenant);
    client.invoke(call.call(&parts)).await
}
