#pragma once
#include <string>
#include <utility>
void take(std::string);
inline int shared_bug() {
  std::string s = "x";
  take(std::move(s));
  return (int)s.size();
}
