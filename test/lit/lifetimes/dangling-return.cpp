// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <span>
#include <string>
#include <string_view>
#include <vector>

std::string make_string();

const std::string &ref_to_local() {
  std::string s = "x";
  return s;
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `s` [dangling-return]
}

std::string_view view_of_local() {
  std::string s = "x";
  return s;
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `s` [dangling-return]
}

int *address_of_local() {
  int x = 1;
  return &x;
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `x` [dangling-return]
}

std::string_view view_of_parameter(std::string p) {
  return p;
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return value referencing function parameter `p` [dangling-return]
}

const char *c_str_of_local() {
  std::string s = "x";
  return s.c_str();
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `s` [dangling-return]
}

std::string_view view_of_temporary() {
  return make_string();
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return value referencing temporary value [dangling-return]
}

std::span<const int> span_of_local() {
  std::vector<int> v{1, 2, 3};
  return v;
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `v` [dangling-return]
}

std::vector<int>::iterator iterator_into_local() {
  std::vector<int> v{1, 2, 3};
  return v.begin();
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `v` [dangling-return]
}

auto lambda_capturing_local() {
  int x = 0;
  return [&x] { return x; };
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `x` [dangling-return]
}

// Through an intermediate variable: the borrow is labelled where it is made.
int *through_variables() {
  int x = 1;
  int *p = &x;
  int *q = p;
  return q;
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `x` [dangling-return]
  // CHECK-NEXT: {{.*}}dangling-return.cpp:[[@LINE-4]]:12: note: `x` is borrowed here
}

// On one branch only: still an error (possible).
const std::string &one_branch(bool c, const std::string &fallback) {
  std::string s = "x";
  return c ? s : fallback;
  // CHECK: {{.*}}dangling-return.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `s` [dangling-return]
}

// --- negative cases ---

const std::string &parameter_by_reference(const std::string &a) { return a; }
std::string_view literal() { return "literal"; }
std::string_view static_storage() {
  static const std::string kName = "name";
  return kName;
}
const std::string &global_ref() {
  static std::string g;
  return g;
}
struct Person {
  std::string name_;
  const std::string &name() const { return name_; }
  std::string_view view() const { return name_; }
};
const std::string &member_of_parameter(const Person &p) { return p.name(); }
std::string by_value() {
  std::string s = "x";
  return s;
}
int *heap() {
  int *p = new int(1);
  return p;
}
const int &element_of_parameter(const std::vector<int> &v) { return v[0]; }
auto lambda_by_value() {
  int x = 0;
  return [x] { return x; };
}
