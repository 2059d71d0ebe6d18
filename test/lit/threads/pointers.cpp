// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// thread-outlives-borrow through pointers and views copied into the thread: what the copy points
// into comes from the loan facts (the local's origin holds the loans of what it points into).
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

void use(int);
void take(int *);
void view(std::string_view);
int global = 0;

void pointer_captured_by_value() {
  int x = 0;
  int *p = &x;
  std::thread([p] { *p = 1; }).detach();
}
  // CHECK: {{.*}}pointers.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:16: note: `x` is borrowed here, through `p`
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void address_passed_as_argument() {
  int x = 0;
  std::thread(take, &x).detach();
}
  // CHECK: {{.*}}pointers.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:21: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void pointer_passed_as_argument() {
  int x = 0;
  int *p = &x;
  std::thread(take, p).detach();
}
  // CHECK: {{.*}}pointers.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:21: note: `x` is borrowed here, through `p`
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void string_view_captured_by_value() {
  std::string s = "hi";
  std::string_view sv = s;
  std::thread([sv] { view(sv); }).detach();
}
  // CHECK: {{.*}}pointers.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `s`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:16: note: `s` is borrowed here, through `sv`
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:1: note: `s` dropped here while the thread may still be running

void span_captured_by_value() {
  std::vector<int> v(3);
  std::span<int> sp = v;
  std::thread([sp] { use(sp[0]); }).detach();
}
  // CHECK: {{.*}}pointers.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `v`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:16: note: `v` is borrowed here, through `sp`
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:1: note: `v` dropped here while the thread may still be running

void pointer_init_capture() {
  int x = 0;
  std::thread([p = &x] { *p = 1; }).detach();
}
  // CHECK: {{.*}}pointers.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:16: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void reference_captured_by_reference() {
  int x = 0;
  int &r = x;
  std::thread([&r] { r = 1; }).detach();
}
  // CHECK: {{.*}}pointers.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:17: note: `x` is borrowed here, through `r`
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void closure_captured_by_value() {
  int x = 0;
  auto inner = [&x] { use(x); };
  std::thread([inner] { inner(); }).detach();
}
  // CHECK: {{.*}}pointers.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:16: note: `x` is borrowed here, through `inner`
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void pointer_to_one_of_two(bool c) {
  int x = 0;
  int *p = c ? &x : &global;
  std::thread([p] { *p = 1; }).detach();
}
  // CHECK: {{.*}}pointers.cpp:[[@LINE-2]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-3]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:16: note: `x` is borrowed here, through `p` (on some paths)
  // CHECK-NEXT: {{.*}}pointers.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

// Correct code: joined, pointing elsewhere, copies.
void pointer_captured_joined() {
  int x = 0;
  int *p = &x;
  std::thread t([p] { *p = 1; });
  t.join();
}

void pointer_to_global() {
  int *p = &global;
  std::thread([p] { *p = 1; }).detach();
}

void pointer_to_heap() {
  int *p = new int(1);
  std::thread([p] { *p = 1; delete p; }).detach();
}

void pointer_reassigned_before_spawn() {
  int x = 0;
  int *p = &x;
  *p = 2;
  p = &global;
  std::thread([p] { *p = 1; }).detach();
}

void reference_captured_by_copy() {
  int x = 0;
  int &r = x;
  std::thread([r] { use(r); }).detach(); // [r] copies the int
}

void owner_captured_by_copy() {
  std::string s = "hi";
  std::thread([s] { view(s); }).detach();
}

void parameter_pointer(int *q) {
  std::thread([q] { *q = 1; }).detach(); // the caller owns *q
}
