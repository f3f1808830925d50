// A function marked no_sanitize("memory") (or no_sanitize_memory) reads a
// struct's uninitialized padding on purpose (a byte-wise hash, a raw copy).
// As under MemorySanitizer it is not checked, and what it returns and
// stores counts as initialized: the caller's branches on the hash and on
// the copied bytes are not reported. (no_sanitize_off.c: the same reads
// are reported without msan-compat.)
// EXPECT: clean
#include "../common/opaque.h"
#include <stdint.h>

struct rec {
    char tag; /* 3 bytes of padding follow */
    int value;
    short kind; /* 2 more at the end */
};

static volatile int sink;

/* FNV-1a over every byte, padding included. */
__attribute__((no_sanitize("memory"))) static uint32_t hash_bytes(const void *p, size_t n) {
    const unsigned char *b = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        if (b[i] == 0x5a) /* a branch on padding: not checked here */
            sink++;
        h = (h ^ b[i]) * 16777619u;
    }
    return h;
}

/* A raw byte copy: its stores write initialized shadow. */
__attribute__((no_sanitize_memory)) static void raw_copy(unsigned char *dst, const struct rec *src) {
    const unsigned char *s = (const unsigned char *)src;
    for (size_t i = 0; i < sizeof *src; i++)
        dst[i] = s[i];
}

int main(void) {
    struct rec *r = uninit_heap(sizeof *r);
    r->tag = 'x';
    r->value = 42;
    r->kind = 3;
    uint32_t h = hash_bytes(opaque(r), sizeof *r);
    if (h & 1) /* the result of a no_sanitize function is initialized */
        sink++;
    unsigned char *copy = uninit_heap(sizeof *r);
    raw_copy(copy, opaque(r));
    for (size_t i = 0; i < sizeof *r; i++)
        if (copy[i] & 1) /* includes the copied padding */
            sink++;
    printf("tag %c value %d kind %d\n", r->tag, r->value, r->kind);
    free(copy);
    free(r);
    return 0;
}
// STDOUT: tag x value 42 kind 3
