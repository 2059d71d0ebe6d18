// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <string>
#include <utility>
#include <vector>

// Moved in the body, moved again in the next iteration.
void moved_each_iteration(std::vector<std::string> &v) {
  std::string s = "x";
  for (int i = 0; i < 3; ++i) {
    v.push_back(std::move(s));
    // CHECK: {{.*}}loops.cpp:[[@LINE-1]]:17: error: use of possibly moved value: `s` [use-after-move]
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:15: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:3: note: inside of this loop
  }
}

// Used before the move in the next iteration.
std::size_t used_then_moved(std::vector<std::string> &v) {
  std::string s = "x";
  std::size_t n = 0;
  while (n < 10) {
    n += s.size();
    // CHECK: {{.*}}loops.cpp:[[@LINE-1]]:10: error: borrow of possibly moved value: `s` [use-after-move]
    // CHECK-NEXT: {{.*}}:[[@LINE-5]]:15: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:3: note: inside of this loop
    // CHECK-NEXT: {{.*}}:[[@LINE+1]]:17: note: value moved here, in previous iteration of loop
    v.push_back(std::move(s));
  }
  return n;
}

// A range-for over a container of strings moving one outer value.
void range_for(std::vector<std::string> &out, const std::vector<int> &keys) {
  std::string s = "x";
  for (int k : keys) {
    (void)k;
    out.push_back(std::move(s));
    // CHECK: {{.*}}loops.cpp:[[@LINE-1]]:19: error: use of possibly moved value: `s` [use-after-move]
    // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-5]]:3: note: inside of this loop
  }
}

// Moved in a for-increment: textually before the body, but it runs after it.
std::size_t moved_in_increment(std::vector<std::string> &v) {
  std::string s = "x";
  std::size_t n = 0;
  for (int i = 0; i < 3; ++i, v.push_back(std::move(s))) {
    n += s.size();
    // CHECK: {{.*}}loops.cpp:[[@LINE-1]]:10: error: borrow of possibly moved value: `s` [use-after-move]
    // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}: note: inside of this loop
    // CHECK-NEXT: {{.*}}: note: value moved here, in previous iteration of loop
    s = "y";
  }
  return n;
}

// --- negative cases ---

// Declared inside the loop: a fresh value every iteration.
void fresh_each_iteration(std::vector<std::string> &v) {
  for (int i = 0; i < 3; ++i) {
    std::string s = "x";
    v.push_back(std::move(s));
  }
}

// Reinitialised at the top of every iteration.
void reinit_each_iteration(std::vector<std::string> &v) {
  std::string s;
  for (int i = 0; i < 3; ++i) {
    s = "item";
    v.push_back(std::move(s));
  }
}

// Cleared after the move, before the next iteration.
void cleared_after_move(std::vector<std::string> &v) {
  std::string s = "x";
  for (int i = 0; i < 3; ++i) {
    v.push_back(std::move(s));
    s.clear();
  }
}

// The loop ends right after the move.
void break_after_move(std::vector<std::string> &v) {
  std::string s = "x";
  for (int i = 0; i < 3; ++i) {
    if (i == 2) {
      v.push_back(std::move(s));
      break;
    }
    s += "y";
  }
}

// std::getline reads into the moved-from string: an out-parameter reinitialises it.
#include <sstream>
void getline_loop(std::istream &in, std::vector<std::string> &lines) {
  std::string line;
  while (std::getline(in, line))
    lines.push_back(std::move(line));
}
