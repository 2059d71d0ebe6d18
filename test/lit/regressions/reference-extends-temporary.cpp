// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// A reference that extends a temporary (`auto&& buf = get_buffer(out);`, fmt's
// vformat_to) owns it, as `auto buf = get_buffer(out);` would: a value read
// out of it (a copy of a field, through a helper taking `Buffer&`) does not
// borrow it. Borrowing the reference itself still borrows the temporary.
#include <string>
#include <string_view>
#include <vector>

template <typename It> struct iterator_buffer {
  It out_;
  explicit iterator_buffer(It o) : out_(o) {}
  It out() const { return out_; }
};
template <typename It> iterator_buffer<It> get_buffer(It out) { return iterator_buffer<It>(out); }
template <typename Buffer> auto get_iterator(Buffer &buf) -> decltype(buf.out()) { return buf.out(); }

char *vformat_to(char *out) {
  auto &&buf = get_buffer(out);
  return get_iterator(buf);
}

std::string copy_of_extended() {
  auto &&s = std::string("x");
  return s;
}

const std::string &returns_extended() {
  auto &&s = std::string("x");
  return s;
  // CHECK: {{.*}}reference-extends-temporary.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `s` [dangling-return]
}

std::string_view view_of_extended() {
  const std::string &s = std::string("z");
  std::string_view v = s;
  return v;
  // CHECK: {{.*}}reference-extends-temporary.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `s` [dangling-return]
  // CHECK-NEXT: {{.*}}reference-extends-temporary.cpp:[[@LINE-3]]:24: note: `s` is borrowed here
}

int element_of_extended() {
  auto &&v = std::vector<int>{1, 2};
  int &x = v[0];
  v.push_back(3);
  return x;
  // CHECK: {{.*}}reference-extends-temporary.cpp:[[@LINE-2]]:3: error: cannot borrow `v` as mutable more than once at a time [invalidated-borrow]
  // CHECK-NEXT: {{.*}}reference-extends-temporary.cpp:[[@LINE-4]]:12: note: first mutable borrow occurs here
  // CHECK-NEXT: {{.*}}reference-extends-temporary.cpp:[[@LINE-3]]:10: note: first borrow later used here
}
