// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// data-race with Clang's thread-safety attributes: a user's mutex (CAPABILITY), its ACQUIRE /
// RELEASE members, a SCOPED_CAPABILITY lock wrapper, REQUIRES on a helper, GUARDED_BY and
// PT_GUARDED_BY data. Wrapped locks are locks; unlocked accesses still race.
#include <thread>

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define GUARDED_BY(x) __attribute__((guarded_by(x)))
#define PT_GUARDED_BY(x) __attribute__((pt_guarded_by(x)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
  void Lock() ACQUIRE();
  void Unlock() RELEASE();
};

class SCOPED_CAPABILITY MutexLock {
public:
  explicit MutexLock(Mutex *m) ACQUIRE(m);
  ~MutexLock() RELEASE();
};

class SCOPED_CAPABILITY ReleasableLock {
public:
  explicit ReleasableLock(Mutex &m) ACQUIRE(m);
  void Release() RELEASE();
  ~ReleasableLock() RELEASE();
};

Mutex mu, other;
int counter = 0;
int guarded GUARDED_BY(mu) = 0;
int *pointee PT_GUARDED_BY(mu) = nullptr;

void global_lock() ACQUIRE(mu);
void global_unlock() RELEASE(mu);
void bump_requires() REQUIRES(mu) { ++counter; }

void scoped_wrapper() {
  std::thread a([] { MutexLock l(&mu); ++counter; });
  std::thread b([] { MutexLock l(&mu); ++counter; });
  a.join();
  b.join();
}

void manual_acquire_release() {
  std::thread a([] { mu.Lock(); ++counter; mu.Unlock(); });
  std::thread b([] { mu.Lock(); ++counter; mu.Unlock(); });
  a.join();
  b.join();
}

void annotated_free_functions() {
  std::thread a([] { global_lock(); ++counter; global_unlock(); });
  std::thread b([] { global_lock(); ++counter; global_unlock(); });
  a.join();
  b.join();
}

void requires_capability_helper() {
  std::thread a([] { MutexLock l(&mu); bump_requires(); });
  std::thread b([] { mu.Lock(); bump_requires(); mu.Unlock(); });
  a.join();
  b.join();
}

void guarded_by_is_trusted() {
  std::thread a([] { ++guarded; });
  std::thread b([] { ++guarded; }); // -Wthread-safety's job
  a.join();
  b.join();
}

void pt_guarded_by_is_trusted() {
  std::thread a([] { MutexLock l(&mu); *pointee = 1; });
  std::thread b([] { MutexLock l(&mu); *pointee = 2; });
  a.join();
  b.join();
}

// Races: one side unlocked, a different mutex, a lock released early.
void one_side_unlocked() {
  std::thread a([] { MutexLock l(&mu); ++counter; });
  std::thread b([] { ++counter; });
  a.join();
  b.join();
}
  // CHECK: {{.*}}annotations.cpp:[[@LINE-4]]:24: error: cannot borrow `counter` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE-6]]:42: note: the thread `a` writes `counter` here with `mu` locked

void different_capabilities() {
  std::thread a([] { MutexLock l(&mu); ++counter; });
  std::thread b([] { MutexLock l(&other); ++counter; });
  a.join();
  b.join();
}
  // CHECK: {{.*}}annotations.cpp:[[@LINE-4]]:45: error: cannot borrow `counter` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE-6]]:42: note: the thread `a` writes `counter` here with `mu` locked

void released_before_access() {
  std::thread a([] {
    ReleasableLock l(mu);
    l.Release();
    ++counter;
  });
  std::thread b([] { ReleasableLock l(mu); ++counter; });
  a.join();
  b.join();
}
  // CHECK: {{.*}}annotations.cpp:[[@LINE-4]]:46: error: cannot borrow `counter` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}annotations.cpp:[[@LINE-7]]:7: note: the thread `a` writes `counter` here
