// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// thread-outlives-borrow: one finding per bug (issue 14). A thread that borrows three locals and
// is not joined is one finding, about the first, with a label for each borrowed local; two threads
// are two findings.
#include <string>
#include <thread>

void use(int, const std::string &, double);

void three_locals() {
  int a = 0;
  std::string b = "b";
  double c = 1.0;
  std::thread t([&] { use(a, b, c); });
  t.detach();
}

void dies_at_two_places(bool early) {
  int a = 0;
  std::thread t([&a, early] {
    (void)early;
    ++a;
  });
  {
    int b = 0;
    std::thread u([&] { a += b; });
    u.detach();
  }
  t.detach();
}

// CHECK: {{.*}}one-finding.cpp:14:17: error: closure may outlive the current function, but it borrows `a`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}one-finding.cpp:14:27: note: `a` is borrowed here
// CHECK-NEXT: {{.*}}one-finding.cpp:14:30: note: `b` is borrowed here
// CHECK-NEXT: {{.*}}one-finding.cpp:14:33: note: `c` is borrowed here
// CHECK-NEXT: {{.*}}one-finding.cpp:15:3: note: the thread is detached here: nothing waits for it
// CHECK-NEXT: {{.*}}one-finding.cpp:16:1: note: `a`, `b` and `c` dropped here while the thread may still be running
// CHECK: {{.*}}one-finding.cpp:20:17: error: closure may outlive the current function, but it borrows `a`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}one-finding.cpp:20:19: note: `a` is borrowed here
// CHECK-NEXT: {{.*}}one-finding.cpp:29:3: note: the thread is detached here: nothing waits for it
// CHECK-NEXT: {{.*}}one-finding.cpp:30:1: note: `a` dropped here while the thread may still be running
// CHECK: {{.*}}one-finding.cpp:26:19: error: closure may outlive the current function, but it borrows `a`, which is owned by the current function [thread-outlives-borrow]
// CHECK-NEXT: {{.*}}one-finding.cpp:26:25: note: `a` is borrowed here
// CHECK-NEXT: {{.*}}one-finding.cpp:26:30: note: `b` is borrowed here
// CHECK-NEXT: {{.*}}one-finding.cpp:27:5: note: the thread is detached here: nothing waits for it
// CHECK-NEXT: {{.*}}one-finding.cpp:28:3: note: `b` dropped here while the thread may still be running
// CHECK-NEXT: {{.*}}one-finding.cpp:30:1: note: `a` dropped here while the thread may still be running
// CHECK: {{.*}}one-finding.cpp:26:25: error: cannot borrow `a` as mutable more than once at a time [data-race]
// CHECK-NEXT: {{.*}}one-finding.cpp:22:7: note: the thread `t` writes `a` here
