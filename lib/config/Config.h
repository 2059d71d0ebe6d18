// `.borrowck.yaml`: which rules run, at what level, strict mode and ownership
// extensions of the type model. Found by walking up from each analysed file
// (the nearest one wins, as with .clang-tidy); read with LLVM's YAML I/O.
// See docs/configuration.md.
#pragma once

#include "diag/Diagnostic.h"
#include "config/ModelConfig.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace borrowck {

struct Config {
  std::string Source; // the file it was read from; empty: the built-in defaults
  // Applied in order on top of "every rule enabled": a slug, a Rust code or a glob
  // over slugs enables, the same with a leading '-' disables ("-*" disables all).
  std::vector<std::string> Rules;
  // A level per rule (slug or Rust code): error, warning or note. Sorted by key.
  std::vector<std::pair<std::string, Level>> Severity;
  std::optional<bool> Strict;
  ModelConfig Ownership;

  bool enabled(std::string_view Slug) const;
  // The configured level of a rule's findings; nullopt: the rule's own.
  std::optional<Level> severity(std::string_view Slug) const;
};

// The file name looked for.
inline constexpr const char *ConfigFileName = ".borrowck.yaml";

// The nearest .borrowck.yaml in the directories containing SourceFile (made
// absolute) and their parents; empty when there is none.
std::string findConfigFile(llvm::StringRef SourceFile);

// Reads and checks a configuration. Errors are one line, "PATH:LINE:COL: message"
// for bad YAML, unknown keys or values, "cannot read 'PATH': reason" otherwise.
llvm::Expected<Config> loadConfigFile(llvm::StringRef Path);
llvm::Expected<Config> parseConfig(llvm::StringRef Text, llvm::StringRef Path);

// The configuration as YAML, every key spelled out (--dump-config).
void dumpConfig(const Config &C, llvm::raw_ostream &OS);

// Does a rule name (slug or Rust code, case-insensitive) name some rule?
bool isRuleName(std::string_view Name);
// Does Name (a slug or a Rust code) name the rule with this slug?
bool namesRule(std::string_view Name, std::string_view Slug);

} // namespace borrowck
