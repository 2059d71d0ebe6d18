#include <string>
#include <vector>
const std::string &first_word(const std::string &s) { return s; }
std::string make();
std::size_t dangle() {
  const std::string &r = first_word(make());
  return r.size();
}
int moved(std::vector<std::string> &out) {
  std::string s = "x";
  out.push_back(std::move(s));
  return (int)s.size();
}
