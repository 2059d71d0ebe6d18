// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// data-race through helpers: what a function called from a thread body (or by the spawning thread)
// touches, up to two calls deep, under the locks held at the call and those it takes itself;
// reported at the call, naming the helper.
#include <mutex>
#include <thread>

std::mutex m;
int counter = 0;

void inc_locked() {
  std::lock_guard<std::mutex> g(m);
  ++counter;
}
void inc_unlocked() { ++counter; }
void inc_twice_unlocked() { inc_unlocked(); }
void read_counter(int &out) { out = counter; }

void helper_takes_the_lock() {
  std::thread a([] { inc_locked(); });
  std::thread b([] { inc_locked(); });
  a.join();
  b.join();
}

void helper_called_under_the_callers_lock() {
  std::thread a([] { std::lock_guard<std::mutex> g(m); inc_unlocked(); });
  std::thread b([] { std::lock_guard<std::mutex> g(m); ++counter; });
  a.join();
  b.join();
}

void helper_without_a_lock() {
  std::thread a([] { inc_unlocked(); });
  std::thread b([] { inc_unlocked(); });
  a.join();
  b.join();
}
  // CHECK: {{.*}}callees.cpp:[[@LINE-4]]:22: error: cannot borrow `counter` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}callees.cpp:[[@LINE-6]]:22: note: the thread `a` writes `counter` here, in `inc_unlocked()`

void two_calls_deep() {
  std::thread a([] { inc_twice_unlocked(); });
  std::thread b([] { inc_locked(); });
  a.join();
  b.join();
}
  // CHECK: {{.*}}callees.cpp:[[@LINE-4]]:22: error: cannot borrow `counter` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}callees.cpp:[[@LINE-6]]:22: note: the thread `a` writes `counter` here, in `inc_twice_unlocked()`

void function_callable_and_spawner_helper() {
  std::thread a(inc_locked);
  int seen = 0;
  read_counter(seen);
  a.join();
}
  // CHECK: {{.*}}callees.cpp:[[@LINE-3]]:3: error: cannot borrow `counter` as immutable because it is also borrowed as mutable [data-race]
  // CHECK-NEXT: {{.*}}callees.cpp:[[@LINE-45]]:5: note: the thread `a` writes `counter` here with `m` locked

void spawner_helper_after_join() {
  std::thread a(inc_unlocked);
  a.join();
  inc_unlocked();
}

struct Counter {
  std::mutex mu;
  int n = 0;
  void inc() {
    std::lock_guard<std::mutex> g(mu);
    ++n;
  }
  void inc_unlocked() { ++n; }
  void run_locked() {
    std::thread a([this] { inc(); });
    std::thread b([this] { inc(); });
    a.join();
    b.join();
  }
  void run_unlocked() {
    std::thread a([this] { inc_unlocked(); });
    std::thread b([this] { inc(); });
    a.join();
    b.join();
  }
  void member_function_threads() {
    std::thread a(&Counter::inc, this);
    std::thread b(&Counter::inc_unlocked, this);
    a.join();
    b.join();
  }
  void spawner_calls_helper() {
    std::thread a([this] { inc(); });
    inc();
    a.join();
  }
};
  // CHECK: {{.*}}callees.cpp:[[@LINE-25]]:27: error: cannot borrow `n` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}callees.cpp:[[@LINE-28]]:7: note: the thread `a` writes `n` here with `mu` locked
  // CHECK: {{.*}}callees.cpp:[[@LINE-18]]:28: error: cannot borrow `n` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}callees.cpp:[[@LINE-20]]:28: note: the thread `a` writes `n` here, in `inc_unlocked()`
