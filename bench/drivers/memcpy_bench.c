/* memcpy-heavy microbenchmark: ROUNDS rounds of (a) 2^18 small copies of
 * 1..256 bytes at random offsets, (b) 4096 copies of 4 KiB, (c) 16 copies of
 * 1 MiB and (d) struct assignments, inside a 32 MiB arena.
 * Usage: memcpy_bench [ROUNDS] */
#include "common.h"

#define ARENA (32u << 20)

struct rec {
    uint64_t a, b, c, d;
    char tag[32];
};

int main(int argc, char **argv) {
    long rounds = arg_long(argc, argv, 1, 40);
    unsigned char *src = xmalloc(ARENA), *dst = xmalloc(ARENA);
    gen_data(src, ARENA, 99);
    memset(dst, 0, ARENA);
    size_t nrec = 1u << 16;
    struct rec *ra = xmalloc(nrec * sizeof *ra), *rb = xmalloc(nrec * sizeof *rb);
    for (size_t i = 0; i < nrec; i++) {
        memcpy(&ra[i], src + i * 8, sizeof ra[i]);
        memset(&rb[i], 0, sizeof rb[i]);
    }
    uint64_t s = 1234, h = FNV_INIT;
    for (long r = 0; r < rounds; r++) {
        for (int i = 0; i < (1 << 18); i++) {
            uint64_t x = rng_next(&s);
            size_t len = 1 + (size_t)(x & 255);
            size_t so = (size_t)((x >> 8) % (ARENA - 256));
            size_t d = (size_t)((x >> 36) % (ARENA - 256));
            memcpy(dst + d, src + so, len);
        }
        for (int i = 0; i < 4096; i++) {
            size_t so = (size_t)(rng_next(&s) % (ARENA / 4096)) * 4096;
            size_t d = (size_t)i * 4096 % ARENA;
            memcpy(dst + d, src + so, 4096);
        }
        for (int i = 0; i < 16; i++) {
            size_t so = (size_t)(rng_next(&s) % 31) << 20;
            size_t d = (size_t)(i + r) % 32 << 20;
            memcpy(dst + d, src + so, 1u << 20);
        }
        for (size_t i = 0; i < nrec; i++) rb[(i * 7 + (size_t)r) % nrec] = ra[i];
        /* sample the destination so no copy can be dropped */
        for (size_t i = 0; i < ARENA; i += 4093) h = fnv1a(h, dst + i, 1);
        h = fnv1a(h, &rb[(size_t)r % nrec], sizeof rb[0]);
    }
    printf("memcpy: %ld rounds, checksum %016llx\n", rounds, (unsigned long long)h);
    free(src);
    free(dst);
    free(ra);
    free(rb);
    return 0;
}
