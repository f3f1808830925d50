// EXPECT: clean
// Exceptions thrown, rethrown, nested, caught by reference and by value,
// with destructors running in cleanup frames, through uninstrumented
// frames (glibc's qsort, std::call_once, std::sort's own recursion with a
// throwing comparator) and std::exception_ptr: no report, same output.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>
#include "../common/opaque.hpp"
struct Tracker {
    std::string name;
    static int live;
    explicit Tracker(std::string n) : name(std::move(n)) { live++; }
    ~Tracker() { live--; }
};
int Tracker::live = 0;
struct MyError : std::runtime_error {
    int code;
    MyError(const std::string &m, int c) : std::runtime_error(m), code(c) {}
};
__attribute__((noinline)) int depth(int n) {
    Tracker t("level" + std::to_string(n));
    if (n == 0) throw MyError("bottom of " + t.name, OPAQUE_INT(17));
    return depth(n - 1) + 1;
}
static int cmp_throw(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    if (x == 7 || y == 7) throw std::out_of_range("seven");
    return (x > y) - (x < y);
}
__attribute__((noinline)) int plain(int a) { return a * 3 + 1; }
int main() {
    try {
        depth(OPAQUE_INT(5));
    } catch (const MyError &e) {
        printf("caught %s code %d live %d\n", e.what(), e.code, Tracker::live);
    }
    try {
        try {
            throw std::invalid_argument("inner");
        } catch (std::exception &e) {
            printf("rethrowing %s\n", e.what());
            throw;
        }
    } catch (const std::invalid_argument &e) {
        printf("outer caught %s\n", e.what());
    }
    int v[8] = {3, 9, 7, 1, 5, 2, 8, 0};
    try {
        qsort(v, 8, sizeof v[0], cmp_throw);
    } catch (const std::out_of_range &e) {
        printf("qsort threw %s\n", e.what());
    }
    std::vector<int> w = {5, 3, 9, 1, 7, 2};
    try {
        std::sort(w.begin(), w.end(), [](int a, int b) {
            if (a == 7 && b == 1) throw 42;
            return a < b;
        });
    } catch (int x) {
        printf("sort threw %d\n", x);
    }
    std::once_flag flag;
    for (int attempt = 0; attempt < 3; attempt++) {
        try {
            std::call_once(flag, [attempt] {
                if (attempt < 2) throw std::runtime_error("not yet " + std::to_string(attempt));
                printf("once ran on attempt %d\n", attempt);
            });
        } catch (const std::exception &e) {
            printf("call_once threw %s\n", e.what());
        }
    }
    std::exception_ptr ep;
    try {
        throw MyError("stored", 3);
    } catch (...) {
        ep = std::current_exception();
    }
    try {
        std::rethrow_exception(ep);
    } catch (const MyError &e) {
        printf("rethrown %s %d\n", e.what(), e.code);
    }
    // Shadow still crosses calls correctly after all that unwinding.
    long sum = 0;
    for (int i = 0; i < 100; i++) {
        int r = plain(OPAQUE_INT(i));
        if (r % 2) sum += r;
    }
    int local[4];
    for (int i = 0; i < 4; i++) local[i] = plain(i);
    if (local[OPAQUE_INT(3)] > 5) sum++;
    printf("sum %ld live %d\n", sum, Tracker::live);
    return 0;
}
