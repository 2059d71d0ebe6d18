// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// use-after-free and double-free through member functions that free a raw-pointer field of a
// local object (summary/Frees.h, factgen/loans/FieldFrees.cpp): `f.close()` deletes `f.buf_`; a
// member that reads through the field afterwards, `f.buf_[0]` here, or the destructor freeing it
// again at the end of `f`'s scope, each through members that call other members. A member that
// sets the field after freeing it (to nullptr or a new buffer) leaves nothing dangling; a free on
// some paths only through the member (a destructor guarded by a flag `close()` clears) is not
// counted, and a class whose destructor does not free the field is not a double free.
class File {
public:
  explicit File(int n) : buf_(new char[n]) {}
  ~File() { delete[] buf_; }
  void close() { delete[] buf_; }
  void shutdown() { close(); }
  void close_reset() {
    delete[] buf_;
    buf_ = nullptr;
  }
  char read() const { return buf_ ? buf_[0] : 0; }
  char peek() const { return read(); }
  void reopen(int n) { buf_ = new char[n]; }
  char *buf_;
};

char read_after_close() {
  File f(4);
  f.close();
  return f.peek();
}
// CHECK: {{.*}}frees-in-members.cpp:[[@LINE-2]]:3: error: double free of `f.buf_` [double-free]
// CHECK-NEXT: {{.*}}frees-in-members.cpp:[[@LINE-4]]:3: note: first freed here, in `File::close`
// CHECK: {{.*}}frees-in-members.cpp:[[@LINE-4]]:10: error: use of freed value: `f.buf_` [use-after-free]
// CHECK-NEXT: {{.*}}frees-in-members.cpp:[[@LINE-6]]:3: note: value freed here, in `File::close`

void closed_then_destroyed() {
  File f(4);
  f.shutdown();
}
// CHECK: {{.*}}frees-in-members.cpp:[[@LINE-1]]:1: error: double free of `f.buf_` [double-free]
// CHECK-NEXT: {{.*}}frees-in-members.cpp:[[@LINE-3]]:3: note: first freed here, in `File::shutdown`

char direct_read_then_reopen() {
  File f(4);
  f.close();
  char c = f.buf_[0];
  f.reopen(2);
  return c;
}
// CHECK: {{.*}}frees-in-members.cpp:[[@LINE-4]]:12: error: use of freed value: `f.buf_` [use-after-free]
// CHECK-NEXT: {{.*}}frees-in-members.cpp:[[@LINE-6]]:3: note: value freed here, in `File::close`

// Quiet: close_reset() sets buf_ to nullptr; the destructor deletes null.
void close_reset_then_destroyed() {
  File f(4);
  f.close_reset();
}

// Quiet: a new buffer before the read and the destructor.
char reopened() {
  File f(4);
  f.close();
  f.reopen(8);
  return f.read();
}

// Quiet: a new File each iteration.
void in_a_loop() {
  for (int i = 0; i < 3; ++i) {
    File f(4);
    f.close_reset();
  }
}

// Quiet: the destructor frees only while open_, which close() clears.
class Guarded {
public:
  ~Guarded() {
    if (open_)
      delete p_;
  }
  void close() {
    delete p_;
    open_ = false;
  }
  int *p_ = new int(1);
  bool open_ = true;
};
void flag_guarded() {
  Guarded g;
  g.close();
}

// Quiet: the destructor does not free, and nothing reads after close().
struct Borrowing {
  void drop() { delete p_; }
  int *p_ = nullptr;
};
void drop_once(int *owned) {
  Borrowing b{owned};
  b.drop();
}
