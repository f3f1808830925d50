// EXPECT: clean
// vector, map, unordered_map, deque, list, set, array of strings: nodes
// and buffers allocated by templates instantiated here (poisoned, then
// constructed) and linked by libstdc++'s out-of-line tree/list code.
#include <array>
#include <cstdio>
#include <deque>
#include <list>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>
#include "../common/opaque.hpp"
struct Point { int x, y; };
int main() {
    int n = OPAQUE_INT(200);
    std::vector<int> v;
    for (int i = 0; i < n; i++) v.push_back(i * 7 % 13);
    std::vector<Point> pts(10);
    for (auto &p : pts) p = {1, 2};
    std::vector<std::string> names;
    for (int i = 0; i < 20; i++) names.emplace_back("name" + std::to_string(i));
    std::map<int, std::string> m;
    for (int i = 0; i < n; i++) m[i % 37] = names[i % 20];
    std::unordered_map<std::string, int> um;
    for (auto &s : names) um[s] += static_cast<int>(s.size());
    std::deque<int> dq;
    for (int i = 0; i < n; i++) { if (i % 2) dq.push_back(i); else dq.push_front(i); }
    std::list<Point> l;
    for (int i = 0; i < 50; i++) l.push_back({i, -i});
    l.sort([](const Point &a, const Point &b) { return a.x > b.x; });
    std::set<int> st(v.begin(), v.end());
    std::array<std::string, 3> arr = {"a", "bb", "ccc"};
    long sum = 0;
    for (int x : v) if (x > 6) sum += x;
    for (auto &p : pts) sum += p.x + p.y;
    for (auto &kv : m) if (kv.second.size() > 5) sum += kv.first;
    for (auto &kv : um) if (kv.second > 5) sum += kv.second;
    for (int x : dq) if (x % 3 == 0) sum += x;
    for (auto &p : l) if (p.x > 40) sum += p.x;
    for (int x : st) sum += x;
    for (auto &s : arr) sum += static_cast<long>(s.size());
    auto it = m.find(OPAQUE_INT(12));
    if (it != m.end()) printf("m[12]=%s\n", it->second.c_str());
    if (um.count("name3")) printf("um[name3]=%d\n", um["name3"]);
    printf("front %d back %d size %zu\n", dq.front(), dq.back(), dq.size());
    printf("sum %ld\n", sum);
    v.erase(v.begin() + 5, v.begin() + 50);
    v.insert(v.begin(), 3, -1);
    v.shrink_to_fit();
    printf("v %zu %d %d\n", v.size(), v[0], v[v.size() - 1]);
    return 0;
}
