//! Concurrency under sanitizers: a C program with 32 threads × 2000 calls through the C ABI,
//! built with AddressSanitizer/LeakSanitizer, against the mock server — no crash, no leak, no
//! failed call, and exactly one token fetch for the token's lifetime. The same load from Rust
//! threads checks the single fetch again without the C layer.

mod common;

use common::{lib_dir, root};
use std::process::Command;

#[test]
fn c_threads_under_address_and_leak_sanitizer() {
    let out = lib_dir().join("stress_asan");
    let lib = lib_dir();
    let status = Command::new("cc")
        .args([
            "-std=c11",
            "-O1",
            "-g",
            "-fsanitize=address",
            "-fno-omit-frame-pointer",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pthread",
        ])
        .arg(format!("-I{}", root().join("include").display()))
        .arg(root().join("tests/c/stress.c"))
        .arg(format!("-L{}", lib.display()))
        .args(["-lcippapi", &format!("-Wl,-rpath,{}", lib.display()), "-o"])
        .arg(&out)
        .status()
        .expect("cc");
    assert!(
        status.success(),
        "compiling tests/c/stress.c with -fsanitize=address failed"
    );
    let m = common::mock();
    let (threads, calls) = ("32", "2000");
    let run = Command::new(&out)
        .args([threads, calls])
        // cargo's LD_LIBRARY_PATH (searched before RUNPATH) may name an older copy.
        .env("LD_LIBRARY_PATH", &lib)
        .env("CIPP_CLIENT_ID", cipp_mock::DEFAULT_CLIENT_ID)
        .env("CIPP_CLIENT_SECRET", cipp_mock::DEFAULT_CLIENT_SECRET)
        .env("CIPP_API_URL", m.http_url())
        .env("CIPP_TENANT_ID", m.tenant_id())
        .env("CIPPAPI_AUTHORITY_HOST", m.http_url())
        .env(
            "ASAN_OPTIONS",
            "detect_leaks=1:halt_on_error=1:abort_on_error=0",
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "stress run failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("ok 64000 0"), "{stdout}");
    assert!(
        !stderr.contains("ERROR: AddressSanitizer") && !stderr.contains("ERROR: LeakSanitizer"),
        "{stderr}"
    );
    assert_eq!(
        common::token_requests(&m),
        1,
        "one token fetch for the whole run"
    );
}

#[test]
fn rust_threads_share_one_token_fetch() {
    let m = common::mock();
    let cl = std::sync::Arc::new(common::mock_client(&m));
    let handles: Vec<_> = (0..32)
        .map(|_| {
            let cl = cl.clone();
            std::thread::spawn(move || {
                for _ in 0..200 {
                    assert_eq!(
                        common::invoke(&cl, "GET", "ListTenants", &[], None)
                            .unwrap()
                            .status,
                        200
                    );
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(common::token_requests(&m), 1);
    assert_eq!(common::recorded(&m, "/api/ListTenants").len(), 6400);
}
