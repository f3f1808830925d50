// EXPECT: clean
// Placement new into buffers (stack, heap from new[] — poisoned until the
// constructor writes), explicit destructor calls, move construction and
// assignment of classes holding strings and vectors, std::swap, optional
// and variant.
#include <cstdio>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>
#include "../common/opaque.hpp"
struct Item {
    std::string label;
    std::vector<int> data;
    int weight;
    Item(std::string l, int n) : label(std::move(l)), data(n, 1), weight(n) {}
    Item(Item &&o) noexcept : label(std::move(o.label)), data(std::move(o.data)), weight(o.weight) { o.weight = 0; }
    Item &operator=(Item &&o) noexcept {
        label = std::move(o.label);
        data = std::move(o.data);
        weight = o.weight;
        o.weight = 0;
        return *this;
    }
};
int main() {
    alignas(Item) unsigned char buf[sizeof(Item)];
    Item *a = new (buf) Item("stack", OPAQUE_INT(4));
    unsigned char *heap = opaque(new unsigned char[sizeof(Item) * 2]);
    Item *b = new (heap) Item("heap", OPAQUE_INT(6));
    Item *c = new (heap + sizeof(Item)) Item(std::move(*b));
    Item d("local", 2);
    d = std::move(*a);
    std::swap(d, *c);
    printf("%s %zu %d | %s %zu %d | %d %d\n", d.label.c_str(), d.data.size(), d.weight, c->label.c_str(),
           c->data.size(), c->weight, a->weight, b->weight);
    a->~Item();
    b->~Item();
    c->~Item();
    delete[] heap;
    std::vector<Item> items;
    for (int i = 0; i < 10; i++) items.emplace_back("item" + std::to_string(i), i);
    std::vector<Item> taken = std::move(items);
    int w = 0;
    for (auto &it : taken) w += it.weight + static_cast<int>(it.data.size());
    std::optional<Item> opt;
    if (OPAQUE_INT(1)) opt.emplace("opt", 3);
    std::variant<int, std::string> var = std::string("variant");
    if (std::holds_alternative<std::string>(var)) printf("%s\n", std::get<std::string>(var).c_str());
    var = OPAQUE_INT(5);
    printf("w %d opt %d var %d\n", w, opt ? opt->weight : -1, std::get<int>(var));
    return 0;
}
