// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// A range-for over a temporary view or range object (LLVM's SmallPtrSet:
// `for (const void *&B : small_buckets()) if (...) return &B;`): the elements
// live in what the range points to, not in the range object, so returning one
// does not dangle. Over a temporary owner, it does.
#include <vector>

struct Range {
  int* b;
  int* e;
  int* begin() const { return b; }
  int* end() const { return e; }
};

struct Set {
  int data[4];
  Range buckets() { return Range{data, data + 4}; }
  int* find(int x) {
    for (int& b : buckets())
      if (b == x)
        return &b;
    return nullptr;
  }
};

std::vector<int> make();

const int* first_of_temporary() {
  for (const int& x : make())
    return &x;
  // CHECK: {{.*}}range-of-temporary-view.cpp:[[@LINE-1]]:12: error: cannot return reference to temporary value [dangling-return]
  // CHECK-NEXT: {{.*}}range-of-temporary-view.cpp:[[@LINE-3]]:23: note: temporary value created here
  return nullptr;
}

// Kept past the loop: the temporary the range-for extended is gone (E0716).
int use(int);
int after_loop() {
  const int* p = nullptr;
  for (const int& x : make())
    p = &x;
  return use(*p);
  // CHECK: {{.*}}range-of-temporary-view.cpp:[[@LINE-3]]:23: error: temporary value dropped while borrowed [borrow-of-temporary]
  // CHECK-NEXT: {{.*}}range-of-temporary-view.cpp:[[@LINE-4]]:3: note: temporary value is freed at the end of this statement
  // CHECK-NEXT: {{.*}}range-of-temporary-view.cpp:[[@LINE-3]]:15: note: borrow later used here
}
