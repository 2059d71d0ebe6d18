// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Loops: like Clang, the analysis does not assume a loop runs its first
// iteration; a variable given a value only inside the loop is possibly
// uninitialised after it. A `do` loop always runs its body once.
#include <vector>

int for_loop(int n) {
  int last;
  for (int i = 0; i < n; ++i)
    last = i;
  return last;
  // CHECK: {{.*}}loops.cpp:[[@LINE-1]]:10: error: used binding `last` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}loops.cpp:[[@LINE-5]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}loops.cpp:[[@LINE-5]]:3: note: if the body of this `for` loop never runs, `last` is not initialized
}

int while_loop(int n) {
  int x;
  while (n-- > 0) {
    x = n;
  }
  return x;
  // CHECK: {{.*}}loops.cpp:[[@LINE-1]]:10: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}loops.cpp:[[@LINE-6]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}loops.cpp:[[@LINE-6]]:3: note: if the body of this `while` loop never runs, `x` is not initialized
}

int range_for(const std::vector<int> &v) {
  int first;
  for (int e : v)
    first = e;
  return first;
  // CHECK: {{.*}}loops.cpp:[[@LINE-1]]:10: error: used binding `first` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}loops.cpp:[[@LINE-5]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}loops.cpp:[[@LINE-5]]:3: note: if the body of this `for` loop never runs, `first` is not initialized
}

int read_before_write_in_loop(int n) {
  int sum;
  for (int i = 0; i < n; ++i)
    sum += i;
  // CHECK: {{.*}}loops.cpp:[[@LINE-1]]:5: error: used binding `sum` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}loops.cpp:[[@LINE-4]]:7: note: binding declared here but left uninitialized
  return 0;
}

// Correct code: no findings below.
int do_loop() {
  int x;
  do {
    x = 1;
  } while (false);
  return x;
}

int infinite_loop_with_break(int n) {
  int x;
  for (;;) {
    if (n > 3) {
      x = n;
      break;
    }
    ++n;
  }
  return x;
}

int declared_in_loop(int n) {
  int total = 0;
  for (int i = 0; i < n; ++i) {
    int sq;
    sq = i * i;
    total += sq;
  }
  return total;
}

int array_filled_by_loop() {
  int a[4];
  for (int i = 0; i < 4; ++i)
    a[i] = i;
  return a[1] + a[3];
}
