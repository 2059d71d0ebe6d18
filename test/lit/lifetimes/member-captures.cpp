// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// Members that store a borrow of a parameter in *this (issue 16, item 1): inferred as
// [[clang::lifetime_capture_by(this)]] from the body (`text_ = &s`, `name_ = sv`,
// `items_.push_back(&s)`), so the object borrows the argument. Used after the argument died:
// E0597; returned: E0515. The annotation is offered as a fix-it. Quiet: the object re-attached
// to something that lives long enough (the member overwrites its one borrow-holding field), the
// object dying first, a member that stores a copy.
#include <string>
#include <string_view>
#include <vector>

struct Parser {
  const std::string *text_ = nullptr;
  int line_ = 0;
  void attach(const std::string &s) { text_ = &s; }
  std::size_t size() const { return text_->size(); }
};

std::size_t used_after_scope() {
  Parser p;
  {
    std::string local = "abc";
    p.attach(local);
  }
  return p.size();
}
// CHECK: {{.*}}member-captures.cpp:[[@LINE-4]]:14: error: `local` does not live long enough [borrow-outlives-owner]
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-6]]:17: note: binding `local` declared here
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-5]]:3: note: `local` dropped here while still borrowed
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-5]]:10: note: borrow later used here
// CHECK-NEXT: fix-it:"{{.*}}member-captures.cpp":{16:35-16:35}:" {{\[\[}}clang::lifetime_capture_by(this)]]"
// VERDICT: error[E0597]: `local` does not live long enough
// VERDICT: help: `Parser::attach` keeps a borrow of its parameter `s` in `*this` (inferred from its body); say so in its declaration, so callers are checked without reading the body (Clang checks it too)
// VERDICT: void attach(const std::string &s {{\[\[}}clang::lifetime_capture_by(this)]]) { text_ = &s; }

Parser returned() {
  std::string local = "abc";
  Parser p;
  p.attach(local);
  return p;
}
// CHECK: {{.*}}member-captures.cpp:[[@LINE-2]]:10: error: cannot return value referencing local variable `local` [dangling-return]
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-4]]:12: note: `local` is borrowed here
// CHECK-NEXT: fix-it:"{{.*}}member-captures.cpp":{16:35-16:35}:" {{\[\[}}clang::lifetime_capture_by(this)]]"

struct Label {
  std::string_view name_;
  void rename(std::string_view n) { name_ = n; }
  std::size_t width() const { return name_.size(); }
};

std::size_t view_member() {
  Label l;
  {
    std::string title = "report";
    l.rename(title);
  }
  return l.width();
}
// CHECK: {{.*}}member-captures.cpp:[[@LINE-4]]:14: error: `title` does not live long enough [borrow-outlives-owner]
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-6]]:17: note: binding `title` declared here
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-5]]:3: note: `title` dropped here while still borrowed
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-5]]:10: note: borrow later used here
// CHECK-NEXT: fix-it:"{{.*}}member-captures.cpp":{49:33-49:33}:" {{\[\[}}clang::lifetime_capture_by(this)]]"

struct Registry {
  std::vector<const int *> items_;
  void add(const int &x) { items_.push_back(&x); }
  int first() const { return *items_.front(); }
};

int pushed_into_member() {
  Registry r;
  for (int i = 0; i < 2; ++i) {
    int value = i * 10;
    r.add(value);
  }
  return r.first();
}
// CHECK: {{.*}}member-captures.cpp:[[@LINE-4]]:11: error: `value` does not live long enough [borrow-outlives-owner]
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-6]]:9: note: binding `value` declared here
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-6]]:5: note: borrow later used here
// CHECK-NEXT: {{.*}}member-captures.cpp:[[@LINE-6]]:3: note: `value` dropped here while still borrowed
// CHECK-NEXT: fix-it:"{{.*}}member-captures.cpp":{69:24-69:24}:" {{\[\[}}clang::lifetime_capture_by(this)]]"

// ---- quiet ----

std::size_t reattached_before_death() {
  Parser p;
  std::string keep = "keep";
  {
    std::string local = "abc";
    p.attach(local);
    p.attach(keep);
  }
  return p.size();
}

std::size_t object_dies_first() {
  std::string text = "abc";
  std::size_t n = 0;
  {
    Parser p;
    p.attach(text);
    n = p.size();
  }
  return n;
}

struct Owner {
  std::string name_;
  void rename(const std::string &n) { name_ = n; }
  std::size_t width() const { return name_.size(); }
};

std::size_t stores_a_copy() {
  Owner o;
  {
    std::string title = "report";
    o.rename(title);
  }
  return o.width();
}

std::size_t used_before_death() {
  Parser p;
  std::size_t n;
  {
    std::string local = "abc";
    p.attach(local);
    n = p.size();
  }
  return n;
}

// A class that can let go of the borrow (a reset, a detach, an erase) is not inferred: whether
// the object still holds it at the use is not followed.
struct Scoped {
  const std::string *cur_ = nullptr;
  int n_ = 0;
  void process(const std::string &s) { cur_ = &s; ++n_; cur_ = nullptr; }
  int n() const { return n_; }
};

int reset_in_the_same_member() {
  Scoped sc;
  sc.process(std::string("tmp"));
  return sc.n();
}

struct Listener { int id; };
struct Bus {
  std::vector<Listener *> ls_;
  void attach(Listener *l) { ls_.push_back(l); }
  void detach(Listener *l) { std::erase(ls_, l); }
  int fire() const { int n = 0; for (Listener *l : ls_) n += l->id; return n; }
};

int attached_then_detached() {
  Bus bus;
  {
    Listener l{1};
    bus.attach(&l);
    bus.detach(&l);
  }
  return bus.fire();
}
