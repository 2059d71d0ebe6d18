// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// thread-outlives-borrow for each way a thread can escape the join, and the correct twins.
#include <future>
#include <thread>
#include <utility>
#include <vector>

void use(int);
void adopt(std::thread);
std::vector<std::thread> global_pool;

void detached_temporary() {
  int x = 0;
  std::thread([&x] { use(x); }).detach();
}
  // CHECK: {{.*}}escapes.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:17: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

struct Server {
  std::thread worker;
  std::future<int> pending;
  void start_bad() {
    int local = 0;
    worker = std::thread([&local] { use(local); });
  }
  // CHECK: {{.*}}escapes.cpp:[[@LINE-2]]:26: error: closure may outlive the current function, but it borrows `local`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:5: note: the thread is stored here, where it outlives the function
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:28: note: `local` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:3: note: `local` dropped here while the thread may still be running
  void start_ok() {
    worker = std::thread([this] { use(0); }); // borrows *this, not a local
  }
  void pending_bad() {
    int local = 0;
    pending = std::async(std::launch::async, [&local] { return local; });
  }
  // CHECK: {{.*}}escapes.cpp:[[@LINE-2]]:46: error: closure may outlive the current function, but it borrows `local`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:5: note: the future (and its task) is stored here, where it outlives the function
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:48: note: `local` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:3: note: `local` dropped here while the thread may still be running
};

void stored_in_global_container() {
  int x = 0;
  global_pool.emplace_back([&x] { use(x); });
}
  // CHECK: {{.*}}escapes.cpp:[[@LINE-2]]:28: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:3: note: the thread is stored here, where it outlives the function
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:30: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void moved_into_function() {
  int x = 0;
  std::thread t([&x] { use(x); });
  adopt(std::move(t));
}
  // CHECK: {{.*}}escapes.cpp:[[@LINE-3]]:17: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:19: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:9: note: the thread is moved away here: this function no longer joins it
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void moved_into_local_vector_joined() {
  int x = 0;
  std::vector<std::thread> ts;
  std::thread t([&x] { use(x); });
  ts.push_back(std::move(t));
  for (auto &w : ts)
    w.join();
}

void moved_to_another_local_joined() {
  int x = 0;
  std::thread t([&x] { use(x); });
  std::thread u = std::move(t);
  u.join();
}

void moved_to_another_local_detached() {
  int x = 0;
  std::thread t([&x] { use(x); });
  std::thread u = std::move(t);
  u.detach();
}
  // CHECK: {{.*}}escapes.cpp:[[@LINE-4]]:17: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-5]]:19: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void branch_skips_join(bool c) {
  int x = 0;
  std::thread t([&x] { use(x); });
  if (c)
    t.join();
}
  // CHECK: {{.*}}escapes.cpp:[[@LINE-4]]:17: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-5]]:19: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:1: note: `x` dropped here while the thread may still be running: `t` is not joined before this point

void both_branches_join(bool c) {
  int x = 0;
  std::thread t([&x] { use(x); });
  if (c) {
    use(1);
    t.join();
  } else {
    t.join();
  }
}

void early_return_in_loop(int n) {
  int x = 0;
  std::thread t([&x] { use(x); });
  for (int i = 0; i < n; ++i)
    if (i == 3)
      return;
  // CHECK: {{.*}}escapes.cpp:[[@LINE-4]]:17: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-5]]:19: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:7: note: `x` dropped here while the thread may still be running: `t` is not joined before this point
  t.join();
}

void inner_scope_dies_first() {
  std::thread t;
  {
    int x = 0;
    t = std::thread([&x] { use(x); });
  }
  // CHECK: {{.*}}escapes.cpp:[[@LINE-2]]:21: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:23: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:3: note: `x` dropped here while the thread may still be running: `t` is not joined before this point
  t.join();
}

void by_value_parameter(int x) {
  std::thread([&x] { use(x); }).detach();
}
  // CHECK: {{.*}}escapes.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:17: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void reference_parameter(int &x) {
  std::thread([&x] { use(x); }).detach(); // the caller owns x: not this rule
}

std::future<int> future_moved_out() {
  int x = 0;
  std::future<int> f = std::async(std::launch::async, [&x] { return x; });
  return std::move(f);
  // CHECK: {{.*}}escapes.cpp:[[@LINE-2]]:55: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:57: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-3]]:3: note: `x` dropped here while the thread may still be running
  // CHECK-NEXT: {{.*}}escapes.cpp:[[@LINE-4]]:10: note: the future (and its task) is returned here, still running
}

int future_got() {
  int x = 0;
  std::future<int> f = std::async(std::launch::async, [&x] { return x; });
  return f.get();
}
