// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// thread-outlives-borrow through member functions: a thread started in a member function that
// borrows *this and outlives the call (detached, or stored in a member that the destructor does
// not join, or a jthread / future member destroyed after a field its thread uses) is reported
// where the caller's local object dies. Joining destructors and late jthread members are quiet.
#include <future>
#include <thread>
#include <vector>

void use(int);

struct Detacher {
  int data = 0;
  void start() { std::thread([this] { use(data); }).detach(); }
};

struct LocalThenDetach {
  int data = 0;
  void start() {
    std::thread t([this] { use(data); });
    t.detach();
  }
};

struct Stored {
  int data = 0;
  std::thread worker;
  void start() { worker = std::thread([this] { use(data); }); }
  void stop() { worker.join(); }
};

struct JoinsInDestructor {
  int data = 0;
  std::thread worker;
  void start() { worker = std::thread([this] { use(data); }); }
  ~JoinsInDestructor() {
    if (worker.joinable())
      worker.join();
  }
};

struct MemberFunctionThread {
  int data = 0;
  std::thread worker;
  void run() { use(data); }
  void start() { worker = std::thread(&MemberFunctionThread::run, this); }
  void stop() {
    if (worker.joinable())
      worker.join();
  }
  ~MemberFunctionThread() { stop(); }
};

struct MemberFunctionNoJoin {
  int data = 0;
  std::thread worker;
  void run() { use(data); }
  void start() { worker = std::thread(&MemberFunctionNoJoin::run, this); }
};

struct JThreadBeforeData {
  std::jthread worker; // destroyed after data
  int data = 0;
  void start() { worker = std::jthread([this] { use(data); }); }
};

struct JThreadAfterData {
  int data = 0;
  std::jthread worker; // destroyed (and joined) before data
  void start() { worker = std::jthread([this] { use(data); }); }
};

struct FutureBeforeData {
  std::future<void> pending;
  int data = 0;
  void start() { pending = std::async(std::launch::async, [this] { use(data); }); }
};

struct FutureAfterData {
  int data = 0;
  std::future<void> pending;
  void start() { pending = std::async(std::launch::async, [this] { use(data); }); }
};

struct PoolJoins {
  int data = 0;
  std::vector<std::thread> threads;
  void start() { threads.emplace_back([=] { use(data); }); } // C++17-style [=] captures this
  ~PoolJoins() {
    for (auto &t : threads)
      t.join();
  }
};

struct PoolNoJoin {
  int data = 0;
  std::vector<std::thread> threads;
  void start() { threads.emplace_back([&] { use(data); }); }
};

struct DefinedElsewhere {
  int data = 0;
  std::thread worker;
  void start() { worker = std::thread([this] { use(data); }); }
  void stop(); // may join: not known here
  ~DefinedElsewhere();
};

struct NoThisBorrow {
  std::thread worker;
  void start(int n) { worker = std::thread([n] { use(n); }); }
  ~NoThisBorrow() { worker.join(); }
};

struct JoiningBase {
  int data = 0;
  std::thread worker;
  void start() { worker = std::thread([this] { use(data); }); }
  ~JoiningBase() {
    if (worker.joinable())
      worker.join();
  }
};
struct DerivedFromJoining : JoiningBase {
  int more = 0;
};
struct DerivedFromStored : Stored {
  int more = 0;
};

// Threads started by constructors, in a member initialiser or the body.
struct StartsInInitializer {
  int data = 0;
  std::thread worker;
  StartsInInitializer() : worker([this] { use(data); }) {}
};
struct StartsInInitializerJoins {
  int data = 0;
  std::thread worker;
  StartsInInitializerJoins() : worker([this] { use(data); }) {}
  ~StartsInInitializerJoins() { worker.join(); }
};
struct StartsInBody {
  int data = 0;
  std::vector<std::thread> pool;
  explicit StartsInBody(int n) {
    for (int i = 0; i < n; ++i)
      pool.emplace_back([this] { use(data); });
  }
};
struct JThreadInitializerLate {
  std::jthread worker;
  int data = 0;
  JThreadInitializerLate() : worker([this] { use(data); }) {}
};
struct JThreadInitializerScoped {
  int data = 0;
  std::jthread worker;
  JThreadInitializerScoped() : worker([this] { use(data); }) {}
};

void finish(Stored &);

void detached_in_member() {
  Detacher d;
  d.start();
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:3: error: closure may outlive the current function, but it borrows `d`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-155]]:18: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-156]]:31: note: `d` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `d` dropped here while the thread may still be running

void detached_local_in_member() {
  LocalThenDetach l;
  l.start();
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:3: error: closure may outlive the current function, but it borrows `l`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-158]]:20: note: `l` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-158]]:5: note: the thread is detached here: nothing waits for it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `l` dropped here while the thread may still be running

void stored_not_joined() {
  Stored s;
  s.start();
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:3: error: closure may outlive the current function, but it borrows `s`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-159]]:18: note: the thread is stored in `worker` here, and `~Stored` does not join it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-160]]:40: note: `s` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `s` dropped here while the thread may still be running: `s.worker` is not joined before this point

void stored_joined_by_caller() {
  Stored s;
  s.start();
  s.stop();
}

void stored_joined_on_some_paths(bool c) {
  Stored s;
  s.start();
  if (c)
    s.stop();
}
  // CHECK: {{.*}}members.cpp:[[@LINE-4]]:3: error: closure may outlive the current function, but it borrows `s`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-176]]:18: note: the thread is stored in `worker` here, and `~Stored` does not join it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-177]]:40: note: `s` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `s` dropped here while the thread may still be running: `s.worker` is not joined before this point

void stored_handed_to_function() {
  Stored s;
  s.start();
  finish(s); // may join it
}

void destructor_joins() {
  JoinsInDestructor j;
  j.start();
}

void member_function_joined_by_destructor() {
  MemberFunctionThread m;
  m.start();
}

void member_function_not_joined() {
  MemberFunctionNoJoin m;
  m.start();
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:3: error: closure may outlive the current function, but it borrows `m`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-171]]:18: note: the thread is stored in `worker` here, and `~MemberFunctionNoJoin` does not join it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-172]]:67: note: `m` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `m` dropped here while the thread may still be running: `m.worker` is not joined before this point

void jthread_declared_before_data() {
  JThreadBeforeData w;
  w.start();
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:3: error: closure may outlive the current function, but it borrows `w`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-174]]:18: note: the thread is stored in `worker` here, which joins only when destroyed: after `data`, declared after it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-175]]:41: note: `w` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `w` dropped here while the thread may still be running

void jthread_declared_after_data() {
  JThreadAfterData w;
  w.start();
}

void future_declared_before_data() {
  FutureBeforeData w;
  w.start();
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:3: error: closure may outlive the current function, but it borrows `w`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-176]]:18: note: the future (and its task) is stored in `pending` here, which waits only when destroyed: after `data`, declared after it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-177]]:60: note: `w` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `w` dropped here while the thread may still be running

void future_declared_after_data() {
  FutureAfterData w;
  w.start();
}

void pool_joined() {
  PoolJoins p;
  p.start();
  p.start();
}

void pool_not_joined() {
  PoolNoJoin p;
  p.start();
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:3: error: closure may outlive the current function, but it borrows `p`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-174]]:18: note: the thread is stored in `threads` here, and `~PoolNoJoin` does not join it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-175]]:49: note: `p` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `p` dropped here while the thread may still be running: `p.threads` is not joined before this point

void destructor_defined_elsewhere() {
  DefinedElsewhere e;
  e.start();
}

void captures_no_this() {
  NoThisBorrow n;
  n.start(1);
}

void object_not_local(Stored &s) {
  s.start(); // the caller owns s
}

void base_destructor_joins() {
  DerivedFromJoining d;
  d.start();
}

void base_member_not_joined() {
  DerivedFromStored d;
  d.start();
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:3: error: closure may outlive the current function, but it borrows `d`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-272]]:18: note: the thread is stored in `worker` here, and `~Stored` does not join it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-273]]:40: note: `d` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `d` dropped here while the thread may still be running: `d.worker` is not joined before this point

void constructor_initializer() {
  StartsInInitializer s;
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:23: error: closure may outlive the current function, but it borrows `s`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-173]]:27: note: the thread is stored in `worker` here, and `~StartsInInitializer` does not join it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-174]]:35: note: `s` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `s` dropped here while the thread may still be running: `s.worker` is not joined before this point

void constructor_initializer_joined() {
  StartsInInitializerJoins s;
}

void constructor_body_pool() {
  StartsInBody s(4);
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:16: error: closure may outlive the current function, but it borrows `s`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-172]]:7: note: the thread is stored in `pool` here, and `~StartsInBody` does not join it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-173]]:26: note: `s` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `s` dropped here while the thread may still be running: `s.pool` is not joined before this point

void constructor_jthread_late() {
  JThreadInitializerLate s;
}
  // CHECK: {{.*}}members.cpp:[[@LINE-2]]:26: error: closure may outlive the current function, but it borrows `s`, which is owned by the current function [thread-outlives-borrow]
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-174]]:30: note: the thread is stored in `worker` here, which joins only when destroyed: after `data`, declared after it
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-175]]:38: note: `s` is borrowed here, as `this`
  // CHECK-NEXT: {{.*}}members.cpp:[[@LINE-4]]:1: note: `s` dropped here while the thread may still be running

void constructor_jthread_scoped() {
  JThreadInitializerScoped s;
}

void constructed_on_the_heap() {
  StartsInInitializer *p = new StartsInInitializer; // not a local: its lifetime is not followed
  (void)p;
}

Stored returned_by_value() {
  Stored s;
  s.start();
  return s; // copy elision keeps it alive; a move hands the thread on
}

void moved_into_another_local() {
  Stored s;
  s.start();
  Stored t = std::move(s); // handed to std::move: may be joined, not followed
  t.stop();
}
