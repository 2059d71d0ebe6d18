// dangling-return (E0515): the fixed versions of bad.cpp, followed by functions that
// return a borrow that is fine. borrowck must accept all of them.
#include <algorithm>
#include <iostream>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct User {
  int id;
  std::string nickname;
  // A reference to a member borrows from the caller's object, not from the function.
  const std::string& name() const { return nickname; }
};

const std::string& pick(const std::string& a, const std::string& b) {
  return a.size() > b.size() ? a : b;
}

// ---- Fixed versions of bad.cpp ----

// (a) Return the string itself: the caller owns the result.
std::string make_label(const std::string& prefix, int id) {
  std::string label = prefix + "-" + std::to_string(id);
  return label;
}

// (b) Return by value: pick()'s reference is copied before `fallback` is destroyed.
std::string display_name(const User& u) {
  std::string fallback = "user#" + std::to_string(u.id);
  return pick(u.nickname, fallback);
}

// (c) Take a view: the characters belong to the caller, so a view of them may be returned.
std::string_view strip_comment(std::string_view line) {
  return line.substr(0, line.find('#'));
}

// ---- Patterns a naive checker flags wrongly ----

// Both arguments belong to the caller: the result borrows from the caller's strings.
const std::string& longer_name(const User& a, const User& b) {
  return pick(a.name(), b.name());
}

// String literals have static storage duration: a view of one never dangles.
std::string_view level_name(int level) {
  if (level > 1) return "error";
  return level == 1 ? "warning" : "note";
}

// A function-local static lives until the program ends.
const std::string& default_host() {
  static const std::string host = "localhost";
  return host;
}

// An iterator or span into a container the caller passed by reference.
std::vector<int>::const_iterator first_negative(const std::vector<int>& v) {
  return std::find_if(v.begin(), v.end(), [](int x) { return x < 0; });
}
std::span<const int> tail(const std::vector<int>& v) {
  return std::span<const int>(v).subspan(v.empty() ? 0 : 1);
}

// A pointer into a map the caller owns, or null.
const std::string* lookup(const std::map<int, std::string>& names, int id) {
  auto it = names.find(id);
  return it == names.end() ? nullptr : &it->second;
}

// A lambda that captures by value owns its copy of the string.
auto make_greeter(std::string greeting) {
  return [greeting](std::string_view who) { return greeting + ", " + std::string(who); };
}

// A builder that returns itself: `*this` belongs to the caller.
struct Query {
  std::vector<std::string> parts;
  Query& where(std::string clause) {
    parts.push_back(std::move(clause));
    return *this;
  }
};

// (d) fixed: return an owner of the elements.
std::vector<int> default_ports() { return {80, 443, 8080}; }

int main() {
  std::string prefix = "job";
  std::cout << make_label(prefix, 7) << '\n';
  User anon{42, ""}, ann{1, "ann"};
  std::cout << display_name(anon) << ' ' << longer_name(anon, ann) << '\n';
  std::string config = "port = 8080  # default";
  std::cout << strip_comment(config) << '\n';

  std::cout << level_name(2) << ' ' << default_host() << '\n';
  std::cout << default_ports().size() << '\n';
  std::vector<int> xs{3, -1, 4};
  std::cout << *first_negative(xs) << ' ' << tail(xs).size() << '\n';
  std::map<int, std::string> names{{1, "ann"}};
  if (const std::string* n = lookup(names, 1)) std::cout << *n << '\n';
  auto greet = make_greeter("hello");
  std::cout << greet("ferris") << '\n';
  Query q;
  std::cout << q.where("a = 1").where("b = 2").parts.size() << '\n';
}
