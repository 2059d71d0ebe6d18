// RUN: not %borrowck --format=clang %s -- -std=c++20 -I%S/../../../include | %check-findings %s
// Borrows into containers and strings invalidated by mutation (E0502, E0506).
#include <borrowck.h>
#include <cstdio>
#include <list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

void reference_across_push_back() {
  std::vector<int> v{1, 2};
  int &first = v[0];
  v.push_back(3);
  std::printf("%d", first);
  // CHECK: {{.*}}containers.cpp:[[@LINE-2]]:3: error: cannot borrow `v` as mutable more than once at a time [invalidated-borrow]
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-4]]:16: note: first mutable borrow occurs here
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-3]]:21: note: first borrow later used here
}

void push_back_while_iterating() {
  std::vector<int> v{1, 2};
  for (int x : v)
    v.push_back(x);
  // CHECK: {{.*}}containers.cpp:[[@LINE-1]]:5: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-3]]:14: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-4]]:14: note: immutable borrow later used here
}

void c_str_across_append() {
  std::string s = "x";
  const char *p = s.c_str();
  s += "more";
  std::puts(p);
  // CHECK: {{.*}}containers.cpp:[[@LINE-2]]:3: error: cannot borrow `s` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-4]]:19: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-3]]:13: note: immutable borrow later used here
}

void erase_while_iterating() {
  std::vector<int> v{1, 2, 3};
  for (auto it = v.begin(); it != v.end(); ++it)
    if (*it == 2)
      v.erase(it);
  // CHECK: {{.*}}containers.cpp:[[@LINE-1]]:7: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-4]]:18: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-5]]:29: note: immutable borrow later used here
}

void view_across_assignment() {
  std::string s = "x";
  std::string_view sv = s;
  s = "something else";
  std::puts(sv.data());
  // CHECK: {{.*}}containers.cpp:[[@LINE-2]]:3: error: cannot assign to `s` because it is borrowed [invalidated-borrow]
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-4]]:25: note: `s` is borrowed here
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-3]]:13: note: borrow later used here
}

void cleared_map() {
  std::map<int, int> m{{1, 1}};
  int &r = m[1];
  m.clear();
  std::printf("%d", r);
  // CHECK: {{.*}}containers.cpp:[[@LINE-2]]:3: error: cannot borrow `m` as mutable more than once at a time [invalidated-borrow]
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-4]]:12: note: first mutable borrow occurs here
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-3]]:21: note: first borrow later used here
}

struct [[gsl::Owner(int)]] Pool {
  int &operator[](int);
  BORROWCK_INVALIDATES void grow();
  void touch();
};
void user_annotated_invalidation() {
  Pool p;
  int &slot = p[0];
  p.touch();
  p.grow();
  std::printf("%d", slot);
  // CHECK: {{.*}}containers.cpp:[[@LINE-2]]:3: error: cannot borrow `p` as mutable more than once at a time [invalidated-borrow]
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-5]]:15: note: first mutable borrow occurs here
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-3]]:21: note: first borrow later used here
}

struct Arena {
  int &operator[](int);
  BORROWCK_INVALIDATES void grow();
};
void annotation_alone_makes_an_owner() {
  Arena a;
  int &slot = a[0];
  a.grow();
  std::printf("%d", slot);
  // CHECK: {{.*}}containers.cpp:[[@LINE-2]]:3: error: cannot borrow `a` as mutable more than once at a time [invalidated-borrow]
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-4]]:15: note: first mutable borrow occurs here
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-3]]:21: note: first borrow later used here
}

void comparing_an_invalidated_iterator() {
  std::vector<int> v{1};
  auto it = v.end();
  v.push_back(2);
  if (it == v.end())
    std::puts("same");
  // CHECK: {{.*}}containers.cpp:[[@LINE-3]]:3: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-5]]:13: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}containers.cpp:[[@LINE-4]]:7: note: immutable borrow later used here
}

// --- negative cases ---

void erase_with_returned_iterator() {
  std::vector<int> v{1, 2, 3};
  for (auto it = v.begin(); it != v.end();) {
    if (*it == 2)
      it = v.erase(it);
    else
      ++it;
  }
}

void index_across_push_back() {
  std::vector<int> v{1};
  std::size_t i = 0;
  v.push_back(2);
  std::printf("%d", v[i]);
}

void pointer_refreshed() {
  std::vector<int> v{1};
  int *p = v.data();
  v.push_back(2);
  p = v.data();
  std::printf("%d", *p);
}

void list_and_map_nodes_survive_insertion() {
  std::list<int> l{1};
  int &f = l.front();
  l.push_back(2);
  std::map<int, int> m;
  int &r = m[1];
  m[2] = 3;
  std::printf("%d %d", f, r);
}

void reference_to_the_container_itself() {
  std::vector<int> v{1};
  const std::vector<int> &all = v;
  v.push_back(2);
  std::printf("%zu", all.size());
}

struct T {
  int x;
};
void element_values_are_copies(std::vector<T *> &ext) {
  std::vector<T *> v = ext;
  T *p = v[0];
  int first = ext.empty() ? 0 : 1;
  v.push_back(nullptr);
  p->x = first;
}

void collect_then_append() {
  std::vector<int> v{1, 2};
  std::vector<int> extra;
  for (int x : v)
    extra.push_back(x);
  v.insert(v.end(), extra.begin(), extra.end());
}

void lambda_called_after_the_borrow() {
  std::vector<int> v{1};
  auto add = [&] { v.push_back(2); };
  int &f = v[0];
  std::printf("%d", f);
  add();
}

void reserve_then_push() {
  std::vector<int> v;
  v.reserve(10);
  v.push_back(1);
  int &f = v.back();
  std::printf("%d", f);
}
