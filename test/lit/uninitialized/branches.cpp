// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Scalars, through Clang's own uninitialized-values analysis: definite reads,
// reads after an `if`, `&&`, `switch` or loop that skips the initialisation.
int next();

int definite() {
  int x;
  return x;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:10: error: used binding `x` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-3]]:7: note: binding declared here but left uninitialized
}

int if_without_else(bool c) {
  int x;
  if (c)
    x = 1;
  return x;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:10: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-5]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-5]]:7: note: if this `if` condition is `false`, `x` is not initialized
}

int if_true_skips(bool c) {
  int x;
  if (c)
    return 0;
  else
    x = 1;
  return x + 0;
}

int then_branch_skips(bool c) {
  double d;
  if (c) {
    next();
  } else {
    d = 2.5;
  }
  return d > 1;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:10: error: used binding `d` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-8]]:10: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-8]]:7: note: if this `if` condition is `true`, `d` is not initialized
}

int logical_and(bool c, bool d) {
  int x;
  if (c && d)
    x = 1;
  return x;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:10: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-5]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-5]]:7: note: if this `if` condition is `false`, `x` is not initialized
}

int switch_default(int k) {
  int x;
  switch (k) {
  case 1: x = 10; break;
  case 2: x = 20; break;
  default: break;
  }
  return x;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:10: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-8]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-5]]:3: note: if the `default` case is taken, `x` is not initialized
}

int switch_case(int k) {
  int x;
  switch (k) {
  case 1: break;
  default: x = 0; break;
  }
  return x;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:10: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-7]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-6]]:3: note: if this `case` is taken, `x` is not initialized
}

int switch_without_default(int k) {
  int x;
  switch (k) {
  case 1: x = 10; break;
  case 2: x = 20; break;
  }
  return x;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:10: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-7]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-7]]:3: note: if no `case` of this `switch` matches, `x` is not initialized
}

enum class Color { Red, Green };
int covered_enum(Color c) {
  int x;
  switch (c) {
  case Color::Red: x = 1; break;
  case Color::Green: x = 2; break;
  }
  return x;
}

// One finding per variable, at its most certain read (as Clang and rustc).
int two_reads(bool c) {
  int x;
  if (c)
    x = 1;
  int a = x;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:11: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-5]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-5]]:7: note: if this `if` condition is `false`, `x` is not initialized
  return a + x;
}

int conditional_operator(bool c) {
  int x;
  return c ? x : 0;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:14: error: used binding `x` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-3]]:7: note: binding declared here but left uninitialized
}

int increment() {
  int n;
  ++n;
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:5: error: used binding `n` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-3]]:7: note: binding declared here but left uninitialized
  return n;
}

int lambda_capture_by_copy() {
  int x;
  auto f = [x] { return x; };
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:13: error: used binding `x` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}branches.cpp:[[@LINE-3]]:7: note: binding declared here but left uninitialized
  return f();
}
