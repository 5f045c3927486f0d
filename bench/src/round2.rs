//! Round 2 of the benchmarks (issue 14): the module against a hand-written HttpClient loop and a
//! community-shaped import baseline, how cost grows with work, and a profile of the import.
//! Every section prints a Markdown table; all of them go to `target/bench-round2.md`.

use crate::{median, powershell, powershell_with, root};
use cipp_mock::{MockOptions, MockServer};
use serde_json::{json, Value};
use std::process::Command;

/// The sections `cipp-bench` accepts on their own; `round2` runs them all in this order.
/// `cipp-bench import,profile` runs several.
pub const SECTIONS: &[&str] = &[
    "calls",
    "callprofile",
    "import",
    "profile",
    "variants",
    "scale",
    "list",
    "fanout",
];

/// Rows of `GET /api/ListLogs?{query}` (today, filtered mode), counted with a plain reqwest client.
fn count_logs(m: &MockServer, query: &str) -> usize {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let ca = reqwest::Certificate::from_pem(&std::fs::read(m.ca_pem_path()).unwrap()).unwrap();
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .add_root_certificate(ca)
            .build()
            .unwrap();
        // The same form as the C ABI baseline's (the demo client's id and secret are URL-safe).
        let body = format!(
            "grant_type=client_credentials&client_id={id}&client_secret={s}&scope=api%3a%2f%2f{id}%2f.default",
            id = cipp_mock::DEFAULT_CLIENT_ID,
            s = cipp_mock::DEFAULT_CLIENT_SECRET
        );
        let token: Value = http
            .post(MockServer::token_url(&m.https_url(), m.tenant_id()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let rows: Vec<Value> = http
            .get(format!("{}/api/ListLogs?{query}", m.https_url()))
            .bearer_auth(token["access_token"].as_str().unwrap())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        rows.len()
    })
}

/// Configures the mock's `log_rows_per_day` so that today's `ListLogs?{query}` answers exactly
/// `target` rows. A row's severity does not depend on the day's row count, so the count grows by
/// at most one per extra row a day: a binary search finds the smallest setting that reaches it.
fn size_logs(m: &MockServer, query: &str, target: usize) -> u32 {
    let count = |n: u32| {
        m.set_config(json!({ "log_rows_per_day": n }));
        count_logs(m, query)
    };
    let (mut lo, mut hi) = (1u32, (target as u32) * 20 + 50);
    assert!(
        count(hi) >= target,
        "the mock cannot give {target} rows for {query}"
    );
    while lo < hi {
        let mid = (lo + hi) / 2;
        if count(mid) >= target {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    assert_eq!(
        count(lo),
        target,
        "{query}: no setting gives exactly {target} rows"
    );
    lo
}

fn f(v: &Value, k: &str) -> f64 {
    v[k].as_f64()
        .unwrap_or_else(|| panic!("no number {k} in {v}"))
}

fn pwsh_path() -> String {
    std::env::var("PWSH").unwrap_or_else(|_| "pwsh".into())
}

/// The installable module, assembled by `scripts/package.ps1` into `target/bench-import/package`
/// from this tree's release build. Returns the module folder.
fn package() -> String {
    let out = Command::new(pwsh_path())
        .args(["-NoProfile", "-NonInteractive", "-File"])
        .arg(root().join("scripts/package.ps1"))
        .args([
            "-SkipNativeBuild",
            "-Runtimes",
            "/nonexistent",
            "-OutputRoot",
        ])
        .arg(root().join("target/bench-import/package"))
        .output()
        .expect("pwsh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "scripts/package.ps1 failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.lines().last().unwrap().trim().to_string()
}

/// The community-shaped baseline manifest, generated from our commands by `bench/ps/community-shape.ps1`.
fn community_shape() -> String {
    let out = Command::new(pwsh_path())
        .args(["-NoProfile", "-NonInteractive", "-File"])
        .arg(root().join("bench/ps/community-shape.ps1"))
        .arg("-OutDir")
        .arg(root().join("target/bench-import/community"))
        .output()
        .expect("pwsh");
    assert!(
        out.status.success(),
        "community-shape.ps1 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_string()
}

fn calls(m: &MockServer, runs: usize, out: &mut String) {
    out.push_str(
        "### Calls: `Get-CIPPLogs -Severity Error` against a hand-written HttpClient loop\n\n",
    );
    out.push_str(&format!("500 sequential calls per path and run, both in the same pwsh, interleaved in chunks of 50, {runs} runs (a fresh pwsh each); the ratio is the median of the per-run ratios ours / baseline (lower is better).\n\n"));
    out.push_str("| answer | ours, s (median) | HttpClient loop, s (median) | ours / baseline | per-run ratios | target |\n|---|---|---|---|---|---|\n");
    for (rows, target) in [(1usize, "≈ 1×"), (200, "≈ 0.7×")] {
        let setting = size_logs(m, "Filter=True&Severity=error", rows);
        let (mut o, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let v = powershell(
                m,
                "calls.ps1",
                &[
                    ("BENCH_CALLS", "500".into()),
                    ("BENCH_ROWS", rows.to_string()),
                ],
            );
            o.push(f(&v, "module_s"));
            b.push(f(&v, "baseline_s"));
            r.push(f(&v, "module_s") / f(&v, "baseline_s"));
        }
        let list = r
            .iter()
            .map(|x| format!("{x:.2}"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "| {rows} row(s) (log_rows_per_day = {setting}) | {:.2} | {:.2} | **{:.2}×** | {list} | {target} |\n",
            median(o),
            median(b),
            median(r)
        ));
    }
    out.push('\n');
}

/// The layers of one small `Get-CIPPLogs` call (`bench/ps/call-profile.ps1`), medians of `runs` processes.
fn call_profile(m: &MockServer, runs: usize, out: &mut String) {
    size_logs(m, "Filter=True&Severity=error", 1);
    let v: Vec<Value> = (0..runs)
        .map(|_| powershell(m, "call-profile.ps1", &[("BENCH_CALLS", "500".into())]))
        .collect();
    out.push_str(
        "### Per-call profile: the layers of one `Get-CIPPLogs -Severity Error` (1-row answer)\n\n",
    );
    out.push_str(&format!("`bench/ps/call-profile.ps1`: 500 calls per layer after 200 warm-up calls, interleaved in chunks of 50, each call through `& {{ }}` (same overhead for every row); medians of {runs} processes, ms per call.\n\n| layer | ms/call |\n|---|---|\n"));
    // Every layer the script timed (in serde_json's key order: alphabetical).
    let layers: Vec<String> = v[0]
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    for k in layers.iter().map(String::as_str) {
        out.push_str(&format!(
            "| {k} | {:.3} |\n",
            median(v.iter().map(|r| f(r, k)).collect())
        ));
    }
    out.push('\n');
}

fn import(runs: usize, out: &mut String) -> String {
    let pkg = package();
    let community = community_shape();
    let ours_psd1 = format!("{pkg}/CIPPAPIModule.psd1");
    // The package finds its native library under runtimes/ and its binding in bin/, as installed.
    let remove = ["CIPPAPI_NATIVE_PATH", "CIPPAPI_CACHE_DIR"];
    // One warm-up import of each: the first start of pwsh after a build reads cold files.
    for m in [&ours_psd1, &community] {
        powershell_with(None, "import.ps1", &[("BENCH_MODULE", m.clone())], &remove);
    }
    let (mut o, mut b, mut r, mut n) = (Vec::new(), Vec::new(), Vec::new(), (0.0, 0.0));
    for _ in 0..runs {
        let vo = powershell_with(
            None,
            "import.ps1",
            &[("BENCH_MODULE", ours_psd1.clone())],
            &remove,
        );
        let vb = powershell_with(
            None,
            "import.ps1",
            &[("BENCH_MODULE", community.clone())],
            &remove,
        );
        o.push(f(&vo, "import_ms"));
        b.push(f(&vb, "import_ms"));
        r.push(f(&vo, "import_ms") / f(&vb, "import_ms"));
        n = (f(&vo, "commands"), f(&vb, "commands"));
    }
    let list = r
        .iter()
        .map(|x| format!("{x:.2}"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push_str("### Import: the packaged module against the community shape\n\n");
    out.push_str(&format!("`Import-Module` in a fresh pwsh, in-process Stopwatch, {runs} runs alternating the two (after one untimed import of each).\n\n"));
    out.push_str("| ours (`scripts/package.ps1` output), ms | community shape (one .psm1, 289 functions), ms | ours / baseline | per-run ratios | commands (ours / baseline) | target |\n|---|---|---|---|---|---|\n");
    out.push_str(&format!(
        "| {:.0} | {:.0} | **{:.2}×** | {list} | {} / {} | ≤ 0.5× |\n\n",
        median(o),
        median(b),
        median(r),
        n.0,
        n.1
    ));
    pkg
}

/// Prepares an instrumented copy of the package (`import-profile.ps1 -Prepare`) in `target/bench-import/{dir}`
/// and returns its manifest.
fn profile_copy(pkg: &str, dir: &str, extra: &[(&str, String)]) -> String {
    let out = Command::new(pwsh_path())
        .args(["-NoProfile", "-NonInteractive", "-File"])
        .arg(root().join("bench/ps/import-profile.ps1"))
        .arg("-Prepare")
        .env("BENCH_MODULE_DIR", pkg)
        .env(
            "BENCH_PROFILE_DIR",
            root().join("target/bench-import").join(dir),
        )
        .envs(extra.iter().map(|(k, v)| (*k, v.clone())))
        .output()
        .expect("pwsh");
    assert!(
        out.status.success(),
        "import-profile.ps1 -Prepare failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_string()
}

fn profile(pkg: &str, runs: usize, out: &mut String) {
    let remove = ["CIPPAPI_NATIVE_PATH", "CIPPAPI_CACHE_DIR"];
    let plain = profile_copy(pkg, "profile", &[]);
    let no_format = profile_copy(pkg, "profile-noformat", &[("BENCH_NO_FORMAT", "1".into())]);
    let mut columns: Vec<(String, Vec<Value>)> = Vec::new();
    for (label, manifest, warm) in [
        ("cold (as a user pays it)", &plain, "0"),
        ("engine warmed first", &plain, "1"),
        ("cold, no FormatsToProcess", &no_format, "0"),
    ] {
        let e = [
            ("BENCH_PROFILE_MANIFEST", manifest.clone()),
            ("BENCH_WARM", warm.to_string()),
        ];
        // One untimed import first: the first start after preparing reads cold files.
        powershell_with(None, "import-profile.ps1", &e, &remove);
        let v = (0..runs)
            .map(|_| powershell_with(None, "import-profile.ps1", &e, &remove))
            .collect();
        columns.push((label.to_string(), v));
    }
    out.push_str("### Import profile: where `Import-Module` of the package goes\n\n");
    out.push_str(&format!("`bench/ps/import-profile.ps1`: a copy of the package with timing marks in its loader (prepared in another process), imported in a fresh pwsh with nothing run before it; medians of {runs} runs per column (after one untimed import), ms. Each step is the time from the previous mark to its own.\n\n"));
    out.push_str("| step |");
    for (l, _) in &columns {
        out.push_str(&format!(" {l} |"));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(columns.len()));
    out.push('\n');
    let steps: Vec<String> = columns[0].1[0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap().to_string())
        .collect();
    let cell = |runs: &[Value], i: usize| {
        median(
            runs.iter()
                .map(|r| r["steps"][i]["ms"].as_f64().unwrap_or(f64::NAN))
                .collect(),
        )
    };
    for (i, s) in steps.iter().enumerate() {
        out.push_str(&format!("| {s} |"));
        for (_, v) in &columns {
            out.push_str(&format!(" {:.1} |", cell(v, i)));
        }
        out.push('\n');
    }
    out.push_str("| **total** |");
    for (_, v) in &columns {
        out.push_str(&format!(
            " **{:.0}** |",
            median(v.iter().map(|r| f(r, "total_ms")).collect())
        ));
    }
    out.push_str("\n\n");
}

/// The import floor of a compiled module of our commands, generated by `bench/ps/binary-shape.ps1`.
fn compiled_shape() -> String {
    let out = Command::new(pwsh_path())
        .args(["-NoProfile", "-NonInteractive", "-File"])
        .arg(root().join("bench/ps/binary-shape.ps1"))
        .arg("-OutDir")
        .arg(root().join("target/bench-import/compiled"))
        .output()
        .expect("pwsh");
    assert!(
        out.status.success(),
        "binary-shape.ps1 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_string()
}

/// Import time of the remedy prototypes of `bench/ps/import-variants.ps1` against the package as it is and the
/// community shape, interleaved (each run imports every module once, in a rotating order).
fn variants(pkg: &str, runs: usize, out: &mut String) {
    let remove = ["CIPPAPI_NATIVE_PATH", "CIPPAPI_CACHE_DIR"];
    let made = Command::new(pwsh_path())
        .args(["-NoProfile", "-NonInteractive", "-File"])
        .arg(root().join("bench/ps/import-variants.ps1"))
        .env("BENCH_MODULE_DIR", pkg)
        .env(
            "BENCH_VARIANTS_DIR",
            root().join("target/bench-import/variants"),
        )
        .output()
        .expect("pwsh");
    assert!(
        made.status.success(),
        "import-variants.ps1 failed: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let list: Value = serde_json::from_str(
        String::from_utf8_lossy(&made.stdout)
            .lines()
            .last()
            .unwrap(),
    )
    .unwrap();
    let mut modules: Vec<(String, String)> = [
        "packaged",
        "no-utility",
        "direct-native",
        "one-file",
        "floor",
    ]
    .iter()
    .map(|k| (k.to_string(), list[*k].as_str().unwrap().to_string()))
    .collect();
    modules.push(("compiled shape (not a remedy yet)".into(), compiled_shape()));
    modules.push(("community shape".into(), community_shape()));
    for (_, m) in &modules {
        powershell_with(None, "import.ps1", &[("BENCH_MODULE", m.clone())], &remove);
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); modules.len()];
    for run in 0..runs {
        for k in 0..modules.len() {
            let i = (k + run) % modules.len();
            let v = powershell_with(
                None,
                "import.ps1",
                &[("BENCH_MODULE", modules[i].1.clone())],
                &remove,
            );
            times[i].push(f(&v, "import_ms"));
        }
    }
    let meds: Vec<f64> = times.into_iter().map(median).collect();
    let (packaged, community) = (meds[0], meds[meds.len() - 1]);
    out.push_str(
        "### Import remedies, prototyped on copies of the package

",
    );
    out.push_str(&format!("`bench/ps/import-variants.ps1` (each variant includes the ones above it); `Import-Module` in a fresh pwsh, median of {runs} interleaved runs, ms.\n\n"));
    out.push_str("| variant | ms | / packaged | / community shape |\n|---|---|---|---|\n");
    for ((name, _), t) in modules.iter().zip(&meds) {
        out.push_str(&format!(
            "| {name} | {t:.0} | {:.2}× | {:.2}× |\n",
            t / packaged,
            t / community
        ));
    }
    out.push('\n');
}

fn scale(m: &MockServer, out: &mut String) {
    size_logs(m, "Filter=True&Severity=error", 1);
    let budget = 40;
    let v = powershell(
        m,
        "calls.ps1",
        &[
            ("BENCH_SCALE", "1,100,10000".into()),
            ("BENCH_BUDGET_S", budget.to_string()),
            ("BENCH_ROWS", "1".into()),
        ],
    );
    out.push_str("### Per-call cost against the number of calls in one process\n\n");
    out.push_str(&format!("`Get-CIPPLogs -Severity Error` (1-row answers) and the HttpClient loop, one pwsh, after 200 warm-up calls of each; batches of 1, 100 and 10 000 calls, each path's batch stopped after {budget} s.\n\n"));
    out.push_str("| batch | ours: calls made | ours, ms/call | HttpClient loop: calls made | HttpClient loop, ms/call | ours / baseline |\n|---|---|---|---|---|---|\n");
    for s in v["scale"].as_array().unwrap() {
        out.push_str(&format!(
            "| {} | {} | {:.2} | {} | {:.2} | {:.2}× |\n",
            s["n"],
            s["module_calls"],
            f(s, "module_ms"),
            s["baseline_calls"],
            f(s, "baseline_ms"),
            f(s, "module_ms") / f(s, "baseline_ms")
        ));
    }
    out.push('\n');
}

fn list(m: &MockServer, runs: usize, out: &mut String) {
    out.push_str("### Time and peak RSS against list size\n\n");
    out.push_str(&format!("A fresh pwsh per figure (median of {runs}); reference = the RSS of that pwsh with the module imported and one small call made, just before the call.\n\n"));
    out.push_str("| rows | shape | wall, s | RSS before, MB | peak RSS, MB | peak / before | target |\n|---|---|---|---|---|---|---|\n");
    for rows in [1000usize, 10_000, 50_000] {
        size_logs(m, "Filter=True", rows);
        for (mode, shape, target) in [
            ("variable", "`$x = Get-CIPPLogs`", "—"),
            ("csv", "`Get-CIPPLogs \\| Export-Csv`", "≤ 1.6× (streamed)"),
        ] {
            let v: Vec<Value> = (0..runs)
                .map(|_| powershell(m, "list-size.ps1", &[("BENCH_MODE", mode.into())]))
                .collect();
            for r in &v {
                assert_eq!(f(r, "rows") as usize, rows, "{mode}: rows received");
            }
            let med = |k: &str| median(v.iter().map(|r| f(r, k)).collect());
            let ratio = median(
                v.iter()
                    .map(|r| f(r, "peak_mb") / f(r, "rss_before_mb"))
                    .collect(),
            );
            out.push_str(&format!(
                "| {rows} | {shape} | {:.2} | {:.0} | {:.0} | {ratio:.2}× | {target} |\n",
                med("s"),
                med("rss_before_mb"),
                med("peak_mb")
            ));
        }
    }
    m.set_config(json!({ "log_rows_per_day": 40 }));
    out.push('\n');
}

fn fanout(m: &MockServer, runs: usize, out: &mut String) {
    m.set_config(json!({ "latency_ms": 100, "tenant_count": 200 }));
    out.push_str("### Fan-out time against tenant count and throttle\n\n");
    out.push_str(&format!("`$tenants | Invoke-CIPPForEachTenant -Endpoint /api/ListApiTest -ThrottleLimit T`, 100 ms server latency, a fresh pwsh per figure (median of {runs}); the limit is N × 0.1 s / T.\n\n"));
    out.push_str("| tenants | throttle | wall, s | limit, s | wall / limit | target |\n|---|---|---|---|---|---|\n");
    for tenants in [50usize, 200] {
        for throttle in [4usize, 16] {
            let v: Vec<f64> = (0..runs)
                .map(|_| {
                    f(
                        &powershell(
                            m,
                            "fan-out.ps1",
                            &[
                                ("BENCH_TENANTS", tenants.to_string()),
                                ("BENCH_THROTTLE", throttle.to_string()),
                                ("BENCH_SEQUENTIAL", "0".into()),
                            ],
                        ),
                        "fanout_s",
                    )
                })
                .collect();
            let limit = tenants as f64 * 0.1 / throttle as f64;
            let w = median(v);
            out.push_str(&format!(
                "| {tenants} | {throttle} | {w:.2} | {limit:.2} | {:.2}× | ≤ 1.3× |\n",
                w / limit
            ));
        }
    }
    m.set_config(json!({ "latency_ms": 0, "tenant_count": 0 }));
    out.push('\n');
}

/// Runs `which` (comma-separated [`SECTIONS`], or `round2` for all) and writes `target/bench-round2.md`.
pub fn run(which: &str, runs: usize) {
    let all = which == "round2";
    let wanted = |s: &str| all || which.split(',').any(|w| w == s);
    let m = MockServer::start(MockOptions::default()).unwrap();
    let mut out = String::from("## Round 2 results\n\n");
    let write = |out: &str| {
        let _ = std::fs::write(root().join("target/bench-round2.md"), out);
    };
    if wanted("calls") {
        calls(&m, runs, &mut out);
        write(&out);
    }
    if wanted("callprofile") {
        call_profile(&m, runs.min(3), &mut out);
        write(&out);
    }
    let mut pkg = None;
    if wanted("import") {
        pkg = Some(import(runs, &mut out));
        write(&out);
    }
    if wanted("profile") {
        let p = pkg.clone().unwrap_or_else(package);
        profile(&p, runs, &mut out);
        pkg = Some(p);
        write(&out);
    }
    if wanted("variants") {
        let pkg = pkg.clone().unwrap_or_else(package);
        variants(&pkg, runs, &mut out);
        write(&out);
    }
    if wanted("scale") {
        scale(&m, &mut out);
        write(&out);
    }
    if wanted("list") {
        list(&m, runs.min(3), &mut out);
        write(&out);
    }
    if wanted("fanout") {
        fanout(&m, runs.min(3), &mut out);
        write(&out);
    }
    println!("{out}");
}
