#include <string>
#include <utility>
inline void sink(std::string s) {}
inline void twice(std::string s) {
  sink(std::move(s));
  sink(s);
}
