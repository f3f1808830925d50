/* Shared helpers of the benchmark drivers: a deterministic PRNG, a checksum,
 * a compressible-data generator and argument parsing. Everything printed on
 * stdout must be identical in every configuration; timings go to stderr as
 * "METRIC name value" lines. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint64_t rng_next(uint64_t *s) {
    /* xorshift64* */
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static inline uint64_t fnv1a(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = (const unsigned char *)p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
#define FNV_INIT 0xcbf29ce484222325ULL

static inline double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static inline long arg_long(int argc, char **argv, int i, long dflt) {
    if (argc > i) {
        char *end;
        long v = strtol(argv[i], &end, 10);
        if (*end == 0 && v > 0) return v;
        fprintf(stderr, "bad argument %s\n", argv[i]);
        exit(2);
    }
    return dflt;
}

static void *xmalloc(size_t n) {
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "out of memory (%zu bytes)\n", n);
        exit(3);
    }
    return p;
}

/* n bytes of text-like data that compresses roughly 3-4x: words drawn from a
 * skewed vocabulary, numbers and the odd run of random bytes. */
static void gen_data(unsigned char *out, size_t n, uint64_t seed) {
    static const char *words[] = {
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it",
        "as", "was", "with", "be", "by", "on", "not", "he", "this", "are",
        "or", "his", "from", "at", "which", "but", "have", "an", "had",
        "they", "you", "were", "their", "one", "all", "we", "can", "her",
        "has", "there", "been", "if", "more", "when", "will", "would",
        "uninitialized", "sanitizer", "shadow", "memory", "origin",
        "benchmark", "compression", "metadata", "instrumentation",
    };
    const size_t nwords = sizeof(words) / sizeof(words[0]);
    uint64_t s = seed | 1;
    size_t i = 0;
    while (i < n) {
        uint64_t r = rng_next(&s);
        unsigned kind = (unsigned)(r & 63);
        char tmp[32];
        const char *w;
        size_t len;
        if (kind == 0) {
            /* a short run of incompressible bytes */
            len = 8 + (size_t)((r >> 8) & 31);
            for (size_t j = 0; j < len && i < n; j++) {
                out[i++] = (unsigned char)(rng_next(&s) >> 56);
            }
            continue;
        } else if (kind < 6) {
            /* a decimal number, formatted by hand (no libc in the loop) */
            unsigned v = (unsigned)((r >> 16) % 100000);
            char *p = tmp + sizeof tmp;
            do {
                *--p = (char)('0' + v % 10);
                v /= 10;
            } while (v);
            w = p;
            len = (size_t)(tmp + sizeof tmp - p);
        } else {
            /* skewed: low indices are much more frequent */
            size_t a = (size_t)((r >> 8) % nwords), b = (size_t)((r >> 24) % nwords);
            w = words[a < b ? a : b];
            len = strlen(w);
        }
        for (size_t j = 0; j < len && i < n; j++) out[i++] = (unsigned char)w[j];
        if (i < n) out[i++] = (kind & 7) == 7 ? '\n' : ' ';
    }
}

#endif
