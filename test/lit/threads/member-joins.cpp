// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// thread-outlives-borrow: joins in member functions (issue 14, reproducer 09). A member that
// joins the threads another member stored (stop(), shutdown(), directly or through a member it
// calls) joins them at the call, also after moving them out of the member into a local (`rest =
// std::move(threads_)`, `swap`) to join outside the lock. A stop() that does not join, or that
// moves the threads out and drops them, still reports.
#include <list>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

class Pool {
public:
  void spawn() {
    std::lock_guard<std::mutex> g(m_);
    dyn_.emplace_back(std::thread([this] { work(); }));
  }
  void shutdown() {
    std::list<std::thread> rest;
    {
      std::lock_guard<std::mutex> g(m_);
      rest = std::move(dyn_);
    }
    for (auto &t : rest)
      if (t.joinable())
        t.join();
  }

private:
  void work() {}
  std::mutex m_;
  std::list<std::thread> dyn_;
};

void moved_out_then_joined() {
  Pool p;
  p.spawn();
  p.shutdown();
}

class Swapper {
public:
  void start() { threads_.emplace_back([this] { ++n_; }); }
  void stop() {
    std::vector<std::thread> mine;
    mine.swap(threads_);
    for (auto &t : mine)
      t.join();
  }

private:
  int n_ = 0;
  std::vector<std::thread> threads_;
};

void swapped_out_then_joined() {
  Swapper s;
  s.start();
  s.stop();
}

class Worker {
public:
  void start() { t_ = std::thread([this] { ++n_; }); }
  void stop() { join_all(); }

private:
  void join_all() {
    if (t_.joinable())
      t_.join();
  }
  int n_ = 0;
  std::thread t_;
};

void stop_joins_through_a_helper() {
  Worker w;
  w.start();
  w.stop();
}

// Still reported.
class Leaky {
public:
  void start() { t_ = std::thread([this] { ++n_; }); }
  void stop() { stopping_ = true; }

private:
  int n_ = 0;
  bool stopping_ = false;
  std::thread t_;
};

void stop_that_does_not_join() {
  Leaky l;
  l.start();
  l.stop();
}

class Dropper {
public:
  void start() { threads_.emplace_back([this] { ++n_; }); }
  void stop() { std::vector<std::thread> gone = std::move(threads_); }

private:
  int n_ = 0;
  std::vector<std::thread> threads_;
};

void moved_out_not_joined() {
  Dropper d;
  d.start();
  d.stop();
}

// CHECK: {{.*}}member-joins.cpp:97:3: error: closure may outlive the current function, but it borrows `l`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}member-joins.cpp:86:18: note: the thread is stored in `t_` here, and `~Leaky` does not join it
// CHECK-NEXT: {{.*}}member-joins.cpp:86:36: note: `l` is borrowed here, as `this`
// CHECK-NEXT: {{.*}}member-joins.cpp:99:1: note: `l` dropped here while the thread may still be running: `l.t_` is not joined before this point
// CHECK: {{.*}}member-joins.cpp:113:3: error: closure may outlive the current function, but it borrows `d`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}member-joins.cpp:103:18: note: the thread is stored in `threads_` here, and `~Dropper` does not join it
// CHECK-NEXT: {{.*}}member-joins.cpp:103:41: note: `d` is borrowed here, as `this`
// CHECK-NEXT: {{.*}}member-joins.cpp:115:1: note: `d` dropped here while the thread may still be running: `d.threads_` is not joined before this point
