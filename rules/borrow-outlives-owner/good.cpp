// borrow-outlives-owner (E0597): the fixed versions of bad.cpp, followed by borrows
// that look like they outlive their owner but are fine. borrowck must accept all of them.
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// ---- Fixed versions of bad.cpp ----

// (a) Declare the owner in the outer scope, so it lives as long as the view.
void print_server(const std::string& url) {
  std::string host;
  std::string_view server;
  {
    host = url.substr(url.find("//") + 2);
    server = host;
  }
  std::cout << "server: " << server << '\n';
}

// (b) Keep owning strings: the vector holds copies, not views of the loop's local.
void list_users(const std::vector<int>& ids) {
  std::vector<std::string> names;
  for (int id : ids) {
    std::string name = "user" + std::to_string(id);
    names.push_back(name);
  }
  for (std::string_view n : names) std::cout << n << '\n';
}

// (c) Capture by value: the callback owns its own copy of `retries`.
void run_job() {
  std::function<void()> on_done;
  {
    int retries = 3;
    on_done = [retries] { std::cout << "retries left: " << retries << '\n'; };
  }
  on_done();
}

// ---- Patterns a naive checker flags wrongly ----

// The view is used only while its owner is alive.
std::size_t count_spaces(const std::string& text) {
  std::size_t n = 0;
  {
    std::string copy = text;
    std::string_view view = copy;
    for (char c : view) n += c == ' ';
  }
  return n;
}

// String literals and statics live until the program ends, whatever the scope.
std::string_view g_mode = "idle";
void set_mode(bool busy) {
  std::string_view label;
  {
    static const std::string kBusy = "busy";
    label = busy ? std::string_view(kBusy) : std::string_view("idle");
  }
  g_mode = label;
  std::cout << "mode: " << g_mode << '\n';
}

// The dangling pointer is pointed at a live object before anything reads through it.
int reassigned_before_use() {
  int fallback = 0;
  int* best = nullptr;
  {
    int candidate = 42;
    best = &candidate;
    std::cout << "candidate " << *best << '\n';
  }
  best = &fallback;
  return *best;
}

// Comparing the pointers never reads the destroyed object. Not UB: the standard makes uses of
// an invalid pointer value other than indirection implementation-defined.
bool same_slot() {
  const int* first = nullptr;
  const int* second = nullptr;
  {
    int slot = 7;
    first = &slot;
    second = &slot;
  }
  return first == second;
}

// A raw pointer from unique_ptr::get() used while the unique_ptr still owns the object.
int read_through_get() {
  auto owner = std::make_unique<int>(5);
  int* raw = owner.get();
  *raw += 1;
  return *raw;
}

// A global view that is cleared before the local it viewed is destroyed.
std::string_view g_current;
void with_current(const std::string& task) {
  std::string local = "task: " + task;
  g_current = local;
  std::cout << g_current << '\n';
  g_current = {};
}

// A lambda that captures by reference and is called only inside the owner's scope.
int sum_with_callback(const std::vector<int>& xs) {
  int total = 0;
  auto add = [&total](int x) { total += x; };
  for (int x : xs) add(x);
  return total;
}

// (d) fixed: the text the parser is attached to lives as long as the parser. Re-attaching it
// to a longer-lived string before the first one dies is fine too.
struct Parser {
  const std::string* text_ = nullptr;
  void attach(const std::string& s) { text_ = &s; }
  std::size_t length() const { return text_->size(); }
};

std::size_t parse_config() {
  std::string config = "workers = 4";
  Parser parser;
  parser.attach(config);
  return parser.length();
}

std::size_t parse_with_default() {
  Parser parser;
  std::string fallback = "workers = 1";
  {
    std::string config = "workers = 4";
    parser.attach(config);
    parser.attach(fallback);
  }
  return parser.length();
}

int main() {
  print_server("https://example.com");
  list_users({1, 2, 3});
  run_job();
  std::cout << count_spaces("a b c") << '\n';
  set_mode(true);
  std::cout << reassigned_before_use() << ' ' << same_slot() << ' ' << read_through_get() << '\n';
  with_current("build");
  std::cout << sum_with_callback({1, 2, 3}) << '\n';
  std::cout << parse_config() << ' ' << parse_with_default() << '\n';
}
