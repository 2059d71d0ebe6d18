// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: %borrowck --format=clang %s -- -std=c++23 | FileCheck --allow-empty --check-prefix=CXX23 --implicit-check-not='{{error|warning}}:' %s
// CXX23-NOT: error
// Range-for over what a temporary's member function returns: the temporary
// dies before the loop runs in C++20; C++23 (P2718) extends its life.
#include <cstdio>
#include <string>
#include <vector>

struct Person {
  std::vector<std::string> tags_;
  const std::vector<std::string> &tags() const { return tags_; }
};
Person make_person();

void over_accessor_of_temporary() {
  for (const std::string &t : make_person().tags())
    std::puts(t.c_str());
  // CHECK: {{.*}}range-for.cpp:[[@LINE-2]]:31: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}range-for.cpp:[[@LINE-3]]:29: note: borrow later used here
  // CHECK-NEXT: {{.*}}range-for.cpp:[[@LINE-4]]:31: note: temporary value is freed at the end of this statement
}

// --- negative cases ---

void over_member_of_temporary() { // the member access extends the whole temporary
  for (const std::string &t : make_person().tags_)
    std::puts(t.c_str());
}

void over_a_temporary_string() {
  for (char c : std::string("abc"))
    std::putchar(c);
}
