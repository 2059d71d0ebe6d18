// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --format=json %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// RUN: not %borrowck --strict --format=clang %s -- -std=c++20 | FileCheck --check-prefix=STRICT %s
// The standard types' own invalidation rules (issue 16, item 3). std::optional: reset(),
// emplace() and `= std::nullopt` destroy the contained value; `= other_optional` does when the
// other is empty (possible); `= value` assigns it in place (valid C++, Rust's E0506: --strict).
// std::variant: emplace() destroys the alternative; assignment destroys it only when another
// alternative is assigned (not known here: --strict, as `= other_optional`).
// std::map / set / unordered_*: erase(k) of a constant key, erase(it) of `m.find(K)`, end
// references and iterators to that element only (an unknown key: not reported, it is valid C++
// unless the keys are equal); extract() ends its iterators, not references (the node handle
// keeps the element).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>

std::size_t optional_reset() {
  std::optional<std::string> o = "hi";
  const std::string &r = *o;
  o.reset();
  return r.size();
}
// CHECK: {{.*}}std-types.cpp:[[@LINE-3]]:3: error: cannot borrow `o` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-5]]:26: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-4]]:10: note: immutable borrow later used here
// STRICT: {{.*}}std-types.cpp:[[@LINE-6]]:3: error: cannot borrow `o` as mutable because it is also borrowed as immutable [invalidated-borrow]

void optional_nullopt() {
  std::optional<std::string> o = "hi";
  std::string &r = o.value();
  o = std::nullopt;
  r += "x";
}
// CHECK: {{.*}}std-types.cpp:[[@LINE-3]]:3: error: cannot assign to `o` because it is borrowed [invalidated-borrow]
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-5]]:20: note: `o` is borrowed here
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-4]]:3: note: borrow later used here
// STRICT: {{.*}}std-types.cpp:[[@LINE-6]]:3: error: cannot assign to `o` because it is borrowed [invalidated-borrow]

char optional_emplace() {
  std::optional<std::string> o = "hi";
  const char *p = o->c_str();
  o.emplace("other");
  return *p;
}
// CHECK: {{.*}}std-types.cpp:[[@LINE-3]]:3: error: cannot borrow `o` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-5]]:19: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-4]]:11: note: immutable borrow later used here
// STRICT: {{.*}}std-types.cpp:[[@LINE-6]]:3: error: cannot borrow `o` as mutable because it is also borrowed as immutable [invalidated-borrow]

void optional_from_optional(const std::optional<std::string> &other) {
  std::optional<std::string> o = "hi";
  std::string &r = *o;
  o = other;
  r += "x";
}
// STRICT: {{.*}}std-types.cpp:[[@LINE-3]]:3: error: cannot assign to `o` because it is borrowed [invalidated-borrow]

void optional_value_in_place() {
  std::optional<std::string> o = "hi";
  std::string &r = *o;
  o = "there"; // assigns the contained string: r sees "there"
  r += "x";
}
// STRICT: {{.*}}std-types.cpp:[[@LINE-3]]:3: error: cannot assign to `o` because it is borrowed [invalidated-borrow]

void variant_emplace() {
  std::variant<int, std::string> v = std::string("a");
  std::string &s = std::get<std::string>(v);
  v.emplace<int>(3);
  s += "x";
}
// CHECK: {{.*}}std-types.cpp:[[@LINE-3]]:3: error: cannot borrow `v` as mutable more than once at a time [invalidated-borrow]
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-5]]:20: note: first mutable borrow occurs here
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-4]]:3: note: first borrow later used here
// STRICT: {{.*}}std-types.cpp:[[@LINE-6]]:3: error: cannot borrow `v` as mutable more than once at a time [invalidated-borrow]

void variant_assign() {
  std::variant<int, std::string> v = std::string("a");
  std::string *s = std::get_if<std::string>(&v);
  v = 3;
  *s += "x";
}
// STRICT: {{.*}}std-types.cpp:[[@LINE-3]]:3: error: cannot assign to `v` because it is borrowed [invalidated-borrow]

void map_erase_key() {
  std::map<int, std::string> m{{1, "a"}, {2, "b"}};
  std::string &r = m[1];
  m.erase(1);
  r += "x";
}
// CHECK: {{.*}}std-types.cpp:[[@LINE-3]]:3: error: cannot borrow `m` as mutable more than once at a time [invalidated-borrow]
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-5]]:20: note: first mutable borrow occurs here
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-4]]:3: note: first borrow later used here
// STRICT: {{.*}}std-types.cpp:[[@LINE-6]]:3: error: cannot borrow `m` as mutable more than once at a time [invalidated-borrow]

int map_erase_found() {
  std::map<int, int> m{{1, 1}, {2, 2}};
  const int &a = m.at(1);
  auto it = m.find(1);
  m.erase(it);
  return a;
}
// CHECK: {{.*}}std-types.cpp:[[@LINE-3]]:3: error: cannot borrow `m` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-6]]:18: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-4]]:10: note: immutable borrow later used here
// STRICT: {{.*}}std-types.cpp:[[@LINE-6]]:3: error: cannot borrow `m` as mutable because it is also borrowed as immutable [invalidated-borrow]
// VERDICT: `erase` on `m` destroys that element: references, pointers and iterators to it are invalidated (those to the other elements stay valid)

int set_extract_iterator() {
  std::set<int> s{1, 2};
  auto it = s.find(1);
  auto node = s.extract(1);
  return *it;
}
// CHECK: {{.*}}std-types.cpp:[[@LINE-3]]:15: error: cannot borrow `s` as mutable because it is also borrowed as immutable [invalidated-borrow]
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-5]]:13: note: immutable borrow occurs here
// CHECK-NEXT: {{.*}}std-types.cpp:[[@LINE-4]]:11: note: immutable borrow later used here
// STRICT: {{.*}}std-types.cpp:[[@LINE-6]]:15: error: cannot borrow `s` as mutable because it is also borrowed as immutable [invalidated-borrow]

// ---- quiet ----

int optional_reset_then_borrow_again() {
  std::optional<int> o = 1;
  int *p = &*o;
  o.reset();
  o = 2;
  p = &*o;
  return *p;
}

int optional_swap_in_place(std::optional<int> &other) {
  std::optional<int> o = 1;
  const int &r = *o;
  o.swap(other); // exchanges the values in place when both hold one
  return r;
}

void map_erase_other_key() {
  std::map<int, std::string> m{{1, "a"}, {2, "b"}};
  std::string &r = m[1];
  m.erase(2);
  r += "x";
}

int map_erase_other_found() {
  std::map<int, int> m{{1, 1}, {2, 2}};
  int &a = m[1];
  auto it = m.find(2);
  m.erase(it);
  return a;
}

void unordered_reference_across_insert() {
  std::unordered_map<int, std::string> m{{1, "a"}};
  std::string &r = m[1];
  m[2] = "b"; // may rehash: iterators end, references stay
  m.emplace(3, "c");
  r += "x";
}

int extract_keeps_references() {
  std::map<int, int> m{{1, 1}};
  int &r = m[1];
  auto node = m.extract(1);
  return r + node.mapped();
}

void variant_read_after_reassign() {
  std::variant<int, std::string> v = 1;
  v = std::string("a");
  std::string &s = std::get<std::string>(v);
  s += "x";
}

int map_erase_unknown_key(int x, int y) {
  std::map<int, int> m{{1, 1}, {2, 2}};
  int &r = m[x];
  m.erase(y); // valid unless x == y
  return r;
}

int optional_assigned_engaged() {
  std::optional<int> o = 1;
  int &r = *o;
  o = std::optional<int>(2); // both hold a value: assigned in place
  return r;
}
