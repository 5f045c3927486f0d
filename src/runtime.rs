//! The hidden async runtime behind the C ABI.
//!
//! One small tokio runtime (the multi-thread scheduler with one I/O worker) serves the whole
//! process: connection pools and the token cache outlive any single call; callers of waiting
//! calls on many threads (PowerShell runspaces, C threads) block on their own futures
//! concurrently, and async calls and batches are spawned on it without blocking anyone. A caller
//! already inside a tokio runtime must not nest `block_on`, so its future is handed to our
//! runtime and awaited from outside.
//!
//! # fork()
//!
//! A forked child has only the thread that called `fork()`: the runtime's worker threads are
//! gone, and its epoll instance is *shared* with the parent, so driving the parent's runtime from
//! the child hangs the child and can crash the parent (events registered by the child arrive in
//! the parent with pointers it never allocated). So per-process state is keyed by the process id:
//! a process whose id differs from the one that built the state builds its own (runtime,
//! connection pools, token cache) and leaks the inherited one — never dropping or joining it,
//! since its threads do not exist here and its file descriptors are the parent's.

use std::future::Future;
use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use tokio::runtime::{Handle, Runtime};

/// The runtime of this process; see [`PerProcess`].
struct ProcessRuntime {
    runtime: Runtime,
}

static RUNTIME: PerProcess<ProcessRuntime> = PerProcess::new();

fn runtime() -> &'static Runtime {
    &RUNTIME
        .get(|| ProcessRuntime {
            // One I/O worker. Waiting calls poll their own futures on the callers' threads, so the
            // worker only runs the connection tasks, the reactor and async calls; a second worker
            // mostly added wake-ups between the two (measured with 8 C threads: 2.8 futex calls
            // and 2.2 context switches per call with two, 2.2 and 1.8 with one; BENCHMARKS.md).
            runtime: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("cippapi-io")
                .enable_all()
                .build()
                .expect("cannot start the cippapi I/O runtime (out of threads or memory?)"),
        })
        .runtime
}

/// A value that belongs to one process: built on first use, and built again (the inherited one
/// leaked) in a forked child. Lock-free, because a lock held by a parent thread at `fork()`
/// would stay held forever in the child.
pub(crate) struct PerProcess<T> {
    current: AtomicPtr<(u32, T)>,
    _owns: std::marker::PhantomData<T>,
    /// The id of the process whose thread is building a value now (0: none). A value found
    /// here from another process is stale: that builder does not exist in this process.
    building: AtomicU32,
}

impl<T> PerProcess<T> {
    /// An empty slot.
    pub(crate) const fn new() -> Self {
        PerProcess {
            current: AtomicPtr::new(std::ptr::null_mut()),
            _owns: std::marker::PhantomData,
            building: AtomicU32::new(0),
        }
    }

    /// A slot already holding this process's `value`.
    pub(crate) fn with(value: T) -> Self {
        let slot = Self::new();
        let fresh = Box::into_raw(Box::new((std::process::id(), value)));
        slot.current.store(fresh, Ordering::Release);
        slot
    }

    /// This process's value, building it with `make` if there is none yet (once per process:
    /// concurrent first callers wait for one build).
    pub(crate) fn get(&self, make: impl FnOnce() -> T) -> &T {
        let pid = std::process::id();
        let mut make = Some(make);
        loop {
            let seen = self.current.load(Ordering::Acquire);
            // SAFETY: a non-null pointer came from Box::into_raw and is freed only by Drop
            // (replaced values are leaked), so it outlives `&self`.
            if let Some((owner, value)) = unsafe { seen.as_ref() } {
                if *owner == pid {
                    return value;
                }
            }
            let builder = self.building.load(Ordering::Acquire);
            if builder == pid {
                std::thread::yield_now();
                continue;
            }
            if self
                .building
                .compare_exchange(builder, pid, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
            {
                continue;
            }
            // Lets waiting threads take over if `make` panics.
            struct Reset<'a>(&'a AtomicU32);
            impl Drop for Reset<'_> {
                fn drop(&mut self) {
                    self.0.store(0, Ordering::Release);
                }
            }
            let _reset = Reset(&self.building);
            // Another thread may have finished a build between our first look and the claim.
            let seen = self.current.load(Ordering::Acquire);
            // SAFETY: as above.
            if let Some((owner, value)) = unsafe { seen.as_ref() } {
                if *owner == pid {
                    return value;
                }
            }
            let make = make.take().expect("built at most once per call");
            let fresh = Box::into_raw(Box::new((pid, make())));
            // The inherited value (if any) is leaked on purpose: see the module docs.
            self.current.store(fresh, Ordering::Release);
            // SAFETY: just stored; freed only by Drop, which needs `&mut self`.
            return unsafe { &(*fresh).1 };
        }
    }
}

impl<T> Drop for PerProcess<T> {
    fn drop(&mut self) {
        let seen = *self.current.get_mut();
        // SAFETY: as in `get`; `&mut self` means no reference into the value is alive.
        if unsafe { seen.as_ref() }.is_some_and(|(owner, _)| *owner == std::process::id()) {
            // Built in this process: an ordinary drop. (An inherited value is leaked.)
            drop(unsafe { Box::from_raw(seen) });
        }
    }
}

impl<T> std::fmt::Debug for PerProcess<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PerProcess(..)")
    }
}

/// Whether the calling process is the one that started the runtime (false in a forked child
/// before it made its first call, or when no call was made yet).
pub fn started_in_this_process() -> bool {
    let seen = RUNTIME.current.load(Ordering::Acquire);
    // SAFETY: as in PerProcess::get.
    unsafe { seen.as_ref() }.is_some_and(|(owner, _)| *owner == std::process::id())
}

/// Runs `future` to completion on the library runtime and returns its output.
pub fn block_on<F>(future: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    if Handle::try_current().is_ok() {
        // Inside someone's runtime: run on ours, wait without blocking-in-place.
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        runtime().spawn(async move {
            let _ = tx.send(future.await);
        });
        rx.recv().expect("the cippapi runtime dropped a task")
    } else {
        // Boxed: a call's future is several kilobytes, and tokio moves it by value a few times
        // on the way in (memcpy showed in the per-call profile).
        runtime().block_on(Box::pin(future))
    }
}

/// Like [`block_on`] for futures that borrow from the caller (not `'static`).
///
/// Only used where the caller is known not to be inside a tokio runtime (the C ABI's batch
/// reader); inside one it panics, which the C boundary reports as `CIPP_STATUS_PANIC`.
pub fn block_on_ref<F: Future>(future: F) -> F::Output {
    runtime().block_on(future)
}

/// A handle to the library runtime, for spawning background work.
pub fn handle() -> &'static Handle {
    runtime().handle()
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
        assert!(super::started_in_this_process());
    }

    #[test]
    fn the_runtime_has_one_io_worker() {
        // One worker keeps the hand-offs of waiting calls down (see `runtime()`); a second one
        // showed up as extra futex wake-ups per call.
        assert_eq!(super::block_on(async { 7 }), 7);
        assert_eq!(super::handle().metrics().num_workers(), 1);
    }
}
