// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// data-race through member functions called on a shared object (issue 14, reproducer 05): a call
// accesses the fields its body touches, under the locks its body holds, as variables of their own
// (`k.n`). A member that touches only atomics, or fields under the object's own mutex (held in its
// body, GUARDED_BY, REQUIRES), is `&self` on a `Sync` type: never a race with another such call.
// A member whose body cannot be seen (or that hands `this` on, or is virtual through a reference)
// is the whole object's access, by its signature: const is a shared access (the standard library's
// rule for const members, [res.on.data.races]), non-const a write.
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#define GUARDED_BY(x) __attribute__((guarded_by(x)))
#define REQUIRES(x) __attribute__((requires_capability(x)))

struct Counter {
  std::atomic<int> c{0};
  void inc() { c.fetch_add(1, std::memory_order_relaxed); }
  int get() const { return c.load(); }
};

struct Locked {
  std::mutex m;
  int n = 0;
  void inc() { std::lock_guard<std::mutex> g(m); ++n; }
  int get() {
    std::lock_guard<std::mutex> g(m);
    return n;
  }
  void bump() { ++n; } // unprotected
  void via_helper() {
    std::unique_lock<std::mutex> l(m);
    bump();
  }
};

struct Server {
  std::atomic<bool> running{false};
  std::atomic<bool> stopping{false};
  void listen() { running = true; while (!stopping) std::this_thread::yield(); running = false; }
  void wait_until_ready() const { while (!running) std::this_thread::yield(); }
  void stop() { stopping = true; }
};

void atomic_member() {
  Counter k;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&] { k.inc(); });
  int seen = k.get();
  (void)seen;
  for (auto &t : ts)
    t.join();
}

void mutex_member() {
  Locked k;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&] { k.inc(); k.via_helper(); });
  int seen = k.get();
  (void)seen;
  for (auto &t : ts)
    t.join();
}

void listen_and_wait() {
  Server svr;
  std::thread t([&] { svr.listen(); });
  svr.wait_until_ready();
  svr.stop();
  t.join();
}

// Through a reference parameter, and a global object.
void by_reference(Locked &k) {
  std::thread a([&] { k.inc(); });
  std::thread b([&] { k.inc(); });
  a.join();
  b.join();
}
Locked global_counter;
void global_object() {
  std::thread a([] { global_counter.inc(); });
  global_counter.inc();
  a.join();
}

// Annotated: GUARDED_BY on the field, REQUIRES on a member its caller holds the mutex for.
struct Annotated {
  std::mutex mu;
  int n GUARDED_BY(mu) = 0;
  int k = 0;
  void inc() { ++n; } // -Wthread-safety checks this one
  void add() REQUIRES(mu) { ++k; }
  void locked_add() { std::lock_guard<std::mutex> g(mu); add(); }
};
void annotated() {
  Annotated a;
  std::thread t1([&] { a.inc(); a.locked_add(); });
  std::thread t2([&] { a.inc(); a.locked_add(); });
  t1.join();
  t2.join();
}

// An inherited member, and a struct whose methods touch only its own mutex-guarded queue.
struct Base {
  std::mutex m;
  std::vector<int> q;
  void push(int x) {
    std::lock_guard<std::mutex> g(m);
    q.push_back(x);
  }
};
struct Derived : Base {};
void inherited() {
  Derived d;
  std::thread t([&] { d.push(1); });
  d.push(2);
  t.join();
}

// Still races.
struct Half {
  std::mutex m;
  int a = 0;
  int b = 0;
  void inc() {
    {
      std::lock_guard<std::mutex> g(m);
      ++a;
    }
    ++b; // outside the lock
  }
};
void half_protected() {
  Half h;
  std::thread t1([&] { h.inc(); });
  std::thread t2([&] { h.inc(); });
  t1.join();
  t2.join();
}

void helper_without_the_lock() {
  Locked k;
  std::thread t1([&] { k.inc(); });
  std::thread t2([&] { k.bump(); });
  t1.join();
  t2.join();
}

void spawner_touches_the_field() {
  Locked k;
  std::thread t([&] { k.inc(); });
  k.n = 5;
  t.join();
}

// Bodies that cannot be seen: the signature decides.
struct Opaque {
  int n = 0;
  void write();
  int read() const;
};
void unseen_non_const() {
  Opaque o;
  std::thread t1([&] { o.write(); });
  std::thread t2([&] { o.write(); });
  t1.join();
  t2.join();
}
void unseen_const() {
  Opaque o;
  std::thread t1([&] { (void)o.read(); });
  std::thread t2([&] { (void)o.read(); });
  t1.join();
  t2.join();
}

// A virtual member called through a reference: which body runs is not known.
struct Shape {
  std::atomic<int> hits{0};
  virtual void hit() { ++hits; }
};
void virtual_through_reference(Shape &s) {
  std::thread t1([&] { s.hit(); });
  std::thread t2([&] { s.hit(); });
  t1.join();
  t2.join();
}

// CHECK: {{.*}}shared-objects.cpp:140:24: error: cannot borrow `h.b` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}shared-objects.cpp:139:24: note: the thread `t1` writes `h.b` here, in `inc()`
// CHECK: {{.*}}shared-objects.cpp:148:24: error: cannot borrow `k.n` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}shared-objects.cpp:147:24: note: the thread `t1` writes `k.n` here, in `inc()` with `k.m` locked
// CHECK: {{.*}}shared-objects.cpp:156:3: error: cannot borrow `k.n` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}shared-objects.cpp:155:23: note: the thread `t` writes `k.n` here, in `inc()` with `k.m` locked
// CHECK: {{.*}}shared-objects.cpp:169:24: error: cannot borrow `o` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}shared-objects.cpp:168:24: note: the thread `t1` writes `o` here
// CHECK: {{.*}}shared-objects.cpp:188:24: error: cannot borrow `s` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}shared-objects.cpp:187:24: note: the thread `t1` writes `s` here
