// RUN: %borrowck --format=clang %s -- -std=c++23 | FileCheck --allow-empty --implicit-check-not='{{error|warning}}:' %s
// CHECK-NOT: error
// Correct code that earlier versions reported (found in review): each must stay silent.
#include <memory>
#include <utility>
#include <vector>

struct T {
  int x;
};

void delete_each_element() {
  std::vector<T *> v;
  v.push_back(new T);
  v.push_back(new T);
  for (T *p : v)
    delete p;
}

void delete_each_element_built_in_a_loop() {
  std::vector<T *> v;
  for (int i = 0; i < 3; ++i)
    v.push_back(new T);
  for (T *p : v)
    p->x = 0;
  for (T *p : v)
    delete p;
}

void null_each_element_then_delete_again(std::vector<T *> &v) {
  for (T *&p : v) {
    delete p;
    p = nullptr;
  }
  for (T *p : v)
    delete p;
}

void array_of_owners() {
  T *arr[2] = {new T, new T};
  for (auto &p : arr) {
    delete p;
    p = nullptr;
  }
  delete arr[0];
}

void moved_adopter_keeps_the_object_alive() {
  T *p = new T;
  std::unique_ptr<T> u(p);
  std::unique_ptr<T> v = std::move(u);
  p->x = 1;
}

void moved_adopter_then_released() {
  T *p = new T;
  std::unique_ptr<T> u(p);
  auto v = std::move(u);
  v.release();
  delete p;
}

void exchange_then_delete_both(T *q0) {
  T *p = new T;
  T *q = std::exchange(p, nullptr);
  delete q;
  delete p;
  T *r = q0;
  T *s = std::exchange(r, new T);
  delete s;
  r->x = 1;
  delete r;
}

void exchange_into_an_owner() {
  T *p = new T;
  std::unique_ptr<T> u(std::exchange(p, nullptr));
  delete p;
}

void handed_to_a_c_api_then_released() {
  auto u = std::make_unique<T>();
  T *p = u.get();
  u.release();
  delete p;
}

void cast_to_void_is_no_use() {
  T *p = new T;
  delete p;
  (void)p;
}

struct S {
  ~S();
  static const int &operator()(const int &x [[clang::lifetimebound]]) { return x; }
};
int static_call_operator(int x) {
  const int &r = S{}(x);
  return r;
}
