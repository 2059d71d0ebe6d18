// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Out-parameters: `int x; get(&x);` counts as a write when the callee writes
// its parameter on every path that returns. Callees not defined in this file
// (or not analysable) are assumed to write.
#include <cstdio>
#include <string>

void external(int *p);         // no body: assumed to write
void external_ref(int &r);     // no body: assumed to write
void writes(int *p) { *p = 1; }
void writes_ref(int &r) { r = 2; }
void writes_if_nonnull(int *p) {
  if (p)
    *p = 3;
}
void writes_unless_null(int *p) {
  if (p == nullptr)
    return;
  *p = 4;
}
void writes_or_throws(int &r, bool bad) {
  if (bad)
    throw 1;
  r = 5;
}
void passes_it_on(int *p) { external(p); }
void sometimes(int *p, bool c) {
  if (c)
    *p = 6;
}
void never(int *out) {}
void sometimes_ref(int &r, int k) {
  if (k > 0)
    r = k;
}
bool try_get(int *p, bool ok) {
  if (!ok)
    return false;
  *p = 7;
  return true;
}

int maybe_written(bool c) {
  int x;
  sometimes(&x, c);
  return x;
  // CHECK: {{.*}}out-params.cpp:[[@LINE-1]]:10: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}out-params.cpp:[[@LINE-4]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}out-params.cpp:[[@LINE-4]]:3: note: `sometimes` may return without writing to `x`
}

int never_written() {
  int x;
  never(&x);
  return x;
  // CHECK: {{.*}}out-params.cpp:[[@LINE-1]]:10: error: used binding `x` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}out-params.cpp:[[@LINE-4]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}out-params.cpp:[[@LINE-4]]:3: note: `never` never writes to `x`
}

int by_reference(int k) {
  int x;
  sometimes_ref(x, k);
  return x;
  // CHECK: {{.*}}out-params.cpp:[[@LINE-1]]:10: error: used binding `x` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}out-params.cpp:[[@LINE-4]]:7: note: binding declared here but left uninitialized
  // CHECK-NEXT: {{.*}}out-params.cpp:[[@LINE-4]]:3: note: `sometimes_ref` may return without writing to `x`
}

// Correct code: no findings below.
int n1() { int x; external(&x); return x; }
int n2() { int x; external_ref(x); return x; }
int n3() { int x; writes(&x); return x; }
int n4() { int x; writes_ref(x); return x; }
int n5() { int x; writes_if_nonnull(&x); return x; }
int n6() { int x; writes_unless_null(&x); return x; }
int n7(bool b) { int x; writes_or_throws(x, b); return x; }
int n8() { int x; passes_it_on(&x); return x; }
// The result says whether it wrote: a caller that looks at it is trusted.
int n9(bool ok) {
  int x;
  if (try_get(&x, ok))
    return x;
  return 0;
}
int n10() {
  int x;
  std::sscanf("12", "%d", &x);
  return x;
}
int n11() {
  std::string s;
  int x;
  x = static_cast<int>(s.size());
  return x;
}
