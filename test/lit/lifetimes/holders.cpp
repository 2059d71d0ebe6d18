// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Borrows kept in holders: std::function, lambdas, std::optional, struct
// fields, containers of views; and what counts as reading through them.
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

std::function<int()> returned_as_function() {
  int x = 1;
  return [&x] { return x; };
  // CHECK: {{.*}}holders.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `x` [dangling-return]
}

auto returned_through_a_variable() {
  int x = 1;
  auto g = [&] { return x; };
  return g;
  // CHECK: {{.*}}holders.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `x` [dangling-return]
  // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE-3]]:12: note: `x` is borrowed here
}

void optional_view() {
  std::optional<std::string_view> o;
  {
    std::string s = "x";
    o = s;
    // CHECK: {{.*}}holders.cpp:[[@LINE-1]]:9: error: `s` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE-3]]:17: note: binding `s` declared here
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:3: note: `s` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:13: note: borrow later used here
  }
  std::puts(o->data());
}

struct Holder {
  std::string_view v;
};
void field_of_a_struct() {
  Holder h;
  {
    std::string s = "x";
    h.v = s;
    // CHECK: {{.*}}holders.cpp:[[@LINE-1]]:11: error: `s` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE-3]]:17: note: binding `s` declared here
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:3: note: `s` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:13: note: borrow later used here
  }
  std::puts(h.v.data());
}

void previous_loop_iteration() {
  std::vector<const int *> ptrs;
  for (int i = 0; i < 3; ++i) {
    int x = i;
    ptrs.push_back(&x);
    // CHECK: {{.*}}holders.cpp:[[@LINE-1]]:20: error: `x` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE-3]]:9: note: binding `x` declared here
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:3: note: `x` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:22: note: borrow later used here
  }
  std::printf("%d", *ptrs[0]);
}

void owner_dies_on_one_branch(bool c) {
  std::string_view v = "literal";
  if (c) {
    std::string s = "x";
    v = s;
    // CHECK: {{.*}}holders.cpp:[[@LINE-1]]:9: error: `s` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE-3]]:17: note: binding `s` declared here
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:3: note: `s` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:13: note: borrow later used here
  }
  std::puts(v.data());
}

std::string_view g_view;
void by_value_parameter_into_global(std::string s) {
  g_view = s;
  // CHECK: {{.*}}holders.cpp:[[@LINE-1]]:12: error: `s` does not live long enough [borrow-outlives-owner]
  // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE-3]]:49: note: binding `s` declared here
  // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE-3]]:3: note: borrow stored in `g_view`, which is still reachable after the function returns
  // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+1]]:1: note: `s` dropped here while still borrowed
}

std::size_t size_of_a_dangling_view() {
  std::string_view v;
  {
    std::string s = "x";
    v = s;
    // CHECK: {{.*}}holders.cpp:[[@LINE-1]]:9: error: `s` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE-3]]:17: note: binding `s` declared here
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:3: note: `s` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}holders.cpp:[[@LINE+2]]:10: note: borrow later used here
  }
  return v.size();
}

// --- negative cases ---

std::function<int()> captures_by_value() {
  int x = 1;
  return [x] { return x; };
}

void callback_called_while_alive() {
  std::function<void()> cb;
  int n = 0;
  cb = [&n] { ++n; };
  cb();
}

void views_within_the_loop(const std::vector<std::string> &names) {
  for (const std::string &n : names) {
    std::string upper = n;
    std::string_view v = upper;
    std::puts(v.data());
  }
}

std::string_view g_static_view;
void static_into_global() {
  static std::string s = "forever";
  g_static_view = s;
}

void parameter_by_reference_into_global(const std::string &s) { g_view = s; }

std::size_t views_rebuilt_each_iteration() {
  std::vector<std::string_view> views;
  std::size_t total = 0;
  for (int i = 0; i < 3; ++i) {
    std::string s(3, 'a');
    views.clear();
    views.push_back(s);
    total += views.front().size();
  }
  return total;
}
