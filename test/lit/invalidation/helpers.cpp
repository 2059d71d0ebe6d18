// RUN: not %borrowck --format=clang %s -- -std=c++20 -I%S/../../../include | %check-findings %s
// Mutation inside a helper or a lambda that receives the container by
// non-const reference, called while a borrow into it is alive.
#include <string>
#include <vector>

void use(int);

void grow(std::vector<int>& v) { v.push_back(0); }
void grow_twice(std::vector<int>& v) { grow(v); grow(v); }
void wipe(std::vector<int>& v) { v.clear(); }
void inspect(const std::vector<int>& v) { use(int(v.size())); }
void touch(std::vector<int>& v) { v[0] = 1; }

void helper_in_range_for(std::vector<int> v) {
  for (int x : v)
    if (x > 0)
      grow(v);
  // CHECK: {{.*}}helpers.cpp:[[@LINE-1]]:7: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-4]]:14: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-5]]:14: note: immutable borrow later used here
}

void helper_of_helper(std::vector<int>& v) {
  int& last = v.back();
  grow_twice(v);
  use(last);
  // CHECK: {{.*}}helpers.cpp:[[@LINE-2]]:3: error: cannot borrow `v` as mutable more than once at a time [invalidated-borrow]
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-4]]:15: note: first mutable borrow occurs here
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-3]]:7: note: first borrow later used here
}

void helper_clears(std::vector<int> v) {
  auto it = v.begin();
  wipe(v);
  use(*it);
  // CHECK: {{.*}}helpers.cpp:[[@LINE-2]]:3: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-4]]:13: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-3]]:8: note: immutable borrow later used here
}

void lambda_grows(std::vector<int>& v) {
  auto add = [&](int x) { v.push_back(x); };
  for (int x : v)
    add(x);
  // CHECK: {{.*}}helpers.cpp:[[@LINE-1]]:5: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-3]]:14: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-4]]:14: note: immutable borrow later used here
}

void lambda_by_name(std::string s) {
  const char* p = s.c_str();
  auto extend = [&s] { s += "!"; };
  extend();
  use(p[0]);
  // CHECK: {{.*}}helpers.cpp:[[@LINE-2]]:3: error: cannot borrow `s` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-5]]:19: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-3]]:7: note: immutable borrow later used here
}

struct Inbox {
  std::vector<int> items;
  void push(int x) { items.push_back(x); }
};

// Fine: the helper only reads, or writes an element in place.
void helpers_that_do_not_invalidate(std::vector<int>& v) {
  int& first = v[0];
  inspect(v);
  touch(v);
  use(first);
}

// Fine: the lambda is defined while the borrow lives but called after.
void lambda_called_later(std::vector<int>& v) {
  auto add = [&] { v.push_back(1); };
  for (int x : v)
    use(x);
  add();
}

// Fine: the lambda captures another container.
void lambda_other(std::vector<int>& v, std::vector<int>& out) {
  auto keep = [&out](int x) { out.push_back(x); };
  for (int x : v)
    keep(x);
}

// Fine: the lambda captures by value.
void lambda_by_value(std::vector<int>& v) {
  auto f = [v]() mutable { v.push_back(1); };
  for (int x : v)
    f();
}

// Fine: collect, then append through the helper after the loop.
void collect_then_grow(std::vector<int>& v) {
  int n = 0;
  for (int x : v)
    n += x;
  grow(v);
  use(n);
}
