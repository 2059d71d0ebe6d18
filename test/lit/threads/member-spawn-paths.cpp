// RUN: not %borrowck --teach --width=0 %s -- -std=c++20 | FileCheck --implicit-check-not='error[' %s
// thread-outlives-borrow through a member function that starts a thread on some paths only (a
// pool's `enqueue()` that spawns when no worker is idle, after `if (shutdown_) return false;`, as
// cpp-httplib's ThreadPool does): a possible finding that says why, not a definite one. A member
// that always starts it stays definite; joined before the object dies, nothing. The help joins a
// container of threads with a loop, not `.joinable()` on the container.
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

class Pool {
public:
  bool enqueue(std::function<void()> fn) {
    {
      std::lock_guard<std::mutex> g(m_);
      if (shutdown_)
        return false;
      jobs_.push_back(std::move(fn));
      if (idle_ == 0)
        threads_.emplace_back([this] { work(); });
    }
    return true;
  }
  void start() { threads_.emplace_back([this] { work(); }); }
  void start_checked() {
    if (shutdown_)
      return;
    start(); // after an early return: some paths only
  }
  void shutdown() {
    shutdown_ = true;
    for (auto &t : threads_)
      t.join();
  }

private:
  void work() { ++idle_; }
  std::mutex m_;
  bool shutdown_ = false;
  int idle_ = 0;
  std::vector<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
};

void enqueue_only() {
  Pool p;
  p.enqueue([] {});
}
// CHECK: error[E0373]: closure may outlive the current function, but it borrows `p`, which is owned by the current function
// CHECK: [[@LINE-3]] |   p.enqueue([] {});
// CHECK-NEXT: `p.enqueue()` starts a thread that may outlive borrowed value `p`
// CHECK: = note: possible, not definite: `p.enqueue()` starts the thread on some paths only
// CHECK: = help: join `threads_` in `~Pool` or before `p` dies (`for (auto &t : threads_) t.join();`)

void start_always() {
  Pool p;
  p.start();
}
// CHECK: error[E0373]: closure may outlive the current function, but it borrows `p`, which is owned by the current function
// CHECK: [[@LINE-3]] |   p.start();
// CHECK-NOT: possible, not definite
// CHECK: = help: join `threads_`

void start_after_check() {
  Pool p;
  p.start_checked();
}
// CHECK: error[E0373]: closure may outlive the current function, but it borrows `p`, which is owned by the current function
// CHECK: [[@LINE-3]] |   p.start_checked();
// CHECK: = note: possible, not definite: `p.start_checked()` starts the thread on some paths only

// Quiet: shut down (joined) before p dies.
void enqueue_then_shutdown() {
  Pool p;
  p.enqueue([] {});
  p.shutdown();
}
