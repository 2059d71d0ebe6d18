// RUN: %borrowck --format=clang %s -- -std=c++20 | %check-findings %s --allow-empty
// Correct code that a naive checker flags: nothing is reported here.
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

int global_counter;
struct Pair {
  int a, b;
};
std::pair<int, int> two();
int produce();

int every_branch(bool c) {
  int x;
  if (c)
    x = 1;
  else
    x = 2;
  return x;
}

int every_case(int k) {
  int x;
  switch (k) {
  case 0: x = 1; break;
  case 1: x = 2; break;
  default: x = 3; break;
  }
  return x;
}

int early_return(bool c) {
  int x;
  if (!c)
    return 0;
  x = 5;
  return x;
}

std::string class_types() {
  std::string s;
  std::vector<int> v;
  std::map<int, int> m;
  std::unique_ptr<int> p;
  return s + std::to_string(v.size() + m.size() + (p ? 1 : 0));
}

int statics_and_globals() {
  static int calls;
  thread_local int per_thread;
  return ++calls + per_thread + global_counter;
}

int address_escapes(int *&out) {
  int x;
  out = &x;
  *out = 3;
  return x;
}

int captured_by_reference() {
  int x;
  auto set = [&x] { x = 4; };
  set();
  return x;
}

int unused() {
  [[maybe_unused]] int x;
  int y;
  (void)y;
  return 0;
}

unsigned long unevaluated() {
  int x;
  Pair p;
  int a[4];
  return sizeof x + sizeof p + sizeof a + alignof(decltype(x));
}

int stream_extraction(std::istream &in) {
  int x;
  in >> x;
  return x;
}

int from_string(const std::string &s) {
  std::istringstream in(s);
  int n;
  if (!(in >> n))
    return -1;
  return n;
}

int tie_assignment() {
  int a, b;
  std::tie(a, b) = two();
  return a + b;
}

int structured_binding() {
  auto [a, b] = two();
  return a + b;
}

int try_catch() {
  int x;
  try {
    x = produce();
  } catch (...) {
    return -1;
  }
  return x;
}

int goto_forward(bool c) {
  int x;
  if (c)
    goto set;
  x = 1;
  goto done;
set:
  x = 2;
done:
  return x;
}

int self_init_idiom() {
  int x = x; // GCC's "deliberately uninitialised" idiom: Clang does not warn either
  x = 1;
  return x;
}

int assigned_in_condition() {
  int x;
  if ((x = produce()) > 0)
    return x;
  return 0;
}

int compound_after_init(int n) {
  int sum;
  sum = 0;
  for (int i = 0; i < n; ++i)
    sum += i;
  return sum;
}

int pair_fields_assigned() {
  Pair p;
  p.a = 1;
  p.b = 2;
  Pair q = p;
  return q.a + q.b;
}

int array_in_struct() {
  struct Buf {
    int len;
    char data[8];
  } b;
  b.len = 0;
  for (int i = 0; i < 8; ++i)
    b.data[i] = 0;
  return b.len + b.data[3];
}

int passed_by_const_reference() {
  Pair p;
  const Pair &r = p;
  (void)r;
  p.a = p.b = 0;
  return p.a;
}

int lambda_own_locals() {
  auto f = [](bool c) {
    int y;
    if (c)
      y = 1;
    else
      y = 2;
    return y;
  };
  return f(true);
}

template <typename T> T generic(bool c) {
  T t;
  if (c)
    t = T(1);
  else
    t = T(2);
  return t;
}
int instantiate() { return generic<int>(true) + static_cast<int>(generic<double>(false)); }

// Correlated conditions: Clang's analysis says "maybe"; no path that skips the
// write can be named, and the code is correct. (rustc would reject it.)
int correlated(bool verbose) {
  int level;
  if (verbose)
    level = produce();
  int out = 0;
  if (verbose)
    out = level;
  return out;
}

int correlated_fields(bool verbose) {
  Pair p;
  if (verbose)
    p.a = produce();
  int out = 0;
  if (verbose)
    out = p.a;
  return out;
}
