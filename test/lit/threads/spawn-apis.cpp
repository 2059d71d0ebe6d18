// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// thread-outlives-borrow for each way of starting a thread, with a joined twin that must stay
// silent.
#include <functional>
#include <future>
#include <thread>
#include <vector>

void use(const std::vector<int> &);
void work(std::vector<int> &);
void read_ptr(const int *);

void thread_detached() {
  std::vector<int> v;
  std::thread t([&] { use(v); });
  t.detach();
}
  // CHECK: {{.*}}spawn-apis.cpp:[[@LINE-3]]:17: error: closure may outlive the current function, but it borrows `v`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:27: note: `v` is borrowed here
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:1: note: `v` dropped here while the thread may still be running

void thread_joined() {
  std::vector<int> v;
  std::thread t([&] { use(v); });
  t.join();
}

void jthread_declared_before() {
  std::jthread t;
  std::vector<int> v;
  t = std::jthread([&v] { use(v); });
}
  // CHECK: {{.*}}spawn-apis.cpp:[[@LINE-2]]:20: error: closure may outlive the current function, but it borrows `v`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-5]]:16: note: `t` is declared before `v`, so it is destroyed (and joins) only after `v`
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:22: note: `v` is borrowed here
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:1: note: `v` dropped here while the thread may still be running

void jthread_declared_after() {
  std::vector<int> v;
  std::jthread t([&v] { use(v); });
}

void jthread_detached() {
  std::vector<int> v;
  std::jthread t([&v] { use(v); });
  t.detach();
}
  // CHECK: {{.*}}spawn-apis.cpp:[[@LINE-3]]:18: error: closure may outlive the current function, but it borrows `v`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:20: note: `v` is borrowed here
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:1: note: `v` dropped here while the thread may still be running

std::future<void> async_returned() {
  std::vector<int> v;
  auto f = std::async(std::launch::async, [&v] { use(v); });
  return f;
  // CHECK: {{.*}}spawn-apis.cpp:[[@LINE-2]]:43: error: closure may outlive the current function, but it borrows `v`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-3]]:45: note: `v` is borrowed here
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-3]]:3: note: the future (and its task) is returned here, still running
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:3: note: `v` dropped here while the thread may still be running
}

void async_waited() {
  std::vector<int> v;
  auto f = std::async(std::launch::async, [&v] { use(v); });
  f.wait();
}

void async_default_policy_destroyed_in_scope() {
  std::vector<int> v;
  auto f = std::async([&v] { use(v); });
}

void async_discarded() {
  std::vector<int> v;
  std::async(std::launch::async, [&v] { use(v); }); // the temporary future waits here
}

void lambda_variable() {
  std::vector<int> v;
  auto job = [&v] { use(v); };
  std::thread t(job);
  t.detach();
}
  // CHECK: {{.*}}spawn-apis.cpp:[[@LINE-3]]:17: error: closure may outlive the current function, but it borrows `v`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-5]]:16: note: `v` is borrowed here
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:1: note: `v` dropped here while the thread may still be running

void std_ref_argument() {
  std::vector<int> v;
  std::thread t(work, std::ref(v));
  t.detach();
}
  // CHECK: {{.*}}spawn-apis.cpp:[[@LINE-3]]:17: error: closure may outlive the current function, but it borrows `v`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:23: note: `v` is borrowed here
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:1: note: `v` dropped here while the thread may still be running

void std_ref_joined() {
  std::vector<int> v;
  std::thread t(work, std::ref(v));
  t.join();
}

void by_value_argument() {
  std::vector<int> v;
  std::thread t([](std::vector<int> c) { use(c); }, v);
  t.detach();
}

void address_argument() {
  int x = 0;
  std::thread t(read_ptr, &x);
  t.detach();
}
  // CHECK: {{.*}}spawn-apis.cpp:[[@LINE-3]]:17: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:27: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void init_capture_reference() {
  int x = 0;
  std::thread t([&r = x] { ++r; });
  t.detach();
}
  // CHECK: {{.*}}spawn-apis.cpp:[[@LINE-3]]:17: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:19: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}spawn-apis.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void emplace_into_vector_joined() {
  std::vector<int> v;
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; ++i)
    ts.emplace_back([&v] { use(v); });
  for (auto &t : ts)
    t.join();
}

void push_back_joined_by_index() {
  std::vector<int> v;
  std::vector<std::thread> ts;
  ts.push_back(std::thread([&v] { use(v); }));
  for (std::size_t i = 0; i < ts.size(); ++i)
    ts[i].join();
}

void emplace_never_joined() {
  std::vector<int> v;
  std::vector<std::jthread> ts;
  ts.emplace_back([&v] { use(v); });
}

void captures_by_value() {
  std::vector<int> v;
  std::thread([v] { use(v); }).detach();
}

void moves_the_data_in() {
  std::vector<int> v;
  std::thread([v = std::move(v)] { use(v); }).detach();
}

void captures_a_static() {
  static std::vector<int> v;
  std::thread([] { use(v); }).detach();
}
