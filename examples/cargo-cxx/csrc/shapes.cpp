// C++ called from Rust: standard containers, strings, an exception thrown
// and caught, and one seeded bug (a field `new` leaves uninitialized).
#include <cstddef>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Rect {
    int w;
    int h;
    Rect(int w, int h) : w(w), h(h) {}
    // Forgets h: the seeded bug.
    explicit Rect(int w) : w(w) {}
    int area() const { return w * h; }
};

int checked_area(int w, int h) {
    if (w < 0 || h < 0)
        throw std::invalid_argument("negative side " + std::to_string(w < 0 ? w : h));
    return Rect(w, h).area();
}

}  // namespace

extern "C" {

// Sum of the areas of n rectangles (sides[2i], sides[2i+1]); a rectangle
// with a negative side counts 0 (its exception is caught here).
long shapes_total_area(const int *sides, size_t n) {
    std::vector<std::unique_ptr<Rect>> rects;
    std::map<std::string, long> by_name;
    long total = 0;
    for (size_t i = 0; i < n; i++) {
        std::string name = "rect-" + std::to_string(i);
        try {
            long a = checked_area(sides[2 * i], sides[2 * i + 1]);
            rects.push_back(std::make_unique<Rect>(sides[2 * i], sides[2 * i + 1]));
            by_name[name] = a;
        } catch (const std::invalid_argument &e) {
            by_name[name + " (" + e.what() + ")"] = 0;
        }
    }
    for (const auto &kv : by_name)
        total += kv.second;
    return total;
}

// 1 when a square of side w is larger than 10. With `square` 0 the
// rectangle comes from the one-argument constructor, which leaves h
// uninitialized: umsan reports the comparison.
int shapes_is_large(int w, int square) {
    auto *r = square ? new Rect(w, w) : new Rect(w);
    int large = 0;
    if (r->area() > 10) // umsan reports this line
        large = 1;
    delete r;
    return large;
}

}
