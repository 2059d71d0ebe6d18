// The shared-access facet of SummaryCache: what a helper called from a
// thread body (or by the spawning thread while a thread runs) reads or writes
// of shared state, under which locks, expressed in the callee's own terms
// (globals, fields of *this, its parameters) so it is computed once per
// callee and applied at each call by factgen/threads/Accesses.cpp, which adds
// what depends on the call: the locks held at the call, the callee's
// REQUIRES() on the declaration called, the call's span and name.
#pragma once

#include "summary/ThreadReader.h"

#include <optional>
#include <vector>

namespace borrowck {

// One access, made in the callee or in a helper it calls (one level down).
struct CalleeAccess {
  const clang::ValueDecl *Var = nullptr; // a global, or a field of *this
  bool Write = false;
  bool Element = false;
  DeclSet Locks; // held inside the callee (its own guards, REQUIRES(m) on its definition)
  // Var is a field of the object in this field of *this, touched by a member
  // called on it (`notifier_.notify()` touching `notifier_.state_`).
  const clang::FieldDecl *Through = nullptr;
};

struct CalleeAccesses {
  // Every declaration met (shared variables, mutexes), in the order the walk
  // meets them: the fact generator numbers variables in that order.
  std::vector<const clang::ValueDecl *> Mentions;
  std::vector<CalleeAccess> Accesses; // in source order (pre-order over the body)
  // The fields of *this that order threads (atomics...) the body touches:
  // another thread touching the same one may be ordered before or after it.
  std::vector<const clang::ValueDecl *> Orders;
  // memberAccesses() only: the body does something with *this that cannot be
  // followed (hands `this` on other than to a helper whose body is here,
  // calls a member of *this without a body here or a virtual one): what it
  // touches is unknown, and the caller counts the call as the whole object's.
  bool Opaque = false;
};

// One use of a parameter in the callee's body (for `std::thread(f, std::ref(x))`:
// x is written where f writes the parameter).
struct ParamUse {
  std::vector<const clang::ValueDecl *> Mentions; // as in CalleeAccesses
  std::optional<CalleeAccess> Access;             // Var: the parameter
};

} // namespace borrowck
