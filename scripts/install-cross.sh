#!/usr/bin/env bash
# Installs what scripts/cross-build.sh and scripts/cross-test.sh need on Debian 12 (root), and
# nothing when it is all there already, so CI may call it on every run.
#   Rust targets: Windows x64/x86 (GNU), Linux arm64 (glibc), Linux x64 (musl)
#   Debian: mingw-w64 C compilers (ring compiles C; they also link), aarch64 cross gcc + libc,
#           qemu-user-static (runs arm64), musl-tools, wine64, and wine32 where it installs.
#   PyPI:   cargo-zigbuild and zig, in a venv at $CIPPAPI_CROSS_HOME (default /opt/cippapi-cross):
#           the glibc builds link against glibc 2.17 with them (see scripts/cross-build.sh).
# wine32 needs the i386 architecture and has been flaky to install here: its failure is reported
# (and recorded in target/cross-wine32.status) but does not fail this script.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export DEBIAN_FRONTEND=noninteractive
start=$SECONDS

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

step() { printf '==> %s\n' "$*"; }

step "rustup targets"
targets=(x86_64-pc-windows-gnu i686-pc-windows-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl)
installed=$(rustup target list --installed)
missing_targets=()
for t in "${targets[@]}"; do
  grep -qx "$t" <<<"$installed" || missing_targets+=("$t")
done
if [ ${#missing_targets[@]} -gt 0 ]; then
  rustup target add "${missing_targets[@]}"
else
  echo "all present"
fi

# The *-win32 mingw variants: their libgcc does not pull in libwinpthread-1.dll, so the DLLs
# depend on system DLLs only. qemu-user-static has no shared-library dependencies (fast install).
packages=(
  gcc-mingw-w64-x86-64-win32 gcc-mingw-w64-i686-win32
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  qemu-user-static
  musl-tools
  wine64
)
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

step "apt packages"
missing=()
for p in "${packages[@]}"; do is_installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  # A stale index elsewhere must not stop us: the install below fails loudly if it matters.
  $SUDO apt-get update -qq || echo "warning: apt-get update reported errors; trying the install anyway" >&2
  # No recommends: wine64 would otherwise bring fonts, GStreamer and more we never use.
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "all present"
fi

step "cargo-zigbuild and zig (PyPI)"
# Pinned: the glibc floor and the linking were checked with these versions.
CROSS_HOME=${CIPPAPI_CROSS_HOME:-/opt/cippapi-cross}
ZIG_PKGS=(cargo-zigbuild==0.24.1 ziglang==0.17.1)
if [ -x "$CROSS_HOME/bin/cargo-zigbuild" ] && [ -x "$CROSS_HOME/bin/zig" ] && "$CROSS_HOME/bin/zig" version >/dev/null 2>&1; then
  echo "present: cargo-zigbuild $("$CROSS_HOME/bin/cargo-zigbuild" --version | awk '{print $2}'), zig $("$CROSS_HOME/bin/zig" version)"
else
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
    $SUDO apt-get install -y -qq --no-install-recommends python3-venv
  fi
  $SUDO python3 -m venv "$CROSS_HOME"
  $SUDO "$CROSS_HOME/bin/pip" install -q --disable-pip-version-check "${ZIG_PKGS[@]}"
  # zig on PATH next to cargo-zigbuild (cross-build.sh points cargo-zigbuild at it).
  zig_bin=$("$CROSS_HOME/bin/python" -c 'import ziglang, os; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')
  $SUDO ln -sf "$zig_bin" "$CROSS_HOME/bin/zig"
  echo "installed: zig $("$CROSS_HOME/bin/zig" version) in $CROSS_HOME"
fi

step "wine32 (optional: runs the win-x86 test)"
mkdir -p "$ROOT/target"
status_file="$ROOT/target/cross-wine32.status"
if is_installed wine32:i386; then
  echo "installed" | tee "$status_file"
else
  wine32_ok=1
  added_i386=0
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    $SUDO dpkg --add-architecture i386
    added_i386=1
  fi
  # Bounded: a stuck mirror must not eat CI's 90 minutes. Lists are fetched again only when the
  # i386 ones are missing.
  if ! apt-cache show wine32:i386 >/dev/null 2>&1; then
    timeout 600 $SUDO apt-get update -qq || wine32_ok=0
  fi
  if [ "$wine32_ok" -eq 1 ]; then
    timeout 1200 $SUDO apt-get install -y -qq --no-install-recommends wine32:i386 || wine32_ok=0
  fi
  if [ "$wine32_ok" -eq 1 ] && is_installed wine32:i386; then
    echo "installed" | tee "$status_file"
  else
    echo "not installable: apt could not fetch the i386 index or resolve wine32:i386" | tee "$status_file"
    # Leave apt as we found it: a half-synced i386 index would make every later `apt-get update`
    # (ours and .ci/run's) exit non-zero.
    $SUDO apt-get install -y -qq -f >/dev/null 2>&1 || true
    if [ "$added_i386" -eq 1 ] && [ -z "$(dpkg-query -W -f='${Package}:${Architecture}\n' 2>/dev/null | grep ':i386$' || true)" ]; then
      if $SUDO dpkg --remove-architecture i386; then $SUDO apt-get update -qq >/dev/null 2>&1 || true; fi
    fi
  fi
fi

echo "install-cross: done in $((SECONDS - start)) s"
