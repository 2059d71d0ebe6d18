// RUN: %borrowck --format=clang %s -- -std=c++20 | count 0
// RUN: not %borrowck --strict --format=clang %s -- -std=c++20 | %check-findings %s
// Each thread writing its own element of a pre-sized container is valid C++ (the default run
// says nothing); Rust needs split_at_mut / chunks_mut for it, so --strict reports it.
#include <thread>
#include <vector>

void element_per_thread() {
  std::vector<long> out(4);
  std::vector<std::thread> pool;
  for (int i = 0; i < 4; ++i)
    pool.emplace_back([&out, i] { out[i] = i * i; });
  // CHECK: {{.*}}strict.cpp:[[@LINE-1]]:35: error: cannot borrow `out` as mutable more than once at a time [data-race]
  for (auto &t : pool)
    t.join();
}

void two_halves() {
  int parts[2] = {0, 0};
  std::thread a([&parts] { parts[0] = 1; });
  std::thread b([&parts] { parts[1] = 2; });
  // CHECK: {{.*}}strict.cpp:[[@LINE-1]]:28: error: cannot borrow `parts` as mutable more than once at a time [data-race]
  // CHECK-NEXT: {{.*}}strict.cpp:[[@LINE-3]]:28: note: the thread `a` writes `parts` here
  a.join();
  b.join();
}
