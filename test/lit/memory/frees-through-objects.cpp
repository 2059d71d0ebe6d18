// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
// Members that free a raw-pointer field, called on an object this function
// does not own: a parameter referring to it (`File &f`, `File *f`) or *this
// in another member. A read through the field afterwards is use-after-free; a
// destructor that calls such a member and then deletes the field again is a
// double free. Nothing is destroyed at the end: the caller owns the object.
#include <cstdlib>

class File {
public:
  explicit File(int n) : buf_(new char[n]), n_(n) {}
  ~File() { delete[] buf_; }
  void close() { delete[] buf_; }
  void close_reset() {
    delete[] buf_;
    buf_ = nullptr;
  }
  char first() const { return buf_[0]; }
  void finish();
  void reopen();
  void refill();
  char *buf_;
  int n_;
};

void through_a_reference(File &f) {
  f.close();
  f.buf_[0] = 'x';
}
// CHECK: {{.*}}frees-through-objects.cpp:[[@LINE-2]]:3: error: use of freed value: `f.buf_` [use-after-free]
// CHECK-NEXT: {{.*}}frees-through-objects.cpp:[[@LINE-4]]:3: note: value freed here, in `File::close`

char through_a_pointer(File *f) {
  f->close();
  return f->first();
}
// CHECK: {{.*}}frees-through-objects.cpp:[[@LINE-2]]:10: error: use of freed value: `f->buf_` [use-after-free]
// CHECK-NEXT: {{.*}}frees-through-objects.cpp:[[@LINE-4]]:3: note: value freed here, in `File::close`

void File::finish() {
  close();
  buf_[n_ - 1] = 0;
}
// CHECK: {{.*}}frees-through-objects.cpp:[[@LINE-2]]:3: error: use of freed value: `this->buf_` [use-after-free]
// CHECK-NEXT: {{.*}}frees-through-objects.cpp:[[@LINE-4]]:3: note: value freed here, in `File::close`

struct Conn {
  char *data_;
  bool open_ = true;
  ~Conn() {
    release();
    delete[] data_;
  }
  // CHECK: {{.*}}frees-through-objects.cpp:[[@LINE-2]]:5: error: double free of `this->data_` [double-free]
  // CHECK-NEXT: {{.*}}frees-through-objects.cpp:[[@LINE-4]]:5: note: first freed here, in `Conn::release`
  void release() { delete[] data_; }
};

// Correct code: no findings below.
void File::reopen() {
  close();
  buf_ = new char[n_];
  buf_[0] = 0;
}

void File::refill() {
  close_reset();
  if (buf_)
    buf_[0] = 0;
}

void alloc_into(char *&p, int n) { p = static_cast<char *>(malloc(n)); }
void reopened_by_a_helper(File &f) {
  f.close();
  alloc_into(f.buf_, 8);
  f.buf_[0] = 0;
}

char another_object(File *f, File *g) {
  f->close();
  return g->first();
}

char pointer_moved_on(File *f, File *g) {
  f->close();
  f = g;
  return f->first();
}

void only_the_caller_destroys(File &f) { f.close(); }

struct Guarded {
  char *data_;
  bool open_ = true;
  ~Guarded() {
    release();
    if (open_)
      delete[] data_;
  }
  void release() {
    delete[] data_;
    open_ = false;
  }
};
