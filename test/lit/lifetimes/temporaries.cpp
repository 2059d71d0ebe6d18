// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <span>
#include <string>
#include <string_view>
#include <vector>

std::string make_string();
std::vector<int> make_vector();
struct Person {
  std::string name_;
  const std::string &name() const { return name_; }
};
Person make_person();
void print(std::string_view);

void view_of_temporary() {
  std::string_view v = make_string();
  print(v);
  // CHECK: {{.*}}temporaries.cpp:[[@LINE-2]]:24: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}: note: temporary value is freed at the end of this statement
  // CHECK-NEXT: {{.*}}: note: borrow later passed on here
}

int span_of_temporary() {
  std::span<const int> s = make_vector();
  return s[0];
  // CHECK: {{.*}}temporaries.cpp:[[@LINE-2]]:28: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}: note: temporary value is freed at the end of this statement
  // CHECK-NEXT: {{.*}}: note: borrow later used here
}

std::size_t accessor_on_temporary() {
  const std::string &n = make_person().name();
  return n.size();
  // CHECK: {{.*}}temporaries.cpp:[[@LINE-2]]:26: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}: note: temporary value is freed at the end of this statement
  // CHECK-NEXT: {{.*}}: note: borrow later used here
}

char c_str_of_temporary() {
  const char *p = std::string("temporary").c_str();
  return *p;
  // CHECK: {{.*}}temporaries.cpp:[[@LINE-2]]:19: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}: note: temporary value is freed at the end of this statement
  // CHECK-NEXT: {{.*}}: note: borrow later used here
}

void assigned_later() {
  std::string_view v;
  v = make_string();
  print(v);
  // CHECK: {{.*}}temporaries.cpp:[[@LINE-2]]:7: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}: note: temporary value is freed at the end of this statement
  // CHECK-NEXT: {{.*}}: note: borrow later passed on here
}

// --- negative cases ---

std::size_t lifetime_extension() {
  const std::string &r = make_string();
  return r.size();
}

std::size_t rvalue_reference_extension() {
  std::string &&r = make_string();
  return r.size();
}

void used_within_the_statement() { print(make_string()); }

std::size_t copied_out() {
  std::string copy = make_person().name();
  return copy.size();
}

std::size_t view_of_literal() {
  std::string_view v = "literal";
  return v.size();
}

void temporary_never_used_after() {
  std::string_view v = make_string();
  (void)0;
}

// A trivially destructible temporary kept by reference in an object: the bug
// ASan found in borrowck's own CheckContext (it stored `const Limits&`).
struct Limits {
  unsigned max = 10;
};
class Context {
public:
  Context(const Limits &l) : lim_(l) {}
  unsigned max() const { return lim_.max; }

private:
  const Limits &lim_;
};
unsigned trivially_destructible_temporary_kept() {
  Context c(Limits{});
  return c.max();
  // CHECK: {{.*}}temporaries.cpp:[[@LINE-2]]:13: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}temporaries.cpp:[[@LINE-3]]:22: note: temporary value is freed at the end of this statement
  // CHECK-NEXT: {{.*}}temporaries.cpp:[[@LINE-3]]:10: note: borrow later used here
}

unsigned trivially_destructible_temporary_used_in_statement() {
  return Context(Limits{}).max();
}
