// The member-thread facet of SummaryCache: what a member function or
// constructor does with threads that borrow *this. `w.start()` on a local
// `w` whose start() detaches a thread capturing `this`, or stores it in a
// member that w's destructor does not join, lets the thread outlive `w`.
#pragma once

#include "diag/Diagnostic.h"
#include "facts/ThreadFacts.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang {
class FieldDecl;
class FunctionDecl;
} // namespace clang

namespace borrowck {

// A thread a member function starts that borrows *this and outlives the call:
// detached, or stored in a member of the object.
struct ThisThread {
  bool Detached = false;
  const clang::FieldDecl *Field = nullptr; // stored in this member
  HandleKind Kind = HandleKind::Thread;
  std::string Api;                         // "std::thread", "std::jthread", "std::async"
  std::optional<Span> BorrowAt, EscapeAt;  // the capture of `this`; the detach or store
  std::set<const clang::FieldDecl *> Uses; // the fields of *this the thread touches
  bool UsesUnknown = false;                // it hands `this` on, or calls members we cannot see
  // Started on some paths through the member only: under an `if`, a loop, a
  // `switch`, `?:`, `&&`/`||`, or after an early `return` (or in a member
  // called there). `pool.enqueue(f)` that spawns only when no worker is idle.
  bool Conditional = false;
};

// What one member function (or constructor, or destructor) does, including
// what the members it calls on *this do.
struct MethodSummary {
  std::vector<ThisThread> Starts;
  std::set<const clang::FieldDecl *> Joins; // the member threads it joins (directly or through members)
  bool CallsUnknown = false;                // calls a member of *this without a body here
};

// The memo of the facet, per translation unit (inside SummaryCache).
struct ThreadMemo {
  std::map<const clang::FunctionDecl *, MethodSummary> Done;
  std::set<const clang::FunctionDecl *> InProgress; // recursion: answered with an empty summary
};

} // namespace borrowck
