// EXPECT: clean
// std::string short (in-object) and long (heap), built by libstdc++'s
// out-of-line code and by templates instantiated here: appends, inserts,
// replace, substr, find, to_string/stoi, c_str to printf, comparisons.
#include <cstdio>
#include <string>
#include "../common/opaque.hpp"
int main() {
    std::string s = "hi";
    for (int i = 0; i < OPAQUE_INT(30); i++) s += static_cast<char>('a' + i % 26);
    std::string shortone = "ab";
    shortone += 'c';
    std::string t = s.substr(3, 10) + "|" + shortone + "|" + std::to_string(OPAQUE_INT(-1234));
    t.insert(0, "<<");
    t.replace(2, 3, "XYZW");
    size_t pos = t.find('|');
    printf("%s %zu %zu\n", t.c_str(), t.size(), pos);
    if (t.compare(0, 2, "<<") == 0 && pos != std::string::npos) printf("ok\n");
    int n = std::stoi(std::to_string(OPAQUE_INT(987)));
    if (n == 987) printf("stoi %d\n", n);
    std::string moved = std::move(s);
    printf("%s %d\n", moved.c_str(), s.empty() ? 1 : 0);
    std::string big(OPAQUE_INT(1000), 'z');
    big.resize(1500, 'y');
    int ys = 0;
    for (char c : big) if (c == 'y') ys++;
    printf("%d %c\n", ys, big[OPAQUE_INT(999)]);
    std::string w;
    w.reserve(64);
    w.append("abc", 3).append(5, '!');
    if (w == "abc!!!!!") printf("%s\n", w.data());
    return 0;
}
