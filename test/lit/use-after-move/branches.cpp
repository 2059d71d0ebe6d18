// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <string>
#include <utility>

void sink(std::string s);
void read(const std::string &s);

// Moved on one branch, used after the join: possibly moved.
void one_branch(bool c) {
  std::string s = "x";
  if (c) {
    sink(std::move(s));
  }
  read(s);
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:8: error: borrow of possibly moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-6]]:15: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-5]]:10: note: value moved here
}

// Moved on both branches: definite, both moves labelled.
void both_branches(bool c) {
  std::string s = "x";
  if (c)
    sink(std::move(s));
  else
    sink(std::move(s));
  read(s);
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:8: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-6]]:10: note: value moved here
  // CHECK-NEXT: {{.*}}:[[@LINE-5]]:10: note: value moved here
}

// A conditional operator moves only on its arm.
void ternary(bool c) {
  std::string a = "a", b = "b";
  std::string t = c ? std::move(a) : std::move(b);
  read(a);
  // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:8: error: borrow of possibly moved value: `a` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:23: note: value moved here
}

// A switch where one case moves and falls through to a use.
void switched(int k) {
  std::string s = "x";
  switch (k) {
  case 0:
    sink(std::move(s));
    [[fallthrough]];
  case 1:
    read(s);
    // CHECK: {{.*}}branches.cpp:[[@LINE-1]]:10: error: borrow of possibly moved value: `s` [use-after-move]
    // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-6]]:10: note: value moved here
    break;
  default:
    break;
  }
}

// --- negative cases ---

// Moved in one branch and used only in the other.
void other_branch(bool c) {
  std::string s = "x";
  if (c)
    sink(std::move(s));
  else
    read(s);
}

// The moving branch returns early.
void early_return(bool c) {
  std::string s = "x";
  if (c) {
    sink(std::move(s));
    return;
  }
  read(s);
}

// The moving branch reassigns.
void reassigned_on_branch(bool c) {
  std::string s = "x";
  if (c) {
    sink(std::move(s));
    s = "fresh";
  }
  read(s);
}
