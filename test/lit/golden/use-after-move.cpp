// RUN: cd %S && not %borrowck --color=never use-after-move.cpp -- > %t.txt
// RUN: diff -u %S/use-after-move.expected %t.txt
// RUN: cd %S && not %borrowck --color=always use-after-move.cpp -- > %t.color
// RUN: diff -u %S/use-after-move.color.expected %t.color
// The human layout, pinned: rustc's frame for E0382 (definite, possible, loop).
#include <memory>
#include <string>
#include <utility>
#include <vector>

void sink(std::string s);
struct Widget { void draw() const; };
void retire(std::unique_ptr<Widget> w);

std::size_t definite() {
  std::string s = "hello";
  std::string t = std::move(s);
  return s.size() + t.size();
}

void possible(bool urgent) {
  std::string body = "status";
  if (urgent) {
    sink(std::move(body));
  }
  sink(body);
}

void each_iteration(std::vector<std::string> &v) {
  std::string line = "x";
  for (int i = 0; i < 3; ++i) {
    v.push_back(std::move(line));
  }
}

void null_deref() {
  auto p = std::make_unique<Widget>();
  retire(std::move(p));



  p->draw();
}
