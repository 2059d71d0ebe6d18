#include <string>
std::size_t g(const std::string &s) { return s.size(); }
