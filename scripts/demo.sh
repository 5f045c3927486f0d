#!/usr/bin/env bash
# Builds everything (release) and runs the demo, a day-one report through the PowerShell module and
# the native library: tenants, users/MFA/devices of every tenant (Invoke-CIPPForEachTenant), CSVs in
# target/demo/, a summary table per tenant, today's logs.
#
# Against a real CIPP: export CIPP_CLIENT_ID, CIPP_CLIENT_SECRET, CIPP_API_URL and CIPP_TENANT_ID.
# Otherwise the bundled mock CIPP server is started on 127.0.0.1 (HTTPS, its own test CA).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/find-pwsh.sh
if [ -z "$PWSH" ]; then
  echo "error: PowerShell 7 (pwsh) not found; install it or set PWSH=/path/to/pwsh" >&2
  exit 1
fi

echo "==> cargo build --release (library and mock server)"
cargo build --release --workspace --quiet
export CIPPAPI_NATIVE_PATH="$ROOT/target/release/libcippapi.so"
case "$(uname -s)" in
  Darwin) CIPPAPI_NATIVE_PATH="$ROOT/target/release/libcippapi.dylib" ;;
  MINGW*|MSYS*|CYGWIN*) CIPPAPI_NATIVE_PATH="$ROOT/target/release/cippapi.dll" ;;
esac
export CIPPAPI_CACHE_DIR="$ROOT/target/pwsh-cache"

MOCK_PID=""
cleanup() { if [ -n "$MOCK_PID" ]; then kill "$MOCK_PID" 2>/dev/null || true; wait "$MOCK_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [ -z "${CIPP_API_URL:-}" ]; then
  state=$(mktemp -d)
  "$ROOT/target/release/cipp-mock" --state-dir "$state" --ready-file "$state/ready.json" >/dev/null &
  MOCK_PID=$!
  for _ in $(seq 1 100); do [ -s "$state/ready.json" ] && break; sleep 0.1; done
  [ -s "$state/ready.json" ] || { echo "error: the mock server did not start" >&2; exit 1; }
  json() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$state/ready.json" "$1"; }
  export CIPP_API_URL=$(json https) CIPP_TENANT_ID=$(json tenant_id)
  export CIPP_CLIENT_ID=$(json client_id) CIPP_CLIENT_SECRET=$(json client_secret)
  export CIPPAPI_AUTHORITY_HOST=$CIPP_API_URL CIPPAPI_CA_FILE=$(json ca_file)
  echo "==> no CIPP_API_URL given: using the bundled mock CIPP server at $CIPP_API_URL"
fi

"$PWSH" -NoProfile -NonInteractive -File scripts/demo.ps1
