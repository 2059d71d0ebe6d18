// RUN: not %borrowck --format=json %s -- -std=c++20 | FileCheck %s
// What a shared_ptr owns may outlive it: another copy can share it. The check
// calls these Rust-only, and the machine field must say so, not "undefined
// behaviour if" (yaml-cpp's memory::create_node and node impl.h, reduced).
#include <memory>
#include <set>

struct Node { int v = 0; };
struct Memory {
  std::set<std::shared_ptr<Node>> nodes;
  Node &create() {
    std::shared_ptr<Node> p = std::make_shared<Node>();
    nodes.insert(p);
    return *p;
  }
};
struct Holder { Node &create(); };
Node &get(std::shared_ptr<Holder> h) {
  Node &n = h->create();
  return n;
}
// CHECK-NOT: "undefined-behaviour
// CHECK: "behaviour": "rust-only"
// CHECK-NOT: "undefined-behaviour
// CHECK: "behaviour": "rust-only"
// CHECK-NOT: "behaviour"
