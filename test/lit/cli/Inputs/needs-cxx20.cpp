#include <concepts>
#include <span>
template <std::integral T> T twice(T t) { return t * 2; }
int sum(std::span<const int> s) { int n = 0; for (int x : s) n += twice(x); return n; }
