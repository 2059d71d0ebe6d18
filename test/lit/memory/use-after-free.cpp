// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <cstdlib>
#include <memory>
#include <vector>

struct Node {
  int v;
  Node *next;
};
void log_ptr(const void *);
Node *make();
void sink(std::unique_ptr<int>);

int straight_line() {
  int *p = new int(1);
  delete p;
  return *p;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:11: error: use of freed value: `p` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here
}

int through_an_alias() {
  int *p = new int(1);
  int *q = p;
  delete p;
  return *q;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:11: error: use of freed value: `q` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here
}

int parameter(Node *n) {
  delete n;
  return n->v;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:10: error: use of freed value: `n` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here
}

int result_of_a_call() {
  Node *n = make();
  delete n;
  return n->v;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:10: error: use of freed value: `n` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here
}

int on_one_branch(bool c) {
  int *p = new int(1);
  if (c)
    delete p;
  return *p;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:11: error: use of freed value: `p` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:5: note: value freed here
}

void malloc_and_free() {
  int *p = static_cast<int *>(std::malloc(sizeof(int)));
  std::free(p);
  *p = 1;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:4: error: use of freed value: `p` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here
}

void array_delete() {
  int *a = new int[4];
  delete[] a;
  a[0] = 1;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:3: error: use of freed value: `a` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here
}

void passed_on(int *p) {
  delete p;
  log_ptr(p);
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:11: error: use of freed value: `p` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here
}

void list_walk_wrong(Node *head) {
  while (head) {
    delete head;
    head = head->next;
    // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:12: error: use of freed value: `head` [use-after-free]
    // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:5: note: value freed here
  }
}

int get_then_moved_into_sink() {
  auto u = std::make_unique<int>(7);
  int *raw = u.get();
  sink(std::move(u));
  return *raw;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-2]]:8: error: cannot move out of `u` because it is borrowed [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-5]]:8: note: binding `u` declared here
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-5]]:14: note: borrow of `*u` occurs here
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-4]]:11: note: borrow later used here
}

int get_then_reset() {
  auto u = std::make_unique<int>(7);
  int *raw = u.get();
  u.reset();
  return *raw;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-2]]:3: error: cannot assign to `u` because it is borrowed [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-5]]:8: note: binding `u` declared here
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-5]]:14: note: borrow of `*u` occurs here
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-4]]:11: note: borrow later used here
}

int get_then_reassigned() {
  auto u = std::make_unique<int>(7);
  int *raw = u.get();
  u = std::make_unique<int>(8);
  return *raw;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-2]]:3: error: cannot assign to `u` because it is borrowed [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-5]]:8: note: binding `u` declared here
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-5]]:14: note: borrow of `*u` occurs here
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-4]]:11: note: borrow later used here
}

int adopter_went_out_of_scope() {
  int *raw = new int(1);
  {
    std::unique_ptr<int> u(raw);
  }
  return *raw;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:11: error: use of freed value: `raw` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here by `u`, which owned it
}

int adopter_reset() {
  int *raw = new int(1);
  std::unique_ptr<int> u(raw);
  u.reset();
  return *raw;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:11: error: use of freed value: `raw` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here by `u`, which owned it
}

Node *returned_after_free(Node *n) {
  delete n;
  return n;
  // CHECK: {{.*}}use-after-free.cpp:[[@LINE-1]]:10: error: use of freed value: `n` [use-after-free]
  // CHECK-NEXT: {{.*}}use-after-free.cpp:[[@LINE-3]]:3: note: value freed here
}

// --- negative cases ---

Node *returned_after_null(Node *n) {
  delete n;
  n = nullptr;
  return n;
}

int adopter_still_alive() {
  int *raw = new int(1);
  std::unique_ptr<int> u(raw);
  return *raw;
}

int adopter_released_it() {
  int *raw = new int(1);
  {
    std::unique_ptr<int> u(raw);
    u.release();
  }
  int v = *raw;
  delete raw;
  return v;
}

void list_walk_right(Node *head) {
  while (head) {
    Node *next = head->next;
    delete head;
    head = next;
  }
}

void nulled_after_delete() {
  int *p = new int(1);
  delete p;
  p = nullptr;
  if (p)
    *p = 2;
}

void reallocated(bool c) {
  int *p = new int(1);
  delete p;
  p = new int(2);
  *p = 3;
  delete p;
}

void fresh_allocation_each_iteration(int n) {
  for (int i = 0; i < n; ++i) {
    int *p = new int(i);
    *p += 1;
    delete p;
  }
}

void freed_on_every_path(bool c) {
  int *p = new int(1);
  if (c) {
    *p = 2;
    delete p;
  } else {
    delete p;
  }
}

int get_while_owner_lives() {
  auto u = std::make_unique<int>(7);
  int *raw = u.get();
  return *raw;
}

int reborrowed_after_reset() {
  auto u = std::make_unique<int>(7);
  u.reset(new int(8));
  int *raw = u.get();
  return *raw;
}

int reborrowed_from_new_owner() {
  auto u = std::make_unique<int>(7);
  auto v = std::move(u);
  int *raw = v.get();
  return *raw;
}

void shared_ptr_reset_keeps_copies_alive() {
  auto s1 = std::make_shared<int>(1);
  auto s2 = s1;
  int *raw = s2.get();
  s2.reset();
  *s1 = 2;
  (void)raw;
}

int released_then_deleted() {
  auto u = std::make_unique<int>(7);
  int *r = u.release();
  int v = *r;
  delete r;
  return v;
}

void delete_each_element(std::vector<Node *> &v) {
  for (Node *n : v)
    delete n;
  v.clear();
}

bool only_compared(int *q) {
  int *p = new int(1);
  delete p;
  return p == q;
}

std::shared_ptr<int> g_keep;
int shared_adopter_copied_out() {
  int *raw = new int(1);
  {
    std::shared_ptr<int> s(raw);
    g_keep = s;
  }
  return *raw;
}
