// A fresh anonymous mapping is zero-filled, initialized; bytes copied into
// it keep the metadata of their source, so uninitialized heap bytes
// memcpy'd there are still uninitialized, and their use is reported.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan agrees on every report, but ends with exit status 77 under halt_on_error=0)
#include "../common/opaque.h"
#include <sys/mman.h>

static volatile int sink;

int main(void) {
    char *m = opaque(mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (m == MAP_FAILED)
        return 1;
    if (m[0] == 0 && m[8191] == 0) /* fresh mapping: clean */
        sink = 1;
    char *u = uninit_heap(64);
    memcpy(u, "init", 4); /* u[4..64) uninitialized */
    memcpy(m + 100, u, 64);
    if (m[103] == 't') /* copied from initialized bytes: clean */
        sink = 2;
    if (m[110] == 'x') // REPORT
        sink = 3;
    memcpy(m + 4096, u + 8, 16);
    if (m[4100] == 'y') // REPORT
        sink = 4;
    free(u);
    munmap(m, 8192);
    return 0;
}
