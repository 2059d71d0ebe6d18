#include "explain/Explain.h"

#include "catalog/Catalog.h"

#include <fmt/format.h>

namespace borrowck {

namespace {

void addLabel(Diagnostic &D, const Span &S, std::string Text, bool Primary = false) {
  D.Labels.push_back(Label{S, std::move(Text), Primary});
}

void explainUseAfterMove(const Finding &F, Diagnostic &D) {
  const bool UseIsMove = F.Use == UseKind::Move || F.Use == UseKind::Copy;
  const char *Verb = UseIsMove ? "use" : "borrow";
  const char *Past = UseIsMove ? "used" : "borrowed";
  const char *How = F.Partial ? "partially moved" : F.Certainty == Confidence::Maybe ? "possibly moved" : "moved";
  D.Message = fmt::format("{} of {} value: `{}`", Verb, How, F.Subject);

  const Event *Use = F.primary();
  bool PrimaryIsMove = false; // the use is the same move, in the next iteration
  std::string PartialNote;
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
      addLabel(D, E.Where,
               E.Partial             ? "value partially moved here"
               : E.PreviousIteration ? "value moved here, in previous iteration of loop"
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
    D.Children.push_back({Level::Note, PartialNote});

  // A possible finding is undefined behaviour (or sees an unspecified value)
  // only on the paths where the value was moved.
  const bool Maybe = F.Certainty == Confidence::Maybe;
  const char *OnPaths = Maybe ? " on the paths where it was moved" : "";
  const char *OnPathsLead = Maybe ? "on the paths where it was moved, " : "";
  if (F.Kind == Behaviour::UndefinedInCxx)
    D.Children.push_back({Level::Note, fmt::format(
        "undefined behaviour in C++{}: a moved-from `{}` is null, and this dereferences it", OnPaths,
        F.SubjectType)});
  else if (F.SubjectKind == ValueKind::SmartPointer)
    D.Children.push_back({Level::Note, fmt::format(
        "not undefined behaviour in C++: {}a moved-from `{}` is null and this use does not "
        "dereference it; Rust still rejects any use of a moved value", OnPathsLead, F.SubjectType)});
  else if (!F.SubjectMovedFrom.empty())
    D.Children.push_back({Level::Note, fmt::format(
        "{}a moved-from `{}` {}, as C++ specifies; Rust rejects any use of a moved value",
        OnPathsLead, F.SubjectType, F.SubjectMovedFrom)});
  else
    D.Children.push_back({Level::Note, fmt::format(
        "not undefined behaviour in C++: {}a moved-from `{}` is valid but unspecified; Rust rejects "
        "any use of a moved value", OnPathsLead, F.SubjectType)});
  if (F.Certainty == Confidence::Maybe && !F.Refilled.empty())
    D.Children.push_back({Level::Note, fmt::format(
        "possible, not definite: `{}` was given a new value after the move; other parts of `{}` "
        "may still be moved", F.Refilled, F.Subject)});
  else if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, fmt::format(
        "possible, not definite: `{}` is moved on some paths to this use, not on all", F.Subject)});
  if (F.SubjectKind == ValueKind::SmartPointer)
    D.Children.push_back({Level::Help,
        "use the object before handing the pointer on, or check it for null / `reset()` it first"});
  else
    D.Children.push_back({Level::Help,
        "copy the value instead of moving it, or assign it a new value before this use"});
}

void explainDanglingReturn(const Finding &F, Diagnostic &D) {
  const char *What = F.Storage == StorageKind::Temporary ? "temporary value"
                     : F.Storage == StorageKind::Parameter ? "function parameter"
                                                            : "local variable";
  std::string Name = F.Storage == StorageKind::Temporary ? "" : fmt::format(" `{}`", F.Subject);
  D.Message = fmt::format("cannot return {} {}{}",
                          F.ReturnsReference ? "reference to" : "value referencing", What, Name);
  for (const Event &E : F.Events) {
    if (E.Kind == EventKind::Borrowed)
      addLabel(D, E.Where,
               F.Storage == StorageKind::Temporary ? "temporary value created here"
                                                   : fmt::format("`{}` is borrowed here", E.Place));
    else if (E.Kind == EventKind::Returned)
      addLabel(D, E.Where,
               F.ReturnsReference ? "returns a reference to data owned by the current function"
                                  : "returns a value referencing data owned by the current function",
               /*Primary=*/true);
  }
  D.Children.push_back({Level::Note, fmt::format(
      "undefined behaviour in C++ as soon as the caller uses the result: {} is destroyed when the "
      "function returns",
      F.Storage == StorageKind::Temporary ? std::string("the temporary")
                                          : fmt::format("`{}`", F.Subject))});
  if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, "possible, not definite: the returned value holds this borrow on some paths only"});
  if (F.NothingToBorrowFrom)
    D.Children.push_back({Level::Note,
        "rustc would first reject the signature (E0106, missing lifetime specifier): with no "
        "reference parameter, there is nothing the result could borrow from"});
  D.Children.push_back({Level::Help,
      "return an owned value (`std::string` rather than `std::string_view` or `const std::string&`), "
      "or borrow from something the caller owns"});
}

void explainDanglingUse(const Finding &F, Diagnostic &D) {
  const bool Temp = F.Storage == StorageKind::Temporary;
  const Event *Borrow = F.find(EventKind::Borrowed);
  std::string Owner = Borrow ? Borrow->Place : F.Subject;
  D.Message = Temp ? std::string("temporary value dropped while borrowed")
                   : fmt::format("`{}` does not live long enough", Owner);
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Declared:
      addLabel(D, E.Where, fmt::format("binding `{}` declared here", Owner));
      break;
    case EventKind::Borrowed:
      addLabel(D, E.Where,
               Temp ? "creates a temporary value which is freed while still in use"
                    : "borrowed value does not live long enough",
               /*Primary=*/true);
      break;
    case EventKind::Dropped:
      addLabel(D, E.Where, Temp ? "temporary value is freed at the end of this statement"
                                : fmt::format("`{}` dropped here while still borrowed", Owner));
      break;
    case EventKind::Used:
      addLabel(D, E.Where, F.PassedOn ? "borrow later passed on here" : "borrow later used here");
      break;
    case EventKind::Stored:
      addLabel(D, E.Where, fmt::format("borrow stored in `{}`, which is still reachable after the "
                                       "function returns",
                                       E.Place));
      break;
    default:
      break;
    }
  }
  if (F.Kind == Behaviour::UndefinedInCxx)
    D.Children.push_back({Level::Note, Temp
        ? "undefined behaviour in C++: the temporary is destroyed at the end of the full expression, "
          "and this reads through a borrow of it"
        : fmt::format("undefined behaviour in C++: `{}` is destroyed, and this reads through a borrow of it", Owner)});
  else
    D.Children.push_back({Level::Note,
        "undefined behaviour in C++ as soon as anything reads through the dangling borrow; "
        "Rust rejects keeping it at all"});
  if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, "possible, not definite: the borrow is dangling on some paths to this use only"});
  if (Temp)
    D.Children.push_back({Level::Help,
        "bind the temporary to a local variable first, so it lives as long as the borrow "
        "(`const T& r = temporary;` extends a temporary's life; a view does not)"});
  else
    D.Children.push_back({Level::Help, fmt::format(
        "declare `{}` in an outer scope so it outlives every use of the borrow, or copy the value "
        "instead of borrowing it", Owner)});
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
  if (R) {
    D.Children.push_back({Level::Note, fmt::format("Rust: {}", R->Rust)});
    D.Children.push_back({Level::Note, fmt::format("Go: {}", R->Go)});
    D.Children.push_back({Level::Help, fmt::format("to learn more, run `borrowck --explain {}`", R->Code)});
  }
  return D;
}

} // namespace borrowck
