// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Handlers are reached from anywhere in their try block: a move there may
// reach a use in a handler ("possibly": the exception may come first).
#include <stdexcept>
#include <string>
#include <utility>

void sink(std::string s);
void use(const std::string &s);
void may_throw();

void moved_in_try_used_in_handler() {
  std::string s = "x";
  try {
    sink(std::move(s));
    may_throw();
  } catch (const std::exception &) {
    use(s);
    // CHECK: {{.*}}exceptions.cpp:[[@LINE-1]]:9: error: borrow of possibly moved value: `s` [use-after-move]
    // CHECK-NEXT: {{.*}}:[[@LINE-7]]:15: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-6]]:10: note: value moved here
  }
}

// Moved, then reassigned in the same block: the exception may come between.
void reassigned_after_throwing_call() {
  std::string s = "x";
  try {
    sink(std::move(s));
    may_throw();
    s = "again";
  } catch (...) {
    use(s);
    // CHECK: {{.*}}exceptions.cpp:[[@LINE-1]]:9: error: borrow of possibly moved value: `s` [use-after-move]
    // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-7]]:10: note: value moved here
  }
}

// Nested: the inner handler does not catch it, the outer one does.
void nested_try() {
  std::string s = "x";
  try {
    try {
      sink(std::move(s));
      may_throw();
    } catch (const std::logic_error &) {
    }
  } catch (...) {
    use(s);
    // CHECK: {{.*}}exceptions.cpp:[[@LINE-1]]:9: error: borrow of possibly moved value: `s` [use-after-move]
    // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-8]]:12: note: value moved here
  }
}

// A catch parameter moved from, then used in the same handler.
void catch_parameter_moved_then_used() {
  try {
    may_throw();
  } catch (std::string e) {
    sink(std::move(e));
    use(e);
    // CHECK: {{.*}}exceptions.cpp:[[@LINE-1]]:9: error: borrow of moved value: `e` [use-after-move]
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:24: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:10: note: value moved here
  }
}

// --- negative cases ---

// A catch parameter is a new object each time a handler is entered.
void catch_parameter_per_handler() {
  for (int i = 0; i < 3; ++i) {
    try {
      may_throw();
    } catch (std::string e) {
      sink(std::move(e));
    } catch (std::runtime_error e) {
      std::runtime_error f = std::move(e);
    }
  }
}

// Moved after the last call that may throw, and the handler returns.
void moved_in_handler_only() {
  std::string s = "x";
  try {
    may_throw();
  } catch (...) {
    sink(std::move(s));
    return;
  }
  use(s);
}
