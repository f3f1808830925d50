// Control for no_sanitize_padding.c: with -fno-umsan-msan-compat the
// no_sanitize("memory") attribute means nothing to umsan (clang leaves no
// trace of it without the front end's memory sanitizer), so the branch on
// the struct's padding inside the function is reported.
// EXPECT: report
// CFLAGS: -fno-umsan-msan-compat
// ORACLE: skip (MemorySanitizer always honours the attribute)
#include "../common/opaque.h"
#include <stdint.h>

struct rec {
    char tag; /* 3 bytes of padding follow */
    int value;
};

static volatile int sink;

__attribute__((no_sanitize("memory"))) static uint32_t hash_bytes(const void *p, size_t n) {
    const unsigned char *b = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        if (b[i] == 0x5a) // REPORT
            sink++;
        h = (h ^ b[i]) * 16777619u;
    }
    return h;
}

int main(void) {
    struct rec *r = uninit_heap(sizeof *r);
    r->tag = 'x';
    r->value = 42;
    uint32_t h = hash_bytes(opaque(r), sizeof *r);
    printf("%d\n", (int)(h != 0));
    free(r);
    return 0;
}
