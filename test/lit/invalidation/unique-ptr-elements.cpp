// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// A raw pointer taken from a container's unique_ptr element (`v.front().get()`) points to the
// object the element owns, not into the container's buffer: growth (push_back, reserve), which
// moves the unique_ptrs, leaves it valid; erase and clear destroy the owner and free the object.
#include <memory>
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
// CHECK: {{.*}}unique-ptr-elements.cpp:[[@LINE-3]]:3: error: cannot borrow `v` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-5]]:33: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}unique-ptr-elements.cpp:[[@LINE-4]]:10: note: immutable borrow later used here

// Quiet: the last use is before the erase.
int used_before_erase() {
  std::vector<std::unique_ptr<Node>> v;
  v.push_back(std::make_unique<Node>());
  Node *raw = v.front().get();
  int r = raw->v;
  v.erase(v.begin());
  return r;
}
