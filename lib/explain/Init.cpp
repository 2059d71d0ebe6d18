// The words of uninitialized-use.
#include "explain/ExplainInternal.h"

#include <fmt/format.h>

namespace borrowck::explain_detail {

namespace {

// The labels on the paths that leave a value out: a branch, a skipped loop or
// switch, a call that may not write.
void addPathLabel(const Finding &F, const Event &E, Diagnostic &D) {
  switch (E.Kind) {
  case EventKind::SkipsInit:
      switch (E.Skip) {
      case SkipKind::Condition:
        addLabel(D, E.Where,
                 E.Place == "&&" || E.Place == "||"
                     ? fmt::format("if this operand of `{}` is `{}`, `{}` is not initialized", E.Place,
                                   E.Value ? "true" : "false", F.Subject)
                 : E.Place == "?:"
                     ? fmt::format("if this condition is `{}`, `{}` is not initialized",
                                   E.Value ? "true" : "false", F.Subject)
                     : fmt::format("if this `{}` condition is `{}`, `{}` is not initialized", E.Place,
                                   E.Value ? "true" : "false", F.Subject));
        break;
      case SkipKind::Case:
        addLabel(D, E.Where, fmt::format("if this `case` is taken, `{}` is not initialized", F.Subject));
        break;
      case SkipKind::Default:
        addLabel(D, E.Where, fmt::format("if the `default` case is taken, `{}` is not initialized", F.Subject));
        break;
      case SkipKind::RangeNotEmpty:
        addLabel(D, E.Where, fmt::format("if this range is not empty, `{}` is not initialized", F.Subject));
        break;
      case SkipKind::NoCaseMatches:
        addLabel(D, E.Where, fmt::format("if no `case` of this `switch` matches, `{}` is not initialized",
                                         F.Subject));
        break;
      case SkipKind::MissingElse:
        addLabel(D, E.Where, fmt::format("an `else` arm might be missing here, initializing `{}`", F.Subject));
        break;
      case SkipKind::LoopNotRun:
        addLabel(D, E.Where, fmt::format("if the body of this `{}` loop never runs, `{}` is not initialized",
                                         E.Place, F.Subject));
        break;
      }
      break;
    case EventKind::MayNotWrite:
      addLabel(D, E.Where, E.Value ? fmt::format("`{}` may return without writing to `{}`", E.Place, F.Subject)
                                   : fmt::format("`{}` never writes to `{}`", E.Place, F.Subject));
      break;
  default:
    break;
  }
}

// The read: of a whole struct copied while one of its slots has no value, or of the place itself.
void addUsedLabel(const Finding &F, const Event &E, Diagnostic &D, const std::string &Read,
                  const std::string &Slot) {
  const bool Maybe = F.Certainty == Confidence::Maybe;
  addLabel(D, E.Where,
           F.Use == UseKind::Copy && F.Partial && Slot != Read
               ? fmt::format("`{}` used here but `{}` {}", Read, Slot,
                             Maybe ? "is possibly-uninitialized" : "isn't initialized")
               : fmt::format("`{}` used here but {}", Read,
                             Maybe ? "it is possibly-uninitialized" : "it isn't initialized"),
           /*Primary=*/true);
}

void addCopyNote(const Finding &F, Diagnostic &D, const std::string &Slot, const char *Rust) {
  verdict(D, Behaviour::UndefinedIf, fmt::format(
      "not undefined behaviour in C++ by itself: copying a trivially copyable `{}` copies the "
      "indeterminate bytes of `{}` along, and reading them from the copy is{}",
      F.SubjectType, Slot, Rust), fmt::format("`{}` is read from the copy", Slot));
}

} // namespace

void explainUninitializedMemory(const Finding &F, Diagnostic &D);

void explainUninitializedUse(const Finding &F, Diagnostic &D) {
  const bool Maybe = F.Certainty == Confidence::Maybe;
  const Event *Use = F.find(EventKind::Used);
  const std::string Read = Use && !Use->Place.empty() ? Use->Place : F.Subject;
  const std::string Slot = Use && !Use->Slot.empty() ? Use->Slot : Read;
  if (!F.Allocation.empty()) {
    explainUninitializedMemory(F, D);
    return;
  }
  if (F.Partial)
    D.Message = Maybe ? fmt::format("used binding `{}` is possibly not fully initialized", F.Subject)
                      : fmt::format("used binding `{}` isn't fully initialized", F.Subject);
  else
    D.Message = Maybe ? fmt::format("used binding `{}` is possibly-uninitialized", F.Subject)
                      : fmt::format("used binding `{}` isn't initialized", F.Subject);
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Declared:
      addLabel(D, E.Where, "binding declared here but left uninitialized");
      break;
    case EventKind::SkipsInit:
    case EventKind::MayNotWrite:
      addPathLabel(F, E, D);
      break;
    case EventKind::Used:
      addUsedLabel(F, E, D, Read, Slot);
      break;
    default:
      break;
    }
  }
  const char *OnPaths = Maybe ? " on the paths where it was not given a value" : "";
  if (F.Kind == Behaviour::UndefinedInCxx)
    verdict(D, Behaviour::UndefinedInCxx, fmt::format(
        "undefined behaviour in C++{}: this reads an indeterminate value (C++26 calls it erroneous "
        "behaviour instead)", OnPaths));
  else
    addCopyNote(F, D, Slot, "; Rust rejects using a value that is not fully initialized");
  if (F.Partial)
    tag(D, "partial");
  if (Maybe && F.find(EventKind::MayNotWrite))
    certainty(D, fmt::format("a function given the address of `{}` writes to it on some paths only",
                             F.Subject));
  else if (Maybe)
    certainty(D, fmt::format("`{}` is given a value on some paths to this use, not on all", Slot));
  D.Children.push_back({Level::Help, fmt::format(
      "give `{}` a value where it is declared (an empty initializer, `{}{{}}`, value-initializes "
      "it{}), or assign it on every path before this use",
      F.Subject, F.Subject,
      F.Partial || F.Use == UseKind::Copy ? ", every field or element included" : ""), {}, Role::Fix});
}

// Heap memory read before it holds a value: the same paths, other words; safe
// Rust has no way to allocate without initializing.
void explainUninitializedMemory(const Finding &F, Diagnostic &D) {
  const bool Maybe = F.Certainty == Confidence::Maybe;
  const Event *Use = F.find(EventKind::Used);
  const std::string Read = Use && !Use->Place.empty() ? Use->Place : F.Subject;
  const std::string Slot = Use && !Use->Slot.empty() ? Use->Slot : Read;
  std::string Allocation;
  if (F.Partial)
    D.Message = Maybe ? fmt::format("used memory `{}` is possibly not fully initialized", Read)
                      : fmt::format("used memory `{}` isn't fully initialized", Read);
  else
    D.Message = Maybe ? fmt::format("used memory `{}` is possibly-uninitialized", Read)
                      : fmt::format("used memory `{}` isn't initialized", Read);
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Declared:
      Allocation = E.Place;
      addLabel(D, E.Where, "memory allocated here but left uninitialized");
      break;
    case EventKind::SkipsInit:
    case EventKind::MayNotWrite:
      addPathLabel(F, E, D);
      break;
    case EventKind::Used:
      addUsedLabel(F, E, D, Read, Slot);
      break;
    default:
      break;
    }
  }
  const char *OnPaths = Maybe ? " on the paths where it was not given a value" : "";
  tag(D, "heap");
  if (F.Kind == Behaviour::UndefinedInCxx)
    verdict(D, Behaviour::UndefinedInCxx, fmt::format(
        "undefined behaviour in C++{}: `{}` leaves the memory indeterminate and this reads it",
        OnPaths, F.Allocation == "malloc" ? "malloc" : F.Allocation == "alloca" ? "alloca" : "new"));
  else
    addCopyNote(F, D, Slot, "");
  if (Maybe)
    certainty(D, fmt::format("`{}` is given a value on some paths to this use, not on all", Slot));
  if (F.Allocation == "new[]")
    fix(D, fmt::format(
        "value-initialize the elements where they are allocated: `{}()` zero-fills them (or use "
        "`std::vector<{}>(n)`); or write every element before this read",
        Allocation.empty() ? "new T[n]" : Allocation, F.SubjectType));
  else if (F.Allocation == "new")
    fix(D, fmt::format(
        "value-initialize it where it is allocated, `{}()` or `{}{{}}`, or assign it before this read",
        Allocation.empty() ? "new T" : Allocation, Allocation.empty() ? "new T" : Allocation));
  else if (F.Allocation == "malloc")
    fix(D, "allocate with `calloc`, which zero-fills, or write every element (`memset`, `std::fill`, a "
           "loop) before this read");
  else
    fix(D, "write every element (`memset`, `std::fill`, a loop) before this read");
}

} // namespace borrowck::explain_detail
