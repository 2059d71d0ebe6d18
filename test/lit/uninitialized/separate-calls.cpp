// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// A variable given a value under `if (f())` and read under a second, separate
// `if (f())`: two calls may answer differently, so the read may see no value
// (rustc: E0381, possibly-uninitialized). Conditions on locals and on member
// calls (`v.empty()` twice) are taken as correlated and stay quiet.
#include <vector>

bool ready();
bool other();
void print(int);

void same_call_twice() {
  int x;
  if (ready())
    x = 1;
  if (ready())
    print(x);
  // CHECK: {{.*}}separate-calls.cpp:[[@LINE-1]]:11: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}separate-calls.cpp:[[@LINE-6]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}separate-calls.cpp:[[@LINE-6]]:7: note: if this `if` condition is `false`, `x` is not initialized
}

void different_calls() {
  int x;
  if (ready()) {
    x = 1;
  }
  if (other())
    print(x);
  // CHECK: {{.*}}separate-calls.cpp:[[@LINE-1]]:11: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}separate-calls.cpp:[[@LINE-7]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}separate-calls.cpp:[[@LINE-7]]:7: note: if this `if` condition is `false`, `x` is not initialized
  // CHECK-NEXT: {{.*}}separate-calls.cpp:[[@LINE-6]]:3: note: an `else` arm might be missing here, initializing `x`
}

// Correct code (or correlated conditions Rust would reject but C++ runs
// correctly): no findings below.
void else_writes_too() {
  int x;
  if (ready())
    x = 1;
  else
    x = 2;
  if (ready())
    print(x);
}

void correlated_local(bool c) {
  int x;
  if (c)
    x = 1;
  if (c)
    print(x);
}

void call_saved_in_a_local() {
  int x;
  bool ok = ready();
  if (ok)
    x = 1;
  if (ok)
    print(x);
}

void member_calls(const std::vector<int> &v) {
  int x;
  if (!v.empty())
    x = v[0];
  if (!v.empty())
    print(x);
}

void written_before_the_second_test() {
  int x;
  if (ready())
    x = 1;
  x = 3;
  if (ready())
    print(x);
}
