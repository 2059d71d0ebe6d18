// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --teach --width=0 %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// Heap memory that starts indeterminate: `new T[n]` and `new T` of a type
// without an initialising constructor, `malloc`, `alloca`; read through the
// pointer that holds it (`p[k]`, `*p`, `p->f`) before it is written.
#include <algorithm>
#include <alloca.h>
#include <cstdlib>
#include <cstring>
#include <memory>

struct TwoInts {
  int one;
  int two;
};
struct WithCtor {
  int v;
  WithCtor() : v(0) {}
};
void print(int);
void fill(int *, int);
bool flag();

int new_array_element() {
  int *p = new int[4];
  p[0] = 1;
  int r = p[1];
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:11: error: used memory `p[1]` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-4]]:12: note: memory allocated here but left uninitialized
// VERDICT: error[E0381]: used memory `p[1]` isn't initialized
// VERDICT: memory allocated here but left uninitialized
// VERDICT: `p[1]` used here but it isn't initialized
// VERDICT: = note: undefined behaviour in C++: `new` leaves the memory indeterminate and this reads it
// VERDICT-NEXT: = help: value-initialize the elements where they are allocated: `new int[4]()` zero-fills them (or use `std::vector<int>(n)`); or write every element before this read
// VERDICT-NEXT: = note: Rust: safe Rust has no uninitialized memory: `vec![0; n]` and `Box::new(value)` initialize what they allocate; `Box::new_uninit()` gives a `MaybeUninit<T>` that only `unsafe { .assume_init() }` reads.
// VERDICT-NEXT: = note: Go: impossible: `make([]T, n)` and `new(T)` return zeroed memory.
// VERDICT-NEXT: = note: C++ runtime: no compiler warning sees heap memory; MemorySanitizer and valgrind report the read in runs that take this path; a plain run reads whatever the allocator left there.
// VERDICT-NEXT: = help: to learn more, run `borrowck --explain E0381`
  delete[] p;
  return r;
}

void new_array_loop() {
  int *data;
  data = new int[10];
  for (int i = 0; i < 10; i++)
    print(data[i]);
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:11: error: used memory `data[i]` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-4]]:10: note: memory allocated here but left uninitialized
  delete[] data;
}

void malloc_array() {
  int *data = (int *)malloc(10 * sizeof(int));
  if (data == nullptr)
    exit(-1);
  print(data[0]);
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:9: error: used memory `data[0]` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-5]]:15: note: memory allocated here but left uninitialized
// VERDICT: = help: allocate with `calloc`, which zero-fills, or write every element (`memset`, `std::fill`, a loop) before this read
  free(data);
}

int new_scalar() {
  int *p = new int;
  int r = *p;
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:11: error: used memory `*p` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-3]]:12: note: memory allocated here but left uninitialized
// VERDICT: = help: value-initialize it where it is allocated, `new int()` or `new int{}`, or assign it before this read
  delete p;
  return r;
}

int new_struct_field() {
  TwoInts *s = new TwoInts;
  s->one = 1;
  int r = s->two;
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:11: error: used memory `s->two` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-4]]:16: note: memory allocated here but left uninitialized
  delete s;
  return r;
}

void struct_array_loop(int n) {
  TwoInts *data = new TwoInts[n];
  for (int i = 0; i < n; i++)
    print(data[i].one);
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:11: error: used memory `data[i].one` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-4]]:19: note: memory allocated here but left uninitialized
  delete[] data;
}

int alloca_buffer() {
  char *buf = static_cast<char *>(alloca(64));
  return buf[3];
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:10: error: used memory `buf[3]` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-3]]:15: note: memory allocated here but left uninitialized
}

int some_paths(bool c) {
  int *p = new int[2];
  if (c) {
    p[0] = 1;
    p[1] = 2;
  }
  int r = p[1];
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:11: error: used memory `p[1]` is possibly-uninitialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-7]]:12: note: memory allocated here but left uninitialized
  delete[] p;
  return r;
}

int reallocated() {
  int *p = new int[2];
  p[0] = p[1] = 0;
  delete[] p;
  p = new int[2];
  int r = p[0];
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:11: error: used memory `p[0]` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-3]]:7: note: memory allocated here but left uninitialized
  delete[] p;
  return r;
}

// Allocated on some paths: the paths that skip the allocation leave the
// pointer null, which is not what makes the read wrong.
int global_true = 1;
void allocated_under_a_test() {
  int *data = nullptr;
  if (global_true)
    data = new int[10];
  if (global_true) {
    for (int i = 0; i < 10; i++)
      print(data[i]);
  // CHECK: {{.*}}heap.cpp:[[@LINE-1]]:13: error: used memory `data[i]` isn't initialized [uninitialized-use]
  // CHECK-NEXT: {{.*}}heap.cpp:[[@LINE-5]]:12: note: memory allocated here but left uninitialized
    delete[] data;
  }
}

// Correct code: no findings below.
void allocated_and_filled_under_a_test() {
  int *data = nullptr;
  if (global_true) {
    data = new int[10];
    for (int i = 0; i < 10; i++)
      data[i] = i;
  }
  if (global_true) {
    for (int i = 0; i < 10; i++)
      print(data[i]);
    delete[] data;
  }
}

int value_initialised() {
  int *p = new int[4]();
  int *q = new int[4]{};
  int *s = new int(5);
  int r = p[1] + q[2] + *s;
  delete[] p;
  delete[] q;
  delete s;
  return r;
}

void filled_by_loop() {
  int *data = new int[10];
  for (int i = 0; i < 10; i++)
    data[i] = i;
  for (int i = 0; i < 10; i++)
    print(data[i]);
  delete[] data;
}

int filled_by_memset() {
  int *data = (int *)malloc(10 * sizeof(int));
  memset(data, 0, 10 * sizeof(int));
  int r = data[3];
  free(data);
  return r;
}

int filled_by_std_fill() {
  int *data = new int[10];
  std::fill(data, data + 10, 0);
  int r = data[3];
  delete[] data;
  return r;
}

int filled_by_uninitialized_fill() {
  int *data = static_cast<int *>(malloc(4 * sizeof(int)));
  std::uninitialized_fill(data, data + 4, 7);
  int r = data[0];
  free(data);
  return r;
}

int filled_by_callee() {
  int *data = new int[10];
  fill(data, 10);
  int r = data[0];
  delete[] data;
  return r;
}

int calloc_zeroes() {
  int *data = (int *)calloc(10, sizeof(int));
  int r = data[0];
  free(data);
  return r;
}

int constructor_initialises() {
  WithCtor *w = new WithCtor;
  int r = w->v;
  delete w;
  return r;
}

int every_field_written() {
  TwoInts *s = new TwoInts;
  s->one = 1;
  s->two = 2;
  int r = s->one + s->two;
  delete s;
  return r;
}

int written_through_an_alias() {
  int *p = new int[2];
  int *q = p;
  q[0] = q[1] = 3;
  int r = p[1];
  delete[] p;
  return r;
}

int pointer_reassigned(int *other) {
  int *p = new int[2];
  delete[] p;
  p = other;
  return p[0];
}

bool only_tested() {
  int *p = new int[2];
  bool ok = p != nullptr && !!p;
  if (p)
    ok = !ok;
  delete[] p;
  return ok;
}

int unique_array() {
  std::unique_ptr<int[]> p(new int[4]());
  return p[1];
}
