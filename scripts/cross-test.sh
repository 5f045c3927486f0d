#!/usr/bin/env bash
# Runs the C example (examples/c/cipp_example.c), cross-compiled and linked against the libraries
# that scripts/cross-build.sh put in dist/runtimes/, on the targets this machine can execute:
#   win-x64        under wine64
#   win-x86        under 32-bit Wine (wine32), where it installed; otherwise only compiled and linked
#   linux-arm64    under qemu-user
#   linux-musl-x64 under musl's dynamic loader (what Alpine uses)
#   linux-x64      natively (the release build, as packaged)
# against the mock server on 127.0.0.1 over HTTPS with the mock's own CA, and checks the same lines
# as tests/c_example.rs plus what the mock recorded (query string, HTTPS, the target's User-Agent).
#
# Usage: scripts/cross-test.sh [rid ...]      (default: all of the above)
# Needs: scripts/install-cross.sh, then scripts/cross-build.sh.
# A target whose runner is missing is SKIPPED outside CI; with CI=true that is a failure, except
# win-x86 when wine32 could not be installed (documented as flaky on Debian 12).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

ALL_RIDS=(win-x64 win-x86 linux-arm64 linux-musl-x64 linux-x64)
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=("${ALL_RIDS[@]}")
IN_CI=0
[ "${CI:-}" = "true" ] && IN_CI=1

WORK="$ROOT/target/cross-test"
mkdir -p "$WORK"
RUN_TIMEOUT=${CIPPAPI_CROSS_TIMEOUT:-180}

WINE64=$(command -v wine64 || echo /usr/lib/wine/wine64)
# Debian's wine32 package puts the 32-bit loader here; /usr/bin/wine (if any) may be 64-bit only.
WINE32=${WINE32:-/usr/lib/wine/wine}
QEMU_AARCH64=$(command -v qemu-aarch64 || command -v qemu-aarch64-static || true)
AARCH64_SYSROOT=/usr/aarch64-linux-gnu
MUSL_LD=/lib/ld-musl-x86_64.so.1

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

# ---------------------------------------------------------------------------------------------
# The mock server: started once, its records cleared before each target.

mock_pid=""
cleanup() {
  if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
  # Only the wineservers of our own prefixes.
  for prefix in "$WORK"/wineprefix-*; do
    [ -d "$prefix" ] || continue
    WINEPREFIX="$prefix" timeout 20 "$(dirname "$WINE64")/wineserver" -k 2>/dev/null || true
  done
}
trap cleanup EXIT

echo "==> building the mock server"
cargo build -p cipp-mock --quiet
ready="$WORK/mock-ready.json"
rm -f "$ready"
"${CARGO_TARGET_DIR:-$ROOT/target}/debug/cipp-mock" --ready-file "$ready" --state-dir "$WORK/mock-state" >"$WORK/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 1 300); do
  [ -s "$ready" ] && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$WORK/mock.log" >&2; echo "error: cipp-mock exited" >&2; exit 1; }
  sleep 0.1
done
[ -s "$ready" ] || { echo "error: cipp-mock not ready after 30 s" >&2; exit 1; }
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$ready" "$1"; }
# The mock's control surface, straight to 127.0.0.1 (no proxy, bounded).
mock_control() { # METHOD path
  python3 - "$1" "$MOCK_HTTP$2" <<'PY'
import sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
req = urllib.request.Request(sys.argv[2], method=sys.argv[1])
sys.stdout.write(opener.open(req, timeout=10).read().decode())
PY
}
MOCK_HTTP=$(field http)
MOCK_HTTPS=$(field https)
MOCK_CA=$(field ca_file)
MOCK_TENANT=$(field tenant_id)
MOCK_ID=$(field client_id)
MOCK_SECRET=$(field client_secret)
echo "mock: $MOCK_HTTPS (CA $MOCK_CA)"

# ---------------------------------------------------------------------------------------------
# Helpers

passed=0
failed=0
skipped=0
results=()
pass() { passed=$((passed + 1)); results+=("$1: PASS${2:+ ($2)}"); echo "$1: PASS${2:+ ($2)}"; }
fail() { failed=$((failed + 1)); results+=("$1: FAIL ($2)"); echo "$1: FAIL ($2)"; }
skip() {
  if [ "$IN_CI" -eq 1 ]; then fail "$1" "runner missing in CI: $2"; return; fi
  skipped=$((skipped + 1)); results+=("$1: SKIPPED ($2)"); echo "$1: SKIPPED ($2)"
}

# Compiles the example like tests/c_example.rs does: strict C99, warnings are errors.
compile() { # cc lib_dir out [extra flags...]
  local cc=$1 lib=$2 out=$3
  shift 3
  "$cc" -std=c99 -Wall -Wextra -Werror -pedantic -Iinclude examples/c/cipp_example.c \
    -L"$lib" -lcippapi "$@" -o "$out"
}

# Runs the example once with the mock's details and a time bound; stdout goes to $1.
# Returns the program's exit code (124: timed out).
run_once() { # output_file ca_file command...
  local out=$1 ca=$2 code=0
  shift 2
  CIPP_CLIENT_ID="$MOCK_ID" CIPP_CLIENT_SECRET="$MOCK_SECRET" CIPP_API_URL="$MOCK_HTTPS" \
    CIPP_TENANT_ID="$MOCK_TENANT" CIPPAPI_AUTHORITY_HOST="$MOCK_HTTPS" CIPPAPI_CA_FILE="$ca" \
    timeout "$RUN_TIMEOUT" "$@" >"$out.raw" 2>"${out%.txt}.stderr.txt" || code=$?
  # msvcrt's text-mode stdout ends lines with CRLF.
  tr -d '\r' <"$out.raw" >"$out"
  [ "$code" -ne 124 ] || echo "timed out after ${RUN_TIMEOUT}s" >>"$out"
  return "$code"
}

# Runs the example against the mock and checks its output and what the mock recorded: first
# without the mock's CA (the certificate must be refused: verification is on, whatever the
# platform's store holds), then with it (the lines tests/c_example.rs checks).
run_example() { # rid triple ca_file -- command...
  local rid=$1 triple=$2 ca=$3 problems=() line code=0
  shift 4
  local dir="$WORK/$rid"

  run_once "$dir/untrusted.txt" "" "$@" || code=$?
  [ "$code" -ne 0 ] && [ "$code" -ne 124 ] || problems+=("without the CA: exit code $code, expected a failure")
  grep -qF "ListTenants failed: " "$dir/untrusted.txt" && grep -qF "invalid peer certificate" "$dir/untrusted.txt" \
    || problems+=("without the CA: no certificate refusal (see $dir/untrusted.txt)")

  mock_control DELETE /_mock/requests >/dev/null
  code=0
  run_once "$dir/output.txt" "$ca" "$@" || code=$?
  [ "$code" -eq 0 ] || problems+=("exit code $code")
  local expected=(
    "cippapi $version (ABI 2)"
    "ListTenants: HTTP 200, application/json"
    "ListLogs: HTTP 200, application/json"
    "bad endpoint failed: invalid_argument (3)"
    "NoSuchEndpoint: HTTP 404"
    "unknown setting failed: invalid_argument (3): unknown setting 'no_such_setting'"
    "would send to https://127.0.0.1:"
    "ExecResetPass: HTTP 200"
    "async: ok, HTTP 200"
    "NULL arguments failed: null_argument (1): argument 'request' is NULL"
    "panic boundary failed: panic (100): internal error"
    "done"
  )
  for line in "${expected[@]}"; do
    grep -qF -- "$line" "$dir/output.txt" || problems+=("missing '$line'")
  done
  cat "$dir"/*.txt | grep -qF -- "$MOCK_SECRET" && problems+=("the client secret was printed")
  # The request really came from this target's library, over HTTPS, with the community
  # module's query encoding.
  local rec
  # shellcheck disable=SC2016 # Python source: the $ in $select is literal.
  rec=$(mock_control GET /_mock/requests | python3 -c '
import json, sys
rows = [r for r in json.load(sys.stdin) if r["path"].lower() == "/api/listtenants"]
if not rows:
    print("no ListTenants request recorded"); sys.exit()
r = rows[0]
want = "tenantFilter=AllTenants&$select=displayName%2cdefaultDomainName"
if r["raw_query"] != want: print("query %r != %r" % (r["raw_query"], want))
if r["listener"] != "https": print("listener %s, not https" % r["listener"])
ua = r["headers"].get("user-agent", "")
if "(" + sys.argv[1] + ")" not in ua: print("user-agent %r is not from %s" % (ua, sys.argv[1]))
' "$triple") || rec="cannot read the mock's records"
  [ -z "$rec" ] || problems+=("$rec")

  if [ ${#problems[@]} -eq 0 ]; then
    pass "$rid"
  else
    echo "---- $rid output ----"; cat "$dir/output.txt"; echo "----"
    fail "$rid" "$(IFS=';'; echo "${problems[*]}")"
  fi
}

# Sets $lib to the dist folder of a rid, or fails the target (no subshell: counters must stick).
need_lib() { # rid file
  lib="$ROOT/dist/runtimes/$1/native"
  [ -f "$lib/$2" ] && return 0
  fail "$1" "no $lib/$2: run scripts/cross-build.sh $1"
  return 1
}

# ---------------------------------------------------------------------------------------------
# Targets

test_windows() { # rid triple mingw-prefix wine-loader wine-arch
  local rid=$1 triple=$2 cross=$3 wine=$4 arch=$5 lib dir
  need_lib "$rid" cippapi.dll || return 0
  dir="$WORK/$rid"
  rm -rf "$dir" && mkdir -p "$dir"
  if ! command -v "$cross-gcc" >/dev/null 2>&1; then skip "$rid" "no $cross-gcc"; return 0; fi
  # Everything in the program's folder: Windows looks for DLLs there first.
  cp "$lib/cippapi.dll" "$dir/"
  compile "$cross-gcc" "$dir" "$dir/cipp_example.exe" || { fail "$rid" "the example did not compile or link"; return 0; }
  "$cross-gcc" -shared -O2 -Wall -Wextra -Werror -Wl,--kill-at -o "$dir/bcryptprimitives.dll" \
    tests/cross/bcryptprimitives.c -ladvapi32 || { fail "$rid" "the ProcessPrng shim did not build"; return 0; }
  if [ ! -x "$wine" ]; then
    if [ "$rid" = win-x86 ]; then
      # Documented exception: 32-bit Wine does not always install on Debian 12.
      local why="wine32 not installable"
      [ -f "$ROOT/target/cross-wine32.status" ] && why="wine32 $(head -n1 "$ROOT/target/cross-wine32.status")"
      skipped=$((skipped + 1)); results+=("$rid: built, not run ($why)"); echo "$rid: built, not run ($why)"
      return 0
    fi
    skip "$rid" "no $wine (scripts/install-cross.sh)"
    return 0
  fi
  local -x WINEPREFIX="$WORK/wineprefix-$arch" WINEARCH="$arch" WINEDEBUG=-all
  # No Mono/Gecko installer prompts: the example is a console program.
  local -x WINEDLLOVERRIDES="mscoree=;mshtml="
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "$rid: creating the Wine prefix (once)"
    timeout 300 "$wine" wineboot --init >"$dir/wineboot.log" 2>&1 || true
  fi
  # The CA as a Windows user would have it: CRLF line endings, a drive-letter path with
  # backslashes (Wine maps / to drive Z:).
  sed 's/$/\r/' "$MOCK_CA" >"$dir/ca-crlf.pem"
  local ca_win="Z:${dir//\//\\}\\ca-crlf.pem"
  run_example "$rid" "$triple" "$ca_win" -- "$wine" "$dir/cipp_example.exe"
}

test_arm64() {
  local rid=linux-arm64 triple=aarch64-unknown-linux-gnu lib dir
  need_lib "$rid" libcippapi.so || return 0
  dir="$WORK/$rid"
  rm -rf "$dir" && mkdir -p "$dir"
  if ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then skip "$rid" "no aarch64-linux-gnu-gcc"; return 0; fi
  compile aarch64-linux-gnu-gcc "$lib" "$dir/cipp_example" -Wl,-rpath,"$lib" \
    || { fail "$rid" "the example did not compile or link"; return 0; }
  if [ -z "$QEMU_AARCH64" ]; then skip "$rid" "no qemu-aarch64 (qemu-user)"; return 0; fi
  run_example "$rid" "$triple" "$MOCK_CA" -- "$QEMU_AARCH64" -L "$AARCH64_SYSROOT" "$dir/cipp_example"
}

test_musl() {
  local rid=linux-musl-x64 triple=x86_64-unknown-linux-musl lib dir
  need_lib "$rid" libcippapi.so || return 0
  dir="$WORK/$rid"
  rm -rf "$dir" && mkdir -p "$dir"
  if ! command -v musl-gcc >/dev/null 2>&1; then skip "$rid" "no musl-gcc (musl-tools)"; return 0; fi
  compile musl-gcc "$lib" "$dir/cipp_example" -Wl,-rpath,"$lib" \
    || { fail "$rid" "the example did not compile or link"; return 0; }
  if [ ! -x "$MUSL_LD" ]; then skip "$rid" "no $MUSL_LD"; return 0; fi
  # Run through musl's loader as Alpine would (the program names it as its interpreter anyway).
  run_example "$rid" "$triple" "$MOCK_CA" -- "$MUSL_LD" "$dir/cipp_example"
}

test_linux_x64() {
  local rid=linux-x64 triple=x86_64-unknown-linux-gnu lib dir
  need_lib "$rid" libcippapi.so || return 0
  dir="$WORK/$rid"
  rm -rf "$dir" && mkdir -p "$dir"
  compile cc "$lib" "$dir/cipp_example" -Wl,-rpath,"$lib" \
    || { fail "$rid" "the example did not compile or link"; return 0; }
  run_example "$rid" "$triple" "$MOCK_CA" -- "$dir/cipp_example"
}

for rid in "${rids[@]}"; do
  echo
  echo "==> $rid"
  t0=$SECONDS
  case "$rid" in
    win-x64) test_windows win-x64 x86_64-pc-windows-gnu x86_64-w64-mingw32 "$WINE64" win64 ;;
    win-x86) test_windows win-x86 i686-pc-windows-gnu i686-w64-mingw32 "$WINE32" win32 ;;
    linux-arm64) test_arm64 ;;
    linux-musl-x64) test_musl ;;
    linux-x64) test_linux_x64 ;;
    *) fail "$rid" "unknown rid (known: ${ALL_RIDS[*]})" ;;
  esac
  echo "($rid took $((SECONDS - t0)) s)"
done

echo
echo "==> cross-test summary"
printf '  %s\n' "${results[@]}"
echo "cross-test: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
