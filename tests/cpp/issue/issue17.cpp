// EXPECT: report
// CFLAGS: -fumsan-track-origins
// The program of issue 17: libstdc++'s out-of-line code writes the
// string's bytes (no false report at printf), exceptions are caught, and
// the uninitialized new[] element is the one report.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>
#include "../common/opaque.hpp"
int main() {
    std::string s = "x";
    for (int i = 0; i < 40; i++) s += "ab";
    std::vector<int> v;
    for (int i = 0; i < 100; i++) v.push_back(i);
    try { if (v.size() > OPAQUE_INT(5)) throw std::runtime_error("boom"); } catch (const std::exception &e) { printf("caught %s\n", e.what()); }
    printf("%s %zu\n", s.c_str(), v.size());
    int *p = opaque(new int[4]);
    if (p[2] > 0) // REPORT
        printf("positive\n");
    delete[] p;
    return 0;
}
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NEXT: #0 {{.*}} in operator new[]
// CHECK-NEXT: #1 {{.*}} in main {{.*}}issue17.cpp:18
