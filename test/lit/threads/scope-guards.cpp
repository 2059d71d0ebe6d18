// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// thread-outlives-borrow: joins inside lambdas count (issue 14, reproducer 08): a lambda called
// directly (by name, through a std::function, or where it is written), and a scope guard declared
// after the thread whose destructor runs the lambda it was given. A join counts when it runs on
// every pass through the lambda (at its top level, under `if (t.joinable())`, or in a range-for
// over the container): under another condition, a guard that is dismissed, or a guard declared
// before the borrowed variable, the thread may still run.
#include <functional>
#include <thread>
#include <utility>
#include <vector>

struct scope_exit { // as httplib::detail::scope_exit
  explicit scope_exit(std::function<void()> &&f) : fn(std::move(f)), active(true) {}
  ~scope_exit() {
    if (active)
      fn();
  }
  void release() { active = false; }
  std::function<void()> fn;
  bool active;
};

template <class F> struct Finally {
  F f;
  ~Finally() { f(); }
};
template <class F> Finally<F> finally(F f) { return Finally<F>{std::move(f)}; }

struct Server {
  void listen();
  void stop();
};

void guarded() {
  int x = 0;
  std::thread t([&] { x = 1; });
  scope_exit se([&] { t.join(); });
}

void guarded_server(bool fail) {
  Server svr;
  std::thread t([&] { svr.listen(); });
  auto se = scope_exit([&] {
    svr.stop();
    if (t.joinable())
      t.join();
  });
  if (fail)
    return; // the guard still joins
}

void template_guard() {
  int x = 0;
  std::thread t([&] { x = 1; });
  auto g = finally([&] { t.join(); });
}

void guard_over_a_pool() {
  int x = 0;
  std::vector<std::thread> ts;
  auto g = finally([&] {
    for (auto &t : ts)
      t.join();
  });
  for (int i = 0; i < 3; ++i)
    ts.emplace_back([&] { (void)x; });
}

void direct_call() {
  int x = 0;
  std::thread t([&] { x = 1; });
  auto join = [&] { t.join(); };
  join();
}

void std_function_call() {
  int x = 0;
  std::thread t([&] { x = 1; });
  std::function<void()> join = [&] { t.join(); };
  join();
}

void called_where_written() {
  int x = 0;
  std::thread t([&] { x = 1; });
  [&] { t.join(); }();
}

// Still reported.
void guard_that_does_not_join() {
  Server svr;
  std::thread t([&] { svr.listen(); });
  scope_exit se([&] { svr.stop(); });
}

void conditional_join_in_the_guard(bool c) {
  int x = 0;
  std::thread t([&] { x = 1; });
  scope_exit se([&] {
    if (c)
      t.join();
  });
}

void dismissed_guard() {
  int x = 0;
  std::thread t([&] { x = 1; });
  scope_exit se([&] { t.join(); });
  se.release();
}

void lambda_never_called() {
  int x = 0;
  std::thread t([&] { x = 1; });
  auto join = [&] { t.join(); };
}

void guard_before_the_data() {
  std::thread t;
  scope_exit se([&] { t.join(); });
  int x = 0;
  t = std::thread([&] { x = 1; });
}

// CHECK: {{.*}}scope-guards.cpp:93:17: error: closure may outlive the current function, but it borrows `svr`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}scope-guards.cpp:93:23: note: `svr` is borrowed here
// CHECK-NEXT: {{.*}}scope-guards.cpp:95:1: note: `svr` dropped here while the thread may still be running: `t` is not joined before this point
// CHECK: {{.*}}scope-guards.cpp:99:17: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}scope-guards.cpp:99:23: note: `x` is borrowed here
// CHECK-NEXT: {{.*}}scope-guards.cpp:104:1: note: `x` dropped here while the thread may still be running: `t` is not joined before this point
// CHECK: {{.*}}scope-guards.cpp:108:17: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}scope-guards.cpp:108:23: note: `x` is borrowed here
// CHECK-NEXT: {{.*}}scope-guards.cpp:111:1: note: `x` dropped here while the thread may still be running: `t` is not joined before this point
// CHECK: {{.*}}scope-guards.cpp:115:17: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}scope-guards.cpp:115:23: note: `x` is borrowed here
// CHECK-NEXT: {{.*}}scope-guards.cpp:117:1: note: `x` dropped here while the thread may still be running: `t` is not joined before this point
// CHECK: {{.*}}scope-guards.cpp:123:19: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}scope-guards.cpp:123:25: note: `x` is borrowed here
// CHECK-NEXT: {{.*}}scope-guards.cpp:124:1: note: `x` dropped here while the thread may still be running: `t` is not joined before this point
