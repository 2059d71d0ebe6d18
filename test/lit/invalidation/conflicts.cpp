// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --format=clang --strict %s -- -std=c++20 | FileCheck --check-prefix=STRICT %s
// One container passed twice to one call, once mutably (E0502, E0499).
#include <deque>
#include <string>
#include <vector>

void append_all(std::vector<int>& dst, const std::vector<int>& src) {
  for (int x : src)
    dst.push_back(x);
}
void merge_into(std::vector<int>& a, std::vector<int>& b) {
  for (int x : b)
    a.push_back(x);
  b.clear();
}
void assign_from(std::vector<int>& dst, const std::vector<int>& src) { dst = src; }
void swap_halves(std::vector<int>& a, std::vector<int>& b) { a.swap(b); }

void self_append(std::vector<int> v) {
  append_all(v, v);
  // CHECK: {{.*}}conflicts.cpp:[[@LINE-1]]:17: error: cannot borrow `v` as immutable because it is also borrowed as mutable [conflicting-borrows]
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-2]]:3: note: mutable borrow later used by call
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-3]]:14: note: mutable borrow occurs here
}

void self_merge(std::vector<int>& v) {
  merge_into(v, v);
  // CHECK: {{.*}}conflicts.cpp:[[@LINE-1]]:17: error: cannot borrow `v` as mutable more than once at a time [conflicting-borrows]
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-2]]:3: note: first borrow later used by call
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-3]]:14: note: first mutable borrow occurs here
}

void self_insert_range(std::vector<int> v, std::deque<int> d) {
  v.insert(v.end(), v.begin(), v.end());
  // CHECK: {{.*}}conflicts.cpp:[[@LINE-1]]:21: error: cannot borrow `v` as immutable because it is also borrowed as mutable [conflicting-borrows]
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-2]]:3: note: mutable borrow occurs here
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-3]]:5: note: mutable borrow later used by call
  d.assign(d.begin(), d.end());
  // CHECK: {{.*}}conflicts.cpp:[[@LINE-1]]:12: error: cannot borrow `d` as immutable because it is also borrowed as mutable [conflicting-borrows]
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-2]]:3: note: mutable borrow occurs here
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-3]]:5: note: mutable borrow later used by call
}

struct Log {
  std::vector<int> lines;
  void twice() { append_all(lines, lines); }
  // CHECK: {{.*}}conflicts.cpp:[[@LINE-1]]:36: error: cannot borrow `lines` as immutable because it is also borrowed as mutable [conflicting-borrows]
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-2]]:18: note: mutable borrow later used by call
  // CHECK-NEXT: {{.*}}conflicts.cpp:[[@LINE-3]]:29: note: mutable borrow occurs here
};

// Fine: different containers, copies, self-assignment, string's own append.
void fine(std::vector<int> a, std::vector<int> b, std::string s) {
  append_all(a, b);
  std::vector<int> copy = a;
  append_all(a, copy);
  assign_from(a, a);
  a.insert(a.end(), b.begin(), b.end());
  s.append(s);
  s.insert(s.end(), s.begin(), s.end());
}

// Valid C++ (std::vector::swap with itself is fine), but Rust rejects two
// mutable borrows of one value: reported with --strict only.
void self_swap(std::vector<int>& v) {
  swap_halves(v, v);
}
// STRICT: {{.*}}conflicts.cpp:[[@LINE-2]]:18: error: cannot borrow `v` as mutable more than once at a time [conflicting-borrows]
