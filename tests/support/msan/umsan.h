/* umsan.h on top of MemorySanitizer, for the oracle mode of the test suite
 * (UMSAN_TEST_ORACLE=msan): checks the C corpus with a known-good tool. */
#ifndef UMSAN_H
#define UMSAN_H
#include <stddef.h>
#include <sanitizer/msan_interface.h>
#define UMSAN_MEMCPY_LIKE(fn, dst, src, len, ret)
#define UMSAN_COPY_OUT(fn, src, len, ret)
#define UMSAN_COPY_IN(fn, dst, len, ret)
#define umsan_memmove_metadata(d, s, n) __msan_copy_shadow((d), (s), (n))
#define umsan_poison(p, n) __msan_poison((p), (n))
#define umsan_unpoison(p, n) __msan_unpoison((p), (n))
#define umsan_check_initialized(p, n) __msan_check_mem_is_initialized((const void *)(p), (n))
#define umsan_test_initialized(p, n) ((long)__msan_test_shadow((const void *)(p), (n)))
#endif
