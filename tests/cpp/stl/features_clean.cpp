// EXPECT: clean
// A mix of C++ features (RTTI, virtual inheritance, thread_local,
// coroutine-free generators, <regex>, <chrono>, <algorithm> with large
// types, long double/complex, __int128, atomics, variadic templates,
// std::any): no report, native output.
#include <algorithm>
#include <any>
#include <atomic>
#include <chrono>
#include <complex>
#include <cstdio>
#include <map>
#include <numeric>
#include <regex>
#include <string>
#include <typeinfo>
#include <vector>
#include "../common/opaque.hpp"
struct Base { virtual ~Base() {} virtual int id() const { return 1; } };
struct Left : virtual Base { int l = 2; int id() const override { return l; } };
struct Right : virtual Base { int r = 3; };
struct Diamond : Left, Right { int d = 4; };
thread_local int tls_counter = 5;
template <typename... Ts> long sum_all(Ts... xs) { return (0L + ... + static_cast<long>(xs)); }
struct Rec { std::string key; double score; int rank; };
int main() {
    Diamond dm;
    Base *b = opaque(static_cast<Base *>(&dm));
    if (auto *l = dynamic_cast<Left *>(b)) printf("left %d %s\n", l->id(), typeid(*b).name());
    if (dynamic_cast<Right *>(b)) printf("right %d\n", dynamic_cast<Right *>(b)->r);
    tls_counter += OPAQUE_INT(2);
    std::regex re("([a-z]+)([0-9]+)");
    std::smatch m;
    std::string text = "abc123 def45";
    if (std::regex_search(text, m, re)) printf("regex %s %s\n", m[1].str().c_str(), m[2].str().c_str());
    auto t0 = std::chrono::steady_clock::now();
    std::vector<Rec> recs;
    for (int i = 0; i < 300; i++) recs.push_back({"k" + std::to_string(i * 7919 % 300), i * 0.5, i % 17});
    std::stable_sort(recs.begin(), recs.end(), [](const Rec &a, const Rec &c) { return a.rank < c.rank || (a.rank == c.rank && a.key < c.key); });
    auto mx = std::max_element(recs.begin(), recs.end(), [](const Rec &a, const Rec &c) { return a.score < c.score; });
    std::vector<double> ds(1000);
    std::iota(ds.begin(), ds.end(), 0.25);
    double acc = std::accumulate(ds.begin(), ds.end(), 0.0);
    std::vector<int> xs(4096);
    for (int i = 0; i < 4096; i++) xs[i] = i * 3;
    long vs = 0;
    for (int x : xs) vs += x & 7;
    long double ld = 1.0L / OPAQUE_INT(3);
    std::complex<double> c(1.5, OPAQUE_INT(2));
    c = c * c + std::complex<double>(0.5, 0);
    __int128 big = static_cast<__int128>(opaque_long(1) << 40) * (1L << 40);
    std::atomic<int> at{0};
    for (int i = 0; i < 10; i++) at.fetch_add(i, std::memory_order_relaxed);
    int expected = 45;
    at.compare_exchange_strong(expected, 100);
    std::any any = std::string("any");
    std::map<std::string, std::any> props = {{"n", 3}, {"s", std::string("str")}};
    auto elapsed = std::chrono::steady_clock::now() - t0;
    printf("%s %d %.2f %ld %.4Lf %.2f %.2f %d %d %s %d %s %d\n", mx->key.c_str(), recs.front().rank, acc, vs, ld,
           c.real(), c.imag(), static_cast<int>(big >> 80), at.load(), std::any_cast<std::string>(any).c_str(),
           std::any_cast<int>(props["n"]), std::any_cast<std::string>(props["s"]).c_str(), tls_counter);
    printf("%ld %d\n", sum_all(1, 2L, 3u, 'a'), elapsed.count() >= 0);
    return 0;
}
