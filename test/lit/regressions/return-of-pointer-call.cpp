// RUN: %borrowck --format=clang %s -- -std=c++20 2>&1 | %check-findings --allow-empty %s
// A function returning by value the result of a call through a function
// pointer: the call has no callee declaration (leveldb's C binding,
// `const char* Name() const override { return (*name_)(state_); }`).
// Analysed without an internal error, and nothing to report.
struct Named {
  virtual ~Named();
  virtual const char *Name() const = 0;
};
struct Binding : Named {
  ~Binding() override { (*destructor_)(state_); }
  const char *Name() const override { return (*name_)(state_); }
  int Count() const { return count_(state_); }
  void *state_;
  void (*destructor_)(void *);
  const char *(*name_)(void *);
  int (*count_)(void *);
};
