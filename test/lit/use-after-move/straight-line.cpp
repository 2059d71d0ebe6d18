// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <string>
#include <utility>
#include <vector>

void sink(std::string s);
void sink_rref(std::string &&s);
void read(const std::string &s);

// Moved into a by-value parameter, then read.
std::size_t by_value() {
  std::string s = "hello";
  sink(std::move(s));
  return s.size();
  // CHECK: {{.*}}straight-line.cpp:[[@LINE-1]]:10: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}straight-line.cpp:[[@LINE-4]]:15: note: move occurs because `s` has type `std::string`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}straight-line.cpp:[[@LINE-4]]:8: note: value moved here
}

// Binding to an rvalue-reference parameter counts as a move.
std::size_t by_rvalue_ref() {
  std::string s = "hello";
  sink_rref(std::move(s));
  return s.size();
  // CHECK: {{.*}}straight-line.cpp:[[@LINE-1]]:10: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:15: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:13: note: value moved here
}

// Move construction, then a copy: "use of moved value".
std::string copied_after_move() {
  std::string s = "hello";
  std::string t = std::move(s);
  std::string u = s;
  // CHECK: {{.*}}straight-line.cpp:[[@LINE-1]]:19: error: use of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:15: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:19: note: value moved here
  return t + u;
}

// Moved twice.
void moved_twice() {
  std::vector<std::string> v;
  std::string s = "x";
  v.push_back(std::move(s));
  v.push_back(std::move(s));
  // CHECK: {{.*}}straight-line.cpp:[[@LINE-1]]:15: error: use of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:15: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:15: note: value moved here
}

// Two uses after one move: reported once, at the first use (as rustc does).
void reported_once() {
  std::string s = "x";
  sink(std::move(s));
  read(s);
  // CHECK: {{.*}}straight-line.cpp:[[@LINE-1]]:8: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  read(s);
}

// --- negative cases ---

// std::move into a const T& parameter binds a reference: nothing moves.
std::size_t const_ref() {
  std::string s = "hello";
  read(std::move(s));
  return s.size();
}

// Moving an int or a raw pointer is a copy.
int trivially_copyable() {
  int i = 1;
  int j = std::move(i);
  int *p = &i;
  int *q = std::move(p);
  return i + j + *p + *q;
}

// A const object: std::move picks the copy constructor.
std::size_t const_object() {
  const std::string s = "hello";
  std::string t = std::move(s);
  return s.size() + t.size();
}

// A value moved at the end of its life.
std::string returned() {
  std::string s = "x";
  return std::move(s);
}

// The by-value parameter is move-constructed before the body runs, so the
// reference parameter b sees the moved-from string whatever the argument order.
void pair_up(std::string a, const std::string &b);
void argument_aliases_moved() {
  std::string s = "x";
  pair_up(std::move(s), s);
}
// CHECK: {{.*}}straight-line.cpp:[[@LINE-2]]:25: error: borrow of moved value: `s` [use-after-move]
// CHECK-NEXT: {{.*}}:[[@LINE-4]]:15: note: move occurs because {{.*}}
// CHECK-NEXT: {{.*}}:[[@LINE-4]]:11: note: value moved here

// Repeated moves: each use is labelled with the latest move only (rustc
// does the same), so N moves give N labels, not N^2.
void moved_again_and_again() {
  std::string s = "x";
  sink(std::move(s));
  sink(std::move(s));
  // CHECK: {{.*}}straight-line.cpp:[[@LINE-1]]:8: error: use of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:15: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
  sink(std::move(s));
  // CHECK: {{.*}}straight-line.cpp:[[@LINE-1]]:8: error: use of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-7]]:8: note: value moved here
  s.size();
  // CHECK: {{.*}}straight-line.cpp:[[@LINE-1]]:3: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-7]]:8: note: value moved here
}
