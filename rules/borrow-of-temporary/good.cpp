// borrow-of-temporary (E0716): the fixed versions of bad.cpp, followed by borrows of
// temporaries that are fine. borrowck must accept all of them.
#include <cctype>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

std::string to_upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

struct Config {
  std::string log_dir;
  const std::string& log_path() const { return log_dir; }
};

Config load_config() { return Config{"/var/log/app"}; }

std::size_t count_vowels(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += std::string_view("AEIOUaeiou").find(c) != std::string_view::npos;
  return n;
}

// ---- Fixed versions of bad.cpp ----

// (a) Keep the result in a named string; the view (if you still want one) borrows from it.
void greet(const std::string& name) {
  std::string upper = to_upper(name);
  std::string_view shout = upper;
  std::cout << "HELLO, " << shout << "!\n";
}

// (b) Name the Config, so it lives to the end of the function, then borrow from it.
void show_log_dir() {
  Config cfg = load_config();
  const std::string& dir = cfg.log_path();
  std::cout << "logs go to " << dir << '\n';
}

// (c) Name the path string; c_str() borrows from it while it is alive.
bool log_exists(const std::string& dir, const std::string& file) {
  std::string path = dir + "/" + file;
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (f) std::fclose(f);
  return f != nullptr;
}

// ---- Patterns a naive checker flags wrongly ----

// Binding a temporary directly to a const& or && reference extends its life to the reference's.
std::size_t extended(const std::string& name) {
  const std::string& upper = to_upper(name);
  std::string&& again = to_upper(upper);
  auto&& third = to_upper(again);
  return upper.size() + again.size() + third.size();
}

// Binding a reference to a data member of a temporary extends the whole temporary.
std::size_t member_of_temporary() {
  const std::string& dir = load_config().log_dir;
  return dir.size();
}

// Borrowed and used within the same full expression: the temporary dies after the `;`.
bool exists_now(const std::string& dir, const std::string& file) {
  std::FILE* f = std::fopen((dir + "/" + file).c_str(), "r");
  if (f) std::fclose(f);
  return f != nullptr;
}
void print_upper(const std::string& name) {
  std::cout << to_upper(name) << ' ' << count_vowels(to_upper(name)) << '\n';
}

// Copying out of a temporary: `auto` and `std::string` make copies, not references.
std::size_t copied(const std::string& name) {
  auto dir = load_config().log_path();
  std::string initial = to_upper(name).substr(0, 1);
  return dir.size() + initial.size();
}

// The range of a range-based for loop is bound to a reference, so it lives through the loop.
std::size_t letters(const std::string& name) {
  std::size_t n = 0;
  for (char c : to_upper(name)) n += std::isalpha(static_cast<unsigned char>(c)) != 0;
  return n;
}

// String literals are not temporaries: they live until the program ends.
std::size_t literal_views() {
  std::string_view v = "static storage";
  const char* p = "also static";
  return v.size() + std::string_view(p).size();
}

int main() {
  greet("ferris");
  show_log_dir();
  std::cout << log_exists("/tmp", "app.log") << exists_now("/tmp", "app.log") << '\n';
  print_upper("ferris");
  std::cout << extended("a") << member_of_temporary() << copied("abc") << letters("a1b")
            << literal_views() << '\n';
}
