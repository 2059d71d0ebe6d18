// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --format=json %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// A raw pointer taken from a container's unique_ptr element (`v.front().get()`) points to the
// object the element owns, not into the container's buffer: growth (push_back, reserve), which
// moves the unique_ptrs, leaves it valid; erase and clear destroy the owner and free the object.
// Reassigning or resetting the element (`v[0] = ...`, `m[k].reset()`) and a map's erase by key or
// iterator free the object of that element only: definite when the code names both elements by
// the same constant, quiet when by different constants, possible when either is unknown.
#include <map>
#include <memory>
#include <string>
#include <vector>

struct Node {
  int v = 0;
};

int erased() {
  std::vector<std::unique_ptr<Node>> v;
  v.push_back(std::make_unique<Node>());
  Node *raw = v.front().get();
  v.erase(v.begin());
  return raw->v;
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:15: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:10: note: immutable borrow later used here

int cleared() {
  std::vector<std::unique_ptr<Node>> v;
  v.push_back(std::make_unique<Node>());
  Node *raw = v.back().get();
  v.clear();
  return raw->v;
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:15: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:10: note: immutable borrow later used here

// Quiet: the Node does not move when the vector grows.
int grown() {
  std::vector<std::unique_ptr<Node>> v;
  v.push_back(std::make_unique<Node>());
  Node *raw = v.front().get();
  v.push_back(std::make_unique<Node>());
  v.reserve(100);
  return raw->v;
}

// Still found: a reference to the element itself (the unique_ptr) moves with growth.
int element_reference_grown() {
  std::vector<std::unique_ptr<Node>> v;
  v.push_back(std::make_unique<Node>());
  std::unique_ptr<Node> &slot = v.front();
  v.push_back(std::make_unique<Node>());
  return slot->v;
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot borrow `v` as mutable more than once at a time [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:33: note: first mutable borrow occurs here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:10: note: first borrow later used here

// Quiet: the last use is before the erase.
int used_before_erase() {
  std::vector<std::unique_ptr<Node>> v;
  v.push_back(std::make_unique<Node>());
  Node *raw = v.front().get();
  int r = raw->v;
  v.erase(v.begin());
  return r;
}

void use(int);

// A: the element reassigned frees what it owned.
void element_reassigned() {
  std::vector<std::unique_ptr<Node>> v;
  v.push_back(std::make_unique<Node>());
  Node *r = v[0].get();
  v[0] = std::make_unique<Node>();
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot assign to `v[_]` because it is borrowed [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: `v[_]` is borrowed here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: borrow later used here
// VERDICT: {{.*}}unique-ptr-elements.cpp:[[@LINE-6]]:3
// VERDICT: `v[0]` is assigned to here but it was already borrowed
// VERDICT: = note: assigning to `v[0]` frees the object its `std::unique_ptr` owned: the pointer taken from it dangles
// VERDICT-NOT: possible, not definite
// VERDICT: = help: finish using the pointer before replacing the element

// Moving another element in frees the old object too; `at(1)` and `[1]` are one element.
void element_moved_over() {
  std::vector<std::unique_ptr<Node>> v(2);
  Node *r = v.at(1).get();
  v[1] = std::move(v[0]);
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot assign to `v[_]` because it is borrowed [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: `v[_]` is borrowed here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: borrow later used here

// An index that is not a constant: possible.
void element_index_unknown(int i) {
  std::vector<std::unique_ptr<Node>> v(2);
  Node *r = v[0].get();
  v[i] = nullptr;
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot assign to `v[_]` because it is borrowed [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: `v[_]` is borrowed here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: borrow later used here
// VERDICT: {{.*}}unique-ptr-elements.cpp:[[@LINE-6]]:3
// VERDICT: = note: possible, not definite: the element replaced may not be the one the pointer was taken from

// B: a map entry erased by key, assigned, reset, erased by iterator.
void entry_erased() {
  std::map<int, std::unique_ptr<Node>> m;
  m[1] = std::make_unique<Node>();
  Node *r = m[1].get();
  m.erase(1);
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot borrow `m` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: immutable borrow later used here
// VERDICT: {{.*}}unique-ptr-elements.cpp:[[@LINE-6]]:3
// VERDICT: = note: `erase` on `m` destroys the element, and with it the object its `std::unique_ptr` owned
// VERDICT-NOT: possible, not definite
// VERDICT: = help: finish using the pointer before erasing the element

void entry_erased_by_name() {
  std::map<std::string, std::unique_ptr<Node>> m;
  Node *r = m.at("a").get();
  m.erase("a");
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot borrow `m` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: immutable borrow later used here

void entry_cleared() {
  std::map<int, std::unique_ptr<Node>> m;
  Node *r = m[1].get();
  m.clear();
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot borrow `m` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: immutable borrow later used here

void entry_reassigned() {
  std::map<int, std::unique_ptr<Node>> m;
  Node *r = m[1].get();
  m[1] = std::make_unique<Node>();
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot assign to `m[_]` because it is borrowed [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: `m[_]` is borrowed here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: borrow later used here

void entry_reset() {
  std::map<int, std::unique_ptr<Node>> m;
  Node *r = m[1].get();
  m[1].reset();
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot assign to `m[_]` because it is borrowed [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: `m[_]` is borrowed here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: borrow later used here
// VERDICT: {{.*}}unique-ptr-elements.cpp:[[@LINE-6]]:3
// VERDICT: `m[1]` is reset here but it was already borrowed
// VERDICT: = note: resetting `m[1]` frees the object

// The iterator made by `m.find(1)` designates element 1: definite.
void entry_erased_by_iterator() {
  std::map<int, std::unique_ptr<Node>> m;
  Node *r = m[1].get();
  m.erase(m.find(1));
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot borrow `m` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: immutable borrow later used here
// VERDICT: {{.*}}unique-ptr-elements.cpp:[[@LINE-6]]:3
// VERDICT: = note: undefined behaviour in C++: this reads freed memory

// Quiet: the last use is before the reassignment.
void used_before_reassigned() {
  std::vector<std::unique_ptr<Node>> v(1);
  Node *r = v[0].get();
  use(r->v);
  v[0] = std::make_unique<Node>();
}

// Quiet: another element, named by another constant.
void other_element_reassigned() {
  std::vector<std::unique_ptr<Node>> v(2);
  Node *r = v[0].get();
  v[1] = std::make_unique<Node>();
  v[1].reset();
  use(r->v);
}

void other_entry_erased() {
  std::map<std::string, std::unique_ptr<Node>> m;
  Node *r = m["a"].get();
  m.erase("b");
  m["c"] = nullptr;
  use(r->v);
}

// Quiet: release() hands the object over before the erase.
void released_then_erased() {
  std::map<int, std::unique_ptr<Node>> m;
  Node *r = m[1].release();
  m.erase(1);
  use(r->v);
  delete r;
}

// Quiet: a shared_ptr copied out keeps the object alive.
void shared_copied_out() {
  std::map<int, std::shared_ptr<Node>> m;
  m[1] = std::make_shared<Node>();
  auto sp = m[1];
  m.erase(1);
  use(sp->v);
}

// Quiet: inserting into the map moves no node.
void entry_inserted() {
  std::map<int, std::unique_ptr<Node>> m;
  Node *r = m[1].get();
  m[2] = std::make_unique<Node>();
  m.emplace(3, nullptr);
  use(r->v);
}

// An insertion before the element moves it to another index: which element `v[0]` now names is
// unknown, so assigning it is possible, not definite (here it is the new one: a possible false
// alarm, said as such).
void shifted_then_reassigned() {
  std::vector<std::unique_ptr<Node>> v(1);
  Node *r = v[0].get();
  v.insert(v.begin(), nullptr);
  v[0] = std::make_unique<Node>();
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot assign to `v[_]` because it is borrowed [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-6]]:13: note: `v[_]` is borrowed here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: borrow later used here
// VERDICT: {{.*}}unique-ptr-elements.cpp:[[@LINE-6]]:3
// VERDICT: = note: possible, not definite: the element replaced may not be the one the pointer was taken from

// Definite again for a pointer taken after the insertion.
void taken_after_shift() {
  std::vector<std::unique_ptr<Node>> v(1);
  v.insert(v.begin(), nullptr);
  Node *r = v[1].get();
  v[1].reset();
  use(r->v);
}
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot assign to `v[_]` because it is borrowed [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:13: note: `v[_]` is borrowed here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:7: note: borrow later used here
// VERDICT: {{.*}}unique-ptr-elements.cpp:[[@LINE-6]]:3
// VERDICT-NOT: possible, not definite
// VERDICT: = help: finish using the pointer before replacing the element
