// The words of use-after-move.
#include "explain/ExplainInternal.h"

#include <fmt/format.h>

namespace borrowck::explain_detail {

void explainUseAfterMove(const Finding &F, Diagnostic &D) {
  const bool UseIsMove = F.Use == UseKind::Move || F.Use == UseKind::Copy;
  const char *Verb = UseIsMove ? "use" : "borrow";
  const char *Past = UseIsMove ? "used" : "borrowed";
  const char *How = F.Partial ? "partially moved" : F.Certainty == Confidence::Maybe ? "possibly moved" : "moved";
  D.Message = fmt::format("{} of {} value: `{}`", Verb, How, F.Subject);

  const Event *Use = F.primary();
  bool PrimaryIsMove = false; // the use is the same move, in the next iteration
  std::string PartialNote;
  bool Unsequenced = false; // possible only because of the order of a call's arguments
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Declared:
      if (!F.Partial || !F.Refilled.empty())
        addLabel(D, E.Where,
                 fmt::format("move occurs because `{}` has type `{}`, which is not trivially copyable",
                             F.Subject, F.SubjectType));
      break;
    case EventKind::LoopHead:
      addLabel(D, E.Where, "inside of this loop");
      break;
    case EventKind::Moved:
      if (E.Partial && PartialNote.empty())
        PartialNote = fmt::format("partial move occurs because `{}` has type `{}`, which is not trivially copyable",
                                  E.Place, E.TypeName);
      if (Use && E.Where.File == Use->Where.File && E.Where.Begin <= Use->Where.Begin &&
          Use->Where.End <= E.Where.End && F.Use == UseKind::Move) {
        PrimaryIsMove = true;
        break;
      }
      Unsequenced |= E.Unsequenced;
      addLabel(D, E.Where,
               E.Partial             ? "value partially moved here"
               : E.PreviousIteration ? "value moved here, in previous iteration of loop"
               : E.Unsequenced       ? "value moved here, by another argument of the same call"
                                     : "value moved here");
      break;
    default:
      break;
    }
  }
  if (Use) {
    std::string Text;
    if (PrimaryIsMove)
      Text = "value moved here, in previous iteration of loop";
    else
      Text = fmt::format("value {} here after {}move", Past, F.Partial ? "partial " : "");
    addLabel(D, Use->Where, std::move(Text), /*Primary=*/true);
  }
  if (!PartialNote.empty())
    note(D, PartialNote);

  // A possible finding is undefined behaviour (or sees an unspecified value)
  // only on the paths where the value was moved.
  const bool Maybe = F.Certainty == Confidence::Maybe;
  const char *OnPaths = !Maybe ? "" : Unsequenced ? " if that argument is evaluated first" : " on the paths where it was moved";
  const char *OnPathsLead = !Maybe ? "" : Unsequenced ? "if that argument is evaluated first, " : "on the paths where it was moved, ";
  if (F.Kind == Behaviour::UndefinedInCxx) {
    tag(D, "null-dereference");
    verdict(D, Behaviour::UndefinedInCxx, fmt::format(
        "undefined behaviour in C++{}: a moved-from `{}` is null, and this dereferences it", OnPaths,
        F.SubjectType));
  } else if (F.SubjectKind == ValueKind::SmartPointer) {
    tag(D, "null-not-dereferenced");
    verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
        "not undefined behaviour in C++: {}a moved-from `{}` is null and this use does not "
        "dereference it; Rust still rejects any use of a moved value", OnPathsLead, F.SubjectType));
  } else if (!F.SubjectMovedFrom.empty()) {
    verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
        "not undefined behaviour in C++: {}a moved-from `{}` {}, as C++ specifies; Rust rejects any "
        "use of a moved value", OnPathsLead, F.SubjectType, F.SubjectMovedFrom));
  } else {
    verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
        "not undefined behaviour in C++: {}a moved-from `{}` is valid but unspecified; Rust rejects "
        "any use of a moved value", OnPathsLead, F.SubjectType));
  }
  if (F.Certainty == Confidence::Maybe && !F.Refilled.empty())
    certainty(D, fmt::format("`{}` was given a new value after the move; other parts of `{}` may "
                             "still be moved", F.Refilled, F.Subject));
  else if (F.Certainty == Confidence::Maybe && Unsequenced)
    certainty(D, fmt::format(
        "C++ evaluates the arguments of a call in an unspecified order, so `{}` may be moved before "
        "or after this argument reads it; Rust evaluates them left to right", F.Subject));
  else if (F.Certainty == Confidence::Maybe)
    certainty(D, fmt::format("`{}` is moved on some paths to this use, not on all", F.Subject));
  if (F.OfThis)
    tag(D, "member-of-this");
  if (F.SubjectKind == ValueKind::SmartPointer)
    fix(D, "use the object before handing the pointer on, or check it for null / `reset()` it first");
  else if (F.OfThis)
    fix(D, fmt::format("to hand the contents on and leave `{0}` empty on purpose, say so: "
                       "`std::exchange({0}, {{}})` (Rust's `std::mem::take`); or copy it instead of "
                       "moving it", F.Subject));
  else
    fix(D, "copy the value instead of moving it, or assign it a new value before this use");
}

} // namespace borrowck::explain_detail
