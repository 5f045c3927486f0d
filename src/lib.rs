//! # cippapi — a native client for the CIPP API
//!
//! CIPP (CyberDrain Improved Partner Portal) exposes an HTTP API at `{CIPPAPIUrl}/api/{Endpoint}`,
//! protected by Entra ID tokens obtained with the OAuth2 client-credentials grant. This crate is the
//! core of the `CIPPAPIModule` PowerShell module and is usable from C and C# through a small C ABI
//! (see [`ffi`] and `include/cippapi.h`): a request object sent by a call that waits
//! (`cipp_client_send`), asynchronously with a completion callback and per-call cancellation
//! (`cipp_client_send_async`), or fanned out over tenants (`cipp_client_batch_start_request`).
//!
//! Layout, one concern per module:
//! - [`advice`]: cause and fix for the HTTP answers that stop first-time users;
//! - [`catalog`]: the endpoint catalog derived from the server's OpenAPI spec;
//! - [`settings`]: what a client is configured with, validated once;
//! - [`secret`]: a string that is wiped on drop and never printed;
//! - [`request`]: URL, endpoint and query-string building (the community module's wire rules);
//! - [`token`]: the process-wide token cache (single fetch, early refresh);
//! - [`retry`]: which failures are retried, and the backoff;
//! - [`client`]: sending requests and reading responses;
//! - [`batch`]: the same call for many tenants concurrently, results as they complete;
//! - [`doctor`]: the step-by-step connection diagnosis;
//! - [`runtime`]: the hidden per-process tokio runtime behind every C ABI call, waiting or async;
//! - [`error`]: the stable status codes and error values;
//! - [`ffi`]: the `extern "C"` surface.
#![warn(missing_docs)]

pub mod advice;
pub mod batch;
pub mod catalog;
pub mod client;
pub mod doctor;
pub mod error;
pub mod ffi;
pub mod fuzzing;
pub mod request;
pub mod retry;
pub mod runtime;
pub mod secret;
pub mod settings;
pub mod token;
pub mod version;

pub use client::{Client, Response};
pub use error::{Error, Status};
pub use settings::Settings;
