//! `cipp-mock` command: runs the mock CIPP server until SIGINT/SIGTERM.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use cipp_mock::{MockClient, MockOptions, MockServer, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};

const USAGE: &str = "\
cipp-mock: a CIPP-like HTTP(S) server with a mock Entra ID token endpoint (tests, benchmarks, demos)

USAGE:
    cipp-mock [OPTIONS]

OPTIONS:
    --http-port N            plain HTTP port on 127.0.0.1 (default 0 = random)
    --https-port N           HTTPS port on 127.0.0.1 (default 0 = random)
    --state-dir DIR          where ca.pem is written (default: a fresh temporary directory)
    --tenant ID              partner tenant id (default 11111111-2222-3333-4444-555555555555)
    --client ID:SECRET:ROLE[:RANGES]
                             add a client; ROLE readonly|editor|admin|superadmin|<custom>|empty;
                             RANGES = allowed caller IPs/CIDRs, ';'-separated (default Any),
                             e.g. 10.0.0.0/8;192.0.2.7 ('[]' = the empty-IPRange defect)
                             (repeatable; the two default clients stay)
    --disable-client ID      the client is not in EasyAuth's allowedApplications (403)
    --custom-role NAME=PERM[,PERM...]
                             define a custom role, e.g. helpdesk=CIPP.Core.Read,Identity.User.ReadWrite
    --ready-file PATH        also write the ready line to PATH (atomically)
    --log-rows-per-day N     initial ListLogs rows per day (default 40)
    --tenant-count N         initial ListTenants size (default 0 = five demo tenants)
    --token-version 1|2      access-token version (2 = bare-GUID aud, rejected by EasyAuth)
    --client-ip IP           caller address for IP ranges (default 127.0.0.1)
    --cold-start-ms N        delay of the first /api request (default 0)
    --portal                 behave as the SWA/portal host (302 to /.auth/login/aad)
    --anonymous-allowed      token-less calls reach CIPP (403 FromBase64String)
    --enable-feature ID      enable a feature flag CIPP ships off (e.g. MCPServer; repeatable)
    --no-http2               offer only http/1.1 via ALPN on the TLS listener
    -h, --help               print this help

When listening, prints one JSON line to stdout:
    {\"http\":\"http://127.0.0.1:P\",\"https\":\"https://127.0.0.1:Q\",\"ca_file\":\".../ca.pem\",
     \"tenant_id\":\"...\",\"client_id\":\"...\",\"client_secret\":\"...\"}
Control endpoints (no auth): /_mock/health, /_mock/requests, /_mock/reset, /_mock/config,
/_mock/faults, /_mock/queue.
The http listener is also a CONNECT proxy to 127.0.0.1 (HTTPS_PROXY=http://127.0.0.1:P).
";

fn parse_args() -> Result<(MockOptions, Option<PathBuf>), String> {
    let mut opts = MockOptions::default();
    let mut ready = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            print!("{USAGE}");
            std::process::exit(0);
        }
        let mut value = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let num = |v: String| {
            v.parse::<u32>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        match flag.as_str() {
            "--http-port" => {
                opts.http_port = value()?.parse().map_err(|_| format!("{flag}: bad port"))?
            }
            "--https-port" => {
                opts.https_port = value()?.parse().map_err(|_| format!("{flag}: bad port"))?
            }
            "--state-dir" => opts.state_dir = Some(PathBuf::from(value()?)),
            "--tenant" => opts.tenant_id = value()?,
            "--client" => {
                let v = value()?;
                let c = MockClient::parse(&v).ok_or_else(|| {
                    format!("--client: expected ID:SECRET:ROLE[:RANGES], got {v}")
                })?;
                opts.clients
                    .retain(|x| !x.app_id.eq_ignore_ascii_case(&c.app_id));
                opts.clients.push(c);
            }
            "--custom-role" => {
                let v = value()?;
                let (name, perms) = v.split_once('=').ok_or_else(|| {
                    format!("--custom-role: expected NAME=PERM[,PERM...], got {v}")
                })?;
                opts.custom_roles.insert(
                    name.to_string(),
                    perms
                        .split(',')
                        .filter(|p| !p.is_empty())
                        .map(str::to_string)
                        .collect(),
                );
            }
            "--disable-client" => {
                let id = value()?;
                let c = opts
                    .clients
                    .iter_mut()
                    .find(|c| c.app_id.eq_ignore_ascii_case(&id))
                    .ok_or_else(|| format!("--disable-client: unknown client {id}"))?;
                c.enabled = false;
            }
            "--token-version" => {
                let v = value()?;
                opts.config.token_version = match v.as_str() {
                    "1" => 1,
                    "2" => 2,
                    _ => return Err(format!("{flag}: expected 1 or 2, got {v}")),
                };
            }
            "--client-ip" => {
                let v = value()?;
                v.parse::<std::net::IpAddr>()
                    .map_err(|_| format!("{flag}: not an IP address: {v}"))?;
                opts.config.client_ip = v;
            }
            "--cold-start-ms" => opts.config.cold_start_ms = u64::from(num(value()?)?),
            "--portal" => opts.config.portal_mode = true,
            "--anonymous-allowed" => opts.config.anonymous_allowed = true,
            "--enable-feature" => {
                let v = value()?;
                let before = opts.config.disabled_features.len();
                opts.config
                    .disabled_features
                    .retain(|k, _| !k.eq_ignore_ascii_case(&v));
                if opts.config.disabled_features.len() == before {
                    return Err(format!("{flag}: no disabled feature named {v}"));
                }
            }
            "--no-http2" => opts.config.http2 = false,
            "--ready-file" => ready = Some(PathBuf::from(value()?)),
            "--log-rows-per-day" => opts.config.log_rows_per_day = num(value()?)?,
            "--tenant-count" => opts.config.tenant_count = num(value()?)?,
            other => return Err(format!("unknown argument: {other} (try --help)")),
        }
    }
    Ok((opts, ready))
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn main() -> ExitCode {
    let (opts, ready) = match parse_args() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("cipp-mock: {e}");
            return ExitCode::from(2);
        }
    };
    let server = match MockServer::start(opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cipp-mock: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let line = serde_json::json!({
        "http": server.http_url(),
        "https": server.https_url(),
        "ca_file": server.ca_pem_path().to_string_lossy(),
        "tenant_id": server.tenant_id(),
        "client_id": DEFAULT_CLIENT_ID,
        "client_secret": DEFAULT_CLIENT_SECRET,
    })
    .to_string();
    if let Some(path) = &ready {
        let tmp = path.with_extension("tmp");
        let written =
            std::fs::write(&tmp, format!("{line}\n")).and_then(|_| std::fs::rename(&tmp, path));
        if let Err(e) = written {
            eprintln!("cipp-mock: cannot write ready file {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cipp-mock: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(wait_for_signal());
    drop(server);
    ExitCode::SUCCESS
}
