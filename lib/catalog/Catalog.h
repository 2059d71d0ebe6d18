// The rule catalog, compiled in from rules/<slug>/ at build time.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace borrowck {

// Facts that replace a rule's Rust / Go / C++ lines for one kind of finding
// (rule.yaml `cases:`); explain/ tags each finding with the cases it is.
struct RuleCase {
  std::string_view When; // the tag: "member-of-this", "mutable-global", ...
  std::string_view Rust; // empty: the rule's (or an earlier case's) line stays
  std::string_view Go;
  std::string_view Cxx;
};

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
  std::string_view RustcOutput; // rust.stderr: what rustc 1.95 prints for rust.rs
  std::span<const std::string_view> Codes; // every code the rule prints, Code first
  std::span<const RuleCase> Cases;
};

std::span<const RuleInfo> allRules();
// By slug or Rust code (case-insensitive); the first rule whose own code it is.
const RuleInfo *findRule(std::string_view SlugOrCode);
// The rule with that slug, or every rule that can print that Rust code (several
// rules print E0382: use after move, use after free, double free).
std::vector<const RuleInfo *> findRules(std::string_view SlugOrCode);
// Does `borrowck --explain Code` open rule R's page (R alone prints Code)?
bool explainsAlone(const RuleInfo &R, std::string_view Code);
// What `borrowck --explain X` should name for a finding of rule R printed with
// Code: the code when it opens R's page (R alone prints it), else R's slug.
std::string explainKey(const RuleInfo &R, std::string_view Code);

} // namespace borrowck
