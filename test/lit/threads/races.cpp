// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// data-race per synchronisation primitive: unsynchronised positives, synchronised negatives.
#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

int g_counter = 0;
void bump(int &n) { ++n; }
void peek(const int &n);

void two_writers() {
  int n = 0;
  std::thread a([&n] { ++n; });
  std::thread b([&n] { n += 2; });
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:24: error: cannot borrow `n` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}races.cpp:[[@LINE-3]]:26: note: the thread `a` writes `n` here
  a.join();
  b.join();
}

void writer_and_spawner_reader() {
  std::vector<int> v;
  std::thread t([&v] { v.push_back(1); });
  auto size = v.size();
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:15: error: cannot borrow `v` as immutable because it is also borrowed as mutable [data-race]
  // CHECK-NEXT: {{.*}}races.cpp:[[@LINE-3]]:24: note: the thread `t` writes `v` here
  t.join();
  (void)size;
}

void spawner_after_join() {
  std::vector<int> v;
  std::thread t([&v] { v.push_back(1); });
  t.join();
  v.push_back(2);
}

void same_mutex_lock_guard() {
  std::mutex m;
  int n = 0;
  std::thread a([&] { std::lock_guard<std::mutex> g(m); ++n; });
  std::thread b([&] { std::lock_guard<std::mutex> g(m); ++n; });
  a.join();
  b.join();
}

void different_mutexes() {
  std::mutex m1, m2;
  int n = 0;
  std::thread a([&] { std::lock_guard<std::mutex> g(m1); ++n; });
  std::thread b([&] { std::lock_guard<std::mutex> g(m2); ++n; });
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:60: error: cannot borrow `n` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}races.cpp:[[@LINE-3]]:60: note: the thread `a` writes `n` here with `m1` locked
  a.join();
  b.join();
}

void unique_lock_and_unlock() {
  std::mutex m;
  int n = 0;
  std::thread a([&] {
    std::unique_lock<std::mutex> lk(m);
    ++n;
    lk.unlock();
    ++n;
  });
  {
    std::scoped_lock lk(m);
    ++n;
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:7: error: cannot borrow `n` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}races.cpp:[[@LINE-6]]:7: note: the thread `a` writes `n` here
  }
  a.join();
}

void unique_lock_deferred() {
  std::mutex m;
  int n = 0;
  std::thread a([&] {
    std::unique_lock<std::mutex> lk(m, std::defer_lock);
    lk.lock();
    ++n;
  });
  std::unique_lock<std::mutex> lk(m);
  ++n;
  lk.unlock();
  a.join();
}

void shared_mutex_readers() {
  std::shared_mutex m;
  std::map<int, int> table;
  std::thread a([&] { std::shared_lock<std::shared_mutex> g(m); (void)table.count(1); });
  {
    std::unique_lock<std::shared_mutex> g(m);
    table[1] = 2;
  }
  a.join();
}

void atomics() {
  std::atomic<int> n{0};
  std::atomic_flag f = ATOMIC_FLAG_INIT;
  std::thread a([&] { ++n; f.test_and_set(); });
  n.store(3);
  f.clear();
  a.join();
}

void call_once_init() {
  std::once_flag once;
  int config = 0;
  std::thread a([&] { std::call_once(once, [&] { config = 1; }); });
  std::thread b([&] { std::call_once(once, [&] { config = 1; }); });
  a.join();
  b.join();
}

int future_get_orders() {
  int n = 0;
  auto f = std::async(std::launch::async, [&n] { ++n; });
  f.get();
  return ++n;
}

int future_not_yet_waited() {
  int n = 0;
  auto f = std::async(std::launch::async, [&n] { ++n; });
  int r = n;
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:11: error: cannot borrow `n` as immutable because it is also borrowed as mutable [data-race]
  // CHECK-NEXT: {{.*}}races.cpp:[[@LINE-3]]:52: note: the thread `f` writes `n` here
  f.wait();
  return r;
}

void global_counter() {
  std::thread a([] { ++g_counter; });
  std::thread b([] { --g_counter; });
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:24: error: cannot borrow `g_counter` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}races.cpp:[[@LINE-3]]:24: note: the thread `a` writes `g_counter` here
  a.join();
  b.join();
}

void std_ref_to_writer() {
  int n = 0;
  std::thread a(bump, std::ref(n));
  std::thread b(bump, std::ref(n));
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:32: error: cannot borrow `n` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}races.cpp:[[@LINE-3]]:32: note: the thread `a` writes `n` here
  a.join();
  b.join();
}

void std_ref_to_readers() {
  int n = 0;
  std::thread a(peek, std::cref(n));
  std::thread b(peek, std::cref(n));
  a.join();
  b.join();
}

struct Stats {
  long total = 0;
  std::mutex m;
  void run() {
    std::thread a([this] { total += 1; });
    std::thread b([this] { total += 2; });
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:28: error: cannot borrow `total` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}races.cpp:[[@LINE-3]]:28: note: the thread `a` writes `total` here
    a.join();
    b.join();
  }
  void run_locked() {
    std::thread a([this] { std::lock_guard<std::mutex> g(m); total += 1; });
    std::thread b([this] { std::lock_guard<std::mutex> g(m); total += 2; });
    a.join();
    b.join();
  }
};

std::mutex g_mu;
int g_guarded __attribute__((guarded_by(g_mu))) = 0;
void guarded_by_attribute() {
  std::thread a([] { std::lock_guard<std::mutex> g(g_mu); ++g_guarded; });
  std::thread b([] { std::lock_guard<std::mutex> g(g_mu); ++g_guarded; });
  a.join();
  b.join();
}

void pool_counter() {
  int hits = 0;
  std::vector<std::jthread> pool;
  for (int i = 0; i < 4; ++i)
    pool.emplace_back([&hits] { ++hits; });
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:35: error: cannot borrow `hits` as mutable more than once at a time [data-race]
}

void element_per_thread() {
  std::vector<int> out(4);
  std::vector<std::thread> pool;
  for (int i = 0; i < 4; ++i)
    pool.emplace_back([&out, i] { out[i] = i; });
  for (auto &t : pool)
    t.join();
}

void element_vs_resize() {
  std::vector<int> out(4);
  std::thread t([&out] { out[0] = 1; });
  out.resize(8);
  // CHECK: {{.*}}races.cpp:[[@LINE-1]]:3: error: cannot borrow `out` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}races.cpp:[[@LINE-3]]:26: note: the thread `t` writes `out` here
  t.join();
}
