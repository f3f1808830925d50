// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// CFLAGS: -fumsan-track-origins
// A stream `new`ed by instrumented code counts as initialized by its
// constructor (heap_streams_clean.cpp), but what is printed into it is
// still checked: an uninitialized `new[]` element, and a field a user
// constructor forgets in an object allocated next to the stream.
#include <cstdio>
#include <sstream>
#include "../common/opaque.hpp"
struct Counter {
    int hits;
    int misses;
    Counter() : hits(0) {}
};
int main() {
    auto *ss = new std::stringstream;
    int *n = opaque(new int[4]);
    n[0] = 1;
    *ss << n[0] << ',' << n[2]; // REPORT
    Counter *c = opaque(new Counter);
    if (c->misses > 0) // REPORT
        *ss << '!';
    std::printf("%zu\n", ss->str().size());
    delete c;
    delete[] n;
    delete ss;
    return 0;
}
// CHECK: created by a heap allocation
