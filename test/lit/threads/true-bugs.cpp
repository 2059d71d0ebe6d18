// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// The true bugs on real code that must stay found (issue 14): cpp-httplib's example/ssesvr.cc,
// whose event thread is never joined, and its tests, where a failing ASSERT_* returns before
// `svr.stop(); t.join();` and destroys a joinable thread that still uses `svr` (with a scope
// guard doing the join, the same test is correct).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#define ASSERT_TRUE(c) \
  if (!(c))            \
  return

class EventDispatcher {
public:
  void wait_event(std::string &out) {
    std::unique_lock<std::mutex> lk(m_);
    int id = id_;
    cv_.wait(lk, [&] { return cid_ == id; });
    out = message_;
  }
  void send_event(const std::string &message) {
    std::lock_guard<std::mutex> lk(m_);
    cid_ = id_++;
    message_ = message;
    cv_.notify_all();
  }

private:
  std::mutex m_;
  std::condition_variable cv_;
  std::atomic_int id_{0};
  std::atomic_int cid_{-1};
  std::string message_;
};

struct Server {
  std::atomic<bool> running{false};
  std::atomic<bool> stopping{false};
  bool listen(const char *, int) {
    running = true;
    while (!stopping)
      std::this_thread::yield();
    running = false;
    return true;
  }
  void wait_until_ready() const {
    while (!running)
      std::this_thread::yield();
  }
  void stop() { stopping = true; }
};

int ssesvr_main() {
  EventDispatcher ed;
  Server svr;
  std::thread t([&] {
    int id = 0;
    while (true) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      ed.send_event("data: " + std::to_string(id) + "\n\n");
      id++;
    }
  });
  svr.listen("localhost", 1234);
  return 0;
}

bool get(Server &);

void test_assert_before_join() {
  Server svr;
  std::thread t([&] { svr.listen("localhost", 1234); });
  svr.wait_until_ready();
  ASSERT_TRUE(get(svr));
  svr.stop();
  t.join();
}

struct scope_exit {
  explicit scope_exit(std::function<void()> &&f) : fn(std::move(f)) {}
  ~scope_exit() { fn(); }
  std::function<void()> fn;
};

void test_assert_with_a_guard() {
  Server svr;
  std::thread t([&] { svr.listen("localhost", 1234); });
  auto se = scope_exit([&] {
    svr.stop();
    t.join();
  });
  svr.wait_until_ready();
  ASSERT_TRUE(get(svr));
}

// CHECK: {{.*}}true-bugs.cpp:62:17: error: closure may outlive the current function, but it borrows `ed`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}true-bugs.cpp:66:7: note: `ed` is borrowed here
// CHECK-NEXT: {{.*}}true-bugs.cpp:71:3: note: `ed` dropped here while the thread may still be running: `t` is not joined before this point
// CHECK: {{.*}}true-bugs.cpp:78:17: error: closure may outlive the current function, but it borrows `svr`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}true-bugs.cpp:78:23: note: `svr` is borrowed here
// CHECK-NEXT: {{.*}}true-bugs.cpp:80:3: note: `svr` dropped here while the thread may still be running: `t` is not joined before this point
