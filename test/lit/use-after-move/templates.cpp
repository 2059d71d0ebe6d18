// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Function templates are analysed per instantiation; a finding in the
// template's own code is reported once.
#include <string>
#include <utility>
#include <vector>

template <typename T> std::size_t consume_then_size(T t) {
  T u = std::move(t);
  return t.size() + u.size();
  // CHECK: {{.*}}templates.cpp:[[@LINE-1]]:10: error: borrow of moved value: `t` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:55: note: move occurs because `t` has type `std::string`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:9: note: value moved here
}

std::size_t use_both() {
  return consume_then_size(std::string("x")) + consume_then_size(std::vector<int>{1});
}

// std::forward moves only when the argument was an rvalue.
template <typename T> std::size_t forwarder(T &&t) {
  std::string kept = std::forward<T>(t);
  return t.size() + kept.size();
  // CHECK: {{.*}}templates.cpp:[[@LINE-1]]:10: error: borrow of moved value: `t` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:22: note: value moved here
}

std::size_t call_forwarder() {
  std::string s = "lvalue";
  return forwarder(s) + forwarder(std::string("rvalue"));
}

// --- negative cases ---

// A template that is never instantiated is not analysed (its types are unknown).
template <typename T> void never_instantiated(T t) {
  T u = std::move(t);
  t.size();
}

// Instantiated only with int: moving an int is a copy.
template <typename T> T twice(T t) {
  T u = std::move(t);
  return t + u;
}
int use_twice() { return twice(2); }
