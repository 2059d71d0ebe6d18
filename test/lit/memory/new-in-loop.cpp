// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Each evaluation of `new` is a new object: `p.reset(new T)` in a loop frees
// the previous object and owns the new one (yaml-cpp Parser::ParseDirectives).
#include <memory>

struct D {
  int v = 0;
};
bool more();

struct Parser {
  std::unique_ptr<D> d;
  std::shared_ptr<D> s;
  void parse() {
    while (more())
      d.reset(new D);
  }
  void parse_shared() {
    for (int i = 0; i < 3; ++i)
      s.reset(new D);
  }
  void assign_in_loop() {
    do
      d = std::unique_ptr<D>(new D);
    while (more());
  }
};

void local_counted_loop() {
  std::unique_ptr<D> d;
  for (int i = 0; i < 3; ++i)
    d.reset(new D);
}

void local_declared_in_loop() {
  while (more()) {
    std::unique_ptr<D> d(new D);
    d.reset(new D);
  }
}

void delete_fresh_in_loop() {
  for (int i = 0; i < 3; ++i)
    delete new D;
}

void pointer_per_iteration(std::unique_ptr<D> &a) {
  while (more()) {
    D *p = new D;
    a.reset(p);
  }
}

// Still errors: one pointer value handed to two owners, or to one owner on
// every iteration.
void two_owners() {
  std::unique_ptr<D> a, b;
  D *p = new D;
  a.reset(p);
  b.reset(p);
  // CHECK: {{.*}}new-in-loop.cpp:[[@LINE-1]]:3: error: double free of `p` [double-free]
}

void same_pointer_every_iteration(std::unique_ptr<D> &a) {
  D *p = new D;
  for (int i = 0; i < 3; ++i)
    a.reset(p);
  // CHECK: {{.*}}new-in-loop.cpp:[[@LINE-1]]:5: error: double free of `p` [double-free]
}
