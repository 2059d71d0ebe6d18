// conflicting-borrows: the fixed versions of bad.cpp, then calls that look alike but are fine.
#include <string>
#include <vector>

void append_all(std::vector<std::string>& dst, const std::vector<std::string>& src) {
  for (const std::string& s : src)
    dst.push_back(s);
}

// (a) Copy first: `src` is a different vector.
void double_up(std::vector<std::string> names) {
  const std::vector<std::string> copy = names;
  append_all(names, copy);
}

// (b) Copy the range first, or let the vector repeat itself by index after reserving.
void repeat(std::vector<int> values) {
  std::vector<int> copy = values;
  values.insert(values.end(), copy.begin(), copy.end());
}

// (d) Swap only different objects; std::swap handles one object twice.
void swap_xor(int& a, int& b) {
  if (&a == &b)
    return;
  a ^= b;
  b ^= a;
  a ^= b;
}
void swap_two(int x, int y) { swap_xor(x, y); }

// Two different containers, each once.
void merge(std::vector<std::string> a, std::vector<std::string> b) { append_all(a, b); }

// A helper that only reads both: no invalidation, valid C++ (Rust would reject two borrows if one
// were mutable; here both are shared).
bool same(const std::vector<int>& x, const std::vector<int>& y) { return x == y; }
bool self_equal(std::vector<int> v) { return same(v, v); }

// Self-assignment through a helper that assigns: well defined in C++.
void assign_from(std::vector<int>& dst, const std::vector<int>& src) { dst = src; }
void reset(std::vector<int> v) { assign_from(v, v); }

// std::string's insert and append copy their argument first: appending a string to itself is fine.
void twice(std::string s) {
  s.append(s);
  s.insert(s.end(), s.begin(), s.end());
}
