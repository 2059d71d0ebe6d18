// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --strict --format=clang %s -- -std=c++20 | %check-findings --check-prefixes=CHECK,STRICT %s
// RUN: not %borrowck --teach --width=0 %s -- -std=c++20 | FileCheck --check-prefix=HUMAN %s
// One object given to two reference parameters, one of them non-const, of a
// callee whose body writes through one and reads the other: each write changes
// what the other reads. Rust rejects the two borrows (E0499, or E0502 when the
// read is through a const reference). Shown by the body: default mode; not
// shown (no body, or no read): --strict only.
struct Point { int x, y; };

void swap_xor(int &a, int &b) { a ^= b; b ^= a; a ^= b; }
void add_to(int &dst, int &src) { dst += src; }
void mirror(Point &to, const Point &from) { to.x = from.y; to.y = from.x; }
void set_both(int &a, int &b) { a = 1; b = 2; }
void opaque(int &a, int &b);
void look(const int &a, const int &b);

void through_an_alias() {
  int x = 1;
  int &alias = x;
  swap_xor(x, alias);
  // CHECK: {{.*}}aliased-arguments.cpp:[[@LINE-1]]:15: error: cannot borrow `x` as mutable more than once at a time [conflicting-borrows]
  // CHECK-NEXT: {{.*}}:[[@LINE-2]]:3: note: first borrow later used by call
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:12: note: first mutable borrow occurs here
}
// HUMAN: error[E0499]: cannot borrow `x` as mutable more than once at a time
// HUMAN: = note: `swap_xor` writes through its parameter `a` and reads its parameter `b`, and both are `x`: each write changes what the other reads (not undefined behaviour in C++, but rarely what was meant); Rust rejects two live borrows of one value when one of them is mutable

void same_parameter(int &total) {
  add_to(total, total);
  // CHECK: {{.*}}aliased-arguments.cpp:[[@LINE-1]]:17: error: cannot borrow `total` as mutable more than once at a time [conflicting-borrows]
  // CHECK-NEXT: {{.*}}:[[@LINE-2]]:3: note: first borrow later used by call
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:10: note: first mutable borrow occurs here
}

void struct_onto_itself() {
  Point p{1, 2};
  mirror(p, p);
  // CHECK: {{.*}}aliased-arguments.cpp:[[@LINE-1]]:13: error: cannot borrow `p` as immutable because it is also borrowed as mutable [conflicting-borrows]
  // CHECK-NEXT: {{.*}}:[[@LINE-2]]:3: note: mutable borrow later used by call
  // CHECK-NEXT: {{.*}}:[[@LINE-3]]:10: note: mutable borrow occurs here
}

// Not shown by a body: --strict only.
void unknown_body() {
  int x = 0;
  opaque(x, x);
  // STRICT: {{.*}}aliased-arguments.cpp:[[@LINE-1]]:13: error: cannot borrow `x` as mutable more than once at a time [conflicting-borrows]
  set_both(x, x); // writes both, reads neither
  // STRICT: {{.*}}aliased-arguments.cpp:[[@LINE-1]]:15: error: cannot borrow `x` as mutable more than once at a time [conflicting-borrows]
}

// Not findings, in either mode.
void distinct_objects() {
  int x = 1, y = 2;
  int &ry = y;
  swap_xor(x, ry);
  add_to(x, y);
  Point p{1, 2}, q{3, 4};
  mirror(p, q);
}
void only_reads() {
  int x = 1;
  look(x, x);
}
