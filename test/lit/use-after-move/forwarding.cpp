// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// A forwarding reference (deduced T&&, auto&&) binds anything: passing a
// moved-from lvalue to one is a use, not an out-parameter that refills it.
// Nor do std functions that take T& only to refer to it.
#include <functional>
#include <iterator>
#include <string>
#include <utility>

void sink(std::string s);
void use(const std::string &s);
template <typename T> void forward_ref(T &&x) { use(x); }
void auto_ref(auto &&x) { use(x); }

void template_forwarding_reference() {
  std::string s = "x";
  sink(std::move(s));
  forward_ref(s);
  // CHECK: {{.*}}forwarding.cpp:[[@LINE-1]]:15: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

void auto_forwarding_reference() {
  std::string s = "x";
  sink(std::move(s));
  auto_ref(s);
  // CHECK: {{.*}}forwarding.cpp:[[@LINE-1]]:12: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

void as_const_after_move() {
  std::string s = "x";
  sink(std::move(s));
  use(std::as_const(s));
  // CHECK: {{.*}}forwarding.cpp:[[@LINE-1]]:21: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

void forward_lvalue_after_move() {
  std::string s = "x";
  sink(std::move(s));
  use(std::forward<std::string &>(s));
  // CHECK: {{.*}}forwarding.cpp:[[@LINE-1]]:35: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

void addressof_after_move() {
  std::string s = "x";
  sink(std::move(s));
  auto *p = std::addressof(s);
  // CHECK: {{.*}}forwarding.cpp:[[@LINE-1]]:28: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

void ref_after_move() {
  std::string s = "x";
  sink(std::move(s));
  auto r = std::ref(s);
  // CHECK: {{.*}}forwarding.cpp:[[@LINE-1]]:21: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

void begin_after_move() {
  std::string s = "x";
  sink(std::move(s));
  auto b = std::begin(s);
  // CHECK: {{.*}}forwarding.cpp:[[@LINE-1]]:23: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

void data_after_move() {
  std::string s = "x";
  sink(std::move(s));
  auto d = std::data(s);
  // CHECK: {{.*}}forwarding.cpp:[[@LINE-1]]:22: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

// --- negative cases ---

// A plain non-const lvalue reference is still an out-parameter.
void refill(std::string &out) { out = "new"; }
template <typename T> void refill_t(T &out) { out = "new"; }
void out_parameters() {
  std::string s = "x";
  sink(std::move(s));
  refill(s);
  use(s);
  sink(std::move(s));
  refill_t(s);
  use(s);
}
