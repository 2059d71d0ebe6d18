// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --teach --width=0 %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// double-free of one pointer stored twice in a container whose contents come from its braced
// initialiser, freed element by element by a loop over all of them (a range-for, or an index loop
// up to size()). Quiet: distinct pointers, a container changed after its initialiser, a loop that
// may stop early or frees under a condition, and the common idioms that free each element of a
// container once (`delete v[i]`, `delete v.back(); v.pop_back();`, `delete *it`), which are one
// element of several, not one object freed twice.
#include <array>
#include <cstddef>
#include <map>
#include <set>
#include <vector>

struct Node { int v; };

void vector_range_for() {
  Node *p = new Node{1};
  Node *q = new Node{2};
  std::vector<Node *> v{p, q, p};
  for (Node *e : v)
    delete e;
}
// CHECK: {{.*}}stored-twice.cpp:[[@LINE-2]]:5: error: double free of `p` [double-free]
// CHECK-NEXT: {{.*}}stored-twice.cpp:[[@LINE-5]]:25: note: `p` stored in `v` here
// CHECK-NEXT: {{.*}}stored-twice.cpp:[[@LINE-6]]:31: note: and stored in `v` again here
// VERDICT: error[E0382]: double free of `p`
// VERDICT: ^^^^^^^^ freed here once for each element of `v` that holds `p`
// VERDICT: = note: Rust: putting a `Box` in a `Vec` moves it: `vec![p, p]` is E0382 (use of moved value), so a container of owners never holds one allocation twice.

void array_range_for() {
  Node *p = new Node{1};
  Node *arr[] = {p, p};
  for (Node *e : arr)
    delete e;
}
// CHECK: {{.*}}stored-twice.cpp:[[@LINE-2]]:5: error: double free of `p` [double-free]
// CHECK-NEXT: {{.*}}stored-twice.cpp:[[@LINE-5]]:18: note: `p` stored in `arr` here
// CHECK-NEXT: {{.*}}stored-twice.cpp:[[@LINE-6]]:21: note: and stored in `arr` again here

void std_array_index_loop() {
  Node *p = new Node{1};
  Node *q = new Node{2};
  std::array<Node *, 3> a{q, p, p};
  int live = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    live += a[i] != nullptr;
    delete a[i];
  }
}
// CHECK: {{.*}}stored-twice.cpp:[[@LINE-3]]:5: error: double free of `p` [double-free]
// CHECK-NEXT: {{.*}}stored-twice.cpp:[[@LINE-8]]:30: note: `p` stored in `a` here
// CHECK-NEXT: {{.*}}stored-twice.cpp:[[@LINE-9]]:33: note: and stored in `a` again here

void constant_bound(bool big) {
  Node *p = new Node{1};
  Node *q = new Node{2};
  Node *parts[3] = {p, q, big ? p : nullptr};
  for (int i = 0; i < 3; i++)
    delete parts[i];
}
// CHECK: {{.*}}stored-twice.cpp:[[@LINE-2]]:5: error: double free of `p` [double-free]
// CHECK-NEXT: {{.*}}stored-twice.cpp:[[@LINE-5]]:21: note: `p` stored in `parts` here
// CHECK-NEXT: {{.*}}stored-twice.cpp:[[@LINE-6]]:27: note: and stored in `parts` again here
// VERDICT: error[E0382]: double free of `p`
// VERDICT: = note: possible, not definite: the memory is freed twice on some paths only

// ---- quiet ----

void distinct() {
  Node *p = new Node{1};
  Node *q = new Node{2};
  std::vector<Node *> v{p, q};
  for (Node *e : v)
    delete e;
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = nullptr;
}

void index_loop_distinct() {
  std::vector<Node *> v{new Node{1}, new Node{2}};
  for (std::size_t i = 0; i < v.size(); ++i)
    delete v[i];
}

void changed_before_the_loop() {
  Node *p = new Node{1};
  std::vector<Node *> v{p, p};
  v.pop_back();
  for (Node *e : v)
    delete e;
}

void element_replaced() {
  Node *p = new Node{1};
  Node *arr[] = {p, p};
  arr[1] = new Node{2};
  for (Node *e : arr)
    delete e;
}

void stops_early() {
  Node *p = new Node{1};
  Node *arr[] = {p, p};
  for (Node *e : arr) {
    delete e;
    break;
  }
}

void frees_some(bool (*keep)(Node *)) {
  Node *p = new Node{1};
  Node *q = new Node{2};
  std::vector<Node *> v{p, q, p};
  for (Node *e : v)
    if (!keep(e))
      delete e;
}

void half_the_elements() {
  Node *p = new Node{1};
  Node *q = new Node{2};
  std::vector<Node *> v{p, q, p};
  for (std::size_t i = 0; i < 2; ++i)
    delete v[i];
}

void pop_back_idiom(std::vector<Node *> &v) {
  while (!v.empty()) {
    delete v.back();
    v.pop_back();
  }
}

void erase_front_idiom(std::vector<Node *> &v) {
  while (!v.empty()) {
    delete v[0];
    v.erase(v.begin());
  }
}

void iterator_idiom(std::vector<Node *> &v) {
  for (auto it = v.begin(); it != v.end(); ++it)
    delete *it;
  v.clear();
}

void map_values(std::map<int, Node *> &m) {
  for (auto it = m.begin(); it != m.end(); ++it)
    delete it->second;
  for (auto &[k, n] : m)
    n = nullptr;
}

void freed_then_only_iterated() {
  Node *p = new Node{1};
  std::vector<Node *> v{p};
  delete p;
  int n = 0;
  for (Node *e : v)
    n += e != nullptr;
}

void set_keeps_one_copy() {
  Node *p = new Node{1};
  Node *q = new Node{2};
  std::set<Node *> s{p, q, p};
  for (Node *e : s)
    delete e;
}

// Reading a pointer element of a local container is not a read of what it points to, but
// through a reference to a freed container it is a read of freed memory.
bool freed_container_through_reference() {
  auto *pv = new std::vector<Node *>(3, nullptr);
  std::vector<Node *> &v = *pv;
  delete pv;
  return v[0] != nullptr;
}
// CHECK: {{.*}}stored-twice.cpp:[[@LINE-2]]:10: error: use of freed value: `v` [use-after-free]
// CHECK-NEXT: {{.*}}stored-twice.cpp:[[@LINE-4]]:3: note: value freed here
