// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <functional>
#include <string>
#include <utility>

void sink(std::string s);

// Moved into an init-capture, then used.
std::size_t init_capture() {
  std::string s = "x";
  auto f = [t = std::move(s)] { return t.size(); };
  return f() + s.size();
  // CHECK: {{.*}}lambdas.cpp:[[@LINE-1]]:16: error: borrow of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:15: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:17: note: value moved here
}

// Moved inside a lambda body, used later in the same body.
void inside_body() {
  std::string s = "x";
  auto f = [&] {
    sink(std::move(s));
    return s.size();
    // CHECK: {{.*}}lambdas.cpp:[[@LINE-1]]:12: error: borrow of moved value: `s` [use-after-move]
    // CHECK-NEXT: {{.*}}:[[@LINE-5]]:15: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:10: note: value moved here
  };
  f();
}

// Captured by copy after a move: the copy reads the moved-from value.
void copy_capture_after_move() {
  std::string s = "x";
  sink(std::move(s));
  auto f = [s] { return s.size(); };
  // CHECK: {{.*}}lambdas.cpp:[[@LINE-1]]:13: error: use of moved value: `s` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  f();
}

// A lambda's own parameter.
auto param_lambda = [](std::string p) {
  sink(std::move(p));
  return p.size();
  // CHECK: {{.*}}lambdas.cpp:[[@LINE-1]]:10: error: borrow of moved value: `p` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:36: note: move occurs because {{.*}}
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: value moved here
};

// A moved std::function called.
void function_object() {
  std::function<int()> f = [] { return 1; };
  auto g = std::move(f);
  f();
  // CHECK: {{.*}}lambdas.cpp:[[@LINE-1]]:3: error: borrow of moved value: `f` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  g();
}

// --- negative cases ---

// Moved into the lambda, used only through the lambda.
std::size_t moved_in() {
  std::string s = "x";
  auto f = [s = std::move(s)] { return s.size(); };
  return f();
}

// Each call of the lambda gets a fresh parameter.
void fresh_parameter() {
  auto f = [](std::string v) { sink(std::move(v)); };
  f("a");
  f("b");
}

// A generic lambda is analysed per instantiation, and a finding in its body
// is reported once however many instantiations share it.
void generic_lambda() {
  auto l = [](auto x) {
    sink(std::string(std::move(x)));
    return x.size();
    // CHECK: {{.*}}lambdas.cpp:[[@LINE-1]]:12: error: borrow of moved value: `x` [use-after-move]
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:20: note: move occurs because `x` has type `std::string`, which is not trivially copyable
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:22: note: value moved here
  };
  l(std::string("a"));
  l(std::string("b"));
}

void generic_lambda_two_types() {
  auto l = [](auto x, auto y) {
    auto z = std::move(x);
    return x.size() + y;
    // CHECK: {{.*}}lambdas.cpp:[[@LINE-1]]:12: error: borrow of moved value: `x` [use-after-move]
    // CHECK-NEXT: {{.*}}: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:14: note: value moved here
  };
  l(std::string("a"), 1);
  l(std::string("b"), 2u);
}
