// Finding -> Diagnostic: dispatches to the rule's words (one file per
// family, ExplainInternal.h) and adds what every rule shares.
#include "explain/Explain.h"

#include "catalog/Catalog.h"
#include "explain/ExplainInternal.h"

#include <fmt/format.h>

namespace borrowck {

using namespace explain_detail;

Diagnostic explain(const Finding &F) {
  Diagnostic D;
  D.Rule = std::string(F.Rule);
  D.Certainty = F.Certainty;
  D.Kind = F.Kind;
  const RuleInfo *R = findRule(F.Rule);
  if (R) {
    D.RustCode = std::string(R->Code);
    D.Severity = R->Severity == "warning" ? Level::Warning : Level::Error;
  }
  if (F.Rule == "use-after-move")
    explainUseAfterMove(F, D);
  else if (F.Rule == "dangling-return")
    explainDanglingReturn(F, D);
  else if (F.Rule == "borrow-outlives-owner" || F.Rule == "borrow-of-temporary")
    explainDanglingUse(F, D);
  else if (F.Rule == "use-after-free")
    explainUseAfterFree(F, D);
  else if (F.Rule == "double-free")
    explainDoubleFree(F, D);
  else if (F.Rule == "invalidated-borrow")
    explainInvalidatedBorrow(F, D);
  else if (F.Rule == "conflicting-borrows")
    explainConflictingBorrows(F, D);
  else if (F.Rule == "uninitialized-use")
    explainUninitializedUse(F, D);
  else if (F.Rule == "thread-outlives-borrow")
    explainThreadOutlivesBorrow(F, D);
  else if (F.Rule == "data-race")
    explainDataRace(F, D);
  if (F.Hint && F.Hint->CaptureByThis)
    D.Children.push_back({Level::Help,
        fmt::format("`{}` keeps a borrow of its parameter `{}` in `*this` (inferred from its body); "
                    "say so in its declaration, so callers are checked without reading the body "
                    "(Clang checks it too)", F.Hint->Function, F.Hint->Parameter),
        {FixIt{F.Hint->InsertAt, " [[clang::lifetime_capture_by(this)]]"}}});
  else if (F.Hint)
    D.Children.push_back({Level::Help,
        fmt::format("`{}` returns a borrow of its parameter `{}` (inferred from its body); say so in "
                    "its declaration, so callers are checked without reading the body (Clang checks "
                    "it too)", F.Hint->Function, F.Hint->Parameter),
        {FixIt{F.Hint->InsertAt, " [[clang::lifetimebound]]"}}});
  if (R) {
    // A family's own "Rust:" note (heap memory, not a binding) replaces the rule's two.
    bool Own = false;
    for (const Child &C : D.Children)
      Own |= C.Text.rfind("Rust: ", 0) == 0;
    if (!Own) {
      D.Children.push_back({Level::Note, fmt::format("Rust: {}", R->Rust)});
      D.Children.push_back({Level::Note, fmt::format("Go: {}", R->Go)});
    }
    // By code when the code names this rule alone, else by name.
    D.Children.push_back({Level::Help, fmt::format("to learn more, run `borrowck --explain {}`",
                                                   findRules(R->Code).size() == 1 && D.RustCode == R->Code
                                                       ? R->Code
                                                       : R->Slug)});
  }
  return D;
}

} // namespace borrowck
