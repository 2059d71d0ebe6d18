namespace std {
using size_t = decltype(sizeof 0);
template <class T> struct remove_reference { using type = T; };
template <class T> struct remove_reference<T &> { using type = T; };
template <class T> typename remove_reference<T>::type &&move(T &&t) { return static_cast<typename remove_reference<T>::type &&>(t); }
struct string {
  string(); string(const char *); string(const string &); string(string &&); ~string();
  string &operator=(const string &); string &operator=(string &&);
  size_t size() const; const char *c_str() const; char &operator[](size_t); void clear();
};
template <class T> struct vector {
  vector(); vector(const vector &); vector(vector &&); ~vector();
  void push_back(const T &); T &operator[](size_t); T *begin(); T *end(); size_t size() const; T &back();
};
template <class T> struct unique_ptr {
  unique_ptr(); explicit unique_ptr(T *); unique_ptr(unique_ptr &&); ~unique_ptr();
  T *get() const; T &operator*() const; T *operator->() const; T *release(); void reset(T * = nullptr);
};
struct string_view { string_view(const string &); string_view(const char *); size_t size() const; };
struct thread { template <class F> explicit thread(F &&) {} thread(thread &&); ~thread(); void join(); void detach(); bool joinable() const; };
struct mutex { void lock(); void unlock(); };
template <class M> struct lock_guard { explicit lock_guard(M &); ~lock_guard(); };
}
void sink(std::string);
struct S { int a, b; };
int f(bool c, int n) {
  int x;
  S s;
  if (c) x = 1;
  s.a = 2;
  int arr[4];
  for (int i = 0; i < n; ++i) arr[i] = i;
  switch (n) { case 1: x = 3; break; default: break; }
  return x + s.b + arr[1];
}
void out(int &o, bool c) { if (c) o = 1; }
int g() { int v; out(v, true); return v; }
