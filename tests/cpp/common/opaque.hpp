// Helpers shared by the C++ file tests (included as "../common/opaque.hpp").
// As tests/c/common/opaque.h: a volatile global hides pointers and values
// from the optimizer, so that -O2 cannot fold a load of memory nothing
// wrote to `undef` and drop the use a test is about.
#ifndef UMSAN_TEST_OPAQUE_HPP
#define UMSAN_TEST_OPAQUE_HPP

static void *volatile opaque_ptr_sink_;
static volatile long opaque_long_sink_;

// Returns p; the optimizer knows nothing about it or about *p.
template <typename T> static inline T *opaque(T *p) {
    opaque_ptr_sink_ = (void *)p;
    return (T *)opaque_ptr_sink_;
}

// Returns v (initialized), unknown to the optimizer.
static inline long opaque_long(long v) {
    opaque_long_sink_ = v;
    return opaque_long_sink_;
}
#define OPAQUE_INT(v) ((int)opaque_long(v))

#endif
