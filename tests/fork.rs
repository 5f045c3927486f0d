//! fork() after use (pre-fork servers, Python multiprocessing): a C program calls, forks, and
//! calls in the child and the parent concurrently, ten rounds, every wait bounded. Before the
//! per-process runtime the child hung (its timeout never fired) and the parent sometimes died
//! with SIGSEGV on a `cippapi-io` thread. Over HTTP and HTTPS.
//!
//! Not under AddressSanitizer: GCC 12's libasan does not lock its allocator around fork(), so a
//! child forked while another thread is inside malloc deadlocks in ASan itself (seen in about 1
//! run in 30: the child's main thread waits in `__sanitizer::SizeClassAllocator64::
//! GetFromAllocator`, with its own new runtime threads already running). glibc's malloc is
//! fork-safe, which is what a real program uses.

mod common;

use common::{lib_dir, root};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn build(name: &str) -> std::path::PathBuf {
    let out = lib_dir().join(name);
    let lib = lib_dir();
    let status = Command::new("cc")
        .args(["-std=c11", "-O1", "-g", "-Wall", "-Wextra", "-Werror"])
        .arg(format!("-I{}", root().join("include").display()))
        .arg(root().join("tests/c/fork.c"))
        .arg(format!("-L{}", lib.display()))
        .args(["-lcippapi", &format!("-Wl,-rpath,{}", lib.display()), "-o"])
        .arg(&out)
        .status()
        .expect("cc");
    assert!(status.success(), "compiling tests/c/fork.c failed");
    out
}

fn run(exe: &std::path::Path, rounds: &str, https: bool) {
    let m = common::mock();
    let base = if https { m.https_url() } else { m.http_url() };
    let mut child = Command::new(exe)
        .arg(rounds)
        .env("LD_LIBRARY_PATH", lib_dir())
        .env("CIPP_CLIENT_ID", cipp_mock::DEFAULT_CLIENT_ID)
        .env("CIPP_CLIENT_SECRET", cipp_mock::DEFAULT_CLIENT_SECRET)
        .env("CIPP_API_URL", &base)
        .env("CIPP_TENANT_ID", m.tenant_id())
        .env("CIPPAPI_AUTHORITY_HOST", &base)
        .env("CIPPAPI_CA_FILE", m.ca_pem_path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(240);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the fork program did not finish within 240 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains(&format!("ok {rounds} 0")),
        "fork run failed ({:?}):\n{stdout}\n{stderr}",
        out.status
    );
    // Every child made its own calls (3 per round, one async) besides the parent's 5 per round.
    let rounds: usize = rounds.parse().unwrap();
    assert_eq!(common::recorded(&m, "/api/ListTenants").len(), rounds * 8);
}

#[test]
fn a_forked_child_calls_while_the_parent_calls_too() {
    let exe = build("fork_c");
    run(&exe, "10", false);
    run(&exe, "5", true);
}
