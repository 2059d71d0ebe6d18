#include <cstdio>
#include <utility>
namespace mylib {
struct Buffer {
  Buffer(const char *);
  Buffer(Buffer &&);
  ~Buffer();
  int &operator[](int);
  void grow();
  void refill();
};
struct Cursor {
  Cursor() = default;
  Cursor(const Buffer &);
  char peek() const;
  const char *at = nullptr;
};
void consume(Buffer);
} // namespace mylib

void invalidates() {
  mylib::Buffer b("x");
  int &slot = b[0];
  b.grow();
  std::printf("%d", slot);
}
char view_outlives_owner() {
  mylib::Cursor c;
  {
    mylib::Buffer b("x");
    c = mylib::Cursor(b);
  }
  return c.peek();
}
void reinitializes() {
  mylib::Buffer b("x");
  mylib::consume(std::move(b));
  b.refill();
  b[0] = 1;
}
