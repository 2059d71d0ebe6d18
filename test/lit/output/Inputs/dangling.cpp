#include <string>
const std::string &first_word(const std::string &s) { return s; }
std::string make();
std::size_t through_inference() {
  const std::string &r = first_word(make());
  return r.size();
}
