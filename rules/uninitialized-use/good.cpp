// uninitialized-use: correct code that a naive checker would flag. Nothing is reported.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

enum class Level { Debug, Info, Warn, Error };

// Initialised on every path through the branches.
int log_limit(bool verbose, int requested) {
  int limit;
  if (verbose)
    limit = requested * 2;
  else
    limit = requested;
  return limit;
}

// Every enumerator has a case (Clang's CFG knows the switch is exhaustive).
const char *level_name(Level l) {
  const char *name;
  switch (l) {
  case Level::Debug: name = "debug"; break;
  case Level::Info: name = "info"; break;
  case Level::Warn: name = "warn"; break;
  case Level::Error: name = "error"; break;
  }
  return name;
}

// Class types are initialised by their default constructors.
std::string joined(const std::vector<std::string> &words) {
  std::string out;
  for (const std::string &w : words)
    out += w;
  return out;
}

// An array filled by a loop, a struct filled by memset, then by fields.
struct Stats {
  int count;
  int total;
};
int average(const std::vector<int> &xs) {
  int hist[8];
  for (int i = 0; i < 8; ++i)
    hist[i] = 0;
  Stats s;
  std::memset(&s, 0, sizeof s);
  Stats t;
  t.count = 0;
  t.total = 0;
  for (int x : xs) {
    ++t.count;
    t.total += x;
    ++hist[x & 7];
  }
  return (t.total + s.total + hist[0]) / (t.count ? t.count : 1);
}

// Out-parameters: written on every path, or the result says whether they were.
bool parse_port(const std::string &text, int *port) {
  if (text.empty() || text.size() > 5)
    return false;
  *port = std::stoi(text);
  return true;
}
void read_level(int &level) { level = 2; }
int configured_port(const std::string &text) {
  int port;
  if (!parse_port(text, &port))
    return 80;
  int level;
  read_level(level);
  return port + level;
}

// Never evaluated: `sizeof x` does not read x.
unsigned long size_only() {
  double x;
  return sizeof x;
}

// Heap memory filled before it is read: value-initialized, calloc, or a loop.
double mean_of(int n) {
  double *samples = static_cast<double *>(std::calloc(n, sizeof(double)));
  int *counts = new int[n]();
  double *squares = new double[n];
  for (int i = 0; i < n; ++i)
    squares[i] = double(i) * i;
  double sum = 0;
  for (int i = 0; i < n; ++i)
    sum += samples[i] + counts[i] + squares[i];
  std::free(samples);
  delete[] counts;
  delete[] squares;
  return n ? sum / n : 0;
}

// Every field of every element written; one call's answer kept in a local.
struct Range {
  int lo, hi;
};
bool tracing() { return std::getenv("TRACE") != nullptr; }
int widest(int a, int b) {
  Range r[2];
  r[0].lo = r[1].lo = 0;
  r[0].hi = a;
  r[1].hi = b;
  int started;
  bool traced = tracing();
  if (traced)
    started = a;
  if (traced)
    std::printf("%d\n", started);
  return r[0].hi > r[1].hi ? r[0].hi : r[1].hi;
}

int main() {
  std::printf("%d %s %s %d %d %lu\n", log_limit(true, 3), level_name(Level::Warn),
              joined({"a", "bc"}).c_str(), average({1, 2}), configured_port("8080"), size_only());
  std::printf("%g %d\n", mean_of(3), widest(1, 2));
}
