// RUN: %borrowck --format=clang %s -- -std=c++20 | %check-findings %s --allow-empty
// std::move in an unevaluated operand (noexcept, sizeof, alignof, decltype,
// typeid of a non-polymorphic type, requires) is never executed: no move.
#include <string>
#include <typeinfo>
#include <utility>

void sink(std::string s);
void use(const std::string &s);

void in_noexcept() {
  std::string s = "x";
  constexpr bool nothrow = noexcept(sink(std::move(s)));
  use(s);
}

void in_sizeof() {
  std::string s = "x";
  auto n = sizeof(std::string(std::move(s)));
  use(s);
}

void in_decltype() {
  std::string s = "x";
  decltype(std::string(std::move(s))) d;
  use(s);
}

void in_typeid() {
  std::string s = "x";
  const std::type_info &t = typeid(std::string(std::move(s)));
  use(s);
}

void in_requires() {
  std::string s = "x";
  constexpr bool ok = requires { std::string(std::move(s)); };
  use(s);
}

template <typename T> void conditional_noexcept(T t) noexcept(noexcept(T(std::move(t)))) {
  use(t);
}
void call_conditional_noexcept() { conditional_noexcept(std::string("x")); }
