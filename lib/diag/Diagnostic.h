// The diagnostic model: plain data, no Clang. Produced by explain/, drawn by render/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace borrowck {

enum class Level { Error, Warning, Note, Help };

// The word every output format prints for a level.
inline const char *levelName(Level L) {
  switch (L) {
  case Level::Error: return "error";
  case Level::Warning: return "warning";
  case Level::Note: return "note";
  case Level::Help: return "help";
  }
  return "error";
}

// Is the flagged code undefined behaviour in C++, undefined behaviour only if a
// condition holds (Diagnostic::Condition says which), or only outside Rust's rules?
enum class Behaviour { UndefinedInCxx, UndefinedIf, BreaksRustRulesOnly };

// Does the problem happen on every path to the use, or on some?
enum class Confidence { Definite, Maybe };

// A half-open byte range [Begin, End) in one file.
struct Span {
  std::string File; // path as the user passed it
  uint32_t Begin = 0;
  uint32_t End = 0;
};

struct Label {
  Span Where;
  std::string Text; // may be empty: marks only
  bool Primary = false;
};

// A suggested edit: insert (or replace Where with) Text.
struct FixIt {
  Span Where; // empty (Begin == End) for an insertion
  std::string Text;
};

// What a child line is for. A brief finding shows its Verdict (undefined
// behaviour or not, definite or possible), Notes (rustc's own, or what the C++
// runtime does in this case) and its Fix; Detail (why, step by step) only with
// --teach; Compare (what Rust, Go and the C++ tools do, and where to learn more)
// with the first finding of each rule in a run, or with every one under --teach.
enum class Role : uint8_t { Verdict, Note, Fix, Detail, Compare };

// A child line printed after the snippet as "= note: ..." / "= help: ...";
// with fix-its, as rustc's suggestion: "help: ..." and the edited line.
struct Child {
  Level Kind = Level::Note;
  std::string Text;
  std::vector<FixIt> Fixes;
  Role Part = Role::Verdict;
};

struct Diagnostic {
  Level Severity = Level::Error;
  std::string Rule;     // stable slug, e.g. "use-after-move"
  std::string RustCode; // e.g. "E0382"; empty when Rust has no code
  std::string Message;  // reads well alone: "borrow of moved value: `s`"
  std::vector<Label> Labels; // exactly one Primary
  std::vector<Child> Children;
  Confidence Certainty = Confidence::Definite;
  Behaviour Kind = Behaviour::BreaksRustRulesOnly;
  std::string Condition; // UndefinedIf: when it is ("the caller reads through the result")
  std::vector<std::string> Cases; // the rule.yaml cases that chose its Rust / Go / C++ lines

  const Label *primary() const {
    for (const Label &L : Labels)
      if (L.Primary)
        return &L;
    return Labels.empty() ? nullptr : &Labels.front();
  }
};

} // namespace borrowck
