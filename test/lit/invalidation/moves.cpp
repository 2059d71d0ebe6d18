// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --format=clang --strict %s -- -std=c++20 | FileCheck --check-prefix=STRICT %s
// Moving a container while a borrow into it is still used (E0505).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

void use(int);
void sink(std::vector<int> v);
void keep(std::string s);

// The elements go to sink's parameter, which is destroyed when sink returns.
void moved_into_call(std::vector<int> v) {
  auto it = v.begin();
  sink(std::move(v));
  use(*it);
  // CHECK: {{.*}}moves.cpp:[[@LINE-2]]:8: error: cannot move out of `v` because it is borrowed [invalidated-borrow]
  // CHECK-NEXT: {{.*}}moves.cpp:[[@LINE-4]]:13: note: borrow of `v` occurs here
  // CHECK-NEXT: {{.*}}moves.cpp:[[@LINE-3]]:8: note: borrow later used here
}

void view_of_moved_string(std::string s) {
  std::string_view head = s;
  keep(std::move(s));
  use(head[0]);
  // CHECK: {{.*}}moves.cpp:[[@LINE-2]]:8: error: cannot move out of `s` because it is borrowed [invalidated-borrow]
  // CHECK-NEXT: {{.*}}moves.cpp:[[@LINE-4]]:27: note: borrow of `s` occurs here
  // CHECK-NEXT: {{.*}}moves.cpp:[[@LINE-3]]:7: note: borrow later used here
}

// Valid C++: the elements now live in `w` and the iterator still points to
// them. Rust rejects it (the borrow no longer goes through its owner):
// reported with --strict only.
void moved_into_local(std::vector<int> v) {
  auto it = v.begin();
  std::vector<int> w = std::move(v);
  use(*it);
}
// STRICT: {{.*}}moves.cpp:[[@LINE-3]]:24: error: cannot move out of `v` because it is borrowed [invalidated-borrow]

// Fine: the borrow is done before the move, or taken again from the new owner.
void borrow_done_before(std::vector<int> v) {
  use(v.front());
  sink(std::move(v));
}

void borrow_again(std::vector<int> v) {
  std::vector<int> w = std::move(v);
  auto it = w.begin();
  use(*it);
}
