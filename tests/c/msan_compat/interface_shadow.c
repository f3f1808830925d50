// <sanitizer/msan_interface.h> on umsan: the shadow functions with
// MemorySanitizer's meaning, checked through __msan_test_shadow (offset of
// the first uninitialized byte, or -1). The same values under MSan; the
// native build (no memory sanitizer) skips the calls, as projects do.
// EXPECT: clean
#include "../common/opaque.h"
#include <sanitizer/msan_interface.h>

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif

/* MemorySanitizer's, declared in its internal header only. */
int __msan_set_poison_in_malloc(int do_poison);

static int failures;

static void expect(const char *what, long got, long want) {
    if (got != want) {
        fprintf(stderr, "%s: got %ld, want %ld\n", what, got, want);
        failures++;
    }
}

#define TEST(p, n) ((long)__msan_test_shadow((p), (n)))

int main(void) {
#ifndef SANITIZED
    puts("ok");
    return 0;
#else
    unsigned char *a = uninit_heap(32);
    expect("fresh heap", TEST(a, 32), 0);
    memset(a, 1, 10);
    expect("after memset of 10", TEST(a, 32), 10);
    expect("initialized part", TEST(a, 10), -1);
    expect("empty range", TEST(a + 20, 0), -1);

    __msan_unpoison(a + 10, 6);
    expect("unpoison [10,16)", TEST(a, 32), 16);
    __msan_poison(a + 4, 2);
    expect("poison [4,6)", TEST(a, 32), 4);
    expect("after the poisoned bytes", TEST(a + 6, 10), -1);

    /* partial: one bit of byte 1 */
    unsigned char shadow[4] = {0, 0x10, 0, 0};
    __msan_unpoison(a, 32);
    __msan_partial_poison(a + 8, shadow, 4);
    expect("partial poison", TEST(a, 32), 9);

    /* copy_shadow moves metadata, not data */
    unsigned char *b = uninit_heap(8);
    memset(b, 7, 8);
    __msan_poison(a, 8);
    a[2] = 5;
    __msan_copy_shadow(b, a + 2, 4); /* b[0] clean, b[1..4) uninitialized */
    expect("copy_shadow", TEST(b, 8), 1);
    expect("copy_shadow keeps data", b[5], 7);
    expect("copy_shadow beyond", TEST(b + 4, 4), -1);

    /* unpoison_string: the string and its NUL */
    char *s = uninit_heap(16);
    __msan_poison(s, 16);
    __msan_unpoison(s, 5);
    memcpy(s, "abcd", 5); /* data only: the bytes were already unpoisoned */
    __msan_poison(s, 16);
    __msan_unpoison_string(s);
    expect("unpoison_string", TEST(s, 16), 5);

    /* allocated_memory: a custom allocator's block is uninitialized */
    static unsigned char pool[64];
    memset(pool, 0, sizeof pool);
    __msan_allocated_memory(pool + 16, 8);
    expect("allocated_memory", TEST(pool, 64), 16);
    expect("allocated_memory end", TEST(pool + 24, 40), -1);

    /* set_poison_in_malloc(0): new blocks count as initialized */
    __msan_set_poison_in_malloc(0);
    unsigned char *c = uninit_heap(16);
    expect("poison_in_malloc=0", TEST(c, 16), -1);
    expect("previous setting", __msan_set_poison_in_malloc(1), 0);
    unsigned char *d = uninit_heap(16);
    expect("poison_in_malloc=1", TEST(d, 16), 0);

    expect("no dynamic component", __msan_has_dynamic_component(), 0);
    printf("%s\n", failures ? "FAILED" : "ok");
    free(a);
    free(b);
    free(s);
    free(c);
    free(d);
    return failures != 0;
#endif
}
// STDOUT: ok
