// __msan_set_expect_umr(1) ... (0): MemorySanitizer's test hook. The use of
// an uninitialized value between the two calls is expected and not
// reported; the program goes on. (expect_umr_missing.c: none happened.)
// EXPECT: clean
// CFLAGS: -fsanitize-recover=memory
#include "../common/opaque.h"
#include <sanitizer/msan_interface.h>

static volatile int sink;

int main(void) {
    int *p = uninit_heap(sizeof *p);
#if __has_feature(memory_sanitizer)
    __msan_set_expect_umr(1);
    if (*p == 42) /* expected */
        sink++;
    __msan_set_expect_umr(0);
#endif
    *p = 1;
    if (*p == 1)
        puts("done");
    free(p);
    return 0;
}
// STDOUT: done
