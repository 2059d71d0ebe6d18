// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --format=json %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// double-free by the rule of three: a class whose destructor frees a raw-pointer member, copied
// (or assigned, or "moved" through the copy constructor) by the compiler-written member-wise copy:
// two owners of one allocation, both destructors free it. A class with its own copy constructor,
// a deleted copy, or a destructor that does not free the member is quiet.
#include <list>
#include <utility>
#include <vector>

class Buf {
public:
  explicit Buf(int n) : p_(new int[n]) {}
  ~Buf() { delete[] p_; }
  int *p_;
};

void copy_constructed() {
  Buf a(4);
  Buf b = a;
}
// CHECK: {{.*}}owning-copies.cpp:[[@LINE-1]]:1: error: double free of `a.p_` [double-free]
// CHECK-NEXT: {{.*}}owning-copies.cpp:[[@LINE-3]]:3: note: `a.p_` copied here by the implicit copy constructor of `Buf`: two owners of one allocation
// VERDICT: error[E0382]: double free of `a.p_`
// VERDICT: freed here by both copies, in `Buf::~Buf`
// VERDICT: = help: give `Buf` a copy constructor and copy assignment that copy what the pointer owns (rule of three), delete them (`Buf(const Buf &) = delete;`), or hold the memory in a `std::unique_ptr`

void copy_assigned() {
  Buf a(4);
  Buf b(2);
  b = a;
}
// CHECK: {{.*}}owning-copies.cpp:[[@LINE-1]]:1: error: double free of `a.p_` [double-free]
// CHECK-NEXT: {{.*}}owning-copies.cpp:[[@LINE-3]]:3: note: `a.p_` copied here by the implicit copy assignment of `Buf`: two owners of one allocation

// A user-declared destructor means no implicit move constructor: std::move copies.
void moved_is_copied() {
  Buf a(4);
  Buf b = std::move(a);
}
// CHECK: {{.*}}owning-copies.cpp:[[@LINE-1]]:1: error: double free of `a.p_` [double-free]
// CHECK-NEXT: {{.*}}owning-copies.cpp:[[@LINE-3]]:3: note: `a.p_` copied here by the implicit copy constructor of `Buf`: two owners of one allocation

// Copied into a local container: the element is a second owner; the vector
// destroys it where the vector ends, `a` where it ends.
void copied_into_a_vector() {
  Buf a(4);
  std::vector<Buf> v;
  v.push_back(a);
}
// CHECK: {{.*}}owning-copies.cpp:[[@LINE-1]]:1: error: double free of `a.p_` [double-free]
// CHECK-NEXT: {{.*}}owning-copies.cpp:[[@LINE-3]]:3: note: `a.p_` copied here by the implicit copy constructor of `Buf`: two owners of one allocation
void moved_into_a_list() {
  Buf a(4);
  std::list<Buf> l;
  l.emplace_back(std::move(a));
}
// CHECK: {{.*}}owning-copies.cpp:[[@LINE-1]]:1: error: double free of `a.p_` [double-free]
// CHECK-NEXT: {{.*}}owning-copies.cpp:[[@LINE-3]]:3: note: `a.p_` copied here by the implicit copy constructor of `Buf`: two owners of one allocation

// Quiet: a deep copy.
class Deep {
public:
  explicit Deep(int n) : p_(new int[n]), n_(n) {}
  Deep(const Deep &o) : p_(new int[o.n_]), n_(o.n_) {}
  Deep &operator=(const Deep &) = delete;
  ~Deep() { delete[] p_; }
  int *p_;
  int n_;
};
void deep_copy() {
  Deep a(4);
  Deep b = a;
}

void deep_copy_into_a_vector() {
  Deep a(4);
  std::vector<Deep> v;
  v.push_back(a);
}

// Quiet here: the container leaves the function, and with it the element
// (what happens to it is the caller's business).
std::vector<Buf> returned_container() {
  Buf a(4);
  std::vector<Buf> v;
  v.push_back(a);
  return v;
}

// Quiet: copying is deleted; moving transfers and nulls the source.
class MoveOnly {
public:
  MoveOnly() = default;
  MoveOnly(const MoveOnly &) = delete;
  MoveOnly(MoveOnly &&o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  ~MoveOnly() { delete p_; }
  int *p_ = new int(0);
};
void move_only() {
  MoveOnly a;
  MoveOnly b = std::move(a);
}
void move_only_into_a_vector() {
  MoveOnly a;
  std::vector<MoveOnly> v;
  v.push_back(std::move(a));
}

// Quiet: the destructor does not free the member (a view).
struct View {
  ~View() {}
  int *p_ = nullptr;
};
void view_copy(int *q) {
  View a{};
  a.p_ = q;
  View b = a;
}
