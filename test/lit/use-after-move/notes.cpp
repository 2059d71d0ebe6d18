// RUN: not %borrowck --color=never --width=0 %s -- -std=c++20 | FileCheck %s
// The C++ note: what a moved-from value of the type is, and, for a finding
// on some paths only, that it holds on those paths.
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

void sink(std::string s);

void possibly_unspecified(bool c) {
  std::string s = "x";
  if (c)
    sink(std::move(s));
  s.size();
}
// CHECK: error[E0382]: borrow of possibly moved value: `s`
// CHECK: = note: not undefined behaviour in C++: on the paths where it was moved, a moved-from `std::string` is valid but unspecified; Rust rejects any use of a moved value

void possibly_null(bool c) {
  auto p = std::make_unique<int>(1);
  if (c)
    auto q = std::move(p);
  *p = 2;
}
// CHECK: error[E0382]: borrow of possibly moved value: `p`
// CHECK: = note: undefined behaviour in C++ on the paths where it was moved: a moved-from `std::unique_ptr<int>` is null, and this dereferences it

void lock(std::mutex &m) {
  std::unique_lock<std::mutex> l(m);
  auto l2 = std::move(l);
  l.unlock();
}
// CHECK: error[E0382]: borrow of moved value: `l`
// CHECK: = note: not undefined behaviour in C++: a moved-from `std::unique_lock<std::mutex>` holds no mutex, as C++ specifies; Rust rejects any use of a moved value

void thread() {
  std::thread t([] {});
  std::thread t2 = std::move(t);
  t.join();
  t2.join();
}
// CHECK: error[E0382]: borrow of moved value: `t`
// CHECK: = note: not undefined behaviour in C++: a moved-from `std::thread` is not joinable, as C++ specifies; Rust rejects any use of a moved value

void promise() {
  std::promise<int> pr;
  auto pr2 = std::move(pr);
  pr.set_value(1);
}
// CHECK: error[E0382]: borrow of moved value: `pr`
// CHECK: = note: not undefined behaviour in C++: a moved-from `std::promise<int>` has no shared state, as C++ specifies; Rust rejects any use of a moved value

void weak(std::shared_ptr<int> sp) {
  std::weak_ptr<int> w = sp;
  auto w2 = std::move(w);
  w.lock();
}
// CHECK: error[E0382]: borrow of moved value: `w`
// CHECK: = note: not undefined behaviour in C++: a moved-from `std::weak_ptr<int>` is empty (expired), as C++ specifies; Rust rejects any use of a moved value
