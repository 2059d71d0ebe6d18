// data-race (E0277; rustc says E0499 / E0502 for scoped threads): threads that may run at the
// same time touch one non-atomic variable, one writes, and no mutex is held by both. Each
// finding is annotated on the line of its primary location: the second access.
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Two workers increment one counter.
long count_events(const std::vector<int> &events) {
  long hits = 0;
  std::thread a([&] { for (int e : events) if (e > 0) ++hits; });
  std::thread b([&] { for (int e : events) if (e < 0) ++hits; }); //~ ERROR cannot borrow `hits` as mutable more than once at a time
  a.join();
  b.join();
  return hits;
}

// One thread per request inserts into a shared map: the same spawn runs once per iteration.
void index_all(const std::vector<std::string> &words) {
  std::map<std::string, int> seen;
  std::vector<std::thread> workers;
  for (const std::string &w : words)
    workers.emplace_back([&seen, w] { seen[w] += 1; }); //~ ERROR cannot borrow `seen` as mutable more than once at a time
  for (auto &t : workers)
    t.join();
}

// Written under the mutex by the worker, read without it by the spawning thread.
int progress() {
  std::mutex m;
  int done = 0;
  std::thread worker([&] {
    for (int i = 0; i < 100; ++i) {
      std::lock_guard<std::mutex> lock(m);
      done = i;
    }
  });
  int seen = done; //~ ERROR cannot borrow `done` as immutable because it is also borrowed as mutable
  worker.join();
  return seen;
}

// A helper bumps a global without a lock; two threads call it.
long g_requests = 0;
void record_request() { ++g_requests; }
void serve_two() {
  std::thread a([] { record_request(); });
  std::thread b([] { record_request(); }); //~ ERROR cannot borrow `g_requests` as mutable more than once at a time
  a.join();
  b.join();
}

// A "thread-safe" cache: lookup() locks the cache's own mutex around the map, but counts misses
// outside it. Two threads calling it race on that one field (the map is fine).
struct Cache {
  std::mutex m;
  std::map<std::string, int> entries;
  long misses = 0;
  int lookup(const std::string &k) {
    {
      std::lock_guard<std::mutex> lock(m);
      auto it = entries.find(k);
      if (it != entries.end())
        return it->second;
    }
    ++misses;
    return -1;
  }
};
void warm(Cache &cache) {
  std::thread a([&] { cache.lookup("a"); });
  std::thread b([&] { cache.lookup("b"); }); //~ ERROR cannot borrow `cache.misses` as mutable more than once at a time
  a.join();
  b.join();
}
