// dangling-return (E0515): four functions that return a borrow of storage they own.
// Each offending return is annotated, rustc-compiletest style, with the expected message.
#include <initializer_list>
#include <iostream>
#include <string>
#include <string_view>

struct User {
  int id;
  std::string nickname;
};

// Returns whichever argument is longer. borrowck reads this body and learns that
// the result borrows from `a` or `b`.
const std::string& pick(const std::string& a, const std::string& b) {
  return a.size() > b.size() ? a : b;
}

// (a) A view of a local string: `label` is destroyed when the function returns.
std::string_view make_label(const std::string& prefix, int id) {
  std::string label = prefix + "-" + std::to_string(id);
  return label; //~ ERROR cannot return value referencing local variable `label`
}

// (b) Through a helper: pick() may hand back its second argument, a local.
const std::string& display_name(const User& u) {
  std::string fallback = "user#" + std::to_string(u.id);
  return pick(u.nickname, fallback); //~ ERROR cannot return reference to local variable `fallback`
}

// (c) A by-value parameter is a local of the callee: the view outlives it.
std::string_view strip_comment(std::string line) {
  std::string_view text = line;
  return text.substr(0, text.find('#')); //~ ERROR cannot return value referencing function parameter `line`
}

// (d) A std::initializer_list views an array that lives only as long as the return statement.
std::initializer_list<int> default_ports() {
  return {80, 443, 8080}; //~ ERROR cannot return value referencing temporary value
}

int main() {
  std::string prefix = "job";
  std::cout << make_label(prefix, 7) << '\n';

  User anon{42, ""};
  std::cout << display_name(anon) << '\n';

  std::string config = "port = 8080  # default";
  std::cout << strip_comment(config) << '\n';
  std::cout << default_ports().size() << '\n';
}
