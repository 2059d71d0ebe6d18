// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <cstdlib>
#include <memory>

struct Node {
  int v;
  Node *next;
};

void twice() {
  int *p = new int(1);
  delete p;
  delete p;
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:3: error: double free of `p` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-3]]:3: note: first freed here
}

void through_an_alias(Node *n) {
  Node *m = n;
  delete n;
  delete m;
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:3: error: double free of `m` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-3]]:3: note: first freed here
}

void on_some_paths(bool c) {
  int *p = new int(1);
  if (c)
    delete p;
  delete p;
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:3: error: double free of `p` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-3]]:5: note: first freed here
}

void in_a_loop(Node *n, int k) {
  for (int i = 0; i < k; ++i)
    delete n;
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:5: error: double free of `n` [double-free]
}

void free_twice() {
  char *s = static_cast<char *>(std::malloc(8));
  std::free(s);
  std::free(s);
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:3: error: double free of `s` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-3]]:3: note: first freed here
}

void two_unique_owners() {
  int *raw = new int(1);
  std::unique_ptr<int> a(raw);
  std::unique_ptr<int> b(raw);
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:24: error: double free of `raw` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-3]]:24: note: ownership first taken here
}

void two_shared_owners() {
  int *raw = new int(1);
  std::shared_ptr<int> s1(raw);
  std::shared_ptr<int> s2(raw);
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:24: error: double free of `raw` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-3]]:24: note: ownership first taken here
}

void adopted_by_reset() {
  int *raw = new int(1);
  std::unique_ptr<int> a(raw);
  std::unique_ptr<int> b;
  b.reset(raw);
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:3: error: double free of `raw` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-4]]:24: note: ownership first taken here
}

void delete_what_unique_owns() {
  auto u = std::make_unique<int>(7);
  delete u.get();
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:3: error: double free of `u.get()` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-2]]:10: note: borrow of `*u` occurs here
}

void delete_after_adoption() {
  int *raw = new int(1);
  std::unique_ptr<int> a(raw);
  delete raw;
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:3: error: double free of `raw` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-3]]:24: note: ownership first taken here
}

void second_owner_from_get() {
  auto a = std::make_unique<int>(7);
  std::unique_ptr<int> b(a.get());
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:24: error: double free of `a.get()` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-2]]:26: note: borrow of `*a` occurs here
}

// --- negative cases ---

void delete_null_after_delete() {
  int *p = new int(1);
  delete p;
  p = nullptr;
  delete p;
}

void once_on_every_path(bool c) {
  int *p = new int(1);
  if (c)
    delete p;
  else
    delete p;
}

void fresh_each_iteration(int k) {
  for (int i = 0; i < k; ++i) {
    int *p = new int(i);
    delete p;
  }
}

void handed_off_with_release() {
  auto a = std::make_unique<int>(7);
  std::unique_ptr<int> b(a.release());
}

void deleted_after_release() {
  auto u = std::make_unique<int>(7);
  delete u.release();
}

void reset_after_release() {
  int *raw = new int(1);
  std::unique_ptr<int> a(raw);
  a.release();
  delete raw;
}

void shared_copies() {
  auto s1 = std::make_shared<int>(1);
  auto s2 = s1;
  s1.reset();
}

void swap_then_delete_both() {
  int *a = new int(1);
  int *b = new int(2);
  std::swap(a, b);
  delete a;
  delete b;
}

void freed_by_adopter_then_deleted() {
  int *raw = new int(1);
  {
    std::unique_ptr<int> u(raw);
  }
  delete raw;
  // CHECK: {{.*}}double-free.cpp:[[@LINE-1]]:3: error: double free of `raw` [double-free]
  // CHECK-NEXT: {{.*}}double-free.cpp:[[@LINE-3]]:3: note: first freed here by `u`, which owned it
}

void realloc_failure_path(unsigned n) {
  char *buf = static_cast<char *>(std::malloc(8));
  char *grown = static_cast<char *>(std::realloc(buf, n));
  if (!grown) {
    std::free(buf);
    return;
  }
  std::free(grown);
}
