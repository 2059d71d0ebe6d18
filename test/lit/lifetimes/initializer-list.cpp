// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// `return {1, 2, 3};` from a function returning std::initializer_list: the list views a
// temporary array that ends with the return statement (E0515). Quiet: a local list (its array
// lives as long as the list), a vector built from the braces, a list passed to a call.
#include <initializer_list>
#include <vector>

std::initializer_list<int> defaults() { return {1, 2, 3}; }
// CHECK: {{.*}}initializer-list.cpp:[[@LINE-1]]:48: error: cannot return value referencing temporary value [dangling-return]
// VERDICT: error[E0515]: cannot return value referencing temporary value

int first_of_local() {
  std::initializer_list<int> l = {1, 2};
  return *l.begin();
}

std::vector<int> as_vector() { return {1, 2, 3}; }

int sum(std::initializer_list<int> l) {
  int s = 0;
  for (int x : l)
    s += x;
  return s;
}

int passed_on() { return sum({1, 2}); }
