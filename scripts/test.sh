#!/usr/bin/env bash
# Runs every test: formatting and lints, Rust unit/integration tests (C ABI against the mock server
# over HTTP and HTTPS, header drift, the C example compiled with a real C compiler), drift checks
# for generated files, and the Pester suites in real PowerShell 7.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/find-pwsh.sh

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "rustdoc (missing docs and broken links are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

step "cargo test (library, C ABI, header drift, C example, mock server)"
cargo test --workspace

step "endpoint catalog drift"
if [ -f "$ROOT/../shared/contract/cipp-openapi.json" ]; then
  python3 scripts/gen-catalog.py --check "$ROOT/../shared/contract/cipp-openapi.json"
else
  echo "skipped: the OpenAPI source (../shared/contract) is not beside this checkout"
fi

if [ -z "$PWSH" ]; then
  if [ "${CI:-}" = "true" ] || [ -z "${CIPPAPI_SKIP_PWSH:-}" ]; then
    echo "error: PowerShell 7 (pwsh) not found; install it or set PWSH=/path/to/pwsh" >&2
    echo "       (outside CI, CIPPAPI_SKIP_PWSH=1 skips the PowerShell tests)" >&2
    exit 1
  fi
  echo "warning: CIPPAPI_SKIP_PWSH=1: PowerShell tests skipped" >&2
  exit 0
fi

step "build the mock server binary for the PowerShell tests"
cargo build -p cipp-mock --quiet

step "PowerShell: generated commands drift check and Pester ($("$PWSH" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()'))"
"$PWSH" -NoProfile -NonInteractive -File tests/powershell/Invoke-AllTests.ps1
