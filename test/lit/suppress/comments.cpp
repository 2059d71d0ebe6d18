// RUN: not %borrowck --format=clang %s 2> %t.err | %check-findings %s
// RUN: FileCheck --check-prefix=WARN --implicit-check-not=unused %s < %t.err
// RUN: not %borrowck --format=clang --strict %s 2> %t.strict | %check-findings %s
// RUN: FileCheck --check-prefix=WARN --check-prefix=STRICT %s < %t.strict
#include <string>
#include <utility>
void take(std::string);

int same_line() {
  std::string s = "x";
  take(std::move(s));
  return (int)s.size(); // borrowck-allow(use-after-move): checked by the caller
}

int line_before_by_code() {
  std::string s = "x";
  take(std::move(s));
  // borrowck-allow(E0382)
  return (int)s.size();
}

int several_names() {
  std::string s = "x";
  take(std::move(s));
  /* borrowck-allow(dangling-return, USE-AFTER-MOVE) */ return (int)s.size();
}

int wrong_rule_does_not_suppress() {
  std::string s = "x";
  take(std::move(s));
  return (int)s.size(); // borrowck-allow(dangling-return)
  // CHECK: {{.*}}comments.cpp:[[@LINE-1]]:15: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}comments.cpp:[[@LINE-4]]:15: note: move occurs because `s` has type `std::string`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}comments.cpp:[[@LINE-4]]:8: note: value moved here
}

int two_lines_before_does_not_suppress() {
  std::string s = "x";
  take(std::move(s));
  // borrowck-allow(use-after-move)

  return (int)s.size();
  // CHECK: {{.*}}comments.cpp:[[@LINE-1]]:15: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}comments.cpp:[[@LINE-6]]:15: note: move occurs because `s` has type `std::string`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}comments.cpp:[[@LINE-6]]:8: note: value moved here
}

const char *text = "borrowck-allow(use-after-move)";
int a_string_is_not_a_comment() {
  std::string s = "x";
  take(std::move(s));
  return (int)s.size() + text[0]; const char *t = "borrowck-allow(use-after-move)"; (void)t;
  // CHECK: {{.*}}comments.cpp:[[@LINE-1]]:15: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}comments.cpp:[[@LINE-4]]:15: note: move occurs because `s` has type `std::string`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}comments.cpp:[[@LINE-4]]:8: note: value moved here
}

// borrowck-allow(use-after-mvoe): a typo is a warning
int nothing_here() { return 0; } // borrowck-allow(borrow-of-temporary)

// Unused suppressions, in strict mode only (a name that suppressed nothing, even with others that did).
// STRICT: borrowck: warning: {{.*}}comments.cpp:25:6: unused suppression: no 'dangling-return' finding on this line or the next
// STRICT: borrowck: warning: {{.*}}comments.cpp:31:28: unused suppression: no 'dangling-return' finding on this line or the next
// STRICT: borrowck: warning: {{.*}}comments.cpp:40:6: unused suppression: no 'use-after-move' finding on this line or the next
// WARN: borrowck: warning: {{.*}}comments.cpp:58:4: borrowck-allow names no rule 'use-after-mvoe'; see borrowck --list-rules
// STRICT: borrowck: warning: {{.*}}comments.cpp:59:37: unused suppression: no 'borrow-of-temporary' finding on this line or the next
