// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// data-race: a forwarding reference or non-const reference that the callee only reads from is a
// read (issue 14, reproducer 10): std::make_unique<Client>(host) deduces `const char *&` and
// forwards it to a by-value parameter. A callee that writes through it, or moves from it, writes.
#include <memory>
#include <string>
#include <thread>
#include <utility>

struct Client {
  Client(const char *h, int p) : host(h), port(p) {}
  std::string host;
  int port;
};
struct Owner {
  explicit Owner(std::string &s) : name(std::move(s)) {}
  std::string name;
};
void listen(const char *host, int port);
void look(const char *&h) { listen(h, 0); }
void reset(const char *&h) { h = nullptr; }
template <class T> void pass_on(T &&t) { look(std::forward<T>(t)); }

void make_unique_reads() {
  const char *host = "localhost";
  std::thread t([&] { listen(host, 1); });
  auto c = std::make_unique<Client>(host, 2);
  t.join();
}

void non_const_reference_only_read() {
  const char *host = "localhost";
  std::thread t([&] { listen(host, 1); });
  look(host);
  pass_on(host);
  t.join();
}

void writes_through_the_reference() {
  const char *host = "localhost";
  std::thread t([&] { listen(host, 1); });
  reset(host);
  t.join();
}

void moved_from_through_make_unique() {
  std::string name = "n";
  std::thread t([&] { listen(name.c_str(), 1); });
  auto o = std::make_unique<Owner>(name);
  t.join();
}

// CHECK: {{.*}}forwarding.cpp:42:9: error: cannot borrow `host` as mutable because it is also borrowed as immutable [data-race]
// CHECK-NEXT: {{.*}}forwarding.cpp:41:30: note: the thread `t` reads `host` here
// CHECK: {{.*}}forwarding.cpp:49:36: error: cannot borrow `name` as mutable because it is also borrowed as immutable [data-race]
// CHECK-NEXT: {{.*}}forwarding.cpp:48:30: note: the thread `t` reads `name` here
