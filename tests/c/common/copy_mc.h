/* A copy the compiler cannot see through, declared to umsan like Linux's
 * copy_mc_to_kernel (returns the bytes NOT copied): the metadata of exactly
 * the bytes copied moves with them. Shared by the thread and process tests
 * (included as "../common/copy_mc.h"). */
#ifndef UMSAN_TEST_COPY_MC_H
#define UMSAN_TEST_COPY_MC_H

#include <stddef.h>
#include <umsan.h>

__attribute__((noinline)) size_t copy_mc(void *dst, const void *src, size_t len) {
    volatile unsigned char *d = dst;
    const volatile unsigned char *s = src;
    for (size_t i = 0; i < len; i++)
        d[i] = s[i];
    return 0;
}
UMSAN_MEMCPY_LIKE(copy_mc, 0, 1, 2, remaining);

#endif
