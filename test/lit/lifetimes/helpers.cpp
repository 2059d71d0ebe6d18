// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --color=never %s -- -std=c++20 | FileCheck --check-prefix=HUMAN %s
// Borrows through calls: [[clang::lifetimebound]], summaries inferred from
// bodies in the translation unit, std functions, templates; definite vs possible.
#include <algorithm>
#include <string>
#include <string_view>

const std::string &annotated(const std::string &s [[clang::lifetimebound]]);
const std::string &unannotated(const std::string &s); // no body, no annotation: unknown
const std::string &first_word(const std::string &s) { return s; } // inferred: borrows s
const std::string &pick(const std::string &a, const std::string &b) {
  return a.size() > b.size() ? a : b; // inferred: borrows a or b
}
std::string make();

std::size_t through_annotation() {
  const std::string &r = annotated(make());
  return r.size();
  // CHECK: {{.*}}helpers.cpp:[[@LINE-2]]:36: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-3]]:43: note: temporary value is freed at the end of this statement
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-3]]:10: note: borrow later used here
}

std::size_t through_inference() {
  const std::string &r = first_word(make());
  return r.size();
  // CHECK: {{.*}}helpers.cpp:[[@LINE-2]]:37: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-3]]:44: note: temporary value is freed at the end of this statement
  // CHECK-NEXT: {{.*}}helpers.cpp:[[@LINE-3]]:10: note: borrow later used here
  // The missing attribute, as a fix-it on first_word's parameter (line 11):
  // CHECK-NEXT: fix-it:"{{.*}}helpers.cpp":{11:51-11:51}:" {{\[\[}}clang::lifetimebound{{\]\]}}"
}

std::string_view returns_through_pick() {
  std::string a = "a", b = "b";
  return pick(a, b);
  // CHECK: {{.*}}helpers.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `a` [dangling-return]
  // CHECK-NEXT: fix-it:"{{.*}}helpers.cpp":{12:45-12:45}:" {{\[\[}}clang::lifetimebound{{\]\]}}"
  // CHECK: {{.*}}helpers.cpp:[[@LINE-3]]:10: error: cannot return value referencing local variable `b` [dangling-return]
  // CHECK-NEXT: fix-it:"{{.*}}helpers.cpp":{12:67-12:67}:" {{\[\[}}clang::lifetimebound{{\]\]}}"
  // HUMAN: error[E0515]: cannot return value referencing local variable `a`
  // HUMAN: possible, not definite
  // HUMAN: help: `pick` returns a borrow of its parameter `a` (inferred from its body); say so in its declaration, so callers are checked without reading the body (Clang checks it too)
  // HUMAN-NEXT: |
  // HUMAN-NEXT: 12 | const std::string &pick(const std::string &a {{\[\[}}clang::lifetimebound{{\]\]}}, const std::string &b) {
  // HUMAN-NEXT: |                                            +++++++++++++++++++++++++
}

const std::string &ternary(bool c) {
  std::string a = "x";
  static std::string b = "y";
  return c ? a : b;
  // CHECK: {{.*}}helpers.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `a` [dangling-return]
  // HUMAN: error[E0515]: cannot return reference to local variable `a`
  // HUMAN: possible, not definite
}

const int &std_min() {
  int a = 1, b = 2;
  return std::min(a, b);
  // CHECK: {{.*}}helpers.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `a` [dangling-return]
  // CHECK: {{.*}}helpers.cpp:[[@LINE-2]]:10: error: cannot return reference to local variable `b` [dangling-return]
}

template <typename T> const T &identity(const T &v) { return v; }
const std::string &through_a_template() {
  std::string s = "x";
  return identity(s);
  // CHECK: {{.*}}helpers.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `s` [dangling-return]
  // HUMAN: error[E0515]: cannot return reference to local variable `s`
  // HUMAN-NOT: possible, not definite
  // HUMAN: error:
}

// --- negative cases ---

std::size_t unknown_helper() {
  const std::string &r = unannotated(make()); // nothing known: no finding
  return r.size();
}

std::size_t copied_out_of_helper() {
  std::string copy = annotated(make());
  return copy.size();
}

const std::string &picks_from_parameters(const std::string &x, const std::string &y) {
  return pick(x, y);
}

struct Config {
  std::string name_;
  const std::string &name() const { return name_; }
};
const std::string &member_of_parameter(const Config &c) { return c.name(); }
