#!/bin/sh
# Linker for x86_64-unknown-linux-musl cdylibs (named in .cargo/config.toml): musl-gcc, with the
# unwinder linked in statically.
# Why: a Rust cdylib on musl (no static CRT) asks for libgcc_s.so.1 for unwinding. musl-gcc cannot
# find it (Debian keeps it among glibc's libraries) and the host's copy is built for glibc anyway
# (it will not load under musl's ld). Rust's own LLVM libunwind, shipped with the musl target for
# its static binaries, is used instead: the library then needs nothing but musl's libc.so, on
# Alpine and wherever musl's loader runs it.
set -eu
sysroot_lib=""
prev=""
for arg; do
  # rustc passes -L <sysroot>/lib/rustlib/<target>/lib; self-contained/ beside it holds libunwind.a.
  if [ "$prev" = "-L" ] && [ -f "$arg/self-contained/libunwind.a" ]; then sysroot_lib=$arg; fi
  prev=$arg
done
if [ -z "$sysroot_lib" ]; then
  echo "musl-gcc-cdylib.sh: no rustlib folder with self-contained/libunwind.a among the -L arguments" >&2
  exit 1
fi
for arg; do
  shift
  if [ "$arg" = "-lgcc_s" ]; then
    set -- "$@" "$sysroot_lib/self-contained/libunwind.a"
  else
    set -- "$@" "$arg"
  fi
done
exec musl-gcc "$@"
