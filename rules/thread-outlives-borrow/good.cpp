// thread-outlives-borrow (E0373): the fixed versions of bad.cpp, and correct code a naive
// checker would flag. borrowck must accept all of them.
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <utility>
#include <vector>

void log_line(const std::string &);

// Capture by value: the thread owns its copy.
void report(int id) {
  std::string name = "job-" + std::to_string(id);
  std::thread t([name] { log_line(name); });
  t.detach();
}

// Moved in: the same, without a copy.
void report_moved(std::string name) {
  std::thread([name = std::move(name)] { log_line(name); }).detach();
}

// Joined on every path before `total` dies: correct C++ (rustc would still want a scoped thread).
bool sum(const std::vector<int> &xs, bool quick) {
  long total = 0;
  std::thread worker([&total, &xs] { for (int x : xs) total += x; });
  worker.join();
  if (quick)
    return false;
  return total > 0;
}

// A pool joined in a loop over the container.
long pool(const std::vector<int> &xs) {
  std::vector<long> partial(4);
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&partial, &xs, w] { for (int x : xs) partial[w] += x; });
  for (auto &t : workers)
    t.join();
  return partial[0] + partial[1] + partial[2] + partial[3];
}

// The future is waited for before `data` dies.
int count() {
  std::vector<int> data{1, 2, 3};
  auto f = std::async(std::launch::async, [&data] { return static_cast<int>(data.size()); });
  return f.get();
}

// A std::ref argument to a joined thread.
void fill(std::vector<char> &out);
void fill_joined() {
  std::vector<char> buffer;
  std::thread t(fill, std::ref(buffer));
  t.join();
}

// A member thread using `this`, joined by the destructor before the fields die.
struct Ticker {
  int count = 0;
  std::thread worker;
  void start() { worker = std::thread([this] { fill_count(count); }); }
  ~Ticker() {
    if (worker.joinable())
      worker.join();
  }
  static void fill_count(int);
};
void tick_once() {
  Ticker ticker;
  ticker.start();
}

// A std::jthread member declared after the fields its thread uses: destroyed (and joined) first.
struct Poller {
  int count = 0;
  std::jthread worker;
  void start() { worker = std::jthread([this] { Ticker::fill_count(count); }); }
};
void poll_once() {
  Poller poller;
  poller.start();
}

// A pointer to a local, copied into a thread that is joined before the local dies.
void bump_now() {
  int hits = 0;
  int *p = &hits;
  std::thread t([p] { ++*p; });
  t.join();
}

// A scope guard declared after the thread joins it on every path, the early return included
// (it is destroyed, and runs its lambda, before the variables declared before it).
struct at_scope_exit {
  explicit at_scope_exit(std::function<void()> f) : fn(std::move(f)) {}
  ~at_scope_exit() { fn(); }
  std::function<void()> fn;
};
bool serve(bool quick) {
  int requests = 0;
  std::thread t([&] { ++requests; });
  at_scope_exit join([&] { t.join(); });
  if (quick)
    return false;
  return true;
}
