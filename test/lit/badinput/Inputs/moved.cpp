#include <string>
#include <utility>
void sink(std::string s);
std::size_t f() {
  std::string s = "x";
  sink(std::move(s));
  return s.size();
}
