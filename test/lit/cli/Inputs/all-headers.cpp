#include <cstddef>
#include <cstdarg>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>
std::size_t use_them(std::map<int, std::string> &m, std::optional<std::vector<int>> o) {
  std::unique_ptr<int> p = std::make_unique<int>(1);
  std::function<int()> f = [&] { return *p; };
  std::thread t([] {});
  t.join();
  return m.size() + (o ? o->size() : 0) + static_cast<std::size_t>(f());
}
