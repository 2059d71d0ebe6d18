// The words of the lifetime rules: dangling-return, borrow-outlives-owner,
// borrow-of-temporary, invalidated-borrow, conflicting-borrows.
#include "explain/ExplainInternal.h"

#include <fmt/format.h>

namespace borrowck::explain_detail {

// The help of a dangling return, by the type it returns: an owned string for a
// string view, a copy of the pointee for a reference or pointer.
static std::string ownedReturn(std::string_view Type) {
  auto Has = [&](std::string_view W) { return Type.find(W) != std::string_view::npos; };
  if (Has("string") || Has("char"))
    return "return an owned value (`std::string` rather than `std::string_view`, `const char *` or "
           "`const std::string &`), or borrow from something the caller owns";
  if (Has("span<"))
    return "return an owned container (`std::vector<T>` rather than `std::span<T>`), or borrow from "
           "something the caller owns";
  if (Has("function<") || Has("(lambda"))
    return "capture by value (`[=]`, `[x]`, or `[x = std::move(x)]`) so the closure owns what it uses";
  std::string T(Type);
  while (!T.empty() && (T.back() == '&' || T.back() == '*' || T.back() == ' '))
    T.pop_back();
  if (T.rfind("const ", 0) == 0)
    T.erase(0, 6);
  if (!T.empty() && T != std::string(Type))
    return fmt::format("return an owned value (`{}` by value rather than `{}`), or borrow from "
                       "something the caller owns", T, Type);
  return "return an owned value, or borrow from something the caller owns";
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
  // The check decides: what a shared_ptr owns may outlive it (another copy
  // shares it), so this breaks Rust's rules only.
  if (F.SharedPointee)
    verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
        "valid C++ while another `std::shared_ptr` shares the object: the result dangles only if "
        "`{}` was its last owner; Rust rejects it all the same, as it rejects returning a borrow "
        "of what a local `Rc` owns", F.Subject));
  else if (F.MovedWithOwner)
    verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
        "valid C++: the object a smart-pointer member of `{}` owns leaves with `{}`, so the "
        "borrow stays valid in the caller; Rust rejects it: a struct cannot hold a borrow of "
        "what it owns itself (a self-referential struct)", F.Subject, F.Subject));
  else
    verdict(D, Behaviour::UndefinedIf, fmt::format(
        "undefined behaviour in C++ as soon as the caller uses the result: {} is destroyed when the "
        "function returns",
        F.Storage == StorageKind::Temporary ? std::string("the temporary")
                                            : fmt::format("`{}`", F.Subject)),
        "the caller uses the result");
  if (F.Certainty == Confidence::Maybe)
    certainty(D, "the returned value holds this borrow on some paths only");
  if (F.NothingToBorrowFrom)
    tag(D, "no-borrowed-parameter");
  if (F.SharedPointee)
    fix(D, fmt::format("return the `std::shared_ptr` (a copy of `{}`), so the caller shares ownership",
                       F.Subject));
  else if (F.MovedWithOwner)
    fix(D, "keep the owner and re-derive the pointer from it where it is used (`h.owned.get()`)");
  else
    fix(D, ownedReturn(F.SubjectType));
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
    verdict(D, Behaviour::UndefinedInCxx, Temp
        ? "undefined behaviour in C++: the temporary is destroyed at the end of the full expression, "
          "and this reads through a borrow of it"
        : fmt::format("undefined behaviour in C++: `{}` is destroyed, and this reads through a borrow of it", Owner));
  else if (F.SharedPointee)
    verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
        "valid C++ while another `std::shared_ptr` still shares the object, undefined behaviour if "
        "`{}` was its last owner; Rust rejects it: a borrow of what an `Rc` owns cannot outlive "
        "the `Rc`", Owner));
  else
    verdict(D, Behaviour::UndefinedIf,
            "undefined behaviour in C++ as soon as anything reads through the dangling borrow; "
            "Rust rejects keeping it at all", "anything reads through the dangling borrow");
  if (F.Kind != Behaviour::UndefinedInCxx)
    tag(D, "not-read-here");
  if (F.Certainty == Confidence::Maybe)
    certainty(D, "the borrow is dangling on some paths to this use only");
  if (Temp)
    fix(D, "bind the temporary to a local variable first, so it lives as long as the borrow "
           "(`const T& r = temporary;` extends a temporary's life; a view does not)");
  else
    fix(D, fmt::format("declare `{}` in an outer scope so it outlives every use of the borrow, or copy "
                       "the value instead of borrowing it", Owner));
}

// A raw pointer to what a container's unique_ptr element owns, used after
// that element was reassigned, reset or erased: the object is freed.
static void explainElementFreed(const Finding &F, Diagnostic &D) {
  const bool Erase = F.Reason == EndReason::ElementErased;
  const Event *Mut = F.find(EventKind::Invalidated);
  const std::string Element = Mut && !Mut->Place.empty() ? Mut->Place : F.Subject + "[_]";
  const bool Reset = Mut && Mut->Detail == "reset";
  D.RustCode = Erase ? "E0502" : "E0506";
  D.Message = Erase ? fmt::format("cannot borrow `{}` as mutable because it is also borrowed as immutable", F.Subject)
                    : fmt::format("cannot assign to `{}[_]` because it is borrowed", F.Subject);
  for (const Event &E : F.Events) {
    if (E.Kind == EventKind::Borrowed)
      addLabel(D, E.Where, Erase ? std::string("immutable borrow occurs here")
                                 : fmt::format("`{}[_]` is borrowed here", F.Subject));
    else if (E.Kind == EventKind::Invalidated)
      addLabel(D, E.Where, Erase    ? std::string("mutable borrow occurs here")
                           : Reset ? fmt::format("`{}` is reset here but it was already borrowed", Element)
                                   : fmt::format("`{}` is assigned to here but it was already borrowed", Element),
               /*Primary=*/true);
    else if (E.Kind == EventKind::Used)
      addLabel(D, E.Where, fmt::format("{}borrow later {} here", Erase ? "immutable " : "",
                                       F.PassedOn ? "passed on" : "used"));
  }
  detail(D, Erase
      ? fmt::format("`erase` on `{}` destroys the element, and with it the object its `std::unique_ptr` "
                    "owned: the pointer taken from it dangles (the other elements stay valid)", F.Subject)
      : fmt::format("{} `{}` frees the object its `std::unique_ptr` owned: the pointer taken from it dangles",
                    Reset ? "resetting" : "assigning to", Element));
  tag(D, "element-freed");
  if (F.Kind == Behaviour::UndefinedInCxx)
    verdict(D, Behaviour::UndefinedInCxx, "undefined behaviour in C++: this reads freed memory");
  else
    verdict(D, Behaviour::UndefinedIf,
            "undefined behaviour in C++ as soon as anything reads through the dangling pointer; Rust "
            "rejects keeping it at all", "anything reads through the dangling pointer");
  if (F.Certainty == Confidence::Maybe)
    certainty(D, fmt::format("the element {} may not be the one the pointer was taken from, or not on "
                             "every path to this use", Erase ? "erased" : "replaced"));
  fix(D, Erase
      ? fmt::format("finish using the pointer before erasing the element, or move the `std::unique_ptr` "
                    "out of `{}` first to keep the object alive", F.Subject)
      : "finish using the pointer before replacing the element, or take the pointer again from the "
        "element afterwards");
}

void explainInvalidatedBorrow(const Finding &F, Diagnostic &D) {
  if (F.Reason == EndReason::ElementReplaced || F.Reason == EndReason::ElementErased) {
    explainElementFreed(F, D);
    return;
  }
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
    tag(D, "rust-only");
    verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
        "valid C++: several references to `{}` may coexist; Rust allows one mutable borrow or "
        "any number of shared ones, never both (reported with --strict)", F.Subject));
    fix(D, fmt::format("use one reference to `{}` at a time: finish with the first before taking the "
                       "second", F.Subject));
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
    if (F.Kind == Behaviour::BreaksRustRulesOnly) {
      tag(D, "rust-only");
      verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
          "valid C++: the elements now belong to the container `{}` was moved into, and the "
          "borrow still points to them; Rust rejects it because the borrow no longer goes through "
          "its owner (reported with --strict)", F.Subject));
    } else {
      tag(D, "moved-away");
      verdict(D, Behaviour::UndefinedIf, fmt::format(
          "undefined behaviour in C++ unless the callee keeps them: the elements of `{}` were handed "
          "to a parameter or temporary that is destroyed at the end of the call, and then this reads "
          "freed memory", F.Subject),
          "the parameter or temporary the elements were moved into is destroyed at the end of the call");
    }
    if (F.Certainty == Confidence::Maybe)
      certainty(D, "the move happens on some paths to this use only");
    fix(D, fmt::format("finish using the borrow before moving `{}`, or borrow again from its new owner",
                       F.Subject));
    return;
  }
  // The earlier borrow is a `T&` or `T*` to mutable contents (`int &r = v[0]`):
  // in Rust a `&mut`, and the mutating call a second one (E0499).
  const Event *Borrow = F.find(EventKind::Borrowed);
  const bool Second = !Assign && Borrow && Borrow->Partial;
  if (Assign) {
    D.RustCode = "E0506";
    D.Message = fmt::format("cannot assign to `{}` because it is borrowed", F.Subject);
  } else if (Second) {
    D.RustCode = "E0499";
    D.Message = fmt::format("cannot borrow `{}` as mutable more than once at a time", F.Subject);
  } else {
    D.Message = fmt::format("cannot borrow `{}` as mutable because it is also borrowed as immutable",
                            F.Subject);
  }
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Borrowed:
      addLabel(D, E.Where, Assign   ? fmt::format("`{}` is borrowed here", F.Subject)
                           : Second ? std::string("first mutable borrow occurs here")
                                    : std::string("immutable borrow occurs here"));
      break;
    case EventKind::Invalidated:
      addLabel(D, E.Where,
               Assign   ? fmt::format("`{}` is assigned to here but it was already borrowed", F.Subject)
               : Second ? std::string("second mutable borrow occurs here")
                        : std::string("mutable borrow occurs here"),
               /*Primary=*/true);
      break;
    case EventKind::Used:
      addLabel(D, E.Where, F.PassedOn ? (Assign ? "borrow later passed on here"
                                         : Second ? "first borrow later passed on here"
                                                  : "immutable borrow later passed on here")
                                      : (Assign ? "borrow later used here"
                                         : Second ? "first borrow later used here"
                                                  : "immutable borrow later used here"));
      break;
    default:
      break;
    }
  }
  const bool Growth = F.Reason == EndReason::Reallocated;
  const bool Iterators =
      F.Reason == EndReason::IteratorsInvalidated || F.Reason == EndReason::Rehashed;
  // Why the borrow is stale: the verdict when it is all there is (an assignment
  // under --strict), otherwise the detail behind it.
  auto Why = [&](std::string Text) {
    if (Assign && F.Partial)
      verdict(D, Behaviour::BreaksRustRulesOnly, std::move(Text));
    else
      detail(D, std::move(Text));
  };
  if (Assign && F.Partial)
    Why(fmt::format("valid C++: the borrow sees the new value of `{}`; Rust rejects changing a value "
                    "while it is borrowed (reported with --strict)", F.Subject));
  else if (Assign)
    Why(fmt::format("assigning to `{}` replaces its contents: references, pointers, iterators and views "
                    "into it are invalidated", F.Subject));
  else if (F.Reason == EndReason::IteratorsInvalidated)
    Why(fmt::format("{} invalidates every iterator into it; references and pointers to its elements "
                    "stay valid", Who("the deque ")));
  else if (F.Reason == EndReason::Rehashed)
    Why(fmt::format("{} may rehash, which invalidates every iterator into it; references and pointers "
                    "to its elements stay valid", Who("")));
  else if (F.Reason == EndReason::ErasedElement && Method == "extract")
    Why(fmt::format("`extract` on `{}` moves the element into a node handle: iterators to it are "
                    "invalidated (references and pointers to it stay valid, now into the node handle)",
                    F.Subject));
  else if (F.Reason == EndReason::ErasedElement)
    Why(fmt::format("`erase` on `{}` destroys that element: references, pointers and iterators to it "
                    "are invalidated (those to the other elements stay valid)", F.Subject));
  else
    Why(fmt::format("{} invalidates the references, pointers and iterators into it{}", Who(""),
                    Growth ? " whenever it reallocates (which it may do on any call that grows past the "
                             "capacity)"
                    : F.Reason == EndReason::Erased ? " at or after the erased elements"
                                                    : ""));
  // Which C++ tools see it, and whether Go's append is the comparison.
  tag(D, Assign                                                      ? "assigned"
         : Growth                                                    ? "growth"
         : F.Reason == EndReason::Rehashed                           ? "rehash"
         : F.Reason == EndReason::IteratorsInvalidated               ? "deque-iterators"
         : F.Reason == EndReason::ErasedElement && Method == "extract" ? "extracted"
         : F.Reason == EndReason::ErasedElement                      ? "node-erased"
                                                                     : "erased");
  if (Assign && F.Partial)
    ; // said above
  else if (F.Kind == Behaviour::UndefinedInCxx && Growth)
    verdict(D, Behaviour::UndefinedIf, fmt::format(
        "undefined behaviour in C++ on every run where {} reallocated: this reads through the stale "
        "borrow", Who("")), fmt::format("{} reallocates (grows past the capacity)", Who("")));
  else if (F.Kind == Behaviour::UndefinedInCxx && F.Reason == EndReason::Rehashed)
    verdict(D, Behaviour::UndefinedIf,
            "undefined behaviour in C++ on every run where it rehashed: this uses a stale iterator",
            fmt::format("{} rehashes", Who("")));
  else if (F.Kind == Behaviour::UndefinedInCxx)
    verdict(D, Behaviour::UndefinedInCxx,
            Iterators ? "undefined behaviour in C++: this uses an iterator the call invalidated"
                      : "undefined behaviour in C++: this reads through a borrow the call invalidated");
  else
    verdict(D, Behaviour::UndefinedIf,
            "undefined behaviour in C++ as soon as anything reads through the stale borrow; Rust "
            "rejects keeping it across the mutation at all", "anything reads through the stale borrow");
  if (F.Certainty == Confidence::Maybe)
    certainty(D, "the borrow is invalidated on some paths to this use only");
  fix(D, Assign
      ? fmt::format("copy what you need out of `{}` before assigning to it, or take the borrow again "
                    "after the assignment", F.Subject)
      : F.Reason == EndReason::Erased || F.Reason == EndReason::ErasedElement
      ? fmt::format("when erasing while iterating, continue from the iterator `erase` returns: "
                    "`it = {}.erase(it);`", F.Subject)
      : Iterators
      ? fmt::format("keep a reference, a key or an index instead of an iterator across `{}`, or "
                    "look the element up again after it", Method)
      : fmt::format("keep an index instead of a reference or iterator across `{}`, or take the "
                    "borrow again after it", Method));
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
  if (Precondition) {
    tag(D, "own-range");
    verdict(D, Behaviour::UndefinedInCxx, fmt::format(
        "undefined behaviour in C++: `{}` of a `std::vector` or `std::deque` requires iterators into "
        "another container (a precondition): growing `{}` can free the very elements the range still "
        "points to", Callee, F.Subject));
  } else if (F.Kind == Behaviour::UndefinedInCxx && Mut && Other) {
    tag(D, "callee-invalidates");
    verdict(D, Behaviour::UndefinedIf, fmt::format(
        "undefined behaviour in C++ if `{}` reads `{}` after it calls `{}` on `{}`: that invalidates "
        "the references and iterators into `{}`, which `{}` designates too",
        Callee, Other->Place, Mut->Detail, Mut->Place, F.Subject, Other->Place),
        fmt::format("`{}` reads `{}` after calling `{}` on `{}`", Callee, Other->Place, Mut->Detail,
                    Mut->Place));
  } else if (Mut && Other && Mut->Write) {
    tag(D, "rust-only");
    verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
        "`{}` writes through its parameter `{}` and reads its parameter `{}`, and both are `{}`: "
        "each write changes what the other reads (not undefined behaviour in C++, but rarely what "
        "was meant); Rust rejects two live borrows of one value when one of them is mutable",
        Callee, Mut->Place, Other->Place, F.Subject));
  } else if (!Member && Mut && Other) {
    tag(D, "rust-only");
    verdict(D, Behaviour::BreaksRustRulesOnly, fmt::format(
        "valid C++ as far as borrowck can tell: nothing in `{}` is known to invalidate `{}`; "
        "Rust rejects two live borrows of one value when one of them is mutable "
        "(reported with --strict)", Callee, F.Subject));
  }
  if (F.Certainty == Confidence::Maybe)
    certainty(D, fmt::format("it depends on whether `{}` uses `{}` after the mutation", Callee,
                             Other ? Other->Place : F.Subject));
  fix(D, Precondition
      ? fmt::format("copy the range first: `auto copy = {0}; {0}.insert({0}.end(), copy.begin(), copy.end());`",
                    F.Subject)
      : fmt::format("pass a copy of `{}` for the read-only argument, or give `{}` one parameter "
                    "that it both reads and changes", F.Subject, Callee));
}

} // namespace borrowck::explain_detail
