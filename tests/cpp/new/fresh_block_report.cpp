// EXPECT: report
// MODES: O0 O1 O2 O3
// CFLAGS: -fumsan-track-origins
// The program of issue 17 exactly as the issue gives it, with nothing
// hidden from the optimizer. The one report is the uninitialized new[]
// element. With `noalias` on the new-expression's result LLVM's GVN would
// read the fresh block as `undef` and fold the branch away from -O2 on;
// umsan-c++ passes -fno-assume-sane-operator-new, as clang does for
// MemorySanitizer, so the read stays and is reported at every level.
#include <cstdio>
#include <string>
#include <vector>
#include <stdexcept>
int main() {
    std::string s = "hello";
    s += ", world";
    std::vector<int> v{1, 2, 3};
    try { throw std::runtime_error("x"); } catch (const std::exception &e) { v.push_back(4); }
    printf("%s %zu\n", s.c_str(), v.size());
    int *a = new int[4];
    if (a[2] > 0) printf("positive\n"); // REPORT
    delete[] a;
    return 0;
}
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NEXT: #0 {{.*}} in operator new[]
// CHECK-NEXT: #1 {{.*}} in main {{.*}}fresh_block_report.cpp:20
