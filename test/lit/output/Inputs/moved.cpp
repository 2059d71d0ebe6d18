#include <string>
#include <utility>
void sink(std::string s);
std::size_t moved() {
  std::string s = "x";
  sink(std::move(s));
  /*é*/ return s.size();
}
