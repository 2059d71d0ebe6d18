#include "lib/pool.h"
#include "other/util.h"
std::size_t in_main(std::string s) {
  sink(std::move(s));
  return s.size() + lib_template(std::string("x"));
}
