/* Metadata-move microbenchmark: ITERS moves of 1 MiB blocks inside a ring of
 * 16 blocks with
 *   memcpy                  (data and metadata),
 *   umsan_memmove_metadata  (metadata only) from an initialized block, and
 *   umsan_memmove_metadata  from a never-written (uninitialized) block.
 * Under MemorySanitizer the equivalent of umsan_memmove_metadata is
 * __msan_copy_shadow; in the native build it is umsan.h's inline no-op.
 * Per-MiB times go to stderr as METRIC lines (they are not compared).
 * Usage: metamove_bench [ITERS] */
#include "common.h"
#include <umsan.h>

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#include <sanitizer/msan_interface.h>
#define META_MOVE(d, s, n) __msan_copy_shadow((d), (s), (n))
#define META_KIND "__msan_copy_shadow"
#endif
#endif
#ifndef META_MOVE
#define META_MOVE(d, s, n) umsan_memmove_metadata((d), (s), (n))
#ifdef __UMSAN__
#define META_KIND "umsan_memmove_metadata"
#else
#define META_KIND "no-op"
#endif
#endif

#define BLOCK (1u << 20)
#define NBLK 16

int main(int argc, char **argv) {
    long iters = arg_long(argc, argv, 1, 2000);
    unsigned char *ring = xmalloc((size_t)NBLK * BLOCK);
    unsigned char *uninit = xmalloc(BLOCK); /* never written */
    gen_data(ring, (size_t)NBLK * BLOCK, 5);
    uint64_t h = FNV_INIT;

    double t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        unsigned char *d = ring + (size_t)(i % NBLK) * BLOCK;
        unsigned char *s = ring + (size_t)((i + 5) % NBLK) * BLOCK;
        memcpy(d, s, BLOCK);
        d[i % BLOCK] ^= (unsigned char)i;
    }
    double t1 = now_ns();
    for (long i = 0; i < iters; i++) {
        unsigned char *d = ring + (size_t)(i % NBLK) * BLOCK;
        unsigned char *s = ring + (size_t)((i + 5) % NBLK) * BLOCK;
        META_MOVE(d, s, BLOCK);
    }
    double t2 = now_ns();
    /* Move "uninitialized" onto the first half of the ring ... */
    for (long i = 0; i < iters; i++) {
        META_MOVE(ring + (size_t)(i % (NBLK / 2)) * BLOCK, uninit, BLOCK);
    }
    double t3 = now_ns();
    /* ... and make it initialized again, so the checksum below is clean. */
    for (int b = 0; b < NBLK / 2; b++) {
        META_MOVE(ring + (size_t)b * BLOCK, ring + (size_t)(NBLK / 2) * BLOCK, BLOCK);
    }
    for (size_t i = 0; i < (size_t)NBLK * BLOCK; i += 251) h = fnv1a(h, ring + i, 1);

    printf("metamove: %ld iterations of 1 MiB, checksum %016llx\n", iters,
           (unsigned long long)h);
    fprintf(stderr, "METRIC memcpy_ns_per_MiB %.1f\n", (t1 - t0) / (double)iters);
    fprintf(stderr, "METRIC metamove_init_ns_per_MiB %.1f\n", (t2 - t1) / (double)iters);
    fprintf(stderr, "METRIC metamove_uninit_ns_per_MiB %.1f\n", (t3 - t2) / (double)iters);
    fprintf(stderr, "METRIC metamove_kind %s\n", META_KIND);
    free(ring);
    free(uninit);
    return 0;
}
