// borrow-of-temporary (E0716): three borrows of a temporary that is destroyed at the end
// of its statement, then used. Each temporary is annotated, rustc-compiletest style, with
// the expected message; rustc, too, reports the error at the temporary.
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

// (a) A view of the string that to_upper() returns: the string dies at the `;`.
void greet(const std::string& name) {
  std::string_view shout = to_upper(name); //~ ERROR temporary value dropped while borrowed
  std::cout << "HELLO, " << shout << "!\n";
}

// (b) log_path() returns a reference into the Config temporary, which dies at the `;`.
// Lifetime extension applies only when the temporary itself is bound to the reference.
void show_log_dir() {
  const std::string& dir = load_config().log_path(); //~ ERROR temporary value dropped while borrowed
  std::cout << "logs go to " << dir << '\n';
}

// (c) c_str() of the concatenated path: the pointer dangles from the next statement on.
bool log_exists(const std::string& dir, const std::string& file) {
  const char* path = (dir + "/" + file).c_str(); //~ ERROR temporary value dropped while borrowed
  std::FILE* f = std::fopen(path, "r");
  if (f) std::fclose(f);
  return f != nullptr;
}

int main() {
  greet("ferris");
  show_log_dir();
  std::cout << log_exists("/tmp", "app.log") << '\n';
}
