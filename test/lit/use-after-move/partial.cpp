// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Moving a field leaves the whole object partially moved; moving the whole
// object leaves every field moved.
#include <string>
#include <utility>

struct Person {
  std::string name;
  int age = 0;
};
void greet(const Person &p);

void whole_used_after_field_moved() {
  Person p{"Ann", 30};
  std::string n = std::move(p.name);
  greet(p);
  // CHECK: {{.*}}partial.cpp:[[@LINE-1]]:9: error: borrow of partially moved value: `p` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:19: note: value partially moved here
}

void field_used_after_whole_moved() {
  Person p{"Ann", 30};
  Person q = std::move(p);
  auto n = p.name.size();
  // CHECK: {{.*}}partial.cpp:[[@LINE-1]]:12: error: borrow of moved value: `p` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:10: note: move occurs because `p` has type `Person`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:14: note: value moved here
}

// Moved whole on one path, a field on the other: some part is moved on every path.
void mixed(bool c) {
  Person p{"Ann", 30};
  if (c) {
    std::string n = std::move(p.name);
  } else {
    Person q = std::move(p);
  }
  greet(p);
  // CHECK: {{.*}}partial.cpp:[[@LINE-1]]:9: error: borrow of moved value: `p` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: move occurs because `p` has type `Person`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}: note: value partially moved here
  // CHECK-NEXT: {{.*}}: note: value moved here
}

// --- negative cases ---

// The int field was copied, not moved: it keeps its value.
int other_field() {
  Person p{"Ann", 30};
  std::string n = std::move(p.name);
  return p.age;
}

// The moved field is reassigned before the whole is used.
void field_reassigned() {
  Person p{"Ann", 30};
  std::string n = std::move(p.name);
  p.name = "Bea";
  greet(p);
}

// A field assigned after the whole was moved holds a value again; the other
// fields stay moved, and the whole is partially moved (possibly: the other
// fields may have been trivially copyable or refilled through a reference).
struct Pair {
  std::string s;
  std::string t;
};
void sink_pair(Pair p);
void use(const std::string &s);

void field_refilled_after_whole_moved() {
  Pair o{"a", "b"};
  sink_pair(std::move(o));
  o.s = "";
  use(o.s);
  use(o.t);
  // CHECK: {{.*}}partial.cpp:[[@LINE-1]]:7: error: borrow of moved value: `o` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-6]]:8: note: move occurs because `o` has type `Pair`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-6]]:13: note: value moved here
}

void whole_used_after_field_refilled() {
  Pair o{"a", "b"};
  sink_pair(std::move(o));
  o.s = "";
  use(o.s);
  sink_pair(o);
  // CHECK: {{.*}}partial.cpp:[[@LINE-1]]:13: error: use of partially moved value: `o` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-6]]:8: note: move occurs because `o` has type `Pair`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-6]]:13: note: value moved here
}

// Both fields refilled: nothing of `o` is moved any more.
void every_field_refilled() {
  Pair o{"a", "b"};
  sink_pair(std::move(o));
  o.s = "";
  o.t = "";
  use(o.s);
  use(o.t);
}
