//! Compiles the C example, the README's C snippet and a C++ header check with a real compiler, runs them against
//! the mock server over HTTPS, and checks what it printed.

mod common;

use common::{lib_dir, root};
use std::path::Path;
use std::process::Command;

/// Compiles `source` with strict warnings and links it to the library built for this run.
fn compile(compiler: &str, std: &str, source: &Path, out: &Path) {
    let lib = lib_dir();
    let status = Command::new(compiler)
        .args([std, "-Wall", "-Wextra", "-Werror", "-pedantic"])
        .arg(format!("-I{}", root().join("include").display()))
        .arg(source)
        .arg(format!("-L{}", lib.display()))
        .arg("-lcippapi")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-o")
        .arg(out)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {compiler}: {e} (install a C/C++ compiler)"));
    assert!(
        status.success(),
        "{compiler} {std} failed on {}",
        source.display()
    );
}

#[test]
fn header_compiles_as_cpp17() {
    let out = lib_dir().join("header_cpp_check");
    compile(
        "c++",
        "-std=c++17",
        &root().join("examples/c/header_cpp_check.cpp"),
        &out,
    );
    let run = Command::new(&out)
        .env("LD_LIBRARY_PATH", lib_dir())
        .status()
        .unwrap();
    assert!(run.success());
}

#[test]
fn c_example_runs_against_the_mock_over_https() {
    let out = lib_dir().join("cipp_example");
    compile(
        "cc",
        "-std=c99",
        &root().join("examples/c/cipp_example.c"),
        &out,
    );
    let m = common::mock();
    let run = Command::new(&out)
        // cargo's LD_LIBRARY_PATH (searched before RUNPATH) may name an older copy.
        .env("LD_LIBRARY_PATH", lib_dir())
        .env("CIPP_CLIENT_ID", cipp_mock::DEFAULT_CLIENT_ID)
        .env("CIPP_CLIENT_SECRET", cipp_mock::DEFAULT_CLIENT_SECRET)
        .env("CIPP_API_URL", m.https_url())
        .env("CIPP_TENANT_ID", m.tenant_id())
        .env("CIPPAPI_AUTHORITY_HOST", m.https_url())
        .env("CIPPAPI_CA_FILE", m.ca_pem_path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "example failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for expected in [
        &format!(
            "cippapi {} (ABI {})",
            env!("CARGO_PKG_VERSION"),
            cippapi::version::CIPP_ABI_VERSION
        ) as &str,
        "ListTenants: HTTP 200, application/json",
        "ListLogs: HTTP 200, application/json",
        "bad endpoint failed: invalid_argument (3)",
        "NoSuchEndpoint: HTTP 404",
        "unknown setting failed: invalid_argument (3): unknown setting 'no_such_setting'",
        "would send to https://127.0.0.1:",
        "ExecResetPass: HTTP 200",
        "request object: HTTP 200",
        "async: ok, HTTP 200",
        "NULL arguments failed: null_argument (1): argument 'request' is NULL",
        "panic boundary failed: panic (100): internal error",
        "done",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    assert!(!stdout.contains(cipp_mock::DEFAULT_CLIENT_SECRET));
    // The panic of cipp_selftest_panic stays inside the boundary: nothing on the host's stderr.
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        !stderr.contains("panicked") && stderr.trim().is_empty(),
        "the library wrote to stderr:\n{stderr}"
    );
    let posts = common::recorded(&m, "/api/ExecResetPass");
    assert_eq!(posts.len(), 3);
    assert_eq!(posts[2].body, r#"{"ID":"jdoe@contoso.onmicrosoft.com"}"#);
    let tenants = common::recorded(&m, "/api/ListTenants");
    assert_eq!(
        tenants[0].raw_query,
        "tenantFilter=AllTenants&$select=displayName%2cdefaultDomainName"
    );
    assert_eq!(tenants[0].listener, "https");
}

/// The README's C snippet, as written, inside a `main` that takes the details from the
/// environment (the snippet's placeholder URL becomes `CIPP_API_URL`).
fn readme_snippet_program() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("## C\n\n```c\n")
        .expect("README has a ## C section")
        + 10;
    let len = readme[start..].find("```").expect("the C block ends");
    let snippet = readme[start..start + len]
        .replace("#include \"cippapi.h\"\n", "")
        .replace(
            "\"https://cippxxxxx.azurewebsites.net\"",
            "getenv(\"CIPP_API_URL\")",
        );
    format!(
        "#include <stdio.h>\n#include <stdlib.h>\n#include \"cippapi.h\"\n\
         int main(void) {{\n\
         const char *id = getenv(\"CIPP_CLIENT_ID\"), *secret = getenv(\"CIPP_CLIENT_SECRET\");\n\
         const char *tenant = getenv(\"CIPP_TENANT_ID\");\n{snippet}return 0;\n}}\n"
    )
}

#[test]
fn readme_c_snippet_prints_the_answer_or_the_error_and_frees_both() {
    let source = lib_dir().join("readme_snippet.c");
    std::fs::write(&source, readme_snippet_program()).unwrap();
    let out = lib_dir().join("readme_snippet");
    compile("cc", "-std=c99", &source, &out);
    let m = common::mock();
    let ok = valgrind(&out, &m);
    assert_eq!(ok.code, Some(0), "{}\n{}", ok.stderr, ok.report);
    assert!(ok.report.is_empty(), "valgrind found:\n{}", ok.report);
    assert!(ok.stdout.starts_with("HTTP 200: ["), "{}", ok.stdout);
    // A failing call: the message on stderr, exit code 1, nothing leaked.
    m.push_faults(vec![cipp_mock::Fault::new(
        "token",
        cipp_mock::FaultKind::Status {
            status: 400,
            body: r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}"#.into(),
            content_type: Some("application/json".into()),
            headers: Default::default(),
        },
    )]);
    let failed = valgrind(&out, &m);
    assert_eq!(failed.code, Some(1), "{}\n{}", failed.stdout, failed.report);
    assert!(
        failed.report.is_empty(),
        "valgrind found:\n{}",
        failed.report
    );
    assert!(failed.stderr.contains("AADSTS7000215"), "{}", failed.stderr);
    assert!(failed.stdout.is_empty(), "{}", failed.stdout);
}

/// What a program run under valgrind did.
struct Memcheck {
    /// The program's exit code; 99 when valgrind found an error.
    code: Option<i32>,
    /// Valgrind's report (its `==` lines); empty when clean.
    report: String,
    stdout: String,
    /// The program's own stderr lines.
    stderr: String,
}

/// Runs `exe` under valgrind (memcheck, full leak check) with the shipped suppressions against
/// the mock over HTTPS.
fn valgrind(exe: &Path, m: &cipp_mock::MockServer) -> Memcheck {
    let run = Command::new("valgrind")
        .args(["-q", "--error-exitcode=99", "--leak-check=full"])
        .arg(format!(
            "--suppressions={}",
            root().join("include/cippapi.supp").display()
        ))
        .arg(exe)
        .env("LD_LIBRARY_PATH", lib_dir())
        .env("RUST_BACKTRACE", "0")
        .env("CIPP_CLIENT_ID", cipp_mock::DEFAULT_CLIENT_ID)
        .env("CIPP_CLIENT_SECRET", cipp_mock::DEFAULT_CLIENT_SECRET)
        .env("CIPP_API_URL", m.https_url())
        .env("CIPP_TENANT_ID", m.tenant_id())
        .env("CIPPAPI_AUTHORITY_HOST", m.https_url())
        .env("CIPPAPI_CA_FILE", m.ca_pem_path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run valgrind: {e} (apt-get install valgrind)"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let (report, own): (Vec<&str>, Vec<&str>) = stderr.lines().partition(|l| l.starts_with("=="));
    Memcheck {
        code: run.status.code(),
        report: report.join("\n"),
        stdout: String::from_utf8_lossy(&run.stdout).into_owned(),
        stderr: own.join("\n"),
    }
}

/// `valgrind --error-exitcode=1` of the clean C example passes with `include/cippapi.supp`
/// (one-time global state and ring's AES-GCM assembly are suppressed), and a program that
/// forgets to free a response still fails: the suppressions do not hide real leaks.
#[test]
fn c_example_is_clean_under_valgrind_with_the_suppressions() {
    let out = lib_dir().join("cipp_example_valgrind");
    compile(
        "cc",
        "-std=c99",
        &root().join("examples/c/cipp_example.c"),
        &out,
    );
    let m = common::mock();
    let run = valgrind(&out, &m);
    assert!(
        run.code == Some(0) && run.report.is_empty(),
        "valgrind found:\n{}",
        run.report
    );

    let leaky_c = lib_dir().join("leaky.c");
    std::fs::write(
        &leaky_c,
        "#include \"cippapi.h\"\n#include <stdlib.h>\n\
         int main(void) {\n\
           cipp_response *r = NULL;\n\
           if (cipp_set_details(getenv(\"CIPP_CLIENT_ID\"), getenv(\"CIPP_CLIENT_SECRET\"),\n\
                                getenv(\"CIPP_API_URL\"), getenv(\"CIPP_TENANT_ID\"), NULL)) return 2;\n\
           cipp_request *q = cipp_request_new();\n\
           if (cipp_request_set_endpoint(q, \"ListTenants\", NULL)) return 3;\n\
           if (cipp_invoke(q, &r, NULL)) return 3;\n\
           cipp_request_free(q);\n\
           r = NULL; /* forgot cipp_response_free */\n\
           return 0;\n\
         }\n",
    )
    .unwrap();
    let leaky = lib_dir().join("leaky");
    compile("cc", "-std=c99", &leaky_c, &leaky);
    let run = valgrind(&leaky, &m);
    assert!(
        run.code == Some(99) && run.report.contains("definitely lost"),
        "a forgotten cipp_response_free must fail:\n{}",
        run.report
    );
}
