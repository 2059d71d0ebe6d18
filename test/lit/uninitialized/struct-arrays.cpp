// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Local arrays of structs: one slot per field of each element (`a[1].y`)
// while small; a computed index (`a[i].x`) is certain only when no element
// has a value; a large array is one slot (any write fills it: we under-claim).
struct Point {
  int x;
  int y;
};
struct Path {
  Point pts[3];
  int n;
};
void print(int);

int field_of_other_element() {
  Point a[4];
  a[0].x = 1;
  a[0].y = 2;
  return a[1].y;
  // CHECK: {{.*}}struct-arrays.cpp:[[@LINE-1]]:10: error: used binding `a` isn't fully initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}struct-arrays.cpp:[[@LINE-5]]:9: note: binding declared here but left uninitialized
}

void computed_index_nothing_written() {
  Point data[10];
  for (int i = 0; i < 10; i++)
    print(data[i].x);
  // CHECK: {{.*}}struct-arrays.cpp:[[@LINE-1]]:11: error: used binding `data` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}struct-arrays.cpp:[[@LINE-4]]:9: note: binding declared here but left uninitialized
}

int array_in_struct() {
  Path p;
  p.n = 1;
  p.pts[0].x = 0;
  return p.pts[0].y;
  // CHECK: {{.*}}struct-arrays.cpp:[[@LINE-1]]:10: error: used binding `p` isn't fully initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}struct-arrays.cpp:[[@LINE-5]]:8: note: binding declared here but left uninitialized
}

Point element_copied() {
  Point a[2];
  a[1].x = 1;
  return a[1];
  // CHECK: {{.*}}struct-arrays.cpp:[[@LINE-1]]:10: error: used binding `a` isn't fully initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}struct-arrays.cpp:[[@LINE-4]]:9: note: binding declared here but left uninitialized
}

int large_array_nothing_written() {
  Point big[100];
  return big[7].y;
  // CHECK: {{.*}}struct-arrays.cpp:[[@LINE-1]]:10: error: used binding `big` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}struct-arrays.cpp:[[@LINE-3]]:9: note: binding declared here but left uninitialized
}

// Correct code: no findings below.
int every_field_written() {
  Point a[2];
  a[0].x = a[0].y = 0;
  a[1].x = a[1].y = 1;
  return a[0].y + a[1].x;
}

void filled_by_loop() {
  Point data[10];
  for (int i = 0; i < 10; i++) {
    data[i].x = i;
    data[i].y = -i;
  }
  for (int i = 0; i < 10; i++)
    print(data[i].x);
}

int large_array_written_somewhere() {
  Point big[100];
  big[3].x = 1;
  return big[3].x;
}

int value_initialised() {
  Point a[4] = {};
  Point b[4]{};
  return a[2].y + b[3].x;
}
