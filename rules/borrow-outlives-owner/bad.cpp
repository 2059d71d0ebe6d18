// borrow-outlives-owner (E0597): four borrows that are used after the variable they
// borrow has gone out of scope. Each borrow is annotated, rustc-compiletest style,
// with the expected message; rustc, too, reports the error at the borrow.
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

// (a) `host` is destroyed at the `}`, and `server` still views its characters.
void print_server(const std::string& url) {
  std::string_view server;
  {
    std::string host = url.substr(url.find("//") + 2);
    server = host; //~ ERROR `host` does not live long enough
  }
  std::cout << "server: " << server << '\n';
}

// (b) Each iteration's `name` dies at the end of the loop body; the vector keeps views of all.
void list_users(const std::vector<int>& ids) {
  std::vector<std::string_view> names;
  for (int id : ids) {
    std::string name = "user" + std::to_string(id);
    names.push_back(name); //~ ERROR `name` does not live long enough
  }
  for (std::string_view n : names) std::cout << n << '\n';
}

// (c) The callback captures `retries` by reference and is called after `retries` is gone.
void run_job() {
  std::function<void()> on_done;
  {
    int retries = 3;
    on_done = [&retries] { std::cout << "retries left: " << retries << '\n'; }; //~ ERROR `retries` does not live long enough
  }
  on_done();
}

// (d) `attach` keeps a pointer to its argument in the parser (a member storing a borrow in
// *this): `config` dies at the `}`, and the parser still reads it.
struct Parser {
  const std::string* text_ = nullptr;
  void attach(const std::string& s) { text_ = &s; }
  std::size_t length() const { return text_->size(); }
};

std::size_t parse_config() {
  Parser parser;
  {
    std::string config = "workers = 4";
    parser.attach(config); //~ ERROR `config` does not live long enough
  }
  return parser.length();
}

int main() {
  print_server("https://example.com");
  list_users({1, 2, 3});
  run_job();
  std::cout << parse_config() << '\n';
}
