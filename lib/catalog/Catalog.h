// The rule catalog, compiled in from rules/<slug>/ at build time.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace borrowck {

struct RuleInfo {
  std::string_view Slug;     // stable id: "use-after-move"
  std::string_view Code;     // Rust error code: "E0382"
  std::string_view Title;    // "use after move"
  std::string_view Severity; // "error" | "warning"
  std::string_view Family;   // "ownership", "lifetimes", ...
  std::string_view Summary;  // one sentence
  std::string_view Rust;     // one line: what safe Rust does
  std::string_view Go;       // one line: what Go does
  std::string_view Cxx;      // one line: what C++ says
  std::string_view Explain;  // explain.md
  std::string_view Bad;      // bad.cpp
  std::string_view Good;     // good.cpp
  std::string_view RustSource; // rust.rs
};

std::span<const RuleInfo> allRules();
// By slug or Rust code (case-insensitive); the first rule with that code.
const RuleInfo *findRule(std::string_view SlugOrCode);
// The rule with that slug, or every rule reporting that Rust code (several
// rules share E0382: use after move, use after free, double free).
std::vector<const RuleInfo *> findRules(std::string_view SlugOrCode);

} // namespace borrowck
