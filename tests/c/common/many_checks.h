/* 4096 checks in one function, for the tests of functions above the pass's
 * call threshold (3500): CHECKS_4096(p) branches on p[0..4095] > 3, each
 * branch calling hit(i), which adds to `hits`. Include after opaque.h. */
#ifndef UMSAN_TEST_MANY_CHECKS_H
#define UMSAN_TEST_MANY_CHECKS_H

static volatile long hits;
static __attribute__((noinline)) void hit(long i) { hits += i; }

#define MC_C1(p, i) if ((p)[(i)] > 3) hit(i);
#define MC_C4(p, i) MC_C1(p, i) MC_C1(p, (i) + 1) MC_C1(p, (i) + 2) MC_C1(p, (i) + 3)
#define MC_C16(p, i) MC_C4(p, i) MC_C4(p, (i) + 4) MC_C4(p, (i) + 8) MC_C4(p, (i) + 12)
#define MC_C64(p, i) MC_C16(p, i) MC_C16(p, (i) + 16) MC_C16(p, (i) + 32) MC_C16(p, (i) + 48)
#define MC_C256(p, i) MC_C64(p, i) MC_C64(p, (i) + 64) MC_C64(p, (i) + 128) MC_C64(p, (i) + 192)
#define MC_C1024(p, i) MC_C256(p, i) MC_C256(p, (i) + 256) MC_C256(p, (i) + 512) MC_C256(p, (i) + 768)
/* The input of CHECKS_4096: p[i] = i & 7, all initialized, half above 3. */
static inline int *checks_input(void) {
    int *p = opaque(calloc(4096, sizeof(int)));
    for (int i = 0; i < 4096; i++)
        p[i] = i & 7;
    return p;
}

#define CHECKS_4096(p) MC_C1024(p, 0) MC_C1024(p, 1024) MC_C1024(p, 2048) MC_C1024(p, 3072)

#endif
