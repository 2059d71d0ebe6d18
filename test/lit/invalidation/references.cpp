// RUN: not %borrowck --format=clang %s -- -std=c++20 -I%S/../../../include | %check-findings %s
// Containers reached through references: reference parameters, references
// bound to elements (nested range-for), fields of *this, aliases.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

void use(int);

void param_range_for(std::vector<int>& v) {
  for (int x : v)
    v.push_back(x);
  // CHECK: {{.*}}references.cpp:[[@LINE-1]]:5: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-3]]:14: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-4]]:14: note: immutable borrow later used here
}

void param_reference(std::vector<int>& v) {
  int& first = v[0];
  v.push_back(1);
  use(first);
  // CHECK: {{.*}}references.cpp:[[@LINE-2]]:3: error: cannot borrow `v` as mutable more than once at a time [invalidated-borrow]
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-4]]:16: note: first mutable borrow occurs here
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-3]]:7: note: first borrow later used here
}

void param_view(std::string& s) {
  std::string_view head = s;
  s += "tail";
  std::printf("%.*s", int(head.size()), head.data());
  // CHECK: {{.*}}references.cpp:[[@LINE-2]]:3: error: cannot borrow `s` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-4]]:27: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-3]]:27: note: immutable borrow later used here
}

void alias_of_param(std::vector<int>& v) {
  std::vector<int>& alias = v;
  auto it = v.begin();
  alias.clear();
  use(*it);
  // CHECK: {{.*}}references.cpp:[[@LINE-2]]:3: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-4]]:13: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-3]]:8: note: immutable borrow later used here
}

void nested_rows(std::vector<std::vector<int>>& grid) {
  for (auto& row : grid)
    for (int x : row)
      row.push_back(x);
  // CHECK: {{.*}}references.cpp:[[@LINE-1]]:7: error: cannot borrow `row` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-3]]:16: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-4]]:16: note: immutable borrow later used here
}

struct Registry {
  std::vector<std::string> names;
  void add_suffixes() {
    for (const std::string& n : names)
      names.push_back(n + "_copy");
  // CHECK: {{.*}}references.cpp:[[@LINE-1]]:7: error: cannot borrow `names` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-3]]:31: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-4]]:31: note: immutable borrow later used here
  }
  void first_then_grow() {
    const std::string& first = names.front();
    names.emplace_back("x");
    std::printf("%s", first.c_str());
  // CHECK: {{.*}}references.cpp:[[@LINE-2]]:5: error: cannot borrow `names` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-4]]:32: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}references.cpp:[[@LINE-3]]:23: note: immutable borrow later used here
  }
  // Fine: an index survives the growth.
  void by_index() {
    for (size_t i = 0, n = names.size(); i < n; ++i)
      names.push_back(names[i] + "_copy");
  }
  // Fine: collected first, appended after the loop.
  void collect_then_append() {
    std::vector<std::string> extra;
    for (const std::string& n : names)
      extra.push_back(n + "_copy");
    names.insert(names.end(), extra.begin(), extra.end());
  }
};

// Fine: each row is a different vector; a pointer taken after the growth
// of that row is used later.
void rows_then_pointers(std::vector<std::vector<int>>& grid) {
  std::vector<int*> firsts;
  for (auto& row : grid) {
    row.push_back(1);
    firsts.push_back(&row[0]);
  }
  for (int* p : firsts)
    use(*p);
}

// Fine: growing a row while no borrow into it is alive.
void grow_rows(std::vector<std::vector<int>>& grid) {
  for (auto& row : grid)
    row.push_back(1);
}

// Fine: two reference parameters may or may not alias; nothing is claimed.
void two_params(std::vector<int>& a, std::vector<int>& b) {
  int& x = a[0];
  b.push_back(1);
  use(x);
}

// Fine: a const reference parameter cannot be mutated through itself.
int sum(const std::vector<int>& v) {
  int s = 0;
  for (int x : v)
    s += x;
  return s;
}

// Fine: the pointer is refreshed after the mutation.
void refreshed(std::vector<int>& v) {
  int* p = v.data();
  v.push_back(1);
  p = v.data();
  use(*p);
}
