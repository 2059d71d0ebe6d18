// RUN: %borrowck --format=clang %s -- -std=c++20 | %check-findings %s --allow-empty
// Correct concurrent C++ that the thread rules must accept (exit 0, no finding): a thread pool
// started in its constructor and joined in its destructor, a ticker joined by stop() (also from its
// destructor), a jthread member declared after its data, per-thread slots, futures got in a loop
// before the data they borrow dies, a producer/consumer queue under one mutex.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

class ThreadPool {
public:
  explicit ThreadPool(size_t n) {
    for (size_t i = 0; i < n; ++i)
      workers_.emplace_back([this] { loop(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lk(m_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto &w : workers_)
      w.join();
  }
  void submit(std::function<void()> f) {
    {
      std::lock_guard<std::mutex> lk(m_);
      tasks_.push(std::move(f));
    }
    cv_.notify_one();
  }

private:
  void loop() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lk(m_);
        cv_.wait(lk, [this] { return stop_ || !tasks_.empty(); });
        if (stop_ && tasks_.empty())
          return;
        task = std::move(tasks_.front());
        tasks_.pop();
      }
      task();
    }
  }
  std::vector<std::thread> workers_;
  std::queue<std::function<void()>> tasks_;
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
};

int run_pool() {
  std::atomic<int> sum{0};
  {
    ThreadPool pool(4);
    for (int i = 0; i < 10; ++i)
      pool.submit([&sum, i] { sum += i; });
  }
  return sum;
}

class Ticker {
public:
  void start() {
    running_ = true;
    th_ = std::thread([this] { while (running_) ++ticks_; });
  }
  void stop() {
    running_ = false;
    if (th_.joinable())
      th_.join();
  }
  ~Ticker() { stop(); }
  long ticks() const { return ticks_; }

private:
  std::atomic<bool> running_{false};
  std::atomic<long> ticks_{0};
  std::thread th_;
};

long tick() {
  Ticker t;
  t.start();
  t.stop();
  return t.ticks();
}

class Stoppable {
  int data_ = 0;
  std::jthread th_;
public:
  void start() {
    th_ = std::jthread([this](std::stop_token st) { while (!st.stop_requested()) ++data_; });
  }
};

void stoppable() {
  Stoppable s;
  s.start();
}

long parallel_sum(const std::vector<int> &xs) {
  std::vector<long> partial(4);
  std::vector<std::thread> ts;
  for (int w = 0; w < 4; ++w)
    ts.emplace_back([&, w] { for (size_t i = w; i < xs.size(); i += 4) partial[w] += xs[i]; });
  for (auto &t : ts)
    t.join();
  long s = 0;
  for (long p : partial)
    s += p;
  return s;
}

int futures_sum() {
  std::vector<std::future<int>> fs;
  std::vector<int> data{1, 2, 3};
  for (int i = 0; i < 3; ++i)
    fs.push_back(std::async(std::launch::async, [&data, i] { return data[i]; }));
  int s = 0;
  for (auto &f : fs)
    s += f.get();
  return s;
}

void producer_consumer() {
  std::mutex m;
  std::condition_variable cv;
  std::queue<int> q;
  bool done = false;
  std::thread consumer([&] {
    std::unique_lock<std::mutex> lk(m);
    while (!done || !q.empty()) {
      cv.wait(lk, [&] { return done || !q.empty(); });
      while (!q.empty())
        q.pop();
    }
  });
  for (int i = 0; i < 10; ++i) {
    std::lock_guard<std::mutex> lk(m);
    q.push(i);
    cv.notify_one();
  }
  {
    std::lock_guard<std::mutex> lk(m);
    done = true;
  }
  cv.notify_one();
  consumer.join();
}
