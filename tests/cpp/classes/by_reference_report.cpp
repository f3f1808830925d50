// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// CFLAGS: -fumsan-track-origins
// Uninitialized objects and values passed by reference and by pointer to
// instrumented functions (also through a template instantiated here and a
// virtual call) are reported where the callee uses them.
#include <cstdio>
#include <vector>
#include "../common/opaque.hpp"
struct Shape {
    virtual ~Shape() {}
    virtual int area(const int &scale) const = 0;
};
struct Square : Shape {
    int side;
    int area(const int &scale) const override;
};
__attribute__((noinline)) int Square::area(const int &scale) const {
    if (scale > 2) // REPORT
        printf("scaled\n");
    return side * side;
}
template <typename T> __attribute__((noinline)) T pick(const T &a, const T &b) {
    if (a < b) { // REPORT
        printf("second is larger\n");
        return b;
    }
    return a;
}
__attribute__((noinline)) void fill_some(int *out, int n) {
    for (int i = 0; i < n; i += 2) out[i] = i;
}
int main() {
    int scale;
    Square sq;
    sq.side = OPAQUE_INT(3);
    Shape *s = opaque(static_cast<Shape *>(&sq));
    printf("%d\n", s->area(*opaque(&scale)));
    long x = OPAQUE_INT(5), y;
    opaque_long(pick(x, *opaque(&y)));
    std::vector<int> v;
    v.reserve(8);
    int *data = opaque(v.data());
    fill_some(data, 8);
    if (data[3] == 3) // REPORT
        printf("odd slot\n");
    return 0;
}
// CHECK: created by a stack allocation of 'scale' in main
// CHECK: created by a stack allocation of 'y' in main
// CHECK: created by a heap allocation
// CHECK-NEXT: #0 {{.*}} in operator new{{$}}
