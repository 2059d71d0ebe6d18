// RUN: not %borrowck --format=clang %s -- -std=c++20 -I%S/../../../include | FileCheck --check-prefix=MARKED --implicit-check-not=error: %s
// RUN: not %borrowck --format=clang --strict %s -- -std=c++20 -I%S/../../../include | %check-findings %s
// Valid C++ that Rust rejects: reported with --strict only, and said to be
// well defined.
#include <vector>

void use(int);

void assign_to_borrowed_int() {
  int x = 1;
  const int& r = x;
  x = 2;
  use(r);
  // CHECK: {{.*}}strict.cpp:[[@LINE-2]]:3: error: cannot assign to `x` because it is borrowed [invalidated-borrow]
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-4]]:18: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-3]]:7: note: borrow later used here
}

void increment_borrowed() {
  int n = 0;
  int* p = &n;
  ++n;
  use(*p);
  // CHECK: {{.*}}strict.cpp:[[@LINE-2]]:3: error: cannot assign to `n` because it is borrowed [invalidated-borrow]
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-4]]:12: note: `n` is borrowed here
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-3]]:8: note: borrow later used here
}

// Fine even in strict mode: the borrow is not used after the assignment.
void borrow_done() {
  int x = 1;
  const int& r = x;
  use(r);
  x = 2;
  use(x);
}

// BORROWCK_STRICT opts one function, class or namespace into Rust's discipline.
#include <borrowck.h>

BORROWCK_STRICT void strict_function() {
  int x = 1;
  const int& r = x;
  x = 2;
  use(r);
  // CHECK: {{.*}}strict.cpp:[[@LINE-2]]:3: error: cannot assign to `x` because it is borrowed [invalidated-borrow]
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-4]]:18: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-3]]:7: note: borrow later used here
  // MARKED: {{.*}}strict.cpp:[[@LINE-5]]:3: error: cannot assign to `x` because it is borrowed [invalidated-borrow]
}

struct BORROWCK_STRICT StrictClass {
  void member() {
    int x = 1;
    int* p = &x;
    x++;
    use(*p);
  // CHECK: {{.*}}strict.cpp:[[@LINE-2]]:5: error: cannot assign to `x` because it is borrowed [invalidated-borrow]
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-4]]:14: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-3]]:10: note: borrow later used here
  // MARKED: {{.*}}strict.cpp:[[@LINE-5]]:5: error: cannot assign to `x` because it is borrowed [invalidated-borrow]
  }
};

namespace BORROWCK_STRICT strict_ns {
void in_namespace() {
  int x = 1;
  const int& r = x;
  x += 1;
  use(r);
  // CHECK: {{.*}}strict.cpp:[[@LINE-2]]:3: error: cannot assign to `x` because it is borrowed [invalidated-borrow]
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-4]]:18: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-3]]:7: note: borrow later used here
  // MARKED: {{.*}}strict.cpp:[[@LINE-5]]:3: error: cannot assign to `x` because it is borrowed [invalidated-borrow]
}
} // namespace strict_ns

// Not marked: silent without --strict.
void not_marked() {
  int x = 1;
  const int& r = x;
  x = 2;
  use(r);
  // CHECK: {{.*}}strict.cpp:[[@LINE-2]]:3: error: cannot assign to `x` because it is borrowed [invalidated-borrow]
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-4]]:18: note: `x` is borrowed here
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-3]]:7: note: borrow later used here
}

// Two live references to one local, one of them mutable (E0499, E0502).
void two_mutable_references() {
  int x = 1;
  int& a = x;
  int& b = x;
  b = 2;
  a = 3;
  // CHECK: {{.*}}strict.cpp:[[@LINE-3]]:12: error: cannot borrow `x` as mutable more than once at a time [invalidated-borrow]
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-5]]:12: note: first mutable borrow occurs here
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-3]]:3: note: first borrow later used here
}

void shared_then_mutable() {
  int x = 1;
  const int& r = x;
  int* p = &x;
  *p = 2;
  use(r);
  // CHECK: {{.*}}strict.cpp:[[@LINE-3]]:13: error: cannot borrow `x` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-5]]:18: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-3]]:7: note: immutable borrow later used here
}

// Fine even in strict mode: one after the other.
void one_at_a_time() {
  int x = 1;
  int& a = x;
  a = 2;
  int& b = x;
  b = 3;
}
