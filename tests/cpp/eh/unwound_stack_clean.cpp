// EXPECT: clean
// Frames an exception unwinds never return, so they never clean their
// stack slots; uninstrumented code that later reuses that stack (here
// libstdc++'s number formatting, whose stack buffer reaches a user
// streambuf) must not hand the stale poison to instrumented code: landing
// pads have the runtime clean the unwound stack. Also after a rethrow.
#include <cstdio>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include "../common/opaque.hpp"
struct CountBuf : std::streambuf {
    int digits = 0;
    int overflow(int c) override {
        if (c >= '0' && c <= '9') digits++;
        return c;
    }
    std::streamsize xsputn(const char *s, std::streamsize n) override {
        for (std::streamsize i = 0; i < n; i++)
            if (s[i] >= '0' && s[i] <= '9') digits++;
        return n;
    }
};
__attribute__((noinline)) void thrower(int k) {
    if (k >= 0) throw std::runtime_error("deep");
}
__attribute__((noinline)) int deep(int k) {
    volatile char buf[4096]; // poisoned at entry, never cleaned: no return
    buf[k & 1] = 1;
    thrower(k);
    return buf[0];
}
__attribute__((noinline)) int deeper(int k) {
    volatile char more[2048];
    more[0] = 2;
    try {
        return deep(k) + more[0];
    } catch (...) {
        throw; // rethrown: unwinding starts again from here
    }
}
int main() {
    CountBuf cb;
    std::ostream os(&cb);
    for (int round = 0; round < 3; round++) {
        try {
            if (round == 1) deeper(OPAQUE_INT(round));
            else deep(OPAQUE_INT(round));
        } catch (const std::exception &e) {
            printf("caught %s\n", e.what());
        }
        for (int i = 0; i < 10; i++) os << 123456789L * i << ' ' << 3.25 * i;
    }
    printf("digits %d\n", cb.digits);
    return 0;
}
