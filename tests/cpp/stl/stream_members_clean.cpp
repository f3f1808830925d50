// EXPECT: clean
// Streams that are *members* (or elements) of objects instrumented code
// builds: libstdc++'s complete-object constructor (uninstrumented)
// initializes the whole stream, the virtual base std::basic_ios (width,
// flags, locale) included, which lies beyond the `dereferenceable(nvsize)`
// its `this` promises. Found in yaml-cpp's suite: `EncodingTest::m_yaml`, a
// std::stringstream member of a googletest fixture, built by the fixture's
// constructor inside the test's own (`new TestClass` in the factory), then
// `m_yaml << ch` read the width in the inlined `operator<<(ostream&, char)`.
// Here: members on the heap, on the stack and in a global, a fixture
// subclass built through a factory, a class with a virtual base holding a
// stream, arrays of streams, a class derived from std::stringstream, and
// streams placed by the library (std::vector, std::make_shared,
// std::optional).
#include <cstdio>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>
#include "../common/opaque.hpp"
struct Holder {
    int before;
    std::stringstream ss;
    int after;
    Holder() : before(1), after(2) {}
};
struct Test {
    virtual ~Test() {}
    virtual void TestBody() = 0;
};
struct EncodingTest : Test {
    std::stringstream m_yaml;
    std::string m_text;
    void Encode(char ch) { m_yaml << ch; }
};
struct EncodingTest_Utf8_Test : EncodingTest {
    void TestBody() override {
        for (char c : std::string("yaml"))
            Encode(c);
        m_yaml << ' ' << OPAQUE_INT(8);
    }
};
__attribute__((noinline)) Test *create() { return new EncodingTest_Utf8_Test; }
struct Base {
    int tag = 3;
};
struct WithVirtualBase : virtual Base {
    std::ostringstream out;
    long n = 0;
};
struct MyStream : std::stringstream {
    int extra = 4;
};
Holder global_holder;
int main() {
    Holder *h = opaque(new Holder);
    h->ss << 'h' << h->before << h->after;
    std::printf("%s\n", h->ss.str().c_str());
    Holder s;
    opaque(&s)->ss << 's' << OPAQUE_INT(2);
    std::printf("%s %d\n", s.ss.str().c_str(), s.after);
    global_holder.ss << 'g';
    std::printf("%s\n", global_holder.ss.str().c_str());
    Test *t = create();
    t->TestBody();
    std::printf("%s\n", static_cast<EncodingTest *>(t)->m_yaml.str().c_str());
    delete t;
    EncodingTest_Utf8_Test st;
    st.TestBody();
    std::printf("%s\n", st.m_yaml.str().c_str());
    auto *w = opaque(new WithVirtualBase);
    w->out << 'w' << w->tag << w->n;
    std::printf("%s\n", w->out.str().c_str());
    delete w;
    auto *arr = opaque(new std::stringstream[3]);
    arr[2] << 'a' << 2;
    std::printf("%s\n", arr[2].str().c_str());
    delete[] arr;
    std::ostringstream local[2];
    opaque(&local[1])->put('l');
    local[1] << 'm';
    std::printf("%s\n", local[1].str().c_str());
    auto *m = opaque(new MyStream);
    *m << 'd' << m->extra;
    std::printf("%s\n", m->str().c_str());
    delete m;
    std::vector<std::stringstream> v;
    v.emplace_back();
    v.emplace_back();
    v[1] << 'v';
    auto sp = std::make_shared<std::stringstream>();
    *sp << 'p';
    std::optional<std::ostringstream> o;
    o.emplace();
    *o << 'o';
    std::printf("%s %s %s\n", v[1].str().c_str(), sp->str().c_str(), o->str().c_str());
    return 0;
}
