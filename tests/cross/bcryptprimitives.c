/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks. Rust's std (and
 * getrandom) take their random bytes from its ProcessPrng; without it the DLL under test cannot
 * even load. It is placed next to the test program by scripts/cross-test.sh and is never shipped:
 * real Windows (8.1 and later) has the real one.
 *
 * Build: <arch>-w64-mingw32-gcc -shared -O2 -Wl,--kill-at -o bcryptprimitives.dll \
 *        bcryptprimitives.c -ladvapi32
 * (--kill-at: 32-bit Windows exports ProcessPrng undecorated, not as ProcessPrng@8.)
 */
#include <windows.h>

/* RtlGenRandom: advapi32's long-standing CSPRNG entry point, present in every Wine. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        /* RtlGenRandom takes a ULONG length; SIZE_T is wider on 64-bit. */
        ULONG chunk = len > 0x10000000u ? 0x10000000u : (ULONG)len;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
