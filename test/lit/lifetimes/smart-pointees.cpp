// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// What a smart pointer owns is not the local holding it. A std::shared_ptr
// copy keeps the object alive: a borrow of it that outlives one owner is
// Rust's error (an Rc's borrow), not surely undefined behaviour (yaml-cpp
// memory::create_node, node_data::get). The pointee of a unique_ptr member
// leaves with the object returned (cpp-httplib open_stream): a
// self-referential struct in Rust, valid C++.
#include <memory>
#include <vector>

struct Node {
  int v = 0;
};

struct Stream {
  virtual ~Stream() = default;
  int n = 0;
};
struct Handle {
  std::unique_ptr<Stream> owned;
  Stream *stream = nullptr;
};

Handle open() {
  Handle h;
  h.owned = std::make_unique<Stream>();
  h.stream = h.owned.get();
  return h;
}
// CHECK: {{.*}}smart-pointees.cpp:[[@LINE-2]]:10: error: cannot return value referencing local variable `h` [dangling-return]

Handle open_moved(bool c) {
  Handle h;
  h.owned.reset(new Stream);
  h.stream = &*h.owned;
  if (c)
    return std::move(h);
  return h;
}
// CHECK: {{.*}}smart-pointees.cpp:[[@LINE-3]]:12: error: cannot return value referencing local variable `h` [dangling-return]
// CHECK: {{.*}}smart-pointees.cpp:[[@LINE-3]]:10: error: cannot return value referencing local variable `h` [dangling-return]

// Still undefined behaviour: the pointer, not its owner, is returned.
Stream *pointer_out_of_local_owner() {
  Handle h;
  h.owned = std::make_unique<Stream>();
  h.stream = h.owned.get();
  return h.stream;
}
// CHECK: {{.*}}smart-pointees.cpp:[[@LINE-2]]:10: error: cannot return reference to local variable `h` [dangling-return]
