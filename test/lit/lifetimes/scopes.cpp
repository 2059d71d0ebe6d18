// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <memory>
#include <string>
#include <string_view>

void view_outlives_string() {
  std::string_view v;
  {
    std::string s = "hello";
    v = s;
    // CHECK: {{.*}}scopes.cpp:[[@LINE-1]]:9: error: `s` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}scopes.cpp:[[@LINE-3]]:17: note: binding `s` declared here
    // CHECK-NEXT: {{.*}}scopes.cpp:[[@LINE+2]]:3: note: `s` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}scopes.cpp:[[@LINE+2]]:9: note: borrow later used here
  }
  (void)v.size();
}

int pointer_outlives_int() {
  int *p = nullptr;
  {
    int x = 1;
    p = &x;
    // CHECK: {{.*}}scopes.cpp:[[@LINE-1]]:9: error: `x` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}: note: binding `x` declared here
    // CHECK-NEXT: {{.*}}: note: `x` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}: note: borrow later used here
  }
  return *p;
}

int reference_to_pointer_target() {
  const int *p = nullptr;
  {
    int x = 1;
    const int &r = x;
    p = &r;
    // CHECK: {{.*}}scopes.cpp:[[@LINE-2]]:20: error: `x` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}: note: binding `x` declared here
    // CHECK-NEXT: {{.*}}: note: `x` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}: note: borrow later used here
  }
  return *p;
}

int raw_from_unique_ptr() {
  int *raw = nullptr;
  {
    auto owner = std::make_unique<int>(7);
    raw = owner.get();
    // CHECK: {{.*}}scopes.cpp:[[@LINE-1]]:11: error: `owner` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}: note: binding `owner` declared here
    // CHECK-NEXT: {{.*}}: note: `owner` dropped here while still borrowed
    // CHECK-NEXT: {{.*}}: note: borrow later used here
  }
  return *raw;
}

std::string_view g_last;
void stored_in_global() {
  std::string s = "x";
  g_last = s;
  // CHECK: {{.*}}scopes.cpp:[[@LINE-1]]:12: error: `s` does not live long enough [borrow-outlives-owner]
  // CHECK-NEXT: {{.*}}: note: binding `s` declared here
  // CHECK-NEXT: {{.*}}: note: borrow stored in `g_last`, which is still reachable after the function returns
  // CHECK-NEXT: {{.*}}: note: `s` dropped here while still borrowed
}

struct Cache {
  std::string_view last_;
  void remember() {
    std::string s = "x";
    last_ = s;
    // CHECK: {{.*}}scopes.cpp:[[@LINE-1]]:13: error: `s` does not live long enough [borrow-outlives-owner]
    // CHECK-NEXT: {{.*}}: note: binding `s` declared here
    // CHECK-NEXT: {{.*}}: note: borrow stored in `this->last_`, which is still reachable after the function returns
    // CHECK-NEXT: {{.*}}: note: `s` dropped here while still borrowed
  }
};

// --- negative cases ---

std::size_t within_lifetime() {
  std::string s = "hello";
  std::string_view v = s;
  return v.size();
}

int reassigned_before_use() {
  int y = 2;
  int *p = nullptr;
  {
    int x = 1;
    p = &x;
  }
  p = &y;
  return *p;
}

bool only_compared() {
  int *p = nullptr;
  int *q = nullptr;
  {
    int x = 1;
    p = &x;
  }
  return p == q || p != nullptr;
}

int get_while_owner_lives() {
  auto owner = std::make_unique<int>(7);
  int *raw = owner.get();
  return *raw;
}

std::string_view literal_view() {
  std::string_view v;
  {
    v = "a string literal lives forever";
  }
  return v;
}

void stored_in_global_then_cleared() {
  std::string s = "x";
  g_last = s;
  g_last = {};
}
