// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Arguments of a std container's inserting members that are values, not
// borrows kept by the new elements: a position (`insert(v.end(), x)`,
// `emplace_hint`), the iterators of a range inserted (the elements copy
// `*first`), an owner moved or copied into an element that is not a view.
// Seen in leveldb (VersionSet::GetRange2) and cpp-httplib (add_handler).
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

void use(const std::vector<int *> &);
void use_l(const std::list<int *> &);

void range_at_end(const std::vector<int *> &a, const std::vector<int *> &b) {
  std::vector<int *> all = a;
  all.insert(all.end(), b.begin(), b.end());
  use(all);
}

void range_at_begin_of_own(std::vector<int *> all, const std::vector<int *> &b) {
  all.insert(all.begin(), b.cbegin(), b.cend());
  use(all);
}

void one_at_end(std::vector<int *> all, int *p) {
  all.insert(all.end(), p);
  all.insert(all.begin() + 1, 2, p);
  all.emplace(all.end(), p);
  use(all);
}

void list_positions(std::list<int *> l, int *p) {
  auto it = l.begin();
  l.insert(it, p);
  l.emplace(l.end(), p);
  use_l(l);
}

void map_hint(std::map<int, int *> &m, int *p) {
  m.emplace_hint(m.end(), 1, p);
  m.insert(m.begin(), {2, p});
}

struct Matcher {
  virtual ~Matcher() = default;
};
std::unique_ptr<Matcher> make(const std::string &pattern);
using Handler = std::function<void()>;

void emplace_moved_in(std::vector<std::pair<std::unique_ptr<Matcher>, Handler>> &v,
                      const std::string &p, Handler h) {
  v.emplace_back(make(p), std::move(h));
}

void emplace_local_moved_in(std::vector<std::pair<std::unique_ptr<Matcher>, Handler>> &v,
                            Handler h) {
  std::unique_ptr<Matcher> m = make("x");
  v.emplace_back(std::move(m), h);
  v.push_back({make("y"), h});
  v.insert(v.end(), std::make_pair(make("z"), h));
}

void map_of_handlers(std::map<std::string, Handler> &routes, Handler h) {
  routes.emplace(std::string("/"), h);
  routes.try_emplace(std::string("/a"), std::move(h));
  std::string key = "/b";
  routes.insert_or_assign(key, Handler{});
}

void set_of_owners(std::set<std::shared_ptr<int>> &s) {
  std::shared_ptr<int> p = std::make_shared<int>(1);
  s.insert(p);
  s.emplace(std::make_shared<int>(2));
}

// Still errors: the element is (or the part of it made is) a view or an
// iterator, so it keeps the borrow.
std::vector<std::string_view> views;
void view_of_temporary() {
  views.emplace_back(std::string("gone"));
  // CHECK: {{.*}}element-arguments.cpp:[[@LINE-1]]:22: error: temporary value dropped while borrowed [borrow-of-temporary]
}

void pair_half_is_a_view(std::vector<std::pair<std::string_view, int>> &v) {
  v.emplace_back(std::string("gone"), 1);
  // CHECK: {{.*}}element-arguments.cpp:[[@LINE-1]]:18: error: temporary value dropped while borrowed [borrow-of-temporary]
}

void view_of_local(std::vector<std::string_view> &v) {
  std::string s = "local";
  v.emplace_back(s);
  // CHECK: {{.*}}element-arguments.cpp:[[@LINE-1]]:18: error: `s` does not live long enough [borrow-outlives-owner]
}

void use_its(const std::vector<std::vector<int>::iterator> &);
void iterator_elements(std::vector<int> &v) {
  std::vector<int> w = {1, 2};
  std::vector<std::vector<int>::iterator> its;
  its.push_back(w.begin());
  w.push_back(3);
  use_its(its);
  // CHECK: {{.*}}element-arguments.cpp:[[@LINE-2]]:3: error: cannot borrow `w` as mutable because it is also borrowed as immutable [invalidated-borrow]
}
