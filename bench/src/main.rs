//! `cargo run --release -p cipp-bench -- [abi|powershell|all] [--runs N]`, and the round 2 set
//! `cipp-bench [round2|calls|import|profile|variants|scale|list|fanout][,...] [--runs N]` (issue 14).
//!
//! `abi` alone is the C ABI row; with `CIPP_BENCH_ABI_COMPARE=DIR` it also times the
//! `libcippapi.so` in DIR (e.g. a copy of an earlier build) in the same runs. `cipp-bench raw
//! [CALLS]` runs only the raw reqwest baseline against the server named by `CIPP_API_URL`,
//! `CIPP_TENANT_ID` and `CIPPAPI_CA_FILE`, in a process of its own like the C program (profiling).
//!
//! Runs each benchmark against the mock server on loopback (HTTPS with its test CA, release
//! builds), repeats it, and prints medians and ratios against a baseline measured in the same
//! run. Results go to stdout and `target/bench-results.md` (round 2: `target/bench-round2.md`).

mod round2;

use cipp_mock::{MockOptions, MockServer};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Environment that points the library (and the C/PowerShell programs) at the mock.
fn mock_env(m: &MockServer) -> Vec<(&'static str, String)> {
    vec![
        ("CIPP_CLIENT_ID", cipp_mock::DEFAULT_CLIENT_ID.into()),
        (
            "CIPP_CLIENT_SECRET",
            cipp_mock::DEFAULT_CLIENT_SECRET.into(),
        ),
        ("CIPP_API_URL", m.https_url()),
        ("CIPP_TENANT_ID", m.tenant_id().into()),
        ("CIPPAPI_AUTHORITY_HOST", m.https_url()),
        ("CIPPAPI_CA_FILE", m.ca_pem_path().display().to_string()),
    ]
}

/// The practical limit: a plain reqwest client, `tasks` concurrent loops of `calls` GETs.
fn raw_reqwest(m: &MockServer, tasks: usize, calls: usize) -> f64 {
    raw_reqwest_at(&m.https_url(), m.tenant_id(), m.ca_pem_path(), tasks, calls)
}

/// [`raw_reqwest`] against a server given by its URL, tenant and CA file (`cipp-bench raw`
/// reads them from `CIPP_API_URL`, `CIPP_TENANT_ID` and `CIPPAPI_CA_FILE`, to profile the
/// baseline in a process of its own, like the C program).
fn raw_reqwest_at(base: &str, tenant: &str, ca: &Path, tasks: usize, calls: usize) -> f64 {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let ca = reqwest::Certificate::from_pem(&std::fs::read(ca).unwrap()).unwrap();
        let http = reqwest::Client::builder().use_rustls_tls().add_root_certificate(ca).tcp_nodelay(true).build().unwrap();
        let form = format!(
            "grant_type=client_credentials&client_id={id}&client_secret={s}&scope=api%3a%2f%2f{id}%2f.default",
            id = cipp_mock::DEFAULT_CLIENT_ID,
            s = cipp_mock::DEFAULT_CLIENT_SECRET
        );
        let token: serde_json::Value = http
            .post(MockServer::token_url(base, tenant))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = token["access_token"].as_str().unwrap().to_owned();
        let url = format!("{base}/api/ListApiTest");
        let one = |http: reqwest::Client, url: String, token: String| async move {
            let r = http.get(&url).bearer_auth(&token).header("content-type", "application/json").body("{}").send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.bytes().await.unwrap();
        };
        for _ in 0..20 {
            one(http.clone(), url.clone(), token.clone()).await;
        }
        let started = Instant::now();
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..tasks {
            let (http, url, token) = (http.clone(), url.clone(), token.clone());
            set.spawn(async move {
                for _ in 0..calls {
                    one(http.clone(), url.clone(), token.clone()).await;
                }
            });
        }
        while set.join_next().await.is_some() {}
        (tasks * calls) as f64 / started.elapsed().as_secs_f64()
    })
}

fn build_c_bench() -> PathBuf {
    let lib = root().join("target/release");
    let out = lib.join("abi_threads");
    let status = Command::new("cc")
        .args(["-O2", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pthread"])
        .arg(format!("-I{}", root().join("include").display()))
        .arg(root().join("bench/c/abi_threads.c"))
        .arg(format!("-L{}", lib.display()))
        .args(["-lcippapi", &format!("-Wl,-rpath,{}", lib.display()), "-o"])
        .arg(&out)
        .status()
        .expect("cc");
    assert!(
        status.success(),
        "compiling bench/c/abi_threads.c failed (run `cargo build --release` first)"
    );
    out
}

/// `lib_dir`: run against the `libcippapi.so` in that directory instead of target/release (the
/// program's RUNPATH yields to `LD_LIBRARY_PATH`), to compare two builds in the same runs.
fn c_abi(m: &MockServer, exe: &Path, threads: usize, calls: usize, lib_dir: Option<&Path>) -> f64 {
    let mut cmd = Command::new(exe);
    cmd.args([threads.to_string(), calls.to_string()])
        .envs(mock_env(m));
    if let Some(dir) = lib_dir {
        cmd.env("LD_LIBRARY_PATH", dir);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap()
}

/// Runs a PowerShell benchmark script that prints one JSON object of named seconds/bytes.
fn powershell(m: &MockServer, script: &str, extra: &[(&str, String)]) -> serde_json::Value {
    powershell_with(Some(m), script, extra, &[])
}

/// [`powershell`] with the mock optional and some variables removed from the child's environment.
fn powershell_with(
    m: Option<&MockServer>,
    script: &str,
    extra: &[(&str, String)],
    remove: &[&str],
) -> serde_json::Value {
    let pwsh = std::env::var("PWSH").unwrap_or_else(|_| "pwsh".into());
    let mut cmd = Command::new(&pwsh);
    cmd.args(["-NoProfile", "-NonInteractive", "-File"])
        .arg(root().join("bench/ps").join(script));
    if let Some(m) = m {
        cmd.envs(mock_env(m))
            // .NET on Linux reads its trusted roots from OpenSSL's locations: the baseline validates the
            // mock's certificate like a real one instead of skipping the check.
            .env("SSL_CERT_FILE", m.ca_pem_path());
    }
    cmd.envs(extra.iter().map(|(k, v)| (*k, v.clone())))
        .env(
            "CIPPAPI_NATIVE_PATH",
            root().join("target/release/libcippapi.so"),
        )
        .env("CIPPAPI_CACHE_DIR", root().join("target/pwsh-cache"));
    for k in remove {
        cmd.env_remove(k);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {pwsh}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .expect("a JSON result line");
    serde_json::from_str(line).unwrap()
}

struct Row {
    name: String,
    ours: String,
    baseline: String,
    ratio: String,
    target: String,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map(String::as_str).unwrap_or("all");
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    if which == "round2" || which.split(',').all(|w| round2::SECTIONS.contains(&w)) {
        round2::run(which, runs);
        return;
    }
    if which == "raw" {
        let env = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set"));
        let calls = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(500);
        let rate = raw_reqwest_at(
            &env("CIPP_API_URL"),
            &env("CIPP_TENANT_ID"),
            Path::new(&env("CIPPAPI_CA_FILE")),
            8,
            calls,
        );
        println!("calls_per_sec {rate:.1}");
        return;
    }
    let mut rows = Vec::new();

    if which == "abi" || which == "all" {
        let exe = build_c_bench();
        // CIPP_BENCH_ABI_COMPARE=DIR also times the library in DIR (e.g. a copy of an earlier
        // build) in the same runs, interleaved, so two builds see the same load.
        let other = std::env::var_os("CIPP_BENCH_ABI_COMPARE").map(PathBuf::from);
        let (mut ours, mut base, mut theirs) = (Vec::new(), Vec::new(), Vec::new());
        for run in 0..runs {
            let m = MockServer::start(MockOptions::default()).unwrap();
            // Alternate the order so neither path always runs first after the mock starts.
            let mut step = |k: usize| match k {
                0 => ours.push(c_abi(&m, &exe, 8, 500, None)),
                1 => base.push(raw_reqwest(&m, 8, 500)),
                _ => theirs.push(c_abi(&m, &exe, 8, 500, other.as_deref())),
            };
            let order: &[usize] = match (other.is_some(), run % 2) {
                (false, 0) => &[0, 1],
                (false, _) => &[1, 0],
                (true, 0) => &[0, 1, 2],
                (true, _) => &[2, 1, 0],
            };
            for &k in order {
                step(k);
            }
            let (o, b) = (ours[run], base[run]);
            match theirs.get(run) {
                Some(t) => eprintln!(
                    "run {}: C ABI {o:.0}/s, raw reqwest {b:.0}/s, ratio {:.2}; compared build {t:.0}/s, ratio {:.2}",
                    run + 1,
                    o / b,
                    t / b
                ),
                None => eprintln!(
                    "run {}: C ABI {o:.0}/s, raw reqwest {b:.0}/s, ratio {:.2}",
                    run + 1,
                    o / b
                ),
            }
        }
        let ratios: Vec<f64> = ours.iter().zip(&base).map(|(o, b)| o / b).collect();
        let (lo, hi) = ratios
            .iter()
            .fold((f64::MAX, f64::MIN), |(l, h), r| (l.min(*r), h.max(*r)));
        if !theirs.is_empty() {
            let r: Vec<f64> = theirs.iter().zip(&base).map(|(t, b)| t / b).collect();
            eprintln!(
                "compared build ({}): median {:.0}/s, median per-run ratio {:.2}",
                other.as_deref().unwrap().display(),
                median(theirs.clone()),
                median(r)
            );
        }
        let (o, b) = (median(ours), median(base));
        rows.push(Row {
            name: "C ABI, 8 threads × 500 GETs (HTTPS), calls/s".into(),
            ours: format!("{o:.0}"),
            baseline: format!("{b:.0} (raw reqwest, 8 tasks)"),
            ratio: format!(
                "{:.2}× (median per-run ratio {:.2}×, range {lo:.2}–{hi:.2})",
                o / b,
                median(ratios.clone())
            ),
            target: "≥ 0.8×".into(),
        });
    }

    if which == "powershell" || which == "all" {
        let m = MockServer::start(MockOptions::default()).unwrap();
        let mut per_call = (Vec::new(), Vec::new());
        let mut import = Vec::new();
        for _ in 0..runs {
            let r = powershell(&m, "per-call.ps1", &[("BENCH_CALLS", "500".into())]);
            per_call.0.push(r["module_s"].as_f64().unwrap());
            per_call.1.push(r["baseline_s"].as_f64().unwrap());
            import.push(
                powershell(&m, "import.ps1", &[])["import_ms"]
                    .as_f64()
                    .unwrap(),
            );
        }
        let (o, b) = (median(per_call.0), median(per_call.1));
        rows.push(Row {
            name: "500 sequential small GETs (HTTPS, cached token), s".into(),
            ours: format!("{o:.2}"),
            baseline: format!("{b:.2} (Invoke-RestMethod, community-style)"),
            ratio: format!("{:.1}× faster", b / o),
            target: "≥ 3×".into(),
        });
        rows.push(Row {
            name: "Import-Module in a fresh pwsh, ms".into(),
            ours: format!("{:.0}", median(import)),
            baseline: "—".into(),
            ratio: "—".into(),
            target: "< 1000 ms".into(),
        });

        m.set_config(serde_json::json!({"latency_ms": 100, "tenant_count": 200}));
        let mut fan = (Vec::new(), Vec::new());
        for _ in 0..runs.min(3) {
            let r = powershell(
                &m,
                "fan-out.ps1",
                &[
                    ("BENCH_TENANTS", "200".into()),
                    ("BENCH_THROTTLE", "16".into()),
                ],
            );
            fan.0.push(r["fanout_s"].as_f64().unwrap());
            fan.1.push(r["sequential_s"].as_f64().unwrap());
        }
        m.set_config(serde_json::json!({"latency_ms": 0}));
        let (o, b) = (median(fan.0), median(fan.1));
        let limit = 200.0 * 0.1 / 16.0;
        rows.push(Row {
            name: "fan-out: 200 tenants × 1 call, 100 ms latency, throttle 16, s".into(),
            ours: format!("{o:.2}"),
            baseline: format!("{b:.2} (sequential module loop)"),
            ratio: format!(
                "{:.1}× faster; {:.2}× the limit {limit:.2} s",
                b / o,
                o / limit
            ),
            target: "≥ 10×; within 1.3× of the limit".into(),
        });

        m.set_config(serde_json::json!({"log_rows_per_day": 50000}));
        let (mut module, mut baseline) = (Vec::new(), Vec::new());
        for _ in 0..runs.min(3) {
            module.push(powershell(
                &m,
                "large.ps1",
                &[("BENCH_MODE", "module".into())],
            ));
            baseline.push(powershell(
                &m,
                "large.ps1",
                &[("BENCH_MODE", "baseline".into())],
            ));
        }
        let pick = |v: &[serde_json::Value], k: &str| {
            median(v.iter().map(|r| r[k].as_f64().unwrap()).collect())
        };
        let (ms, mr, bs, br) = (
            pick(&module, "s"),
            pick(&module, "rss_mb"),
            pick(&baseline, "s"),
            pick(&baseline, "rss_mb"),
        );
        rows.push(Row {
            name: format!(
                "ListLogs, {:.0} rows (~{:.0} MB JSON): wall s / peak RSS MB",
                pick(&module, "rows"),
                pick(&module, "bytes") / 1e6
            ),
            ours: format!("{ms:.2} s / {mr:.0} MB"),
            baseline: format!("{bs:.2} s / {br:.0} MB (Invoke-RestMethod)"),
            ratio: format!("{:.2}× time, {:.2}× memory", ms / bs, mr / br),
            target: "peak RSS a small multiple of the payload".into(),
        });
    }

    let mut table = format!("Medians of {runs} runs (fan-out and large payload: {}).\n\n| benchmark | ours | baseline | ratio | target |\n|---|---|---|---|---|\n", runs.min(3));
    for r in &rows {
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            r.name, r.ours, r.baseline, r.ratio, r.target
        ));
    }
    println!("{table}");
    let _ = std::fs::write(root().join("target/bench-results.md"), &table);
}
