// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Structured bindings: moving the whole into a decomposition moves it, and a
// binding moved from is used after the move like any variable.
#include <map>
#include <string>
#include <utility>

struct Entry {
  std::string key;
  std::string value;
};
void sink(std::string s);
void use(const std::string &s);
void use_entry(const Entry &e);

void decomposed_from_moved() {
  Entry e{"k", "v"};
  auto [k, v] = std::move(e);
  use_entry(e);
  // CHECK: {{.*}}structured-bindings.cpp:[[@LINE-1]]:13: error: borrow of moved value: `e` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:9: note: move occurs because `e` has type `Entry`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:17: note: value moved here
}

void binding_moved_then_used() {
  Entry e{"k", "v"};
  auto &[k, v] = e;
  sink(std::move(k));
  use(k);
  // CHECK: {{.*}}structured-bindings.cpp:[[@LINE-1]]:7: error: borrow of moved value: `k` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:10: note: move occurs because `k` has type `std::string`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

// Tuple-like: std::pair's bindings.
void pair_binding_moved_then_used(std::pair<std::string, std::string> p) {
  auto &[first, second] = p;
  sink(std::move(second));
  use(second);
  // CHECK: {{.*}}structured-bindings.cpp:[[@LINE-1]]:7: error: borrow of moved value: `second` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:17: note: move occurs because `second` has type `std::string`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
}

// --- negative cases ---

// Each iteration binds afresh.
void bindings_in_loop(std::map<std::string, std::string> m) {
  for (auto &[key, value] : m)
    sink(std::move(value));
  for (auto [key, value] : m) {
    sink(std::move(value));
    value = "again";
    use(value);
  }
}
