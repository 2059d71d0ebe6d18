// thread-outlives-borrow (E0373): threads that may still run when a local they borrow dies.
// Each finding is annotated on the line of its primary location: the callable the thread runs.
#include <future>
#include <string>
#include <thread>
#include <vector>

void log_line(const std::string &);

// A detached thread reads `name` after report() has returned.
void report(int id) {
  std::string name = "job-" + std::to_string(id);
  std::thread t([&] { log_line(name); }); //~ ERROR closure may outlive the current function, but it borrows `name`, which is owned by the current function
  t.detach();
}

// The early return skips the join: `total` dies while the thread may still add to it.
bool sum(const std::vector<int> &xs, bool quick) {
  long total = 0;
  std::thread worker([&total, &xs] { for (int x : xs) total += x; }); //~ ERROR closure may outlive the current function, but it borrows `total`, which is owned by the current function
  if (quick)
    return false;
  worker.join();
  return total > 0;
}

// The thread is handed to the caller, still borrowing `buffer`.
std::thread start_fill() {
  std::vector<char> buffer(4096);
  std::thread t([&buffer] { buffer.assign(buffer.size(), 'x'); }); //~ ERROR closure may outlive the current function, but it borrows `buffer`, which is owned by the current function
  return t;
}

// The future is returned: its destructor no longer waits in this function.
std::future<int> count_async() {
  std::vector<int> data{1, 2, 3};
  return std::async(std::launch::async, [&data] { return static_cast<int>(data.size()); }); //~ ERROR closure may outlive the current function, but it borrows `data`, which is owned by the current function
}

// start() keeps a thread that uses `this` in a member, and ~Ticker does not join it: the local
// `ticker` dies while the thread may still read `count`.
struct Ticker {
  int count = 0;
  std::thread worker;
  void start() { worker = std::thread([this] { log_line(std::to_string(count)); }); }
};
void tick_once() {
  Ticker ticker;
  ticker.start(); //~ ERROR closure may outlive the current function, but it borrows `ticker`, which is owned by the current function
}

// A pointer to a local, copied into a detached thread.
void bump_later() {
  int hits = 0;
  int *p = &hits;
  std::thread([p] { ++*p; }).detach(); //~ ERROR closure may outlive the current function, but it borrows `hits`, which is owned by the current function
}

// One thread borrowing two locals is one bug: one finding, about the first, with a label for each.
void log_both() {
  std::string user = "u";
  std::string action = "a";
  std::thread([&] { log_line(user + action); }).detach(); //~ ERROR closure may outlive the current function, but it borrows `user`, which is owned by the current function
}
