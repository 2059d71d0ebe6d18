// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// data-race through member functions called on a field of *this from a member function (a test
// fixture's `svr_.listen()` in a thread while `SetUp` calls `svr_.wait_until_ready()`, as in
// cpp-httplib's tests): the call accesses the fields its body touches (`svr_.host_`), under the
// locks its body holds, as for a local object (shared-objects.cpp). Atomics-only members never
// race; an unprotected field touched by both threads, or a member whose body cannot be seen, still
// does.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

class Server {
public:
  Server &Get(const std::string &p, std::function<void()> h) {
    handlers_[p] = std::move(h);
    return *this;
  }
  bool listen(const std::string &host, int port) { return bind(host, port) && loop(); }
  void wait_until_ready() const {
    while (!running_ && !decommissioned_)
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
  }
  void stop() noexcept {
    int s = sock_.exchange(-1);
    if (s != -1)
      close_socket(s);
    decommissioned_ = false;
  }

private:
  static void close_socket(int);
  bool bind(const std::string &host, int port) {
    host_ = host;
    port_ = port;
    sock_ = 3;
    return true;
  }
  bool loop() {
    running_ = true;
    while (sock_ != -1)
      for (auto &h : handlers_)
        h.second();
    running_ = false;
    return true;
  }
  std::map<std::string, std::function<void()>> handlers_;
  std::string host_;
  int port_ = 0;
  std::atomic<int> sock_{-1};
  std::atomic<bool> running_{false};
  std::atomic<bool> decommissioned_{false};
};

// Quiet: the spawning thread's calls touch only atomics while the thread runs.
struct Fixture {
  Server svr_;
  std::thread t_;
  void SetUp() {
    svr_.Get("/hi", [] {});
    t_ = std::thread([&]() { svr_.listen("localhost", 1234); });
    svr_.wait_until_ready();
  }
  void TearDown() {
    svr_.stop();
    t_.join();
  }
  void Restart() {
    t_ = std::thread([this] { svr_.listen("localhost", 1234); });
    svr_.wait_until_ready();
    svr_.stop();
    t_.join();
  }
};

struct Counter {
  void inc() { ++n; }
  int get() const { return n; }
  int n = 0;
};
struct Locked {
  void inc() {
    std::lock_guard<std::mutex> g(m);
    ++n;
  }
  int get() const {
    std::lock_guard<std::mutex> g(m);
    return n;
  }
  mutable std::mutex m;
  int n = 0;
};
struct Unseen {
  void run();
  int peek() const;
};

// Quiet: both members lock the object's own mutex.
struct LockedOwner {
  Locked c_;
  std::thread t_;
  int start() {
    t_ = std::thread([this] { c_.inc(); });
    int v = c_.get();
    t_.join();
    return v;
  }
};

// Still races: the one unprotected field both members touch.
struct RacyOwner {
  Counter c_;
  std::thread t_;
  int start() {
    t_ = std::thread([this] { c_.inc(); });
    int v = c_.get();
    // CHECK: {{.*}}member-objects.cpp:[[@LINE-1]]:13: error: cannot borrow `c_.n` as immutable because it is also borrowed as mutable [data-race]
    // CHECK-NEXT: {{.*}}member-objects.cpp:[[@LINE-3]]:31: note: a `std::thread` thread writes `c_.n` here, in `inc()`
    t_.join();
    return v;
  }
};

// Still races: a non-const member whose body is not here writes the whole object.
struct UnseenOwner {
  Unseen o_;
  std::thread t_;
  int start() {
    t_ = std::thread([this] { o_.run(); });
    int v = o_.peek();
    // CHECK: {{.*}}member-objects.cpp:[[@LINE-1]]:13: error: cannot borrow `o_` as immutable because it is also borrowed as mutable [data-race]
    // CHECK-NEXT: {{.*}}member-objects.cpp:[[@LINE-3]]:31: note: a `std::thread` thread writes `o_` here
    t_.join();
    return v;
  }
};

class Notifier {
public:
  void notify(int id) { state_.fetch_add(1); slots_[id] = 1; }
  void bump() { ++count_; }
private:
  std::atomic<int> state_{0};
  std::vector<int> slots_ = std::vector<int>(8);
  int count_ = 0;
};
class Exec {
public:
  void run(int id) { n_.notify(id); }
  void tally() { n_.bump(); }
private:
  Notifier n_;
};
// A member calling a member of its field (`n_.notify()`): what that touches in the field, as
// `e.n_.state_` (atomic), `e.n_.slots_` (one element each). Quiet; an unprotected field still races.
void nested_quiet() {
  Exec e;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&e, i] { e.run(i); });
  for (auto &t : ts) t.join();
}
void nested_racy() {
  Exec e;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&e] { e.tally(); });
  // CHECK: {{.*}}member-objects.cpp:[[@LINE-1]]:28: error: cannot borrow `e.n_.count_` as mutable more than once at a time [data-race]
  for (auto &t : ts) t.join();
}

class ClientImpl {
public:
  virtual ~ClientImpl() = default;
  int Get() { std::lock_guard<std::recursive_mutex> g(m_); return process(); }
protected:
  virtual int process() { return ++n_; }
  std::recursive_mutex m_;
  int n_ = 0;
};
class SSLClient : public ClientImpl {
protected:
  int process() override { return ++n_ + ++m2_; }
  int m2_ = 0;
};
class Racy : public ClientImpl {
protected:
  int process() override { return ++unguarded_; }
public:
  int peek() { return unguarded_; }
  int unguarded_ = 0;
};
// An object held by value runs the final overriders of its class: `Get()` calling the virtual
// `process()` is followed into `SSLClient::process`, under the lock `Get` holds. Quiet; an
// overrider touching a field outside the lock still races.
void virtual_quiet() {
  SSLClient c;
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; ++i) ts.emplace_back([&] { c.Get(); });
  for (auto &t : ts) t.join();
}
void virtual_racy() {
  Racy c;
  std::thread t([&] { c.Get(); });
  c.peek();
  // CHECK: {{.*}}member-objects.cpp:[[@LINE-1]]:3: error: cannot borrow `c.unguarded_` as immutable because it is also borrowed as mutable [data-race]
  // CHECK-NEXT: {{.*}}member-objects.cpp:[[@LINE-3]]:23: note: the thread `t` writes `c.unguarded_` here, in `Get()` with `c.m_` locked
  t.join();
}
