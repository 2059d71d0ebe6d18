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
const std::string &pick(const std::string &a [[clang::lifetimebound]]) { return a; }
const char *dangle() { std::string s = "x"; return s.c_str(); }
std::string_view view() { std::string_view v = std::string("t"); return v; }
int &ref() { int x = 1; int &r = x; return r; }
int *outlive() { int *p; { int y = 2; p = &y; } return p; }
std::size_t inval(std::vector<int> v) { int &r = v[0]; v.push_back(1); for (int x : v) v.push_back(x); return r; }
