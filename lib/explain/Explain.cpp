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
      if (!F.Partial)
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
    case EventKind::Used:
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

  if (F.Kind == Behaviour::UndefinedInCxx)
    D.Children.push_back({Level::Note, fmt::format(
        "undefined behaviour in C++: a moved-from `{}` is null, and this dereferences it", F.SubjectType)});
  else if (F.SubjectKind == ValueKind::SmartPointer)
    D.Children.push_back({Level::Note, fmt::format(
        "not undefined behaviour in C++: a moved-from `{}` is null and this use does not dereference "
        "it; Rust still rejects any use of a moved value", F.SubjectType)});
  else
    D.Children.push_back({Level::Note, fmt::format(
        "not undefined behaviour in C++: a moved-from `{}` is valid but unspecified; Rust rejects "
        "any use of a moved value", F.SubjectType)});
  if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, fmt::format(
        "possible, not definite: `{}` is moved on some paths to this use, not on all", F.Subject)});
  if (F.SubjectKind == ValueKind::SmartPointer)
    D.Children.push_back({Level::Help,
        "use the object before handing the pointer on, or check it for null / `reset()` it first"});
  else
    D.Children.push_back({Level::Help,
        "copy the value instead of moving it, or assign it a new value before this use"});
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
  if (R) {
    D.Children.push_back({Level::Note, fmt::format("Rust: {}", R->Rust)});
    D.Children.push_back({Level::Note, fmt::format("Go: {}", R->Go)});
    D.Children.push_back({Level::Help, fmt::format("to learn more, run `borrowck --explain {}`", R->Code)});
  }
  return D;
}

} // namespace borrowck
