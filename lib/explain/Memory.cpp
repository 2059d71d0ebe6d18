// The words of the memory rules: use-after-free, double-free.
#include "explain/ExplainInternal.h"

#include <fmt/format.h>

namespace borrowck::explain_detail {

// ", in `File::close`": the free happened inside that callee.
static std::string in(const Event &E) {
  return E.Detail.empty() ? std::string() : fmt::format(", in `{}`", E.Detail);
}

void explainUseAfterFree(const Finding &F, Diagnostic &D) {
  if (F.find(EventKind::Invalidated)) {
    // Through a unique_ptr: rustc's E0505 / E0506 frame, primary at the free.
    const bool Moved = F.Reason == EndReason::MovedOut;
    D.RustCode = Moved ? "E0505" : "E0506";
    D.Message = Moved ? fmt::format("cannot move out of `{}` because it is borrowed", F.Subject)
                      : fmt::format("cannot assign to `{}` because it is borrowed", F.Subject);
    for (const Event &E : F.Events) {
      switch (E.Kind) {
      case EventKind::Declared:
        addLabel(D, E.Where, fmt::format("binding `{}` declared here", F.Subject));
        break;
      case EventKind::Borrowed:
        addLabel(D, E.Where, fmt::format("borrow of `*{}` occurs here", F.Subject));
        break;
      case EventKind::Invalidated:
        addLabel(D, E.Where,
                 Moved ? fmt::format("move out of `{}` occurs here", F.Subject)
                 : F.Reason == EndReason::Reset
                     ? fmt::format("`{}` is reset here but it was already borrowed", F.Subject)
                     : fmt::format("`{}` is assigned to here but it was already borrowed", F.Subject),
                 /*Primary=*/true);
        break;
      case EventKind::Used:
        addLabel(D, E.Where, F.PassedOn ? "borrow later passed on here" : "borrow later used here");
        break;
      default:
        break;
      }
    }
    if (Moved)
      detail(D, fmt::format(
          "moving `{}` hands its object to a new owner, which may free it at any time (a by-value "
          "parameter frees it when the call returns); the pointer taken from `{}` no longer has an "
          "owner that keeps the object alive",
          F.Subject, F.Subject));
    else
      detail(D, fmt::format("{} `{}` frees the object it owned; the pointer taken from it now dangles",
                            F.Reason == EndReason::Reset ? "resetting" : "assigning to", F.Subject));
    tag(D, Moved ? "unique-ptr-moved" : "unique-ptr-freed");
    if (Moved)
      verdict(D, Behaviour::UndefinedIf,
              "undefined behaviour in C++ if the new owner has freed the object by then; Rust rejects "
              "it either way, since the borrow would outlive the move",
              "the new owner has freed the object before this use");
    else if (F.Kind == Behaviour::UndefinedInCxx)
      verdict(D, Behaviour::UndefinedInCxx, "undefined behaviour in C++: this reads freed memory");
    else
      verdict(D, Behaviour::UndefinedIf,
              "undefined behaviour in C++ as soon as anything reads through the dangling pointer; "
              "Rust rejects keeping it at all",
              "anything reads through the dangling pointer");
    if (F.Certainty == Confidence::Maybe)
      certainty(D, "the pointer dangles on some paths to this use only");
    fix(D, fmt::format("finish using the pointer before `{}` gives up its object, or take the pointer "
                       "again afterwards from whoever owns the object now", F.Subject));
    return;
  }
  D.Message = fmt::format("use of freed value: `{}`", F.Subject);
  const Event *Use = F.find(EventKind::Used);
  for (const Event &E : F.Events) {
    if (E.Kind == EventKind::Freed)
      addLabel(D, E.Where, !E.Place.empty()
                               ? fmt::format("value freed here by `{}`, which owned it", E.Place)
                           : Use && E.Where.File == Use->Where.File && E.Where.Begin > Use->Where.Begin
                               ? "value freed here, in previous iteration of loop" + in(E)
                               : "value freed here" + in(E));
    else if (E.Kind == EventKind::Used)
      addLabel(D, E.Where,
               F.ReturnsReference ? "value returned here after free"
               : F.PassedOn       ? "value passed on here after free"
                                  : "value used here after free",
               /*Primary=*/true);
  }
  if (F.Kind == Behaviour::UndefinedInCxx)
    verdict(D, Behaviour::UndefinedInCxx, "undefined behaviour in C++: this reads or writes freed memory");
  else if (F.ReturnsReference)
    verdict(D, Behaviour::UndefinedIf,
            "undefined behaviour in C++ as soon as the caller reads through the returned pointer, "
            "which dangles; Rust rejects using a dropped value at all",
            "the caller reads through the returned pointer");
  else
    verdict(D, Behaviour::UndefinedIf,
            "undefined behaviour in C++ as soon as anything reads through the freed pointer, which "
            "this only passes on; Rust rejects any use of a dropped value",
            "anything reads through the freed pointer passed on here");
  if (F.Kind != Behaviour::UndefinedInCxx)
    tag(D, "passed-on");
  if (F.Certainty == Confidence::Maybe)
    certainty(D, "the memory is freed on some paths to this use only");
  fix(D, fmt::format("free the memory after its last use, set `{}` to `nullptr` right after freeing "
                     "it, or let a `std::unique_ptr` own it", F.Subject));
}

void explainDoubleFree(const Finding &F, Diagnostic &D) {
  D.Message = fmt::format("double free of `{}`", F.Subject);
  const Event *Again = F.find(EventKind::FreedAgain);
  const bool Adoption = Again && Again->Partial;
  // The same delete, reached again through a loop: one label, as rustc's
  // "value moved here, in previous iteration of loop".
  const Event *First = F.find(EventKind::Freed);
  const Event *Copy = F.find(EventKind::Copied);
  // Both copies' destructors at one `}`: one label, not "in previous iteration".
  const bool SameSite = First && Again && First->Where.File == Again->Where.File &&
                        First->Where.Begin == Again->Where.Begin;
  const Event *Twice = F.find(EventKind::StoredTwice);
  const bool Loop = SameSite && !Copy && !Twice;
  const bool Earlier = First && Again && First->Where.File == Again->Where.File &&
                       First->Where.Begin > Again->Where.Begin;
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Freed:
      if (!SameSite)
        addLabel(D, E.Where, !E.Place.empty() ? fmt::format("first freed here by `{}`, which owned it", E.Place)
                             : Earlier        ? "first freed here, in previous iteration of loop" + in(E)
                                              : "first freed here" + in(E));
      break;
    case EventKind::Adopted:
      addLabel(D, E.Where, "ownership first taken here");
      break;
    case EventKind::Borrowed:
      addLabel(D, E.Where, fmt::format("borrow of `*{}` occurs here", E.Place));
      break;
    case EventKind::Copied:
      addLabel(D, E.Where, fmt::format("`{}` copied here by the implicit {} of `{}`: two owners of one "
                                       "allocation", E.Place, E.Detail, E.TypeName));
      break;
    case EventKind::StoredTwice:
      addLabel(D, E.Where, E.Value ? fmt::format("and stored in `{}` again here", E.Place)
                                   : fmt::format("`{}` stored in `{}` here", F.Subject, E.Place));
      break;
    case EventKind::FreedAgain:
      addLabel(D, E.Where,
               Twice ? fmt::format("freed here once for each element of `{}` that holds `{}`", Twice->Place, F.Subject)
               : SameSite && Copy ? "freed here by both copies" + in(E)
               : Loop ? (Adoption ? "ownership taken here, in previous iteration of loop"
                                  : "value freed here, in previous iteration of loop")
               : Adoption ? "ownership taken again here"
               : F.OwnedBySmartPointer ? "freed here while a smart pointer still owns it" + in(E)
                                       : "freed again here" + in(E),
               /*Primary=*/true);
      break;
    default:
      break;
    }
  }
  if (F.OwnedBySmartPointer)
    verdict(D, Behaviour::UndefinedInCxx,
            Adoption ? "both smart pointers free the memory when they are dropped: undefined behaviour in C++"
                     : "the smart pointer frees the memory again when it is dropped: undefined behaviour in C++");
  else if (Adoption)
    verdict(D, Behaviour::UndefinedInCxx,
            "the smart pointer frees memory that was already freed: undefined behaviour in C++");
  else
    verdict(D, Behaviour::UndefinedInCxx, "undefined behaviour in C++: the memory was already freed");
  if (F.Certainty == Confidence::Maybe)
    certainty(D, "the memory is freed twice on some paths only");
  if (Twice) {
    tag(D, "stored-twice");
    fix(D, fmt::format("store each pointer in `{}` once, or let it own its elements "
                       "(`std::vector<std::unique_ptr<T>>`), which cannot be filled with one pointer twice",
                       Twice->Place));
    return;
  }
  if (Copy) {
    tag(D, "copied-owner");
    fix(D, fmt::format(
        "give `{0}` a copy constructor and copy assignment that copy what the pointer owns (rule of "
        "three), delete them (`{0}(const {0} &) = delete;`), or hold the memory in a "
        "`std::unique_ptr`", Copy->TypeName));
    return;
  }
  if (F.OwnedBySmartPointer)
    tag(D, "two-owners");
  fix(D, F.OwnedBySmartPointer
             ? "give the memory one owner: hand it over with `release()`, or share it with `std::shared_ptr` copies"
             : "free the memory once, on every path, and set the pointer to `nullptr` after freeing it");
}

} // namespace borrowck::explain_detail
