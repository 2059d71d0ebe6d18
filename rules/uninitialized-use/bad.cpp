// uninitialized-use (E0381): locals read before they hold a value. Each finding is annotated,
// rustc-compiletest style, with the expected message on the line of the read.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

enum class Level { Debug, Info, Warn, Error };

// (a) Initialised in some `if` arms only: when `verbose` is false, `limit` has no value.
int log_limit(bool verbose, int requested) {
  int limit;
  if (verbose)
    limit = requested * 2;
  return limit; //~ ERROR used binding `limit` is possibly-uninitialized
}

// (b) A `switch` whose `default` forgets the variable.
const char *level_name(Level l) {
  const char *name;
  switch (l) {
  case Level::Debug: name = "debug"; break;
  case Level::Info: name = "info"; break;
  default: break;
  }
  return name; //~ ERROR used binding `name` is possibly-uninitialized
}

// (c) Given a value only inside a loop that may not run.
int last_word_length(const std::vector<std::string> &words) {
  int len;
  for (const std::string &w : words)
    len = static_cast<int>(w.size());
  return len; //~ ERROR used binding `len` is possibly-uninitialized
}

// (d) A struct with one field forgotten.
struct Stats {
  int count;
  int total;
};
int average(const std::vector<int> &xs) {
  Stats s;
  s.count = static_cast<int>(xs.size());
  for (int x : xs)
    std::printf("%d\n", x);
  return s.total / (s.count ? s.count : 1); //~ ERROR used binding `s` isn't fully initialized
}

// (e) An out-parameter the callee writes on success only, and a caller that ignores the result.
bool parse_port(const std::string &text, int *port) {
  if (text.empty() || text.size() > 5)
    return false;
  *port = std::stoi(text);
  return true;
}
void parse_or_default(const std::string &text, int *port) {
  if (!text.empty())
    *port = std::stoi(text);
}
int configured_port(const std::string &text) {
  int port;
  parse_or_default(text, &port);
  return port; //~ ERROR used binding `port` is possibly-uninitialized
}

// (f) Heap memory: `malloc` leaves the elements indeterminate, and the loop that fills them
// was forgotten.
double mean_of(int n) {
  double *samples = static_cast<double *>(std::malloc(n * sizeof(double)));
  double sum = 0;
  for (int i = 0; i < n; ++i)
    sum += samples[i]; //~ ERROR used memory `samples[i]` isn't initialized
  std::free(samples);
  return n ? sum / n : 0;
}

// (g) An array of structs with one element's field forgotten.
struct Range {
  int lo, hi;
};
int widest(int a, int b) {
  Range r[2];
  r[0].lo = 0;
  r[0].hi = a;
  r[1].lo = 0;
  return r[0].hi > r[1].hi ? r[0].hi : b; //~ ERROR used binding `r` isn't fully initialized
}

// (h) Set when one call says so, read when a second call says so: the answers may differ.
bool tracing();
int traced_work(int x) {
  int started;
  if (tracing())
    started = x;
  x *= 2;
  if (tracing())
    std::printf("%d\n", started); //~ ERROR used binding `started` is possibly-uninitialized
  return x;
}
bool tracing() { return std::getenv("TRACE") != nullptr; }

int main() {
  std::printf("%d %s %d %d %d %g %d %d\n", log_limit(true, 3), level_name(Level::Warn),
              last_word_length({"a", "bc"}), average({1, 2}), configured_port("80"), mean_of(3),
              widest(1, 2), traced_work(4));
  int p = 0;
  return parse_port("8080", &p) ? 0 : 1;
}
