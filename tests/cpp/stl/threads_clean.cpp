// EXPECT: clean
// std::thread (its state object allocated here, run by libstdc++ on the
// new thread), mutex, lock_guard, unique_lock, condition_variable, atomic,
// futures from std::async and promise.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include "../common/opaque.hpp"
int main() {
    std::mutex m;
    std::condition_variable cv;
    std::vector<int> queue;
    bool done = false;
    std::atomic<long> total{0};
    std::thread consumer([&] {
        std::unique_lock<std::mutex> lk(m);
        for (;;) {
            cv.wait(lk, [&] { return !queue.empty() || done; });
            while (!queue.empty()) {
                total += queue.back();
                queue.pop_back();
            }
            if (done) break;
        }
    });
    std::vector<std::thread> producers;
    for (int t = 0; t < 4; t++) {
        producers.emplace_back([&, t] {
            for (int i = 0; i < 100; i++) {
                std::lock_guard<std::mutex> g(m);
                queue.push_back(t * 1000 + i);
                cv.notify_one();
            }
        });
    }
    for (auto &p : producers) p.join();
    {
        std::lock_guard<std::mutex> g(m);
        done = true;
    }
    cv.notify_all();
    consumer.join();
    auto fut = std::async(std::launch::async, [](int x) { return std::to_string(x * 2); }, OPAQUE_INT(21));
    std::promise<int> pr;
    std::future<int> f2 = pr.get_future();
    std::thread setter([&pr] { pr.set_value(OPAQUE_INT(7)); });
    std::string s = fut.get();
    int seven = f2.get();
    setter.join();
    printf("total %ld async %s promise %d\n", total.load(), s.c_str(), seven);
    return 0;
}
