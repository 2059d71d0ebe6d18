// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Moving the base-class subobject and then a member moves distinct places:
// a defaulted move constructor, or `D(D&& o) : B(std::move(o)), m(std::move(o.m))`
// (taskflow's Future). Compiler-generated bodies name their parameter.
#include <memory>
#include <string>
#include <utility>

struct Base {
  std::string s;
};

struct Derived : Base {
  std::shared_ptr<int> p;
  Derived() = default;
  Derived(Derived &&) = default;
  Derived &operator=(Derived &&) = default;
};
Derived take(Derived &d) { return std::move(d); }
void assign(Derived &a, Derived &b) { a = std::move(b); }

struct Derived2 : Base {
  std::weak_ptr<int> p;
  std::string name;
  Derived2() = default;
  Derived2(Derived2 &&o) : Base(std::move(o)), p(std::move(o.p)), name(std::move(o.name)) {}
  Derived2 &operator=(Derived2 &&o) {
    Base::operator=(std::move(o));
    p = std::move(o.p);
    return *this;
  }
};

struct Two : Base, std::string {
  std::string m;
  Two(Two &&o) : Base(std::move(o)), std::string(std::move(o)), m(std::move(o.m)) {}
};

void sink(Base b);
void read(const std::string &);

void base_then_member(Derived2 d) {
  sink(std::move(d));
  read(d.name);
}

// Still errors: the moved member read after its move, a field of the moved
// base read, the whole object used after its base was moved.
struct Reads : Base {
  std::string m;
  Reads(Reads &&o) : Base(std::move(o)), m(std::move(o.m)) {
    read(o.m);
    // CHECK: {{.*}}base-subobject.cpp:[[@LINE-1]]:10: error: borrow of moved value: `o.m` [use-after-move]
  }
};

struct ReadsBaseField : Base {
  std::string m;
  ReadsBaseField(ReadsBaseField &&o) : Base(std::move(o)), m(o.s) {}
  // CHECK: {{.*}}base-subobject.cpp:[[@LINE-1]]:62: error: use of moved value: `o.Base` [use-after-move]
};

void whole_after_base(Derived2 d) {
  sink(std::move(d));
  Derived2 e = std::move(d);
  // CHECK: {{.*}}base-subobject.cpp:[[@LINE-1]]:16: error: use of partially moved value: `d` [use-after-move]
}
