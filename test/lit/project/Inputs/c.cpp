#include "shared.h"
int c_clean() {
  std::string u = "c";
  take(std::move(u));
  u = "again";
  return (int)u.size() + shared_bug();
}
