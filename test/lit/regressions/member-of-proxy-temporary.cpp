// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// A true bug to keep finding (yaml-cpp test/node/node_test.cpp:373): a
// reference bound to a member of the temporary proxy an iterator's
// operator-> returns, read on the next line.
#include <string>

struct Pair {
  std::string first;
  int second = 0;
};
struct proxy {
  Pair v;
  const Pair *operator->() const { return &v; }
};
struct iter {
  Pair p;
  proxy operator->() const { return proxy{p}; }
};
void use(const std::string &);

void bound_to_member_of_proxy(iter it) {
  const std::string &k = it->first;
  use(k);
  // CHECK: {{.*}}member-of-proxy-temporary.cpp:[[@LINE-2]]:26: error: temporary value dropped while borrowed [borrow-of-temporary]
}

// Copied out of the proxy: fine.
void copied(iter it) {
  std::string k = it->first;
  use(k);
  use(it->first);
}
