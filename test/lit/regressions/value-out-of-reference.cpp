// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Found by scripts/realworld.py in googletest (gtest-matchers.h, GetDescriberImpl):
// a pointer copied out of a reference that a call returns holds what the
// pointed-into object holds, not a borrow of that object.
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

struct I {
  virtual ~I();
};
struct B {
  const I *impl;
};

// googletest's shape: std::get on a temporary tuple of pointers, by value.
template <bool Pick>
const I *pick(const B &m) {
  return std::get<(Pick ? 1 : 0)>(std::make_tuple(static_cast<const I *>(nullptr), m.impl));
}
const I *use_pick(const B &m) { return pick<true>(m); }

const int *from_temporary_tuple(const int &a, const int &b) {
  return std::get<0>(std::make_tuple(&a, &b));
}
const int *from_local_tuple(const int &a) {
  std::tuple<const int *> t(&a);
  return std::get<0>(t);
}
int *from_local_vector(int *p) {
  std::vector<int *> v{p};
  return v[0];
}
int *from_pair(int *p) {
  std::pair<int *, int> pr(p, 1);
  int *q = std::get<0>(pr);
  return q;
}
std::string_view view_from_tuple(std::string_view in) {
  std::tuple<std::string_view> t(in);
  return std::get<0>(t);
}

// Still errors: the address of the element, or a view of an owned element.
const int *address_of_element() {
  std::tuple<int> t(1);
  return &std::get<0>(t);
  // CHECK: {{.*}}value-out-of-reference.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `t` [dangling-return]
}
std::string_view view_of_owned_element() {
  std::tuple<std::string> t("x");
  return std::get<0>(t);
  // CHECK: {{.*}}value-out-of-reference.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `t` [dangling-return]
}
int *pointer_into_local_vector() {
  std::vector<int> v{1};
  int *p = &v[0];
  return p;
  // CHECK: {{.*}}value-out-of-reference.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `v` [dangling-return]
}
