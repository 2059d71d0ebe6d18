// use-after-move (E0382): the fixed versions of bad.cpp, followed by patterns
// that look like a use after move but are fine. borrowck must accept all of them.
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

struct Widget {
  std::string label;
  void draw() const { std::cout << "[" << label << "]\n"; }
};

void retire(std::unique_ptr<Widget> w) {
  std::cout << "retiring " << w->label << '\n';
}

void enqueue(std::vector<std::string>& outbox, std::string msg) {
  outbox.push_back(std::move(msg));
}

void log_line(const std::string& line) { std::cout << "log: " << line << '\n'; }

void log_to(std::vector<std::string> lines, std::size_t count) {
  std::cout << count << " of " << lines.size() << " lines\n";
}

// ---- Fixed versions of bad.cpp ----

// (a) Read what you need before the move.
std::size_t add_name(std::vector<std::string>& names) {
  std::string s = "ferris";
  std::size_t n = s.size();
  names.push_back(std::move(s));
  return n;
}

// (b) Use the widget while you still own it, then give it away.
void close_window() {
  auto p = std::make_unique<Widget>(Widget{"main window"});
  p->draw();
  retire(std::move(p));
}

// (c) Copy on the branch that gives the value away, so `body` stays ours.
void send_status(std::vector<std::string>& outbox, bool urgent) {
  std::string body = "status: green";
  if (urgent) {
    enqueue(outbox, body);
  }
  std::cout << "sent: " << body << '\n';
}

// (d) Measure before the call: each argument then reads a value it owns.
void send_counted(const std::vector<std::string>& outbox) {
  std::vector<std::string> lines = outbox;
  std::size_t count = lines.size();
  log_to(std::move(lines), count);
}

// ---- Patterns a naive checker flags wrongly ----

// Reassigned after the move: `s` holds a new, fully specified value.
std::string reassigned(std::vector<std::string>& out) {
  std::string s = "first";
  out.push_back(std::move(s));
  s = "second";
  return s + "!";
}

// clear() puts a moved-from container back into a known (empty) state.
std::size_t cleared(std::vector<std::string>& out) {
  std::vector<std::string> batch = {"a", "b"};
  std::vector<std::vector<std::string>> batches;
  batches.push_back(std::move(batch));
  batch.clear();
  batch.push_back("c");
  out.insert(out.end(), batch.begin(), batch.end());
  return batches.size() + batch.size();
}

// Moved in one branch, used only in the other: no path has a move then a use.
void one_branch(std::vector<std::string>& out, bool keep) {
  std::string s = "draft";
  if (keep) {
    out.push_back(std::move(s));
  } else {
    std::cout << "discarding " << s << '\n';
  }
}

// A move inside a loop, reinitialised by assignment at the top of every iteration.
std::vector<std::string> shout_all(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  std::string cur;
  for (const std::string& w : words) {
    cur = w;
    cur += '!';
    out.push_back(std::move(cur));
  }
  return out;
}

// The classic loop: std::getline takes `line` by non-const reference (an
// out-parameter) and rewrites it before every use.
std::vector<std::string> read_lines(std::istream& in) {
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(std::move(line));
  }
  return lines;
}

// std::move of an int is a copy: `n` keeps its value.
int moved_int() {
  int n = 3;
  int m = std::move(n);
  return n + m;
}

// std::move into a const std::string& parameter binds a reference; nothing moves.
std::size_t const_ref_arg() {
  std::string s = "still here";
  log_line(std::move(s));
  return s.size();
}

// A moved-from unique_ptr is guaranteed null: checking it and resetting it are fine.
void null_checked() {
  auto p = std::make_unique<Widget>(Widget{"tool tip"});
  retire(std::move(p));
  if (p) {
    p->draw();
  }
  if (p == nullptr) {
    p.reset(new Widget{"replacement"});
  }
  p->draw();
}

int main() {
  std::vector<std::string> names;
  std::cout << add_name(names) << '\n';
  close_window();
  std::vector<std::string> outbox;
  send_status(outbox, true);

  std::cout << reassigned(outbox) << ' ' << cleared(outbox) << '\n';
  one_branch(outbox, false);
  for (const std::string& w : shout_all({"hello", "world"})) std::cout << w << '\n';
  std::istringstream text("one\ntwo\n");
  std::cout << read_lines(text).size() << " lines\n";
  std::cout << moved_int() << '\n';
  std::cout << const_ref_arg() << '\n';
  null_checked();
}
