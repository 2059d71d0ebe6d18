// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// fmt chrono.h: `W w{loc, out}; out = w.out();` copies the field `out_` out of
// a local aggregate that also holds a reference to the local `loc`. What the
// copy holds is what initialised `out_`, not everything `w` holds (and what a
// local read there was initialised with, if it is never written again). When
// the aggregate or that local is written after its initialisation, the whole
// object's loans are used, as before.

struct W {
  const int &loc;
  char *out_;
  char *out() const { return out_; }
};

struct F {
  char *out;
  char buf[8];

  void copies_field() {
    int loc = 0;
    W w{loc, out};
    out = w.out();
  }

  void reads_field() {
    int loc = 0;
    W w{loc, out};
    out = w.out_;
  }

  void field_borrows_local() {
    int loc = 0;
    char local[4] = {};
    W w{loc, local};
    out = w.out();
  }
  // CHECK: {{.*}}field-of-local-aggregate.cpp:[[@LINE-3]]:14: error: `local` does not live long enough [borrow-outlives-owner]
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-5]]:10: note: binding `local` declared here
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:5: note: borrow stored in `this->out`, which is still reachable after the function returns
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:3: note: `local` dropped here while still borrowed

  // Written after initialisation: the whole object's loans (`loc` too).
  void written_after_init() {
    int loc = 0;
    char local[4] = {};
    W w{loc, buf};
    w.out_ = local;
    out = w.out();
  }
  // CHECK: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:9: error: `loc` does not live long enough [borrow-outlives-owner]
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-7]]:9: note: binding `loc` declared here
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:5: note: borrow stored in `this->out`, which is still reachable after the function returns
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:3: note: `loc` dropped here while still borrowed
  // CHECK: {{.*}}field-of-local-aggregate.cpp:[[@LINE-7]]:14: error: `local` does not live long enough [borrow-outlives-owner]
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-10]]:10: note: binding `local` declared here
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-8]]:5: note: borrow stored in `this->out`, which is still reachable after the function returns
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-8]]:3: note: `local` dropped here while still borrowed

  // The field's initialiser reads a local that is never written again: what
  // that local was initialised with.
  void through_another_variable() {
    int loc = 0;
    char *p = buf;
    W w{loc, p};
    out = w.out();
  }

  void through_a_pointer_to_a_local() {
    int loc = 0;
    char local[4] = {};
    char *p = local;
    W w{loc, p};
    out = w.out();
  }
  // CHECK: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:15: error: `local` does not live long enough [borrow-outlives-owner]
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-6]]:10: note: binding `local` declared here
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:5: note: borrow stored in `this->out`, which is still reachable after the function returns
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:3: note: `local` dropped here while still borrowed

  // That local is written after: the whole object's loans (`loc` too).
  void through_a_rewritten_pointer() {
    int loc = 0;
    char *p = buf;
    W w{loc, p};
    p = nullptr;
    out = w.out();
  }
  // CHECK: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:9: error: `loc` does not live long enough [borrow-outlives-owner]
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-7]]:9: note: binding `loc` declared here
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:5: note: borrow stored in `this->out`, which is still reachable after the function returns
  // CHECK-NEXT: {{.*}}field-of-local-aggregate.cpp:[[@LINE-4]]:3: note: `loc` dropped here while still borrowed
};
