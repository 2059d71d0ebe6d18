// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --teach --width=0 %s -- -std=c++20 | FileCheck --check-prefix=HUMAN %s
// C++ evaluates the arguments of a call in an unspecified order: a move in
// one argument and a read of the same value in another are a possible use
// after move, in either order. What the callee sees (its object, a reference
// parameter) is used after every argument, so after the move.
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

void take(std::vector<int> v, std::size_t n);
void take_ref(std::vector<int> v, const std::vector<int> &same);
void take_rvalue(std::vector<int> &&v, std::size_t n);
void adopt(int *raw, std::unique_ptr<int> owner);
std::size_t consume(std::vector<int> v);
struct Sink {
  std::vector<int> items;
  void put(std::size_t n);
  Sink(std::vector<int> v, std::size_t n);
};

void size_after_move(std::vector<int> a) {
  take(std::move(a), a.size());
  // CHECK: {{.*}}argument-order.cpp:[[@LINE-1]]:22: error: borrow of possibly moved value: `a` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:39: note: move occurs because `a` has type `std::vector<int>`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:8: note: value moved here, by another argument of the same call
}
// HUMAN: error[E0382]: borrow of possibly moved value: `a`
// HUMAN: value moved here, by another argument of the same call
// HUMAN: = note: not undefined behaviour in C++: if that argument is evaluated first, a moved-from `std::vector<int>` is valid but unspecified; Rust rejects any use of a moved value
// HUMAN-NEXT: = note: possible, not definite: C++ evaluates the arguments of a call in an unspecified order, so `a` may be moved before or after this argument reads it; Rust evaluates them left to right

void get_before_move(std::unique_ptr<int> p) {
  adopt(p.get(), std::move(p));
  // CHECK: {{.*}}argument-order.cpp:[[@LINE-1]]:9: error: borrow of possibly moved value: `p` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:43: note: move occurs because `p` has type `std::unique_ptr<int>`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:18: note: value moved here, by another argument of the same call
}

void constructor_arguments(std::vector<int> a) {
  Sink s(std::move(a), a.size());
  // CHECK: {{.*}}argument-order.cpp:[[@LINE-1]]:24: error: borrow of possibly moved value: `a` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:45: note: move occurs because `a` has type `std::vector<int>`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:10: note: value moved here, by another argument of the same call
}

// The member runs after its arguments: definite.
void member_of_moved(Sink s) {
  s.put(consume(std::move(s.items)));
  // CHECK: {{.*}}argument-order.cpp:[[@LINE-1]]:3: error: borrow of partially moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-2]]:17: note: value partially moved here
}

// A reference parameter sees the moved-from vector: definite.
void reference_to_moved(std::vector<int> a) {
  take_ref(std::move(a), a);
  // CHECK: {{.*}}argument-order.cpp:[[@LINE-1]]:26: error: borrow of moved value: `a` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:42: note: move occurs because `a` has type `std::vector<int>`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:12: note: value moved here
}

// Given a new value after the call: the possible use is the one.
void cleared_after_the_call(std::vector<int> a) {
  take(std::move(a), a.size());
  // CHECK: {{.*}}argument-order.cpp:[[@LINE-1]]:22: error: borrow of possibly moved value: `a` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:46: note: move occurs because `a` has type `std::vector<int>`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:8: note: value moved here, by another argument of the same call
  a.clear();
  a.push_back(1);
}
// A definite use after the call is the one reported for that move.
void used_after_the_call_2(std::vector<int> a) {
  take(std::move(a), a.size());
  // CHECK: {{.*}}argument-order.cpp:[[@LINE+1]]:10: error: borrow of moved value: `a` [use-after-move]
  return a.empty() ? void() : void();
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:45: note: move occurs because `a` has type `std::vector<int>`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

// Not findings.
void read_first(std::vector<int> a) {
  std::size_t n = a.size();
  take(std::move(a), n);                   // read before the call
}
void rvalue_reference_parameter(std::vector<int> a) {
  take_rvalue(std::move(a), a.size());     // nothing moves until the callee runs
}
void other_value(std::vector<int> a, std::vector<int> b) {
  take(std::move(a), b.size());
}
void braced_is_left_to_right(std::vector<int> a) {
  struct Pair { std::vector<int> v; std::size_t n; };
  Pair p{a, a.size()};                    // copies: nothing is moved
  Pair q{std::vector<int>(a), a.size()};
  (void)p, (void)q;
}
void null_after_move(std::unique_ptr<int> p) {
  adopt(nullptr, std::move(p));
  if (p)                                   // a moved-from unique_ptr is null: well-defined
    *p = 1;
}
