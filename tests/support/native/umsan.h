/* Stand-in for umsan.h in *native* reference builds, used only when the
 * project's own umsan.h is not found. Everything is a no-op, as the real
 * header promises without umsan. */
#ifndef UMSAN_H
#define UMSAN_H
#include <stddef.h>
#define UMSAN_MEMCPY_LIKE(fn, dst, src, len, ret)
#define UMSAN_COPY_OUT(fn, src, len, ret)
#define UMSAN_COPY_IN(fn, dst, len, ret)
static inline void umsan_memmove_metadata(void *d, const void *s, size_t n) { (void)d; (void)s; (void)n; }
static inline void umsan_poison(const volatile void *p, size_t n) { (void)p; (void)n; }
static inline void umsan_unpoison(const volatile void *p, size_t n) { (void)p; (void)n; }
static inline void umsan_check_initialized(const volatile void *p, size_t n) { (void)p; (void)n; }
static inline long umsan_test_initialized(const volatile void *p, size_t n) { (void)p; (void)n; return -1; }
#endif
