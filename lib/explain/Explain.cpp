// Finding -> Diagnostic: dispatches to the rule's words (one file per
// family, ExplainInternal.h) and adds what every rule shares: the lifetimebound
// hint, and the comparison with Rust, Go and the C++ tools, chosen from the
// rule's rule.yaml by the cases the family tagged the finding with.
#include "explain/Explain.h"

#include "catalog/Catalog.h"
#include "explain/ExplainInternal.h"

#include <algorithm>

#include <fmt/format.h>

namespace borrowck {

using namespace explain_detail;

namespace {

// The rule's line for one language, or the first of the finding's cases
// (rule.yaml order) that says otherwise.
std::string_view pick(const RuleInfo &R, const std::vector<std::string> &Tags, std::string_view RuleInfo::*Own,
                      std::string_view RuleCase::*InCase) {
  for (const RuleCase &C : R.Cases)
    if (!(C.*InCase).empty() && std::find(Tags.begin(), Tags.end(), C.When) != Tags.end())
      return C.*InCase;
  return R.*Own;
}

} // namespace

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
        {FixIt{F.Hint->InsertAt, " [[clang::lifetime_capture_by(this)]]"}}, Role::Fix});
  else if (F.Hint)
    D.Children.push_back({Level::Help,
        fmt::format("`{}` returns a borrow of its parameter `{}` (inferred from its body); say so in "
                    "its declaration, so callers are checked without reading the body (Clang checks "
                    "it too)", F.Hint->Function, F.Hint->Parameter),
        {FixIt{F.Hint->InsertAt, " [[clang::lifetimebound]]"}}, Role::Fix});
  if (R) {
    const std::vector<std::string> &Tags = D.Cases;
    D.Children.push_back({Level::Note, fmt::format("Rust: {}", pick(*R, Tags, &RuleInfo::Rust, &RuleCase::Rust)),
                          {}, Role::Compare});
    D.Children.push_back({Level::Note, fmt::format("Go: {}", pick(*R, Tags, &RuleInfo::Go, &RuleCase::Go)),
                          {}, Role::Compare});
    D.Children.push_back({Level::Note,
                          fmt::format("C++ runtime: {}", pick(*R, Tags, &RuleInfo::Cxx, &RuleCase::Cxx)),
                          {}, Role::Compare});
    // By code when `--explain CODE` opens this rule's page, else by name.
    D.Children.push_back({Level::Help,
                          fmt::format("to learn more, run `borrowck --explain {}`", explainKey(*R, D.RustCode)),
                          {}, Role::Compare});
  }
  return D;
}

} // namespace borrowck
