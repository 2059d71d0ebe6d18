// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Where Clang stops: fields of a struct and elements of an array declared
// without an initialiser, tracked one by one.
#include <cstring>

struct Point {
  int x;
  int y;
};
struct Rect {
  Point min, max;
};
struct Tagged {
  int tag = 0; // a default member initialiser: the constructor is not trivial
  int value;
};
void show(const Point &);
void fill(Point *);

int field_never_written() {
  Point p;
  p.x = 1;
  return p.y;
  // CHECK: {{.*}}aggregates.cpp:[[@LINE-1]]:10: error: used binding `p` isn't fully initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}aggregates.cpp:[[@LINE-4]]:9: note: binding declared here but left uninitialized
}

int no_field_written() {
  Point p;
  return p.x;
  // CHECK: {{.*}}aggregates.cpp:[[@LINE-1]]:10: error: used binding `p` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}aggregates.cpp:[[@LINE-3]]:9: note: binding declared here but left uninitialized
}

int nested_field(bool c) {
  Rect r;
  r.min.x = 0;
  r.min.y = 0;
  if (c)
    r.max.x = 5;
  return r.max.x;
  // CHECK: {{.*}}aggregates.cpp:[[@LINE-1]]:10: error: used binding `r` is possibly not fully initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}aggregates.cpp:[[@LINE-7]]:8: note: binding declared here but left uninitialized
}

Point copy_of_partial() {
  Point p;
  p.x = 1;
  return p;
  // CHECK: {{.*}}aggregates.cpp:[[@LINE-1]]:10: error: used binding `p` isn't fully initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}aggregates.cpp:[[@LINE-4]]:9: note: binding declared here but left uninitialized
}

int element_never_written() {
  int a[4];
  a[0] = 1;
  return a[1];
  // CHECK: {{.*}}aggregates.cpp:[[@LINE-1]]:10: error: used binding `a` isn't fully initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}aggregates.cpp:[[@LINE-4]]:7: note: binding declared here but left uninitialized
}

int computed_index_nothing_written(int i) {
  int a[8];
  return a[i];
  // CHECK: {{.*}}aggregates.cpp:[[@LINE-1]]:10: error: used binding `a` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}aggregates.cpp:[[@LINE-3]]:7: note: binding declared here but left uninitialized
}

int large_array() {
  char buf[256];
  return buf[10];
  // CHECK: {{.*}}aggregates.cpp:[[@LINE-1]]:10: error: used binding `buf` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}aggregates.cpp:[[@LINE-3]]:8: note: binding declared here but left uninitialized
}

// Correct code: no findings below.
int all_fields_written() {
  Point p;
  p.x = 1;
  p.y = 2;
  return p.x + p.y;
}

Point copy_of_complete() {
  Point p;
  p.x = 1;
  p.y = 2;
  return p;
}

int value_initialised() {
  Point p{};
  int a[4] = {};
  return p.y + a[2];
}

int assigned_as_a_whole() {
  Point p;
  p = Point{3, 4};
  return p.y;
}

int written_through_a_pointer() {
  Point p;
  fill(&p);
  return p.y;
}

int memset_then_read() {
  Point p;
  std::memset(&p, 0, sizeof p);
  return p.y;
}

int computed_index_some_written(int i) {
  int a[4];
  a[0] = 1;
  return a[i]; // which element is read is unknown: not reported
}

int large_array_partly_written() {
  char buf[256];
  buf[0] = 'a';
  return buf[1]; // one slot for the whole array: we under-claim
}

int not_trivial() {
  Tagged t;
  return t.tag;
}

int reference_escapes() {
  Point p;
  Point &r = p;
  r.x = 1;
  r.y = 1;
  return p.x;
}

int sizeof_only() {
  Point p;
  int a[3];
  return sizeof p + sizeof(a);
}
