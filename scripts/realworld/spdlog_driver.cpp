// Instantiates spdlog (libspdlog-dev, header-only use) for scripts/realworld.py.
#include <spdlog/spdlog.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <memory>
#include <sstream>

int main() {
  std::ostringstream os;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(os);
  auto logger = std::make_shared<spdlog::logger>("rw", sink);
  logger->set_pattern("[%l] %v");
  logger->info("hello {}", 42);
  logger->warn("{} + {} = {}", 1, 2, 3);
  logger->set_level(spdlog::level::debug);
  logger->debug("debug {:.2f}", 1.5);
  spdlog::set_default_logger(logger);
  spdlog::error("via default {}", "logger");
  auto console = spdlog::stdout_color_mt("console");
  console->flush();
  spdlog::drop_all();
  return static_cast<int>(os.str().size()) & 1;
}
