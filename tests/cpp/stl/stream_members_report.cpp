// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// CFLAGS: -fumsan-track-origins
// An uninstrumented stream constructor initializes exactly its stream
// (stream_members_clean.cpp), not the object around it: a member the
// user's constructor forgets, before or after the stream member, on the
// heap, on the stack and in a googletest-style fixture, is still reported,
// and so is an uninitialized value printed into the stream.
#include <cstdio>
#include <sstream>
#include "../common/opaque.hpp"
struct Holder {
    int before;
    std::stringstream ss;
    int after;
    Holder() {} // forgets before and after
};
struct Test {
    virtual ~Test() {}
    virtual void TestBody() = 0;
};
struct Fixture : Test {
    std::stringstream m_yaml;
    int m_count; // never set
};
struct Fixture_Case_Test : Fixture {
    void TestBody() override;
};
__attribute__((noinline)) Test *create() { return new Fixture_Case_Test; }
int main() {
    Holder *h = opaque(new Holder);
    h->ss << 'h';
    if (h->after == 5) // REPORT
        std::printf("five\n");
    Holder s;
    Holder *sp = opaque(&s);
    sp->ss << 's';
    if (sp->before < 0) // REPORT
        std::printf("negative\n");
    int *n = opaque(new int[2]);
    sp->ss << n[1]; // REPORT
    Test *t = create();
    t->TestBody();
    std::printf("%zu %zu\n", h->ss.str().size(), sp->ss.str().size());
    delete[] n;
    delete t;
    delete h;
    return 0;
}
void Fixture_Case_Test::TestBody() {
    m_yaml << 'x';
    if (m_count > 2) // REPORT
        m_yaml << 'y';
}
// CHECK: created by a heap allocation
// CHECK: created by a stack allocation of 's' in main
