//! The hidden async runtime behind the synchronous C ABI.
//!
//! One small multi-thread tokio runtime serves the whole process: connection pools and the token
//! cache outlive any single call, and callers on many threads (PowerShell runspaces, C threads)
//! block on their own futures concurrently. A caller already inside a tokio runtime must not nest
//! `block_on`, so its future is handed to our runtime and awaited from outside.

use std::future::Future;
use std::sync::LazyLock;
use tokio::runtime::{Handle, Runtime};

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("cippapi-io")
        .enable_all()
        .build()
        .expect("cannot start the cippapi I/O runtime (out of threads or memory?)")
});

/// Runs `future` to completion on the library runtime and returns its output.
pub fn block_on<F>(future: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    if Handle::try_current().is_ok() {
        // Inside someone's runtime: run on ours, wait without blocking-in-place.
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        RUNTIME.spawn(async move {
            let _ = tx.send(future.await);
        });
        rx.recv().expect("the cippapi runtime dropped a task")
    } else {
        RUNTIME.block_on(future)
    }
}

/// Like [`block_on`] for futures that borrow from the caller (not `'static`).
///
/// Only used where the caller is known not to be inside a tokio runtime (the C ABI's batch
/// reader); inside one it panics, which the C boundary reports as `CIPP_STATUS_PANIC`.
pub fn block_on_ref<F: Future>(future: F) -> F::Output {
    RUNTIME.block_on(future)
}

/// A handle to the library runtime, for spawning background work.
pub fn handle() -> &'static Handle {
    RUNTIME.handle()
}

#[cfg(test)]
mod tests {
    #[test]
    fn works_from_plain_threads_and_from_inside_another_runtime() {
        assert_eq!(super::block_on(async { 1 + 1 }), 2);
        let other = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let v = other.block_on(async { super::block_on(async { 40 + 2 }) });
        assert_eq!(v, 42);
    }
}
