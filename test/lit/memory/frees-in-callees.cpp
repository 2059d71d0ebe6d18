// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --format=json %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// use-after-free and double-free through callees (summary/Frees.h): a helper or template helper
// that deletes its parameter, one that frees through a `T *&`, a helper calling such a helper, a
// lambda that deletes a pointer it captured; the call frees what the argument holds. The free is
// possible when the callee frees on some paths only (a test of the pointer against null aside). A
// callee that also resets a `T *&` (or a captured-by-reference pointer) leaves the caller's
// pointer null, not dangling; its other copies still dangle. A callee that only reads, or
// `release()` handing ownership to it, frees nothing twice.
#include <cstdlib>
#include <memory>

struct Node {
  int v = 0;
};
template <class T> void destroy_one(T *p) { delete p; }
void release(Node *&p) {
  delete p;
  p = nullptr;
}
void kill(Node *&p) { delete p; }
void maybe_free(Node *p, bool b) {
  if (b)
    delete p;
}
void checked(Node *p) {
  if (p)
    delete p;
}
void c_free(void *p) { std::free(p); }
int reads(Node *p) { return p->v; }
void forward(Node *p) { destroy_one(p); }

int template_helper() {
  Node *n = new Node;
  destroy_one(n);
  return n->v;
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:10: error: use of freed value: `n` [use-after-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:3: note: value freed here, in `destroy_one`

int helper_of_helper() {
  Node *n = new Node;
  forward(n);
  return n->v;
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:10: error: use of freed value: `n` [use-after-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:3: note: value freed here, in `forward`

void freed_twice() {
  Node *n = new Node;
  destroy_one(n);
  delete n;
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:3: error: double free of `n` [double-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:3: note: first freed here, in `destroy_one`

void freed_twice_by_callees() {
  int *p = static_cast<int *>(std::malloc(sizeof(int)));
  c_free(p);
  c_free(p);
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:3: error: double free of `p` [double-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:3: note: first freed here, in `c_free`

int through_reference_not_reset() {
  Node *n = new Node;
  kill(n);
  return n->v;
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:10: error: use of freed value: `n` [use-after-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:3: note: value freed here, in `kill`

// Quiet: release() sets n to nullptr.
int through_reference_reset() {
  Node *n = new Node;
  release(n);
  return n ? n->v : 0;
}

// The copy m still points at the freed node.
int copy_of_reset_pointer() {
  Node *n = new Node;
  Node *m = n;
  release(n);
  return m->v;
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:10: error: use of freed value: `m` [use-after-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:3: note: value freed here, in `release`

int on_some_paths(bool b) {
  Node *n = new Node;
  maybe_free(n, b);
  return n->v;
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:10: error: use of freed value: `n` [use-after-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:3: note: value freed here, in `maybe_free`
// VERDICT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:10
// VERDICT: = note: possible, not definite: the memory is freed on some paths to this use only

// `if (p) delete p;` frees every non-null pointer: definite.
int null_tested() {
  Node *n = new Node;
  checked(n);
  return n->v;
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:10: error: use of freed value: `n` [use-after-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:3: note: value freed here, in `checked`
// VERDICT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:10
// VERDICT-NOT: possible, not definite
// VERDICT: = help: free the memory after its last use

// Quiet: the callee only reads.
int only_reads() {
  Node *n = new Node;
  int r = reads(n);
  delete n;
  return r;
}

int lambda_by_copy() {
  Node *n = new Node;
  auto drop = [n] { delete n; };
  drop();
  return n->v;
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:10: error: use of freed value: `n` [use-after-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-4]]:3: note: value freed here, in `drop`

// Quiet: the lambda resets the pointer it captured by reference.
int lambda_by_reference_reset() {
  Node *n = new Node;
  auto drop = [&n] {
    delete n;
    n = nullptr;
  };
  drop();
  return n ? 1 : 0;
}

// A helper deleting what a unique_ptr still owns: freed again when u is dropped.
void unique_ptr_get() {
  auto u = std::make_unique<Node>();
  destroy_one(u.get());
}
// CHECK: {{.*}}frees-in-callees.cpp:[[@LINE-2]]:3: error: double free of `u.get()` [double-free]
// CHECK-NEXT: {{.*}}frees-in-callees.cpp:[[@LINE-3]]:15: note: borrow of `*u` occurs here

// Quiet: release() hands the object to the helper.
void unique_ptr_release() {
  auto u = std::make_unique<Node>();
  destroy_one(u.release());
}
