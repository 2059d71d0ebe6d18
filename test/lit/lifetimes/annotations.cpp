// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// The annotations users already write: [[clang::lifetime_capture_by(X)]],
// [[gsl::Owner]] / [[gsl::Pointer]] on their own classes.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

void add(std::vector<std::string_view> &out, std::string_view s [[clang::lifetime_capture_by(out)]]);
void remember(std::string_view s [[clang::lifetime_capture_by(global)]]);
struct Index {
  std::vector<std::string_view> keys;
  void insert(std::string_view k [[clang::lifetime_capture_by(this)]]);
};

void captured_by_another_argument() {
  std::vector<std::string_view> names;
  {
    std::string s = "x";
    add(names, s);
    // CHECK: {{.*}}annotations.cpp:[[@LINE-1]]:16: error: `s` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE-3]]:17: note: binding `s` declared here
    // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE+2]]:3: note: `s` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE+2]]:13: note: borrow later used here
  }
  std::puts(names[0].data());
}

void captured_into_global_state() {
  std::string s = "x";
  remember(s);
  // CHECK: {{.*}}annotations.cpp:[[@LINE-1]]:12: error: `s` does not live long enough [borrow-outlives-owner]
  // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE-3]]:15: note: binding `s` declared here
  // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE-3]]:3: note: borrow kept by `remember` in global state, which is still reachable after the function returns
  // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE+1]]:1: note: `s` dropped here while still borrowed
}

void captured_by_the_object() {
  Index idx;
  {
    std::string s = "x";
    idx.insert(s);
    // CHECK: {{.*}}annotations.cpp:[[@LINE-1]]:16: error: `s` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE-3]]:17: note: binding `s` declared here
    // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE+2]]:3: note: `s` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE+2]]:13: note: borrow later used here
  }
  std::puts(idx.keys[0].data());
}

struct [[gsl::Owner(char)]] Buffer {
  Buffer(const char *);
  ~Buffer();
  const char *data() const;
  char *p;
};
struct [[gsl::Pointer(char)]] Cursor {
  Cursor() = default;
  Cursor(const Buffer &);
  char peek() const;
  const char *at = nullptr;
};

char user_pointer_outlives_user_owner() {
  Cursor c;
  {
    Buffer b("x");
    c = Cursor(b);
    // CHECK: {{.*}}annotations.cpp:[[@LINE-1]]:16: error: `b` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE-3]]:12: note: binding `b` declared here
    // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE+2]]:3: note: `b` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE+2]]:10: note: borrow later used here
  }
  return c.peek();
}

// --- negative cases ---

void captured_while_alive() {
  std::vector<std::string_view> names;
  std::string s = "x";
  add(names, s);
  std::puts(names[0].data());
}

char user_pointer_within_owner() {
  Buffer b("x");
  Cursor c(b);
  return c.peek();
}
