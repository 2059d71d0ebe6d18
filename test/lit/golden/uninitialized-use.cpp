// RUN: cd %S && not %borrowck --color=never uninitialized-use.cpp -- > %t.txt
// RUN: diff -u %S/uninitialized-use.expected %t.txt
// The human layout, pinned: rustc's E0381 frame, definite and possible (with the
// `if` that skips the initialisation), and a struct field.
int definite() {
  int x;
  return x;
}

int possible(int argc) {
  int x;
  if (argc > 5) {
    x = 1;
  }
  if (x > 0)
    return 1;
  return 0;
}

struct Point {
  int x, y;
};
int field() {
  Point p;
  p.x = 1;
  return p.y;
}
