// What a check found: structured events, no text. explain/ turns a Finding
// into a Diagnostic with the rule's words.
#pragma once

#include "diag/Diagnostic.h"
#include "facts/Facts.h"

#include <string>
#include <string_view>
#include <vector>

namespace borrowck {

enum class EventKind : uint8_t {
  Declared,  // the binding's declaration
  Moved,     // a move that reaches the use
  Used,      // the offending use (primary)
  LoopHead,  // the loop a move repeats in
  Borrowed,  // where a loan is made
  Copied,    // double-free: a member-wise copy made a second owner (TypeName: the class, Detail: how)
  StoredTwice, // double-free: one pointer in a container's initialiser twice (Place: the
               // container; Value: the second time)
  Dropped,   // where the borrowed storage ends
  Stored,    // a loan stored where it outlives the function (global, field of *this)
  Returned,  // the returned expression holding a loan
  Freed,     // delete / free() of the memory
  Adopted,   // a smart pointer took ownership of the memory
  Invalidated, // a unique_ptr freed or handed on its object (reset, assignment, move)
  FreedAgain,  // the second delete / adoption (double-free's primary)
  SkipsInit,   // uninitialized-use: a branch (or construct) after which the read sees no value
  MayNotWrite, // uninitialized-use: a call whose callee may not write its out-parameter
  Spawned,     // threads: the callable a thread runs (Place: its handle, TypeName: the API)
  Escaped,     // threads: detach / return / store / move of the handle (TypeName: which), or
               // the handle that joins too late ("late")
  Accessed,    // data race: one side's access (Write, Spawner, Place: the handle, Lock)
};

struct Event {
  EventKind Kind;
  Span Where;
  bool PreviousIteration = false; // Moved: reaches the use through a loop back edge
  bool Partial = false;           // Moved: a field of the used value was moved
  bool Unsequenced = false;       // Moved: by another argument of the call, maybe after the use
  bool GlobalState = false;       // Stored: kept in global state by the function named Place
  std::string Place;              // Moved: the moved place ("p.name")
  std::string TypeName;           // Moved: its type
  std::string Detail;             // Invalidated by a helper: the member call inside it
  // uninitialized-use. SkipsInit: which construct (Place: "if", "for"...) and
  // which outcome; MayNotWrite: Place is the callee, Value whether it writes on
  // some paths. Used: Place is the place read, Slot the first slot without a value.
  SkipKind Skip = SkipKind::Condition;
  bool Value = false;
  std::string Slot;
  // Accessed (data race): a write? by the spawning thread? by the threads of a
  // container, or by every iteration's thread of one spawn? the lock held, if any.
  bool Write = false, Spawner = false, Container = false, SameSpawn = false;
  std::string Lock;
};

struct Finding {
  std::string_view Rule; // the rule's slug, from the generated table
  Confidence Certainty = Confidence::Definite;
  Behaviour Kind = Behaviour::BreaksRustRulesOnly;
  std::string Subject;     // the value the finding is about: "s", "p"
  std::string SubjectType; // its type as written
  ValueKind SubjectKind = ValueKind::Owner;
  std::string SubjectMovedFrom; // use-after-move: the specified moved-from state, if any
  UseKind Use = UseKind::Borrow;
  bool Partial = false;
  std::string Refilled;    // use-after-move: a field given a new value after the whole was moved
  bool OfThis = false;     // use-after-move: the moved value is a field of *this
  // Lifetimes: what kind of storage was borrowed, what the function returns.
  StorageKind Storage = StorageKind::Local;
  bool ReturnsReference = false;
  bool NothingToBorrowFrom = false; // no reference parameter: rustc reports E0106 first
  bool PassedOn = false;            // the later use passes the borrow to a function
  // Lifetimes, Rust-only: the borrow is of what a std::shared_ptr owns, which
  // another copy may keep alive (Loan::Shared) ...
  bool SharedPointee = false;
  // data-race, Rust-only: the spawning thread touched this ordering object
  // (an atomic) since the spawn, so the access may be ordered after the
  // thread's write (`svr.running_`, in the call `wait_until_ready`).
  std::string OrderedBy;
  std::string OrderedVia;
  bool Global = false; // data-race: the variable is a global (in Rust a `static mut`: E0133)
  // ... or of what a smart-pointer member owns, and the whole object is
  // returned: the pointee goes with it (a self-referential struct in Rust).
  bool MovedWithOwner = false;
  EndReason Reason = EndReason::ScopeEnd; // use-after-free through a unique_ptr: how it freed
  bool OwnedBySmartPointer = false;  // double-free: the memory is (also) a smart pointer's
  std::string Allocation; // uninitialized-use of heap memory: "new[]", "new", "malloc", "alloca"
  std::optional<LifetimeBoundHint> Hint; // lifetimes: the borrow went through an unannotated helper
  std::vector<Event> Events;

  const Event *find(EventKind K) const {
    for (const Event &E : Events)
      if (E.Kind == K)
        return &E;
    return nullptr;
  }
  // The offending use (use-after-move), or the last event.
  const Event *primary() const {
    if (const Event *U = find(EventKind::Used))
      return U;
    return Events.empty() ? nullptr : &Events.back();
  }
};

} // namespace borrowck
