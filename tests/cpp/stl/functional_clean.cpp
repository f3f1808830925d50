// EXPECT: clean
// std::function holding small and large lambdas (inline and heap storage),
// captured by value and by reference, function pointers, std::bind,
// shared_ptr/unique_ptr/weak_ptr, make_shared with custom classes.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include "../common/opaque.hpp"
struct Resource {
    std::string name;
    int value;
    Resource(std::string n, int v) : name(std::move(n)), value(v) {}
    virtual ~Resource() { printf("free %s\n", name.c_str()); }
    virtual int get() const { return value; }
};
struct Derived : Resource {
    int extra;
    Derived(int v) : Resource("derived", v), extra(v * 2) {}
    int get() const override { return value + extra; }
};
static int twice(int x) { return 2 * x; }
int main() {
    int base = OPAQUE_INT(10);
    std::function<int(int)> small = [base](int x) { return x + base; };
    std::string big1 = "captured", big2 = "strings";
    long l1 = 1, l2 = 2, l3 = 3;
    std::function<int(int)> large = [big1, big2, l1, l2, l3](int x) {
        return x + static_cast<int>(big1.size() + big2.size() + l1 + l2 + l3);
    };
    std::function<int(int)> fp = twice;
    auto bound = std::bind(std::plus<int>(), std::placeholders::_1, 100);
    int counter = 0;
    auto inc = [&counter](int k) { counter += k; };
    std::vector<std::function<int(int)>> fs = {small, large, fp, bound};
    int acc = 0;
    for (auto &f : fs) acc += f(OPAQUE_INT(1));
    for (int i = 0; i < 5; i++) inc(i);
    std::function<int(int)> copy = large;
    std::function<int(int)> moved = std::move(copy);
    printf("acc %d counter %d moved %d empty %d\n", acc, counter, moved(0), copy ? 0 : 1);
    auto sp = std::make_shared<Resource>("shared", OPAQUE_INT(5));
    std::weak_ptr<Resource> wp = sp;
    {
        auto sp2 = sp;
        printf("use_count %ld\n", sp.use_count());
    }
    std::unique_ptr<Resource> up(new Derived(OPAQUE_INT(3)));
    std::shared_ptr<Resource> from_unique = std::move(up);
    printf("get %d %d expired %d\n", sp->get(), from_unique->get(), wp.expired() ? 1 : 0);
    sp.reset();
    printf("expired %d\n", wp.expired() ? 1 : 0);
    auto arr = std::make_unique<int[]>(8);
    for (int i = 0; i < 8; i++) if (arr[i] == 0) arr[i] = i;
    printf("arr %d\n", arr[7]);
    return 0;
}
