// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// CFLAGS: -fumsan-track-origins
// Every operator new / new[] variant called by instrumented code poisons
// what it returns: plain, nothrow, aligned (std::align_val_t), aligned
// nothrow. One report per variant, each where the element decides a branch.
#include <cstdio>
#include <new>
#include "../common/opaque.hpp"
struct alignas(64) Big { int v; char pad[60]; };
__attribute__((noinline)) void sink(int x) { printf("%d\n", x); }
int main() {
    int *a = opaque(new int);
    if (*a == 1) sink(1); // REPORT
    int *b = opaque(new int[3]);
    if (b[1] == 1) sink(2); // REPORT
    int *c = opaque(new (std::nothrow) int);
    if (*c == 1) sink(3); // REPORT
    int *d = opaque(new (std::nothrow) int[3]);
    if (d[2] == 1) sink(4); // REPORT
    Big *e = opaque(new Big);
    if (e->v == 1) sink(5); // REPORT
    Big *f = opaque(new Big[2]);
    if (f[1].v == 1) sink(6); // REPORT
    Big *g = opaque(new (std::nothrow) Big);
    if (g->v == 1) sink(7); // REPORT
    Big *h = opaque(new (std::nothrow) Big[2]);
    if (h[0].v == 1) sink(8); // REPORT
    delete a; delete[] b; delete c; delete[] d; delete e; delete[] f; delete g; delete[] h;
    return 0;
}
// CHECK: created by a heap allocation
// CHECK-NEXT: #0 {{.*}} in operator new{{$}}
// CHECK-NEXT: #1 {{.*}} in main {{.*}}variants_report.cpp:13
// CHECK: created by a heap allocation
// CHECK-NEXT: #0 {{.*}} in operator new[]
// CHECK-NEXT: #1 {{.*}} in main {{.*}}variants_report.cpp:15
