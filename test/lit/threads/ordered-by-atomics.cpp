// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// RUN: not %borrowck --teach --width=0 %s -- -std=c++20 | FileCheck --check-prefix=VERDICT %s
// A thread writes a local, then stores an atomic; the spawning thread waits on that atomic before
// it reads the local (cpp-httplib's tests: `port = svr.bind_to_any_port(); svr.listen_after_bind();`
// in the thread, `svr.wait_until_ready(); Client cli(HOST, port);` outside). The store and the
// load order the two accesses, so this is possibly valid C++: reported as Rust-only and possible
// (Rust rejects the closure's mutable borrow while the spawner reads), never as definite undefined
// behaviour. Without the wait, or with the wait after the read, it stays a data race.
#include <atomic>
#include <chrono>
#include <thread>

class Server {
public:
  int bind_to_any_port() {
    port_ = 42;
    return port_;
  }
  bool listen_after_bind() {
    running_ = true;
    while (!stop_) {
    }
    running_ = false;
    return true;
  }
  void wait_until_ready() const {
    while (!running_)
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
  }
  void stop() { stop_ = true; }

private:
  int port_ = 0;
  std::atomic<bool> running_{false};
  std::atomic<bool> stop_{false};
};
int use(int);

void ordered() {
  Server svr;
  int port = 0;
  std::thread t([&] {
    port = svr.bind_to_any_port();
    svr.listen_after_bind();
  });
  svr.wait_until_ready();
  use(port);
  // CHECK: {{.*}}ordered-by-atomics.cpp:[[@LINE-1]]:7: error: cannot borrow `port` as immutable because it is also borrowed as mutable [data-race]
  // CHECK-NEXT: {{.*}}ordered-by-atomics.cpp:[[@LINE-6]]:5: note: the thread `t` writes `port` here
  // VERDICT: {{.*}}ordered-by-atomics.cpp:[[@LINE-3]]:7
  // VERDICT: = note: possibly valid C++: since starting the thread, this thread touched `svr.running_` (in `wait_until_ready()`), which the thread touches too; if the thread writes `port` before it stores there and this thread reads after it loads, the accesses are ordered and there is no data race. Rust rejects the two borrows all the same (the thread's closure borrows `port` mutably while this thread uses it)
  // VERDICT-NOT: possible, not definite
  // VERDICT-NOT: undefined behaviour in C++
  svr.stop();
  t.join();
}

// The read comes before the wait: a data race, undefined behaviour.
void read_before_wait() {
  Server svr;
  int port = 0;
  std::thread t([&] {
    port = svr.bind_to_any_port();
    svr.listen_after_bind();
  });
  use(port);
  // CHECK: {{.*}}ordered-by-atomics.cpp:[[@LINE-1]]:7: error: cannot borrow `port` as immutable because it is also borrowed as mutable [data-race]
  // CHECK-NEXT: {{.*}}ordered-by-atomics.cpp:[[@LINE-5]]:5: note: the thread `t` writes `port` here
  // VERDICT: {{.*}}ordered-by-atomics.cpp:[[@LINE-3]]:7
  // VERDICT: = note: undefined behaviour in C++ (a data race): both threads may run at once, one writes and no lock protects these accesses
  svr.wait_until_ready();
  svr.stop();
  t.join();
}

// Waiting on an atomic the thread never touches orders nothing.
class Other {
public:
  void wait() const {
    while (!flag_) {
    }
  }
  std::atomic<bool> flag_{true};
};
void unrelated_atomic() {
  Server svr;
  Other o;
  int port = 0;
  std::thread t([&] { port = svr.bind_to_any_port(); });
  o.wait();
  use(port);
  // CHECK: {{.*}}ordered-by-atomics.cpp:[[@LINE-1]]:7: error: cannot borrow `port` as immutable because it is also borrowed as mutable [data-race]
  // CHECK-NEXT: {{.*}}ordered-by-atomics.cpp:[[@LINE-4]]:23: note: the thread `t` writes `port` here
  // VERDICT: {{.*}}ordered-by-atomics.cpp:[[@LINE-3]]:7
  // VERDICT: = note: undefined behaviour in C++ (a data race): both threads may run at once, one writes and no lock protects these accesses
  t.join();
}

// A member whose body is not here, on an object with atomics of its own, may store them.
struct Unseen {
  bool listen();
  void wait_until_ready() const {
    while (!running_) {
    }
  }
  std::atomic<bool> running_{false};
};
void unseen_listen() {
  Unseen svr;
  int port = 0;
  std::thread t([&] {
    port = 1;
    svr.listen();
  });
  svr.wait_until_ready();
  use(port);
  // CHECK: {{.*}}ordered-by-atomics.cpp:[[@LINE-1]]:7: error: cannot borrow `port` as immutable because it is also borrowed as mutable [data-race]
  // CHECK-NEXT: {{.*}}ordered-by-atomics.cpp:[[@LINE-6]]:5: note: the thread `t` writes `port` here
  // VERDICT: {{.*}}ordered-by-atomics.cpp:[[@LINE-3]]:7
  // VERDICT: = note: possibly valid C++: since starting the thread, this thread touched `svr.running_` (in `wait_until_ready()`){{.*}}
  t.join();
}
