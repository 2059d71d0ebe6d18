#pragma once
#include <string>
#include <utility>
void sink(std::string);
inline std::size_t in_other(std::string s) {
  sink(std::move(s));
  return s.size();
}
