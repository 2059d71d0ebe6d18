// Instantiates the fmt headers (libfmt-dev) for scripts/realworld.py.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fmt/ostream.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

struct Point {
  int x, y;
};
template <> struct fmt::formatter<Point> : fmt::formatter<int> {
  auto format(const Point &p, format_context &ctx) const {
    return fmt::format_to(ctx.out(), "({}, {})", p.x, p.y);
  }
};

int main() {
  std::string s = fmt::format("{} {:>8.3f} {:#x} {}", "a", 3.14159, 255, true);
  std::vector<int> v = {1, 2, 3};
  std::map<std::string, int> m = {{"a", 1}};
  s += fmt::format("{} {} {}", v, m, Point{1, 2});
  fmt::memory_buffer buf;
  fmt::format_to(std::back_inserter(buf), "{:*^20}", "mid");
  s += fmt::to_string(buf);
  s += fmt::format("{:%H:%M}", std::chrono::hours(3) + std::chrono::minutes(4));
  s += fmt::format(fmt::runtime("{0}{0}"), 'c');
  fmt::print("{}\n", fmt::join(v, ", "));
  return static_cast<int>(s.size()) & 1;
}
