#!/usr/bin/env bash
# Builds the native library (release profile) for every runtime this machine can link and puts
# each one where the packaging step picks it up:
#   dist/runtimes/<rid>/native/<file>
#     win-x64        x86_64-pc-windows-gnu        cippapi.dll     mingw-w64 gcc
#     win-x86        i686-pc-windows-gnu          cippapi.dll     mingw-w64 gcc
#     linux-x64      x86_64-unknown-linux-gnu     libcippapi.so   zig (cargo-zigbuild), glibc 2.17
#     linux-arm64    aarch64-unknown-linux-gnu    libcippapi.so   zig (cargo-zigbuild), glibc 2.17
#     linux-musl-x64 x86_64-unknown-linux-musl    libcippapi.so   musl-gcc
# and writes their sizes to target/cross-sizes.md.
#
# Usage: scripts/cross-build.sh [rid ...]     (default: all of the above)
#        CIPPAPI_CARGO_FLAGS=--locked scripts/cross-build.sh   (release builds: exactly Cargo.lock)
# Needs: scripts/install-cross.sh (rustup targets, mingw-w64, aarch64 gcc, musl-tools, zig).
#
# Why zig for glibc: linked against this machine's glibc (Debian 12, 2.36) the library needs
# GLIBC_2.34 and does not load on Debian 11, Ubuntu 20.04 or RHEL 8, all PowerShell 7 platforms
# (and Azure Functions images). Zig links against glibc 2.17 stubs instead. Without zig (outside CI
# only) the glibc builds fall back to the gcc cross linkers and say which glibc they need.
#
# macOS (osx-x64, osx-arm64) and the MSVC Windows builds (incl. win-arm64) need Apple's and
# Microsoft's linkers: .github/workflows/release.yml builds them on hosted runners with
# `cargo build --release -p cippapi --lib --target <triple>`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

ALL_RIDS=(win-x64 win-x86 linux-x64 linux-arm64 linux-musl-x64)
GLIBC_FLOOR=2.17
# Where scripts/install-cross.sh puts cargo-zigbuild and zig (a Python venv: both come from PyPI).
CROSS_HOME=${CIPPAPI_CROSS_HOME:-/opt/cippapi-cross}
[ -d "$CROSS_HOME/bin" ] && PATH="$PATH:$CROSS_HOME/bin"

triple_of() {
  case "$1" in
    win-x64) echo x86_64-pc-windows-gnu ;;
    win-x86) echo i686-pc-windows-gnu ;;
    linux-x64) echo x86_64-unknown-linux-gnu ;;
    linux-arm64) echo aarch64-unknown-linux-gnu ;;
    linux-musl-x64) echo x86_64-unknown-linux-musl ;;
    *) echo "unknown rid '$1' (known: ${ALL_RIDS[*]})" >&2; return 1 ;;
  esac
}

file_of() {
  case "$1" in
    win-*) echo cippapi.dll ;;
    *) echo libcippapi.so ;;
  esac
}

# The C compiler ring builds its C and assembly with (the linker is in .cargo/config.toml).
cc_of() {
  case "$1" in
    x86_64-pc-windows-gnu) echo x86_64-w64-mingw32-gcc ;;
    i686-pc-windows-gnu) echo i686-w64-mingw32-gcc ;;
    aarch64-unknown-linux-gnu) echo aarch64-linux-gnu-gcc ;;
    x86_64-unknown-linux-musl) echo musl-gcc ;;
    *) echo cc ;;
  esac
}

ar_of() {
  case "$1" in
    x86_64-pc-windows-gnu) echo x86_64-w64-mingw32-ar ;;
    i686-pc-windows-gnu) echo i686-w64-mingw32-ar ;;
    aarch64-unknown-linux-gnu) echo aarch64-linux-gnu-ar ;;
    *) echo ar ;;
  esac
}

is_glibc() { [[ "$1" == *-linux-gnu ]]; }

have_zig() { command -v cargo-zigbuild >/dev/null 2>&1 && command -v zig >/dev/null 2>&1; }

# The highest GLIBC_x.y symbol version a library needs (readelf reads any architecture).
glibc_needed() { # file
  readelf -W --dyn-syms "$1" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sed 's/GLIBC_//' | sort -uV | tail -n1
}

rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=("${ALL_RIDS[@]}")

# Check every tool first: a missing one should fail in a second, not after twenty minutes of builds.
installed_targets=$(rustup target list --installed 2>/dev/null || true)
use_zig=0
if have_zig; then
  use_zig=1
  # Not whatever `python3 -m ziglang` finds first: the zig we checked.
  export CARGO_ZIGBUILD_ZIG_PATH
  CARGO_ZIGBUILD_ZIG_PATH=$(command -v zig)
fi
problems=()
for rid in "${rids[@]}"; do
  triple=$(triple_of "$rid")
  grep -qx "$triple" <<<"$installed_targets" || problems+=("$rid: rustup target $triple not installed")
  if is_glibc "$triple" && [ "$use_zig" -eq 1 ]; then continue; fi
  if is_glibc "$triple" && [ "${CI:-}" = "true" ]; then
    problems+=("$rid: no cargo-zigbuild/zig (needed in CI for the glibc $GLIBC_FLOOR floor)")
  fi
  command -v "$(cc_of "$triple")" >/dev/null 2>&1 || problems+=("$rid: no $(cc_of "$triple")")
done
if [ ${#problems[@]} -gt 0 ]; then
  printf 'error: %s\n' "${problems[@]}" >&2
  echo "run scripts/install-cross.sh first" >&2
  exit 1
fi

TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
# Extra cargo flags, split into words (e.g. "--locked --offline").
read -r -a extra_flags <<<"${CIPPAPI_CARGO_FLAGS:-}"
mkdir -p "$ROOT/target"
times=()
notes=()
for rid in "${rids[@]}"; do
  triple=$(triple_of "$rid")
  file=$(file_of "$rid")
  env_triple=${triple//-/_}
  printf '\n==> %s (%s)\n' "$rid" "$triple"
  t0=$SECONDS
  if is_glibc "$triple" && [ "$use_zig" -eq 1 ]; then
    # zig is compiler and linker here (it overrides .cargo/config.toml's linker for this build).
    cargo zigbuild --release -p cippapi --lib --target "$triple.$GLIBC_FLOOR" "${extra_flags[@]}"
  else
    env "CC_$env_triple=$(cc_of "$triple")" "AR_$env_triple=$(ar_of "$triple")" \
      cargo build --release -p cippapi --lib --target "$triple" "${extra_flags[@]}"
  fi
  dt=$((SECONDS - t0))
  out="$ROOT/dist/runtimes/$rid/native"
  mkdir -p "$out"
  cp "$TARGET_DIR/$triple/release/$file" "$out/$file"
  if is_glibc "$triple"; then
    need=$(glibc_needed "$out/$file")
    if [ "$(printf '%s\n%s\n' "$need" "$GLIBC_FLOOR" | sort -V | tail -n1)" != "$GLIBC_FLOOR" ]; then
      if [ "$use_zig" -eq 1 ]; then
        echo "error: $rid needs glibc $need, more than the $GLIBC_FLOOR it was built for" >&2
        exit 1
      fi
      echo "warning: $rid needs glibc $need (built without zig): it will not load on older distributions" >&2
    fi
    notes+=("$rid needs glibc $need.")
  fi
  times+=("$rid: ${dt}s")
  echo "$rid: dist/runtimes/$rid/native/$file, $(stat -c %s "$out/$file") bytes, built in ${dt}s"
done

# The table covers everything in dist/, so building one rid again keeps the others' rows.
rows=()
for rid in "${ALL_RIDS[@]}"; do
  file=$(file_of "$rid")
  f="$ROOT/dist/runtimes/$rid/native/$file"
  [ -f "$f" ] && rows+=("| $rid | \`$file\` | $(stat -c %s "$f") |")
done
{
  echo "| rid | file | bytes |"
  echo "|---|---|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Release profile (LTO, codegen-units=1, strip), $(rustc --version), built $(date -u +%Y-%m-%d)."
  [ ${#notes[@]} -eq 0 ] || echo "${notes[*]}"
} >"$ROOT/target/cross-sizes.md"

printf '\n==> done (build times: %s)\n' "${times[*]}"
cat "$ROOT/target/cross-sizes.md"
