// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Found by scripts/realworld.py in fmt (chrono.h: `out = w.out();`), fmt
// (core.h: get_iterator(buf)) and LLVM (DenseMap.h: a local iterator_range's
// begin()): a member function that returns a copy of a
// pointer or iterator field hands out what the object holds, not a borrow of
// the object.
#include <string>
#include <string_view>
#include <vector>

template <class It> struct range {
  It b, e;
  It begin() const { return b; }
  It end() const { return e; }
};
range<int *> make_range(int *b, int *e) { return {b, e}; }

struct writer {
  char *out_;
  explicit writer(char *o) : out_(o) {}
  char *out() const { return out_; }
};

struct formatter {
  char *out;
  void step() {
    writer w(out);
    out = w.out(); // w ends here; out does not point into it
  }
};

int *first(int *b, int *e) {
  auto r = make_range(b, e);
  return r.begin();
}
std::string_view held(std::string_view s) {
  struct holder {
    std::string_view v;
    std::string_view get() const { return v; }
  } h{s};
  return h.get();
}

// Still errors: the field's value borrows a local, or the member returns a
// borrow of the object itself.
std::string_view holds_local() {
  std::string s = "x";
  struct holder {
    std::string_view v;
    std::string_view get() const { return v; }
  } h{s};
  return h.get();
  // CHECK: {{.*}}field-copy-from-member.cpp:[[@LINE-1]]:10: error: cannot return value referencing local variable `s` [dangling-return]
}
struct owner {
  int v = 0;
  const int *addr() const { return &v; }
};
const int *address_of_local_member() {
  owner o;
  return o.addr();
  // CHECK: {{.*}}field-copy-from-member.cpp:[[@LINE-1]]:10: error: cannot return reference to local variable `o` [dangling-return]
}
