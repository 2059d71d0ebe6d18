// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Moved-from std::unique_ptr / std::shared_ptr are null: dereferencing them is
// undefined behaviour; testing them for null or resetting them is fine.
#include <cassert>
#include <memory>
#include <utility>

struct Widget {
  int size = 0;
  void draw() const {}
};
void retire(std::unique_ptr<Widget> w);
void share(std::shared_ptr<Widget> w);

void arrow_after_move() {
  auto p = std::make_unique<Widget>();
  retire(std::move(p));
  p->draw();
  // CHECK: {{.*}}smart-pointers.cpp:[[@LINE-1]]:3: error: borrow of moved value: `p` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: move occurs because `p` has type `std::unique_ptr<Widget>`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:10: note: value moved here
}

int star_after_move_shared() {
  auto p = std::make_shared<Widget>();
  auto q = std::move(p);
  return (*p).size + q->size;
  // CHECK: {{.*}}smart-pointers.cpp:[[@LINE-1]]:12: error: borrow of moved value: `p` [use-after-move]
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:8: note: move occurs because `p` has type `std::shared_ptr<Widget>`, which is not trivially copyable
  // CHECK-NEXT: {{.*}}:[[@LINE-4]]:12: note: value moved here
}

void maybe_moved(bool c) {
  std::unique_ptr<Widget> p(new Widget);
  if (c)
    retire(std::move(p));
  p->draw();
  // CHECK: {{.*}}smart-pointers.cpp:[[@LINE-1]]:3: error: borrow of possibly moved value: `p` [use-after-move]
  // CHECK-NEXT: {{.*}}: note: {{.*}}
  // CHECK-NEXT: {{.*}}: note: {{.*}}
}

// --- negative cases ---

void checked_for_null() {
  auto p = std::make_unique<Widget>();
  retire(std::move(p));
  if (p)
    p->draw();
  if (p != nullptr)
    p->draw();
  if (p.get())
    p->draw();
  if (p && p->size > 0)
    p->draw();
}

void early_exit_on_null() {
  auto p = std::make_shared<Widget>();
  share(std::move(p));
  if (!p)
    return;
  p->draw();
}

void reset_after_move() {
  auto p = std::make_unique<Widget>();
  retire(std::move(p));
  if (p == nullptr)
    p.reset(new Widget);
  p->draw();
}

void reassigned() {
  auto p = std::make_unique<Widget>();
  retire(std::move(p));
  p = std::make_unique<Widget>();
  p->draw();
}

bool compare_and_get() {
  auto p = std::make_unique<Widget>();
  retire(std::move(p));
  return p == nullptr && p.get() == nullptr;
}

// assert(p) and explicit conversions to bool test p against null: not a
// use, and on the non-null side p holds a new value.
int asserted_after_move() {
  std::unique_ptr<Widget> p = std::make_unique<Widget>();
  retire(std::move(p));
  assert(p);
  return p->size;
}

int explicit_bool_tests(bool c) {
  std::unique_ptr<Widget> p = std::make_unique<Widget>();
  retire(std::move(p));
  bool b1 = static_cast<bool>(p), b2 = bool(p), b3 = !!p, b4 = (bool)p;
  if (static_cast<bool>(p))
    return p->size;
  if (bool(p))
    return p->size;
  if (!!p)
    return p->size;
  if ((bool)p && c)
    return p->size;
  return b1 + b2 + b3 + b4;
}
