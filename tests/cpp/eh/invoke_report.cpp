// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// Calls that may throw become `invoke`s (in a try block, or with a
// destructor to run): the argument shadow goes to the callee before the
// invoke, the return value's shadow comes back on the normal edge.
#include <cstdio>
#include <stdexcept>
#include "../common/opaque.hpp"
struct Guard {
    int id;
    ~Guard() { printf("guard %d\n", opaque_long(id) > 0 ? 1 : 0); }
};
__attribute__((noinline)) int produce(int k) {
    int x;
    int *px = opaque(&x);
    if (k > 100) *px = 1;
    if (k < -100) throw std::runtime_error("never");
    return *px;
}
__attribute__((noinline)) void consume(int v) {
    if (v == 42) // REPORT
        printf("forty-two\n");
    if (opaque_long(1) == -1) throw std::runtime_error("minus one");
}
int main() {
    Guard g{1};
    int v = produce(OPAQUE_INT(3));
    try {
        consume(v);
    } catch (const std::exception &e) {
        printf("caught %s\n", e.what());
    }
    int w = 0;
    try {
        w = produce(OPAQUE_INT(5));
    } catch (...) {
        printf("caught\n");
    }
    if (w > 0) // REPORT
        printf("w positive\n");
    return 0;
}
