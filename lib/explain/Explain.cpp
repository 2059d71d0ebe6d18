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
      if (E.GlobalState) // [[clang::lifetime_capture_by(global/unknown)]]
        addLabel(D, E.Where, fmt::format("borrow kept by `{}` in global state, which is still "
                                         "reachable after the function returns",
                                         E.Place));
      else
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
      D.Children.push_back({Level::Note, fmt::format(
          "moving `{}` hands its object to a new owner, which may free it at any time (a by-value "
          "parameter frees it when the call returns); the pointer taken from `{}` no longer has an "
          "owner that keeps the object alive",
          F.Subject, F.Subject)});
    else
      D.Children.push_back({Level::Note, fmt::format(
          "{} `{}` frees the object it owned; the pointer taken from it now dangles",
          F.Reason == EndReason::Reset ? "resetting" : "assigning to", F.Subject)});
    if (Moved)
      D.Children.push_back({Level::Note,
          "undefined behaviour in C++ if the new owner has freed the object by then; Rust rejects "
          "it either way, since the borrow would outlive the move"});
    else if (F.Kind == Behaviour::UndefinedInCxx)
      D.Children.push_back({Level::Note, "undefined behaviour in C++: this reads freed memory"});
    else
      D.Children.push_back({Level::Note,
          "undefined behaviour in C++ as soon as anything reads through the dangling pointer; "
          "Rust rejects keeping it at all"});
    if (F.Certainty == Confidence::Maybe)
      D.Children.push_back({Level::Note, "possible, not definite: the pointer dangles on some paths to this use only"});
    D.Children.push_back({Level::Help, fmt::format(
        "finish using the pointer before `{}` gives up its object, or take the pointer again "
        "afterwards from whoever owns the object now", F.Subject)});
    return;
  }
  D.Message = fmt::format("use of freed value: `{}`", F.Subject);
  const Event *Use = F.find(EventKind::Used);
  for (const Event &E : F.Events) {
    if (E.Kind == EventKind::Freed)
      addLabel(D, E.Where, !E.Place.empty()
                               ? fmt::format("value freed here by `{}`, which owned it", E.Place)
                           : Use && E.Where.File == Use->Where.File && E.Where.Begin > Use->Where.Begin
                               ? "value freed here, in previous iteration of loop"
                               : "value freed here");
    else if (E.Kind == EventKind::Used)
      addLabel(D, E.Where,
               F.ReturnsReference ? "value returned here after free"
               : F.PassedOn       ? "value passed on here after free"
                                  : "value used here after free",
               /*Primary=*/true);
  }
  if (F.Kind == Behaviour::UndefinedInCxx)
    D.Children.push_back({Level::Note, "undefined behaviour in C++: this reads or writes freed memory"});
  else if (F.ReturnsReference)
    D.Children.push_back({Level::Note,
        "the caller receives a dangling pointer: undefined behaviour as soon as it reads through "
        "it; Rust rejects using a dropped value at all"});
  else
    D.Children.push_back({Level::Note,
        "not yet undefined behaviour in C++: the freed pointer is only passed on; reading through it "
        "anywhere is. Rust rejects any use of a dropped value"});
  if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, "possible, not definite: the memory is freed on some paths to this use only"});
  D.Children.push_back({Level::Note,
      "in Rust, freeing is `drop(b)`, which moves `b`: any later use is E0382 (use of moved value)"});
  D.Children.push_back({Level::Help, fmt::format(
      "free the memory after its last use, set `{}` to `nullptr` right after freeing it, or let a "
      "`std::unique_ptr` own it", F.Subject)});
}

void explainDoubleFree(const Finding &F, Diagnostic &D) {
  D.Message = fmt::format("double free of `{}`", F.Subject);
  const Event *Again = F.find(EventKind::FreedAgain);
  const bool Adoption = Again && Again->Partial;
  // The same delete, reached again through a loop: one label, as rustc's
  // "value moved here, in previous iteration of loop".
  const Event *First = F.find(EventKind::Freed);
  const bool SameSite = First && Again && First->Where.File == Again->Where.File &&
                        First->Where.Begin == Again->Where.Begin;
  const bool Earlier = First && Again && First->Where.File == Again->Where.File &&
                       First->Where.Begin > Again->Where.Begin;
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Freed:
      if (!SameSite)
        addLabel(D, E.Where, !E.Place.empty() ? fmt::format("first freed here by `{}`, which owned it", E.Place)
                             : Earlier        ? "first freed here, in previous iteration of loop"
                                              : "first freed here");
      break;
    case EventKind::Adopted:
      addLabel(D, E.Where, "ownership first taken here");
      break;
    case EventKind::Borrowed:
      addLabel(D, E.Where, fmt::format("borrow of `*{}` occurs here", E.Place));
      break;
    case EventKind::FreedAgain:
      addLabel(D, E.Where,
               SameSite ? (Adoption ? "ownership taken here, in previous iteration of loop"
                                    : "value freed here, in previous iteration of loop")
               : Adoption ? "ownership taken again here"
               : F.OwnedBySmartPointer ? "freed here while a smart pointer still owns it"
                                       : "freed again here",
               /*Primary=*/true);
      break;
    default:
      break;
    }
  }
  if (F.OwnedBySmartPointer)
    D.Children.push_back({Level::Note,
        Adoption ? "both smart pointers free the memory when they are dropped: undefined behaviour in C++"
                 : "the smart pointer frees the memory again when it is dropped: undefined behaviour in C++"});
  else if (Adoption)
    D.Children.push_back({Level::Note, "the smart pointer frees memory that was already freed: undefined behaviour in C++"});
  else
    D.Children.push_back({Level::Note, "undefined behaviour in C++: the memory was already freed"});
  if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, "possible, not definite: the memory is freed twice on some paths only"});
  D.Children.push_back({Level::Note,
      "in Rust, every value has exactly one owner and `drop(b)` moves `b`: dropping it twice is "
      "E0382 (use of moved value); two `Box`es of one pointer need `unsafe`"});
  D.Children.push_back({Level::Help,
      F.OwnedBySmartPointer
          ? "give the memory one owner: hand it over with `release()`, or share it with `std::shared_ptr` copies"
          : "free the memory once, on every path, and set the pointer to `nullptr` after freeing it"});
}

void explainInvalidatedBorrow(const Finding &F, Diagnostic &D) {
  const bool Assign = F.Reason == EndReason::Reassigned;
  const bool Move = F.Reason == EndReason::MovedAway;
  const Event *Mut = F.find(EventKind::Invalidated);
  std::string Method = Mut && !Mut->Place.empty() ? Mut->Place : "the call";
  // "`push_back` on `v`", or "`grow` calls `push_back` on `v`, which".
  const std::string Inner = Mut ? Mut->Detail : "";
  auto Who = [&](std::string_view What) {
    return Inner.empty() ? fmt::format("`{}` on {}`{}`", Method, What, F.Subject)
                         : fmt::format("`{}` calls `{}` on {}`{}`, which", Method, Inner, What, F.Subject);
  };
  if (F.Reason == EndReason::MutablyBorrowed) {
    const Event *B = F.find(EventKind::Borrowed);
    const bool Both = B && B->Partial;
    D.RustCode = Both ? "E0499" : "E0502";
    D.Message = Both ? fmt::format("cannot borrow `{}` as mutable more than once at a time", F.Subject)
                     : fmt::format("cannot borrow `{}` as mutable because it is also borrowed as immutable",
                                   F.Subject);
    for (const Event &E : F.Events) {
      if (E.Kind == EventKind::Borrowed)
        addLabel(D, E.Where, Both ? "first mutable borrow occurs here" : "immutable borrow occurs here");
      else if (E.Kind == EventKind::Invalidated)
        addLabel(D, E.Where, Both ? "second mutable borrow occurs here" : "mutable borrow occurs here",
                 /*Primary=*/true);
      else if (E.Kind == EventKind::Used)
        addLabel(D, E.Where, Both ? "first borrow later used here" : "immutable borrow later used here");
    }
    D.Children.push_back({Level::Note, fmt::format(
        "valid C++: several references to `{}` may coexist; Rust allows one mutable borrow or "
        "any number of shared ones, never both (reported with --strict)", F.Subject)});
    D.Children.push_back({Level::Help, fmt::format(
        "use one reference to `{}` at a time: finish with the first before taking the second",
        F.Subject)});
    return;
  }
  if (Move) {
    D.RustCode = "E0505";
    D.Message = fmt::format("cannot move out of `{}` because it is borrowed", F.Subject);
    for (const Event &E : F.Events) {
      if (E.Kind == EventKind::Borrowed)
        addLabel(D, E.Where, fmt::format("borrow of `{}` occurs here", F.Subject));
      else if (E.Kind == EventKind::Invalidated)
        addLabel(D, E.Where, fmt::format("move out of `{}` occurs here", F.Subject), /*Primary=*/true);
      else if (E.Kind == EventKind::Used)
        addLabel(D, E.Where, F.PassedOn ? "borrow later passed on here" : "borrow later used here");
    }
    if (F.Kind == Behaviour::BreaksRustRulesOnly)
      D.Children.push_back({Level::Note, fmt::format(
          "valid C++: the elements now belong to the container `{}` was moved into, and the "
          "borrow still points to them; Rust rejects it because the borrow no longer goes through "
          "its owner (reported with --strict)", F.Subject)});
    else
      D.Children.push_back({Level::Note, fmt::format(
          "the elements of `{}` were handed to a parameter or temporary that is destroyed at the "
          "end of the call unless the callee keeps them: then this reads freed memory "
          "(undefined behaviour)", F.Subject)});
    if (F.Certainty == Confidence::Maybe)
      D.Children.push_back({Level::Note, "possible, not definite: the move happens on some paths to this use only"});
    D.Children.push_back({Level::Help, fmt::format(
        "finish using the borrow before moving `{}`, or borrow again from its new owner", F.Subject)});
    return;
  }
  if (Assign) {
    D.RustCode = "E0506";
    D.Message = fmt::format("cannot assign to `{}` because it is borrowed", F.Subject);
  } else {
    D.Message = fmt::format("cannot borrow `{}` as mutable because it is also borrowed as immutable",
                            F.Subject);
  }
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Borrowed:
      addLabel(D, E.Where, Assign ? fmt::format("`{}` is borrowed here", F.Subject)
                                  : std::string("immutable borrow occurs here"));
      break;
    case EventKind::Invalidated:
      addLabel(D, E.Where,
               Assign ? fmt::format("`{}` is assigned to here but it was already borrowed", F.Subject)
                      : std::string("mutable borrow occurs here"),
               /*Primary=*/true);
      break;
    case EventKind::Used:
      addLabel(D, E.Where, F.PassedOn ? (Assign ? "borrow later passed on here" : "immutable borrow later passed on here")
                                      : (Assign ? "borrow later used here" : "immutable borrow later used here"));
      break;
    default:
      break;
    }
  }
  const bool Growth = F.Reason == EndReason::Reallocated;
  const bool Iterators =
      F.Reason == EndReason::IteratorsInvalidated || F.Reason == EndReason::Rehashed;
  if (Assign && F.Partial)
    D.Children.push_back({Level::Note, fmt::format(
        "valid C++: the borrow sees the new value of `{}`; Rust rejects changing a value while "
        "it is borrowed (reported with --strict)", F.Subject)});
  else if (Assign)
    D.Children.push_back({Level::Note, fmt::format(
        "assigning to `{}` replaces its contents: references, pointers, iterators and views into "
        "it are invalidated", F.Subject)});
  else if (F.Reason == EndReason::IteratorsInvalidated)
    D.Children.push_back({Level::Note, fmt::format(
        "{} invalidates every iterator into it; references and pointers to its elements stay "
        "valid", Who("the deque "))});
  else if (F.Reason == EndReason::Rehashed)
    D.Children.push_back({Level::Note, fmt::format(
        "{} may rehash, which invalidates every iterator into it; references and pointers to its "
        "elements stay valid", Who(""))});
  else if (F.Reason == EndReason::ErasedElement)
    D.Children.push_back({Level::Note, fmt::format(
        "`erase` on `{}` destroys the element the iterator points to: the iterator is invalidated "
        "(the other elements' iterators and references stay valid)", F.Subject)});
  else
    D.Children.push_back({Level::Note, fmt::format(
        "{} invalidates the references, pointers and iterators into it{}", Who(""),
        Growth ? " whenever it reallocates (which it may do on any call that grows past the capacity)"
        : F.Reason == EndReason::Erased ? " at or after the erased elements" : "")});
  if (Assign && F.Partial)
    ; // said above
  else if (F.Kind == Behaviour::UndefinedInCxx)
    D.Children.push_back({Level::Note, Growth
        ? "undefined behaviour in C++ on every run where it reallocated: this reads through the stale borrow"
        : F.Reason == EndReason::Rehashed
        ? "undefined behaviour in C++ on every run where it rehashed: this uses a stale iterator"
        : Iterators ? "undefined behaviour in C++: this uses an iterator the call invalidated"
                    : "undefined behaviour in C++: this reads through a borrow the call invalidated"});
  else
    D.Children.push_back({Level::Note,
        "undefined behaviour in C++ as soon as anything reads through the stale borrow; Rust "
        "rejects keeping it across the mutation at all"});
  if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, "possible, not definite: the borrow is invalidated on some paths to this use only"});
  D.Children.push_back({Level::Help, Assign
      ? fmt::format("copy what you need out of `{}` before assigning to it, or take the borrow again "
                    "after the assignment", F.Subject)
      : F.Reason == EndReason::Erased || F.Reason == EndReason::ErasedElement
      ? fmt::format("when erasing while iterating, continue from the iterator `erase` returns: "
                    "`it = {}.erase(it);`", F.Subject)
      : Iterators
      ? fmt::format("keep a reference, a key or an index instead of an iterator across `{}`, or "
                    "look the element up again after it", Method)
      : fmt::format("keep an index instead of a reference or iterator across `{}`, or take the "
                    "borrow again after it", Method)});
}

void explainConflictingBorrows(const Finding &F, Diagnostic &D) {
  const bool BothMutable = F.Partial;
  const Event *Mut = F.find(EventKind::Invalidated);
  const Event *Other = F.find(EventKind::Borrowed);
  const Event *Call = F.find(EventKind::Used);
  const std::string Callee = Call ? Call->Place : "the callee";
  if (BothMutable) {
    D.RustCode = "E0499";
    D.Message = fmt::format("cannot borrow `{}` as mutable more than once at a time", F.Subject);
  } else {
    D.RustCode = "E0502";
    D.Message = fmt::format("cannot borrow `{}` as immutable because it is also borrowed as mutable",
                            F.Subject);
  }
  if (Call)
    addLabel(D, Call->Where, BothMutable ? "first borrow later used by call" : "mutable borrow later used by call");
  if (Mut)
    addLabel(D, Mut->Where, BothMutable ? "first mutable borrow occurs here" : "mutable borrow occurs here");
  if (Other)
    addLabel(D, Other->Where, BothMutable ? "second mutable borrow occurs here" : "immutable borrow occurs here",
             /*Primary=*/true);
  const bool Precondition = F.Reason == EndReason::Reallocated;
  const bool Member = Mut && Mut->Place == "*this";
  if (Precondition)
    D.Children.push_back({Level::Note, fmt::format(
        "`{}` of a `std::vector` or `std::deque` requires iterators into another container: "
        "growing `{}` can free the very elements the range still points to (the standard makes "
        "it a precondition, so this is undefined behaviour)", Callee, F.Subject)});
  else if (F.Kind == Behaviour::UndefinedInCxx && Mut && Other)
    D.Children.push_back({Level::Note, fmt::format(
        "`{}` calls `{}` on its parameter `{}`, which invalidates the references and iterators "
        "into `{}`, while its parameter `{}` designates `{}` too: if it reads `{}` after that "
        "call, it reads invalidated memory (undefined behaviour)",
        Callee, Mut->Detail, Mut->Place, F.Subject, Other->Place, F.Subject, Other->Place)});
  else if (!Member && Mut && Other)
    D.Children.push_back({Level::Note, fmt::format(
        "valid C++ as far as borrowck can tell: nothing in `{}` is known to invalidate `{}`; "
        "Rust rejects two live borrows of one value when one of them is mutable "
        "(reported with --strict)", Callee, F.Subject)});
  if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, fmt::format(
        "possible, not definite: it depends on whether `{}` uses `{}` after the mutation",
        Callee, Other ? Other->Place : F.Subject)});
  D.Children.push_back({Level::Help, Precondition
      ? fmt::format("copy the range first: `auto copy = {0}; {0}.insert({0}.end(), copy.begin(), copy.end());`",
                    F.Subject)
      : fmt::format("pass a copy of `{}` for the read-only argument, or give `{}` one parameter "
                    "that it both reads and changes", F.Subject, Callee)});
}


void explainUninitializedUse(const Finding &F, Diagnostic &D) {
  const bool Maybe = F.Certainty == Confidence::Maybe;
  const Event *Use = F.find(EventKind::Used);
  const std::string Read = Use && !Use->Place.empty() ? Use->Place : F.Subject;
  const std::string Slot = Use && !Use->Slot.empty() ? Use->Slot : Read;
  if (F.Partial)
    D.Message = Maybe ? fmt::format("used binding `{}` is possibly not fully initialized", F.Subject)
                      : fmt::format("used binding `{}` isn't fully initialized", F.Subject);
  else
    D.Message = Maybe ? fmt::format("used binding `{}` is possibly-uninitialized", F.Subject)
                      : fmt::format("used binding `{}` isn't initialized", F.Subject);
  const char *State = Maybe ? "it is possibly-uninitialized" : "it isn't initialized";
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Declared:
      addLabel(D, E.Where, "binding declared here but left uninitialized");
      break;
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
    case EventKind::Used:
      addLabel(D, E.Where,
               F.Use == UseKind::Copy && F.Partial && Slot != Read
                   ? fmt::format("`{}` used here but `{}` {}", Read, Slot,
                                 Maybe ? "is possibly-uninitialized" : "isn't initialized")
                   : fmt::format("`{}` used here but {}", Read, State),
               /*Primary=*/true);
      break;
    default:
      break;
    }
  }
  const char *OnPaths = Maybe ? " on the paths where it was not given a value" : "";
  if (F.Kind == Behaviour::UndefinedInCxx)
    D.Children.push_back({Level::Note, fmt::format(
        "undefined behaviour in C++{}: this reads an indeterminate value (C++26 calls it erroneous "
        "behaviour instead); MemorySanitizer reports it only in instrumented builds that run this path",
        OnPaths)});
  else
    D.Children.push_back({Level::Note, fmt::format(
        "not undefined behaviour in C++ by itself: copying a trivially copyable `{}` copies the "
        "indeterminate bytes of `{}` along, and reading them from the copy is; Rust rejects using a "
        "value that is not fully initialized", F.SubjectType, Slot)});
  if (F.Partial)
    D.Children.push_back({Level::Note, fmt::format(
        "in Rust a struct or array is initialized as a whole: assigning part of an uninitialized `{}` "
        "is already E0381 (partially assigned binding `{}` isn't fully initialized)", F.Subject, F.Subject)});
  if (Maybe && F.find(EventKind::MayNotWrite))
    D.Children.push_back({Level::Note, fmt::format(
        "possible, not definite: a function given the address of `{}` writes to it on some paths only",
        F.Subject)});
  else if (Maybe)
    D.Children.push_back({Level::Note, fmt::format(
        "possible, not definite: `{}` is given a value on some paths to this use, not on all", Slot)});
  D.Children.push_back({Level::Help, fmt::format(
      "give `{}` a value where it is declared (an empty initializer, `{}{{}}`, value-initializes "
      "it{}), or assign it on every path before this use",
      F.Subject, F.Subject,
      F.Partial || F.Use == UseKind::Copy ? ", every field or element included" : "")});
}
// The thread a spawn runs, for labels: "the thread `t`", "a thread in `ts`".
std::string threadName(const Event &E) {
  if (E.Spawner)
    return "the spawning thread";
  if (E.SameSpawn)
    return E.Container ? fmt::format("the threads in `{}` (one per iteration)", E.Place)
                       : "the threads this spawn starts (one per iteration)";
  if (E.Place.empty())
    return fmt::format("a `{}` thread", E.TypeName.empty() ? "std::thread" : E.TypeName);
  return E.Container ? fmt::format("a thread in `{}`", E.Place) : fmt::format("the thread `{}`", E.Place);
}

void explainThreadOutlivesBorrow(const Finding &F, Diagnostic &D) {
  D.Message = fmt::format("closure may outlive the current function, but it borrows `{}`, which is "
                          "owned by the current function", F.Subject);
  const Event *Spawn = F.find(EventKind::Spawned);
  const bool Future = F.SubjectType == "std::async";
  const char *What = Future ? "future (and its task)" : "thread";
  const Event *Late = nullptr, *Member = nullptr;
  std::string Escape;
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Spawned:
      if (!E.Detail.empty() && E.Value)
        addLabel(D, E.Where, fmt::format("constructing `{}` starts a thread that may outlive it",
                                         F.Subject), /*Primary=*/true);
      else if (!E.Detail.empty())
        addLabel(D, E.Where, fmt::format("`{}.{}()` starts a thread that may outlive borrowed value `{}`",
                                         F.Subject, E.Detail, F.Subject), /*Primary=*/true);
      else
        addLabel(D, E.Where, fmt::format("may outlive borrowed value `{}`", F.Subject), /*Primary=*/true);
      break;
    case EventKind::Borrowed:
      if (E.Detail == "this")
        addLabel(D, E.Where, fmt::format("`{}` is borrowed here, as `this`", E.Place));
      else if (!E.Detail.empty())
        addLabel(D, E.Where, fmt::format("`{}` is borrowed here, through `{}`{}", E.Place, E.Detail,
                                         E.Partial ? " (on some paths)" : ""));
      else
        addLabel(D, E.Where, fmt::format("`{}` is borrowed here", E.Place));
      break;
    case EventKind::Escaped:
      Escape = E.TypeName;
      if (E.TypeName == "member") {
        Member = &E;
        addLabel(D, E.Where, fmt::format("the {} is stored in `{}` here, and `~{}` does not {} it",
                                         What, E.Place, E.Detail, Future ? "wait for" : "join"));
      } else if (E.TypeName == "member-late") {
        Member = &E;
        addLabel(D, E.Where, fmt::format("the {} is stored in `{}` here, which {} only when destroyed: "
                                         "after `{}`, declared after it", What, E.Place,
                                         Future ? "waits" : "joins", E.Slot));
      } else if (E.TypeName == "late") {
        Late = &E;
        addLabel(D, E.Where, fmt::format("`{}` is declared before `{}`, so it is destroyed (and "
                                         "{}) only after `{}`", E.Place, F.Subject,
                                         Future ? "waits" : "joins", F.Subject));
      } else if (E.TypeName == "detached") {
        addLabel(D, E.Where, "the thread is detached here: nothing waits for it");
      } else if (E.TypeName == "returned") {
        addLabel(D, E.Where, fmt::format("the {} is returned here, still running", What));
      } else if (E.TypeName == "stored") {
        addLabel(D, E.Where, fmt::format("the {} is stored here, where it outlives the function", What));
      } else {
        addLabel(D, E.Where, fmt::format("the {} is moved away here: this function no longer {} it",
                                         What, Future ? "waits for" : "joins"));
      }
      break;
    case EventKind::Dropped:
      if (E.Partial)
        addLabel(D, E.Where, fmt::format("`{}` dropped here while the thread may still be running: "
                                         "`{}` is not joined before this point", E.Place, E.TypeName));
      else
        addLabel(D, E.Where, fmt::format("`{}` dropped here while the thread may still be running",
                                         E.Place));
      break;
    default:
      break;
    }
  }
  D.Children.push_back({Level::Note, fmt::format(
      "undefined behaviour in C++ if the thread touches `{}` after this point: it reads or writes "
      "a dead stack object", F.Subject)});
  const Event *Through = F.find(EventKind::Borrowed);
  if (F.Certainty == Confidence::Maybe && Through && Through->Partial)
    D.Children.push_back({Level::Note, fmt::format("possible, not definite: `{}` points into `{}` on "
                                                   "some paths only", Through->Detail, F.Subject)});
  else if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, "possible, not definite: the thread is joined on some paths "
                                       "to this point, not on all"});
  if (Escape.empty() && F.find(EventKind::Dropped) && F.find(EventKind::Dropped)->Partial)
    D.Children.push_back({Level::Note, "a `std::thread` destroyed while still joinable calls "
                                       "`std::terminate`"});
  D.Children.push_back({Level::Note, fmt::format(
      "Rust's `std::thread::spawn` requires `F: Send + 'static`: a closure that borrows `{}` is "
      "rejected even when it is joined in time", F.Subject)});
  if (Member && Member->TypeName == "member" && F.SubjectType != "std::async")
    D.Children.push_back({Level::Note, fmt::format(
        "a `std::thread` member still joinable when `~{}` ends calls `std::terminate`", Member->Detail)});
  if (Member && Member->TypeName == "member")
    D.Children.push_back({Level::Help, fmt::format(
        "join `{}` in `~{}` or before `{}` dies (`if ({}.joinable()) {}.join();`); a "
        "`std::jthread` member declared after the fields its thread uses joins it for you",
        Member->Place, Member->Detail, F.Subject, Member->Place, Member->Place)});
  else if (Member)
    D.Children.push_back({Level::Help, fmt::format(
        "declare `{}` after `{}` (members are destroyed in reverse order of declaration), or join "
        "it in `~{}`", Member->Place, Member->Slot, Member->Detail)});
  else if (Spawn && !Spawn->Detail.empty())
    D.Children.push_back({Level::Help, fmt::format(
        "do not detach a thread that uses `this`: keep it in a member and join it in the "
        "destructor, or join it before `{}` dies", F.Subject)});
  else if (Late)
    D.Children.push_back({Level::Help, fmt::format(
        "declare `{}` after `{}` (a scoped thread: it joins before the data it borrows dies), or "
        "join it before `{}` dies", Late->Place, F.Subject, F.Subject)});
  else
    D.Children.push_back({Level::Help, fmt::format(
        "{} or join the thread on every path before `{}` dies (a `std::jthread` declared after "
        "`{}` does it for you, like `std::thread::scope`)",
        F.Partial ? fmt::format("capture `{}` by value (`[{}]`, or move it in: `[{} = std::move({})]`),",
                                F.Subject, F.Subject, F.Subject, F.Subject)
                  : fmt::format("pass `{}` by value,", F.Subject),
        F.Subject, F.Subject)});
}

void explainDataRace(const Finding &F, Diagnostic &D) {
  const Event *A = nullptr, *B = nullptr;
  for (const Event &E : F.Events)
    if (E.Kind == EventKind::Accessed)
      (A ? B : A) = &E;
  if (!A || !B)
    return;
  const bool BothWrite = A->Write && B->Write;
  if (BothWrite) {
    D.RustCode = "E0499";
    D.Message = fmt::format("cannot borrow `{}` as mutable more than once at a time", F.Subject);
  } else {
    D.RustCode = "E0502";
    D.Message = fmt::format("cannot borrow `{}` as {} because it is also borrowed as {}", F.Subject,
                            B->Write ? "mutable" : "immutable", B->Write ? "immutable" : "mutable");
  }
  auto Text = [&](const Event &E, bool First) {
    std::string Who = threadName(E);
    std::string Lock = E.Lock.empty() ? "" : fmt::format(" with `{}` locked", E.Lock);
    const char *Verb = E.SameSpawn ? (E.Write ? "write" : "read") : (E.Write ? "writes" : "reads");
    std::string In = E.Detail.empty() ? "" : fmt::format(", in `{}()`", E.Detail);
    return fmt::format("{} {} `{}` here{}{}", Who, Verb, F.Subject, In, Lock) +
           (First ? "" : ", at the same time");
  };
  addLabel(D, A->Where, Text(*A, true));
  addLabel(D, B->Where, Text(*B, false), /*Primary=*/true);
  std::string Held = !A->Lock.empty() ? A->Lock : B->Lock;
  if (F.Partial)
    D.Children.push_back({Level::Note,
        "reported because of --strict: each thread may write its own element, which is valid C++ "
        "when the indices differ; Rust rejects two mutable borrows of one container (split it "
        "with `split_at_mut` / `chunks_mut` and scoped threads)"});
  else
    D.Children.push_back({Level::Note, fmt::format(
        "data race: both threads may run at once, {} and {}; undefined behaviour in C++",
        BothWrite ? "both write" : "one writes",
        Held.empty() ? "no lock protects these accesses"
                     : fmt::format("`{}` is not locked on both sides", Held))});
  if (F.Certainty == Confidence::Maybe)
    D.Children.push_back({Level::Note, "possible, not definite: the threads overlap on some paths only"});
  D.Children.push_back({Level::Help, fmt::format(
      "lock the same `std::mutex` around every access to `{}` (`std::lock_guard`), make it "
      "`std::atomic`, or join the thread before touching `{}` (Rust: `Arc<Mutex<T>>` or an atomic)",
      F.Subject, F.Subject)});
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
  if (F.Hint)
    D.Children.push_back({Level::Help,
        fmt::format("`{}` returns a borrow of its parameter `{}` (inferred from its body); say so in "
                    "its declaration, so callers are checked without reading the body (Clang checks "
                    "it too)", F.Hint->Function, F.Hint->Parameter),
        {FixIt{F.Hint->InsertAt, " [[clang::lifetimebound]]"}}});
  if (R) {
    D.Children.push_back({Level::Note, fmt::format("Rust: {}", R->Rust)});
    D.Children.push_back({Level::Note, fmt::format("Go: {}", R->Go)});
    // By code when the code names this rule alone, else by name.
    D.Children.push_back({Level::Help, fmt::format("to learn more, run `borrowck --explain {}`",
                                                   findRules(R->Code).size() == 1 && D.RustCode == R->Code
                                                       ? R->Code
                                                       : R->Slug)});
  }
  return D;
}

} // namespace borrowck
