// EXPECT: clean
// Streams allocated with `new` by instrumented code: libstdc++'s complete-
// object constructor (uninstrumented) initializes the whole object, the
// virtual base std::basic_ios (width, flags, locale) included, which lies
// beyond the `dereferenceable(nvsize)` its `this` promises. Found in
// googletest's `Message() : ss_(new std::stringstream)` (snappy's suite):
// `msg << 'c'` read the width in the inlined `operator<<(ostream&, char)`.
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include "../common/opaque.hpp"
struct Message {
    std::unique_ptr<std::stringstream> ss;
    Message() : ss(new std::stringstream) {}
    Message &operator<<(char c) { *ss << c; return *this; }
    Message &operator<<(int n) { *ss << n; return *this; }
    std::string str() const { return ss->str(); }
};
int main() {
    std::stringstream *ss = new std::stringstream;
    *ss << 'a' << OPAQUE_INT(7) << "bc";
    std::printf("%s\n", ss->str().c_str());
    delete ss;
    auto *os = new std::ostringstream;
    *os << 'x' << 2.5;
    std::printf("%s %d\n", os->str().c_str(), (int)os->width());
    delete os;
    auto is = std::make_unique<std::istringstream>("12 34");
    int a = 0, b = 0;
    *is >> a >> b;
    if (a + b == 46) std::printf("sum ok\n");
    Message m;
    m << 'k' << OPAQUE_INT(3);
    std::printf("%s\n", m.str().c_str());
    auto *f = new std::ifstream("/nonexistent/umsan");
    if (!f->is_open() && f->fail()) std::printf("not open\n");
    delete f;
    return 0;
}
