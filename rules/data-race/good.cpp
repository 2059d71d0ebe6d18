// data-race: the fixed versions of bad.cpp, and correct code a naive checker would flag.
// borrowck must accept all of them.
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// An atomic counter.
long count_events(const std::vector<int> &events) {
  std::atomic<long> hits{0};
  std::thread a([&] { for (int e : events) if (e > 0) ++hits; });
  std::thread b([&] { for (int e : events) if (e < 0) ++hits; });
  a.join();
  b.join();
  return hits;
}

// The map behind one mutex, locked by every thread.
void index_all(const std::vector<std::string> &words) {
  std::map<std::string, int> seen;
  std::mutex m;
  std::vector<std::thread> workers;
  for (const std::string &w : words)
    workers.emplace_back([&seen, &m, w] {
      std::lock_guard<std::mutex> lock(m);
      seen[w] += 1;
    });
  for (auto &t : workers)
    t.join();
}

// Read under the same mutex.
int progress() {
  std::mutex m;
  int done = 0;
  std::thread worker([&] {
    for (int i = 0; i < 100; ++i) {
      std::lock_guard<std::mutex> lock(m);
      done = i;
    }
  });
  int seen;
  {
    std::lock_guard<std::mutex> lock(m);
    seen = done;
  }
  worker.join();
  return seen + done; // after the join: no other thread runs
}

// Each thread writes its own element of a pre-sized vector (reported only with --strict).
std::vector<long> squares(int n) {
  std::vector<long> out(n);
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back([&out, i] { out[i] = static_cast<long>(i) * i; });
  for (auto &t : workers)
    t.join();
  return out;
}

// Threads run one after the other: each is joined before the next starts.
int sequential() {
  int x = 0;
  for (int i = 0; i < 3; ++i) {
    std::thread t([&x] { ++x; });
    t.join();
  }
  return x;
}

// Manual lock()/unlock() around both accesses.
int manual() {
  std::mutex m;
  int n = 0;
  std::thread t([&] { m.lock(); ++n; m.unlock(); });
  m.lock();
  ++n;
  m.unlock();
  t.join();
  return n;
}

// Both threads only read.
long readers(const std::vector<int> &v) {
  long a = 0, b = 0;
  std::thread t1([&v, &a] { for (int x : v) a += x; });
  std::thread t2([&v, &b] { for (int x : v) b -= x; });
  t1.join();
  t2.join();
  return a + b;
}

// The helper takes the lock itself: every access to the global is under `requests_mutex`.
long g_requests = 0;
std::mutex requests_mutex;
void record_request() {
  std::lock_guard<std::mutex> lock(requests_mutex);
  ++g_requests;
}
void serve_two() {
  std::thread a([] { record_request(); });
  std::thread b([] { record_request(); });
  a.join();
  b.join();
}

// A thread-safe class: every member locks the object's own mutex or touches only an atomic, so
// calls from several threads are shared accesses (Rust: `&self` methods on a `Sync` type).
class Stats {
public:
  void record(long v) {
    std::lock_guard<std::mutex> lock(m_);
    total_ += v;
    ++count_;
  }
  long total() {
    std::lock_guard<std::mutex> lock(m_);
    return total_;
  }
  void ping() { pings_.fetch_add(1); }

private:
  std::mutex m_;
  long total_ = 0;
  long count_ = 0;
  std::atomic<long> pings_{0};
};
long tally(const std::vector<long> &xs) {
  Stats s;
  std::thread a([&] { for (long x : xs) s.record(x); s.ping(); });
  std::thread b([&] { for (long x : xs) s.record(-x); s.ping(); });
  long seen = s.total();
  a.join();
  b.join();
  return seen;
}
