// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// CFLAGS: -fumsan-track-origins
// Values leaving the program through an ostream are used (libstdc++'s
// inserters are modelled, configs/libstdcxx.toml): an uninitialized int
// printed with `<<` is reported at the call, and so are uninitialized bytes
// written with `write`.
#include <iostream>
#include <sstream>
#include "../common/opaque.hpp"
int main() {
    int count;
    int *pc = opaque(&count);
    std::ostringstream os;
    os << "count=" << *pc; // REPORT
    char *buf = opaque(new char[8]);
    buf[0] = 'a';
    std::cout.write(buf, 4); // REPORT: uninit-copy-out
    std::cout << '\n' << os.str().size() << '\n';
    delete[] buf;
    return 0;
}
// CHECK: created by a stack allocation of 'count' in main
// CHECK: bytes [1, 4) of 4 are uninitialized
