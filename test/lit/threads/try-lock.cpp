// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// data-race and try_lock(): the branch taken when the lock was acquired runs with the mutex held
// (std::mutex::try_lock, a std::unique_lock made with std::try_to_lock and tested, an early return
// when the lock failed, a member annotated try_acquire_capability); the other branch does not.
#include <mutex>
#include <thread>

#define CAPABILITY(x) __attribute__((capability(x)))
#define TRY_ACQUIRE(...) __attribute__((try_acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
  bool TryLock() TRY_ACQUIRE(true);
  void Unlock() RELEASE();
};

std::mutex m;
Mutex mu;
int n = 0;

void try_lock_branch() {
  std::thread a([] {
    if (m.try_lock()) {
      ++n;
      m.unlock();
    }
  });
  std::thread b([] { std::lock_guard<std::mutex> g(m); ++n; });
  a.join();
  b.join();
}

void try_to_lock_guard() {
  std::thread a([] {
    std::unique_lock<std::mutex> lk(m, std::try_to_lock);
    if (lk.owns_lock())
      ++n;
  });
  std::thread b([] {
    std::unique_lock<std::mutex> lk(m, std::try_to_lock);
    if (lk)
      ++n;
  });
  a.join();
  b.join();
}

void early_return_when_busy() {
  std::thread a([] {
    if (!m.try_lock())
      return;
    ++n;
    m.unlock();
  });
  std::thread b([] { std::lock_guard<std::mutex> g(m); ++n; });
  a.join();
  b.join();
}

void annotated_try_lock() {
  std::thread a([] {
    if (mu.TryLock()) {
      ++n;
      mu.Unlock();
    }
  });
  std::thread b([] {
    if (mu.TryLock()) {
      ++n;
      mu.Unlock();
    }
  });
  a.join();
  b.join();
}

void else_branch_is_unlocked() {
  std::thread a([] {
    if (m.try_lock())
      m.unlock();
    else
      ++n;
  });
  std::thread b([] { std::lock_guard<std::mutex> g(m); ++n; });
  a.join();
  b.join();
}
  // CHECK: {{.*}}try-lock.cpp:[[@LINE-4]]:58: error: cannot borrow `n` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}try-lock.cpp:[[@LINE-7]]:9: note: the thread `a` writes `n` here
