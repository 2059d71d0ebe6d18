#include "shared.h"
int a_bug() {
  std::string t = "a";
  take(std::move(t));
  return (int)t.size();
}
int a_use() { return shared_bug(); }
