// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// use-after-free and double-free through member functions of a local object that keeps its objects
// in a container of std::unique_ptr (summary/Elements.cpp, summary/Frees.h): a member returning
// `items_[k].get()` or `it->second.get()` gives the caller a pointer to what element k owns; a
// member erasing, replacing or clearing elements (directly or through another member) frees what
// they owned. Same constant key: definite; another constant: quiet; a key that is not a constant,
// an iterator, or a free on some paths through the member: possible. A replacement guarded by a
// test (`if (!items_[k]) items_[k] = ...`, get-or-create) frees nothing; release() hands the
// object over; another object's members free nothing of this one.
#include <map>
#include <memory>

struct Node {
  int v = 0;
};
void use(int);

class Registry {
public:
  Node *find(int k) { return items_[k].get(); }
  Node *lookup(int k) {
    auto it = items_.find(k);
    return it == items_.end() ? nullptr : it->second.get();
  }
  Node *get_or_make(int k) {
    if (!items_[k])
      items_[k] = std::make_unique<Node>();
    return items_[k].get();
  }
  Node *take(int k) { return items_[k].release(); }
  void drop(int k) { items_.erase(k); }
  void forget(int k) { drop(k); }
  void replace(int k) { items_[k] = std::make_unique<Node>(); }
  void drop_all() { items_.clear(); }
  void drop_if(int k, bool b) {
    if (b)
      items_.erase(k);
  }

private:
  std::map<int, std::unique_ptr<Node>> items_;
};

void found_then_dropped() {
  Registry reg;
  Node *p = reg.find(1);
  reg.drop(1);
  use(p->v);
}
// CHECK: {{.*}}owners-in-containers.cpp:[[@LINE-2]]:7: error: use of freed value: `p` [use-after-free]
// CHECK-NEXT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:3: note: value freed here, in `Registry::drop`
// VERDICT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:7
// VERDICT-NOT: possible, not definite
// VERDICT: = help: free the memory after its last use

void looked_up_then_forgotten() {
  Registry reg;
  Node *p = reg.lookup(2);
  reg.forget(2);
  use(p->v);
}
// CHECK: {{.*}}owners-in-containers.cpp:[[@LINE-2]]:7: error: use of freed value: `p` [use-after-free]
// CHECK-NEXT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:3: note: value freed here, in `Registry::forget`

void found_then_replaced() {
  Registry reg;
  Node *p = reg.get_or_make(1);
  reg.replace(1);
  use(p->v);
}
// CHECK: {{.*}}owners-in-containers.cpp:[[@LINE-2]]:7: error: use of freed value: `p` [use-after-free]
// CHECK-NEXT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:3: note: value freed here, in `Registry::replace`

void found_then_cleared() {
  Registry reg;
  Node *p = reg.find(1);
  reg.drop_all();
  use(p->v);
}
// CHECK: {{.*}}owners-in-containers.cpp:[[@LINE-2]]:7: error: use of freed value: `p` [use-after-free]
// CHECK-NEXT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:3: note: value freed here, in `Registry::drop_all`

void found_then_deleted() {
  Registry reg;
  Node *p = reg.find(1);
  reg.drop(1);
  delete p;
}
// CHECK: {{.*}}owners-in-containers.cpp:[[@LINE-2]]:3: error: double free of `p` [double-free]
// CHECK-NEXT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:3: note: first freed here, in `Registry::drop`

// Possible: the key is not a constant, or the member erases on some paths only.
void unknown_key(int k) {
  Registry reg;
  Node *p = reg.find(k);
  reg.drop(1);
  use(p->v);
}
// CHECK: {{.*}}owners-in-containers.cpp:[[@LINE-2]]:7: error: use of freed value: `p` [use-after-free]
// CHECK-NEXT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:3: note: value freed here, in `Registry::drop`
// VERDICT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:7
// VERDICT: = note: possible, not definite

void dropped_on_some_paths(bool b) {
  Registry reg;
  Node *p = reg.find(1);
  reg.drop_if(1, b);
  use(p->v);
}
// CHECK: {{.*}}owners-in-containers.cpp:[[@LINE-2]]:7: error: use of freed value: `p` [use-after-free]
// CHECK-NEXT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:3: note: value freed here, in `Registry::drop_if`
// VERDICT: {{.*}}owners-in-containers.cpp:[[@LINE-4]]:7
// VERDICT: = note: possible, not definite

// Quiet: the last use is before the drop.
void used_before_dropped() {
  Registry reg;
  Node *p = reg.find(1);
  use(p->v);
  reg.drop(1);
}

// Quiet: another key.
void other_key_dropped() {
  Registry reg;
  Node *p = reg.find(1);
  reg.drop(2);
  reg.replace(3);
  use(p->v);
}

// Quiet: another registry.
void other_registry_dropped() {
  Registry reg, other;
  Node *p = reg.find(1);
  other.drop(1);
  other.drop_all();
  use(p->v);
}

// Quiet: get-or-create replaces only an empty element.
void made_twice() {
  Registry reg;
  Node *a = reg.get_or_make(1);
  Node *b = reg.get_or_make(1);
  use(a->v + b->v);
}

// Quiet: release() handed the object over.
void taken_then_dropped() {
  Registry reg;
  Node *p = reg.take(1);
  reg.drop(1);
  use(p->v);
  delete p;
}
