// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// std::async futures: a future's destructor waits for its task, so it protects what the task
// borrows only while this function still holds it. Moved out, stored where it outlives the local,
// or declared before the local: thread-outlives-borrow. A shared object passed by reference to two
// tasks that mutate it: data-race.
#include <future>
#include <map>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

int use(int);
std::vector<std::future<int>> global_futures;
struct Holder {
  std::future<int> f;
};

void container_declared_before_the_local() {
  std::vector<std::future<int>> fs;
  int x = 0;
  fs.push_back(std::async(std::launch::async, [&x] { return use(x); }));
}
  // CHECK: {{.*}}futures.cpp:[[@LINE-2]]:47: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-5]]:33: note: `fs` is declared before `x`, so it is destroyed (and waits) only after `x`
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:49: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void stored_in_global_container() {
  int x = 0;
  global_futures.push_back(std::async(std::launch::async, [&x] { return use(x); }));
}
  // CHECK: {{.*}}futures.cpp:[[@LINE-2]]:59: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-3]]:3: note: the future (and its task) is stored here, where it outlives the function
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:61: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void stored_in_callers_object(Holder &h) {
  int x = 0;
  h.f = std::async(std::launch::async, [&x] { return use(x); });
}
  // CHECK: {{.*}}futures.cpp:[[@LINE-2]]:40: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-3]]:3: note: the future (and its task) is stored here, where it outlives the function
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:42: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void moved_into_callers_container(std::vector<std::future<int>> &out) {
  int x = 0;
  auto f = std::async(std::launch::async, [&x] { return use(x); });
  out.push_back(std::move(f));
}
  // CHECK: {{.*}}futures.cpp:[[@LINE-3]]:43: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:45: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:17: note: the future (and its task) is stored here, where it outlives the function
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

int outlives_inner_scope() {
  std::future<int> f;
  {
    int x = 0;
    f = std::async(std::launch::async, [&x] { return use(x); });
  }
  return f.get();
}
  // CHECK: {{.*}}futures.cpp:[[@LINE-4]]:40: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-8]]:20: note: `f` is declared before `x`, so it is destroyed (and waits) only after `x`
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-6]]:42: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-6]]:3: note: `x` dropped here while the thread may still be running

// Quiet: the future is waited for, or destroyed, before the local dies.
void container_declared_after_the_local() {
  int x = 0;
  std::vector<std::future<int>> fs;
  fs.push_back(std::async(std::launch::async, [&x] { return use(x); }));
}

void waited() {
  int x = 0;
  auto f = std::async(std::launch::async, [&x] { return use(x); });
  f.wait();
}

void discarded_temporary_waits() {
  int x = 0;
  std::async(std::launch::async, [&x] { return use(x); });
}

void moved_to_a_later_local() {
  int x = 0;
  auto f = std::async(std::launch::async, [&x] { return use(x); });
  std::future<int> g = std::move(f);
}

void work(std::map<int, int> &m) { m[1] = 2; }
void look(const std::map<int, int> &m);

void two_tasks_mutate_one_object() {
  std::map<int, int> m;
  auto f1 = std::async(std::launch::async, work, std::ref(m));
  auto f2 = std::async(std::launch::async, work, std::ref(m));
  f1.get();
  f2.get();
}
  // CHECK: {{.*}}futures.cpp:[[@LINE-4]]:59: error: cannot borrow `m` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-6]]:59: note: the thread `f1` writes `m` here

void two_tasks_read_one_object() {
  std::map<int, int> m;
  auto f1 = std::async(std::launch::async, look, std::cref(m));
  auto f2 = std::async(std::launch::async, look, std::cref(m));
  f1.get();
  f2.get();
}

void tasks_one_after_the_other() {
  std::map<int, int> m;
  auto f1 = std::async(std::launch::async, work, std::ref(m));
  f1.get();
  auto f2 = std::async(std::launch::async, work, std::ref(m));
  f2.get();
}

// Maps of futures and threads are containers of handles too.
void map_declared_before_the_local() {
  std::map<int, std::future<int>> pending;
  int x = 0;
  pending[0] = std::async(std::launch::async, [&x] { return use(x); });
}
  // CHECK: {{.*}}futures.cpp:[[@LINE-2]]:47: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-5]]:35: note: `pending` is declared before `x`, so it is destroyed (and waits) only after `x`
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:49: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void map_declared_after_the_local() {
  int x = 0;
  std::map<int, std::future<int>> pending;
  pending[0] = std::async(std::launch::async, [&x] { return use(x); });
}

void map_of_threads_joined_by_binding() {
  int x = 0;
  std::unordered_map<int, std::thread> workers;
  workers[0] = std::thread([&x] { use(x); });
  for (auto &[id, t] : workers)
    t.join();
}

void map_of_threads_joined_by_pair() {
  int x = 0;
  std::map<int, std::thread> workers;
  workers.emplace(0, std::thread([&x] { use(x); }));
  for (auto &p : workers)
    p.second.join();
}

void map_of_threads_not_joined(bool c) {
  int x = 0;
  std::map<int, std::thread> workers;
  workers.emplace(0, std::thread([&x] { use(x); }));
  if (c)
    workers.at(0).join();
  for (auto &p : workers)
    p.second.detach();
}
  // CHECK: {{.*}}futures.cpp:[[@LINE-6]]:34: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-7]]:36: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:5: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}futures.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running
