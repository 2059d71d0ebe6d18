// RUN: %borrowck --format=clang %s -- -std=c++20 | %check-findings %s --allow-empty
// Static members named through a moved-from object do not read the object.
#include <string>
#include <utility>

struct Counter {
  std::string name;
  static int count;
  static constexpr int limit = 3;
  static int next() { return ++count; }
  enum Kind { Small, Large };
};
void sink(Counter c);

int static_data_member() {
  Counter c;
  sink(std::move(c));
  return c.count + c.limit;
}

int static_member_function() {
  Counter c;
  sink(std::move(c));
  return c.next();
}

int enumerator() {
  Counter c;
  sink(std::move(c));
  return c.Large;
}
