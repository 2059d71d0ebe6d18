#pragma once
#include <string>
#include <utility>
void sink(std::string);
inline std::size_t in_lib(std::string s) {
  sink(std::move(s));
  return s.size();
}
template <class T> std::size_t lib_template(T t) {
  sink(std::move(t));
  return t.size();
}
