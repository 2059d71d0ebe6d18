// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --teach --width=0 %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// A std::shared_ptr's pointee is not the local holding it: when another copy
// may share the object (a copy stored in a member, a by-value parameter, a
// local copied from elsewhere), a borrow of the pointee outliving the local is
// Rust's error (a borrow of what an `Rc` owns) but valid C++ while the other
// owner lives: rust-only, never "undefined behaviour". The only owner (made
// here by make_shared and never copied) frees the object when it ends or is
// reset: that stays undefined behaviour.
#include <memory>
#include <set>
#include <vector>

struct Node {
  int v = 0;
};
struct Holder {
  Node &create();
  Node n;
};

struct Memory {
  std::set<std::shared_ptr<Node>> nodes;
  std::shared_ptr<Node> last;
  // yaml-cpp memory::create_node: a copy is kept by *this.
  Node &create() {
    std::shared_ptr<Node> p = std::make_shared<Node>();
    nodes.insert(p);
    return *p;
  }
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-2]]:12: error: cannot return reference to local variable `p` [dangling-return]
// VERDICT: {{.*}}shared-pointees.cpp:[[@LINE-3]]:12
// VERDICT: = note: valid C++ while another `std::shared_ptr` shares the object: the result dangles only if `p` was its last owner; Rust rejects it all the same, as it rejects returning a borrow of what a local `Rc` owns
// VERDICT-NEXT: = help: return the `std::shared_ptr` (a copy of `p`), so the caller shares ownership

  // A copy of a member: the member still owns the object.
  Node &from_member() {
    std::shared_ptr<Node> p = last;
    return *p;
  }
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-2]]:12: error: cannot return reference to local variable `p` [dangling-return]
// VERDICT: {{.*}}shared-pointees.cpp:[[@LINE-3]]:12
// VERDICT: = note: valid C++ while another `std::shared_ptr` shares the object{{.*}}

  // Still undefined behaviour: `p` is the object's only owner.
  Node &fresh_only() {
    auto p = std::make_shared<Node>();
    p->v = 1;
    return *p;
  }
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-2]]:12: error: cannot return reference to local variable `p` [dangling-return]
// VERDICT: {{.*}}shared-pointees.cpp:[[@LINE-3]]:12
// VERDICT: = note: undefined behaviour in C++ as soon as the caller uses the result: `p` is destroyed when the function returns
};

// yaml-cpp node_data::get: the by-value parameter is a copy of the caller's.
Node &get(std::shared_ptr<Holder> h) {
  Node &n = h->create();
  return n;
}
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-2]]:10: error: cannot return reference to function parameter `h` [dangling-return]
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-4]]:13: note: `h` is borrowed here
// VERDICT: {{.*}}shared-pointees.cpp:[[@LINE-4]]:10
// VERDICT: = note: valid C++ while another `std::shared_ptr` shares the object: the result dangles only if `h` was its last owner{{.*}}

Node &get_member(std::shared_ptr<Holder> h) { return h->n; }
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-1]]:54: error: cannot return reference to function parameter `h` [dangling-return]
// VERDICT: {{.*}}shared-pointees.cpp:[[@LINE-2]]:54
// VERDICT: = note: valid C++ while another `std::shared_ptr` shares the object{{.*}}

Node *get_pointer(std::shared_ptr<Node> h) { return h.get(); }
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-1]]:53: error: cannot return reference to function parameter `h` [dangling-return]
// VERDICT: {{.*}}shared-pointees.cpp:[[@LINE-2]]:53
// VERDICT: = note: valid C++ while another `std::shared_ptr` shares the object{{.*}}

// The caller's shared_ptr, by reference: no borrow of anything local at all.
Node &get_by_reference(const std::shared_ptr<Holder> &h) { return h->n; }
Node &deref_by_reference(const std::shared_ptr<Node> &h) { return *h; }

// A copy kept by the caller's vector outlives the scope: rust-only.
int scope_copy_kept(std::vector<std::shared_ptr<Node>> &keep) {
  Node *r;
  {
    auto p = std::make_shared<Node>();
    keep.push_back(p);
    r = p.get();
  }
  return r->v;
}
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-4]]:9: error: `p` does not live long enough [borrow-outlives-owner]
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-7]]:10: note: binding `p` declared here
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-5]]:3: note: `p` dropped here while still borrowed
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-5]]:10: note: borrow later used here
// VERDICT: {{.*}}shared-pointees.cpp:[[@LINE-8]]:9
// VERDICT: = note: valid C++ while another `std::shared_ptr` still shares the object, undefined behaviour if `p` was its last owner; Rust rejects it: a borrow of what an `Rc` owns cannot outlive the `Rc`

// The last (only) copy dies before the use: undefined behaviour.
int scope_last_copy_dies() {
  Node *r;
  {
    auto p = std::make_shared<Node>();
    r = p.get();
  }
  return r->v;
}
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-4]]:9: error: `p` does not live long enough [borrow-outlives-owner]
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-6]]:10: note: binding `p` declared here
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-5]]:3: note: `p` dropped here while still borrowed
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-5]]:10: note: borrow later used here
// VERDICT: {{.*}}shared-pointees.cpp:[[@LINE-8]]:9
// VERDICT: = note: undefined behaviour in C++: `p` is destroyed, and this reads through a borrow of it

// reset() of the only owner frees the object.
int reset_only_owner() {
  auto p = std::make_shared<Node>();
  Node &r = *p;
  p.reset();
  return r.v;
}
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-3]]:3: error: cannot assign to `p` because it is borrowed [use-after-free]
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-6]]:8: note: binding `p` declared here
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-6]]:13: note: borrow of `*p` occurs here
// CHECK: {{.*}}shared-pointees.cpp:[[@LINE-5]]:10: note: borrow later used here
// VERDICT: {{.*}}shared-pointees.cpp:[[@LINE-7]]:3
// VERDICT: = note: undefined behaviour in C++: this reads freed memory

// reset() while a copy shares the object: the copy keeps it alive.
int reset_with_copy() {
  auto p = std::make_shared<Node>();
  auto q = p;
  Node &r = *p;
  p.reset();
  return r.v + q->v;
}
