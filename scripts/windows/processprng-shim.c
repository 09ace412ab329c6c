/* For test runs under Wine only; never shipped. Rust's standard library asks Windows for random
 * bytes through ProcessPrng in bcryptprimitives.dll, which Wine 8 (Debian 12) lacks, so a Rust
 * program does not start there. This DLL, placed in the Wine prefix as bcryptprimitives.dll,
 * provides ProcessPrng over advapi32's SystemFunction036 (RtlGenRandom), which Wine has.
 * Built by scripts/build-windows.sh; used by scripts/wine-check.sh. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
