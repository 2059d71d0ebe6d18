// use-after-move (E0382): four uses of a variable after its value was moved.
// Each offending use is annotated, rustc-compiletest style, with the expected message.
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Widget {
  std::string label;
  void draw() const { std::cout << "[" << label << "]\n"; }
};

// Takes ownership: the caller's unique_ptr is null afterwards.
void retire(std::unique_ptr<Widget> w) {
  std::cout << "retiring " << w->label << '\n';
}

// Takes the lines by value, and how many there are.
void log_to(std::vector<std::string> lines, std::size_t count) {
  std::cout << count << " of " << lines.size() << " lines\n";
}

// Takes the message by value: the argument is move-constructed into `msg`.
void enqueue(std::vector<std::string>& outbox, std::string msg) {
  outbox.push_back(std::move(msg));
}

// (a) A string moved into a vector, then read: "valid but unspecified".
std::size_t add_name(std::vector<std::string>& names) {
  std::string s = "ferris";
  names.push_back(std::move(s));
  return s.size(); //~ ERROR borrow of moved value: `s`
}

// (b) A unique_ptr handed to a sink, then dereferenced: it is null, so UB.
void close_window() {
  auto p = std::make_unique<Widget>(Widget{"main window"});
  retire(std::move(p));
  p->draw(); //~ ERROR borrow of moved value: `p`
}

// (c) Moved on one branch only, then used after the `if`.
void send_status(std::vector<std::string>& outbox, bool urgent) {
  std::string body = "status: green";
  if (urgent) {
    enqueue(outbox, std::move(body));
  }
  std::cout << "sent: " << body << '\n'; //~ ERROR borrow of possibly moved value: `body`
}

// (d) Moved by one argument, read by another: C++ evaluates a call's arguments
// in an unspecified order, so `lines` may already be moved when it is measured.
void send_counted(const std::vector<std::string>& outbox) {
  std::vector<std::string> lines = outbox;
  log_to(std::move(lines), lines.size()); //~ ERROR borrow of possibly moved value: `lines`
}

int main() {
  std::vector<std::string> names;
  std::cout << add_name(names) << '\n';

  std::vector<std::string> outbox;
  send_status(outbox, true);
  send_counted(outbox);

  close_window();
}
