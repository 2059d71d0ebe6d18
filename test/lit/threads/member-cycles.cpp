// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// data-race through member functions that call each other (send -> handle -> redirect -> send, as
// cpp-httplib's ClientImpl does) and that hand `*this` to a helper (`detail::redirect(*this, ...)`
// calling `cli.send()`): a member reached again adds nothing (the same accesses, under more locks),
// and a helper's uses of the parameter that is `*this` are the object's, so the call touches the
// fields the bodies touch, under the locks they hold, instead of the whole object. A field touched
// outside the locks, through the cycle or the helper, is still a race; a helper that stores the
// object away cannot be followed and the call stays the whole object's write.
#include <mutex>
#include <string>
#include <thread>

class Client;
namespace detail {
template <typename T> bool redirect(T &cli, std::string &path) {
  path += "/next";
  return cli.send(path);
}
template <typename T> bool peek(T &cli) { return cli.ready(); }
template <typename T> bool count(T &cli) { return cli.bump(); }
template <typename T> bool count_through(T *cli) { return cli->bump(); }
inline Client *registry = nullptr;
template <typename T> void keep(T &cli) { registry = &cli; }
} // namespace detail

class Client {
public:
  bool get(std::string path) { return send(path); }
  bool send(std::string &path) {
    std::lock_guard<std::recursive_mutex> g(request_mutex_);
    return handle(path);
  }
  bool handle(std::string &path) {
    {
      std::lock_guard<std::mutex> g(socket_mutex_);
      ++requests_;
    }
    if (path.size() > 3 && redirects_-- > 0)
      return detail::redirect(*this, path); // back into send(): a cycle through a helper
    if (path.empty())
      return send(path); // a cycle through members
    return detail::peek(*this);
  }
  bool ready() const { return true; }
  bool bump() {
    ++unguarded_;
    return true;
  }
  bool counted() { return detail::count(*this); }
  bool counted_through() { return detail::count_through(this); }
  bool kept() {
    detail::keep(*this);
    return true;
  }
  int requests() {
    std::lock_guard<std::mutex> g(socket_mutex_);
    return requests_;
  }

private:
  std::recursive_mutex request_mutex_;
  std::mutex socket_mutex_;
  int requests_ = 0;
  int redirects_ = 3; // written under request_mutex_ only
  int unguarded_ = 0;
};

// Quiet: every field the cycle touches is under request_mutex_ or socket_mutex_.
void concurrent_gets(Client &c) {
  std::thread a([&] { c.get("/a"); });
  std::thread b([&] { c.get("/b"); });
  c.requests();
  a.join();
  b.join();
}

// Fires: the helper that `*this` is handed to touches `unguarded_` through a member, no lock held.
void counted_from_two_threads(Client &c) {
  std::thread a([&] { c.counted(); });
  c.counted();
  a.join();
}
// CHECK: {{.*}}member-cycles.cpp:[[@LINE-3]]:3: error: cannot borrow `c.unguarded_` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}member-cycles.cpp:[[@LINE-5]]:23: note: the thread `a` writes `c.unguarded_` here, in `counted()`

// Fires: `this` handed to a helper as a pointer, the same.
void counted_through_pointer(Client &c) {
  std::thread a([&] { c.counted_through(); });
  c.counted_through();
  a.join();
}
// CHECK: {{.*}}member-cycles.cpp:[[@LINE-3]]:3: error: cannot borrow `c.unguarded_` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}member-cycles.cpp:[[@LINE-5]]:23: note: the thread `a` writes `c.unguarded_` here, in `counted_through()`

// Fires: a helper that keeps the object cannot be followed: the call is a write of all of `c`
// (and of the global the helper writes).
void kept_from_two_threads(Client &c) {
  std::thread a([&] { c.kept(); });
  c.kept();
  a.join();
}
// CHECK: {{.*}}member-cycles.cpp:[[@LINE-3]]:3: error: cannot borrow `registry` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}member-cycles.cpp:[[@LINE-5]]:23: note: the thread `a` writes `registry` here, in `kept()`
// CHECK: {{.*}}member-cycles.cpp:[[@LINE-5]]:3: error: cannot borrow `c` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}member-cycles.cpp:[[@LINE-7]]:23: note: the thread `a` writes `c` here

// A cycle whose second member touches a field with no lock: still found through the cycle.
class Ping {
public:
  void ping(int n) {
    std::lock_guard<std::mutex> g(m_);
    if (n > 0)
      pong(n - 1);
  }
  void pong(int n) {
    ++hits_; // under m_ when reached from ping(), not when pong() is called directly
    if (n > 0)
      ping(n - 1);
  }

private:
  std::mutex m_;
  int hits_ = 0;
};

void ping_and_pong(Ping &p) {
  std::thread a([&] { p.ping(3); });
  p.pong(3);
  a.join();
}
// CHECK: {{.*}}member-cycles.cpp:[[@LINE-3]]:3: error: cannot borrow `p.hits_` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}member-cycles.cpp:[[@LINE-5]]:23: note: the thread `a` writes `p.hits_` here, in `ping()` with `p.m_` locked

// Quiet: both sides go through ping(), which holds m_ around everything the cycle touches.
void ping_twice(Ping &p) {
  std::thread a([&] { p.ping(3); });
  p.ping(2);
  a.join();
}

