#include <string>
#include <utility>
void take(std::string);
int moved() {
  std::string s = "x";
  take(std::move(s));
  return (int)s.size();
}
int *dangling() {
  int x = 1;
  return &x;
}
