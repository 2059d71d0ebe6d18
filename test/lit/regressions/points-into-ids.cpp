// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Two functions that differ only in the name of an unrelated inner pointer
// (`p` in the first, `q` in the second) must give the same finding: what a
// pointer copied into a thread points into comes from the ids of the loan
// facts (factgen/FactIds.h), not from finding variables again by name or
// declaration span (issue 13: the first function used to lose its finding).
#include <thread>

void inner_pointer_named_p() {
  int x = 0;
  int *p = &x;
  std::thread([p] { *p = 1; }).detach();
  {
    int y = 0;
    int *p = &y;
    *p = 2;
  }
}
  // CHECK: {{.*}}points-into-ids.cpp:[[@LINE-7]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}points-into-ids.cpp:[[@LINE-8]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}points-into-ids.cpp:[[@LINE-9]]:16: note: `x` is borrowed here, through `p`
  // CHECK-NEXT: {{.*}}points-into-ids.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running

void inner_pointer_named_q() {
  int x = 0;
  int *p = &x;
  std::thread([p] { *p = 1; }).detach();
  {
    int y = 0;
    int *q = &y;
    *q = 2;
  }
}
  // CHECK: {{.*}}points-into-ids.cpp:[[@LINE-7]]:15: error: closure may outlive the current function, but it borrows `x`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}points-into-ids.cpp:[[@LINE-8]]:3: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}points-into-ids.cpp:[[@LINE-9]]:16: note: `x` is borrowed here, through `p`
  // CHECK-NEXT: {{.*}}points-into-ids.cpp:[[@LINE-4]]:1: note: `x` dropped here while the thread may still be running
