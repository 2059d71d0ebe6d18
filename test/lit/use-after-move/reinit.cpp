// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Reinitialisation ends the moved-from state; everything else keeps it.
#include <any>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

void sink(std::string s);
void sink_vec(std::vector<int> v);
void fill(std::string &out);

struct Buffer {
  std::vector<int> data;
  [[clang::reinitializes]] void restart() { data.clear(); }
  void append(int x) { data.push_back(x); }
  Buffer() = default;
  Buffer(Buffer &&) = default;
};
void sink_buffer(Buffer b);

// A mutating member function that is not a reinitialisation is a use.
void append_after_move() {
  std::string s = "x";
  sink(std::move(s));
  s.append("y");
  // CHECK: {{.*}}reinit.cpp:[[@LINE-1]]:3: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
}

// So is a user type's member without [[clang::reinitializes]].
void user_member_after_move() {
  Buffer b;
  sink_buffer(std::move(b));
  b.append(1);
  // CHECK: {{.*}}reinit.cpp:[[@LINE-1]]:3: error: borrow of moved value: `b` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
}

// --- negative cases ---

void assigned() {
  std::string s = "x";
  sink(std::move(s));
  s = "y";
  sink(std::move(s));
}

void cleared() {
  std::vector<int> v{1, 2};
  sink_vec(std::move(v));
  v.clear();
  v.push_back(3);
}

void assign_member() {
  std::string s = "x";
  sink(std::move(s));
  s.assign("again");
  s.size();
}

void optional_emplace_and_reset() {
  std::optional<std::string> o = "x";
  auto t = std::move(o);
  o.emplace("y");
  o->size();
  auto u = std::move(o);
  o.reset();
  o.has_value();
}

void attribute_reinitializes() {
  Buffer b;
  sink_buffer(std::move(b));
  b.restart();
  b.append(1);
}

void out_parameter() {
  std::string s = "x";
  sink(std::move(s));
  fill(s);
  s.size();
}

void swapped() {
  std::string s = "x", t = "y";
  sink(std::move(s));
  std::swap(s, t);
  s.size();
}

void member_swap() {
  std::string s = "x", t = "y";
  sink(std::move(s));
  s.swap(t);
  s.size();
}

void self_move_assign() {
  std::string s = "x";
  s = std::move(s);
  s.size();
}

void assign_from_itself_after_move() {
  std::string s = "x";
  sink(std::move(s));
  s = s.empty() ? std::string("a") : std::string("b");
  // CHECK: {{.*}}reinit.cpp:[[@LINE-1]]:7: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
}

void map_value_reassigned(std::map<int, std::string> &m) {
  std::string s = "x";
  m[1] = std::move(s);
  s = "fresh";
  m[2] = s;
}

// clear()/reset()/assign() reinitialise standard library types only: a user
// class's clear() may leave anything behind, unless it says
// [[clang::reinitializes]].
struct Bag {
  std::vector<int> items;
  void clear() { items.clear(); }
};
void sink_bag(Bag b);

void user_clear_is_a_use() {
  Bag b;
  sink_bag(std::move(b));
  b.clear();
  // CHECK: {{.*}}reinit.cpp:[[@LINE-1]]:3: error: borrow of moved value: `b` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
}

// try_emplace / insert_or_assign add to the (unspecified) contents of a
// moved-from map: a use, not a reinitialisation.
void sink_map(std::map<int, std::string> m);
void try_emplace_is_a_use() {
  std::map<int, std::string> m;
  sink_map(std::move(m));
  m.try_emplace(1, "x");
  // CHECK: {{.*}}reinit.cpp:[[@LINE-1]]:3: error: borrow of moved value: `m` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  m.clear();
  sink_map(std::move(m));
  m.insert_or_assign(1, "y");
  // CHECK: {{.*}}reinit.cpp:[[@LINE-1]]:3: error: borrow of moved value: `m` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
}

// emplace() on std::variant and std::any, clear() on a map.
void variant_any_emplace() {
  std::variant<int, std::string> v = std::string("x");
  auto w = std::move(v);
  v.emplace<std::string>("y");
  auto w2 = std::move(v);
  std::any a = std::string("x");
  auto b = std::move(a);
  a.emplace<int>(1);
  a.has_value();
  std::map<int, std::string> m;
  sink_map(std::move(m));
  m.clear();
  m.size();
}
