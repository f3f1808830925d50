// EXPECT: clean
// What instrumented code initializes after new is initialized; every delete
// variant (sized, aligned, array) frees, and memory freed poisoned comes
// back clean to libstdc++'s own allocations (std::string, exceptions);
// std::bad_alloc from a failing new is thrown and caught as natively.
#include <cstdio>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>
#include "../common/opaque.hpp"
struct alignas(64) Big { int v; char pad[60]; Big() : v(7) { memset(pad, 1, sizeof pad); } };
struct Node { int key; Node *next; };
int main() {
    long sum = 0;
    for (int round = 0; round < 200; round++) {
        int *a = opaque(new int[16]);        // poisoned, then written
        for (int i = 0; i < 16; i++) a[i] = i * round;
        for (int i = 0; i < 16; i++) if (a[i] % 3 == 0) sum += a[i];
        delete[] a;
        char *raw = opaque(new char[100]);   // freed while still poisoned
        delete[] raw;
        std::string s(OPAQUE_INT(90), 'q');  // libstdc++ allocates: clean
        if (s[OPAQUE_INT(50)] == 'q') sum++;
        Big *b = opaque(new Big);
        if (b->v == 7 && b->pad[59] == 1) sum += 2;
        delete b;                            // aligned (sized) delete
        Big *bs = opaque(new Big[3]);
        if (bs[2].v == 7) sum += 3;
        delete[] bs;
        Node *n = opaque(new (std::nothrow) Node{round, nullptr});
        if (n && n->key == round) sum += 4;
        delete n;
    }
    try {
        std::vector<char> v;
        v.reserve(static_cast<size_t>(opaque_long(-1)) / 2);
    } catch (const std::bad_alloc &e) {
        printf("bad_alloc caught\n");
    } catch (const std::length_error &e) {
        printf("length_error caught\n");
    }
    int *fail = new (std::nothrow) int[static_cast<size_t>(opaque_long(1L << 46))];
    printf("nothrow gives %s\n", fail ? "memory" : "null");
    delete[] fail;
    printf("sum=%ld\n", sum);
    return 0;
}
