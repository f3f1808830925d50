/* Helpers shared by the C file tests (included as "../common/opaque.h").
 *
 * LLVM folds a load from memory nothing has written (a fresh malloc, an
 * untouched local) to `undef`, and may then delete the very use a test is
 * about. Passing pointers and values through a volatile global makes them
 * opaque to the optimizer at -O0 and -O2 alike, while they stay what they
 * are: the pointer itself is initialized, the memory it points to keeps its
 * state. */
#ifndef UMSAN_TEST_OPAQUE_H
#define UMSAN_TEST_OPAQUE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *volatile opaque_ptr_sink_;
static volatile long opaque_long_sink_;

/* Returns p; the optimizer knows nothing about it or about *p. */
static inline void *opaque(void *p) {
    opaque_ptr_sink_ = p;
    return opaque_ptr_sink_;
}

/* As opaque(), for threads and signal handlers calling it at the same
 * time: the value passes through a local volatile, not a shared one. */
static inline void *opaque_mt(void *p) {
    void *volatile v = p;
    return v;
}

/* Returns v (initialized), unknown to the optimizer. */
static inline long opaque_long(long v) {
    opaque_long_sink_ = v;
    return opaque_long_sink_;
}
#define OPAQUE_INT(v) ((int)opaque_long(v))

/* n bytes of fresh heap memory: uninitialized. */
static inline void *uninit_heap(size_t n) {
    return opaque(malloc(n));
}

#endif
