// conflicting-borrows (E0499 / E0502): one call given the same container
// twice, once mutably, while the callee may invalidate it through the mutable
// one and still use the other. The fact generator only records which
// arguments designate which container and what the callee's summary says it
// does through each; the decision is here.
#include "checks/Checks.h"

#include <set>

namespace borrowck {

void checkConflictingBorrows(CheckContext &C, std::vector<Finding> &Out) {
  for (const ContainerCall &K : C.Facts.ContainerCalls) {
    std::set<uint32_t> Reported; // one finding per container and call
    for (const ContainerArg &M : K.Args) {
      if (!M.Mutable)
        continue;
      for (const ContainerArg &O : K.Args) {
        // Each mutable argument with another argument of its container; when
        // both are mutable, the pair once.
        if (&O == &M || O.Container != M.Container || (O.Mutable && &O < &M) ||
            !Reported.insert(M.Container).second)
          continue;
        // The standard's precondition makes it undefined behaviour, definite;
        // a callee whose summary erases or reallocates makes it possible;
        // with nothing known to invalidate it breaks Rust's rule only.
        const bool Precondition = K.Precondition && M.Object;
        // The callee's body writes through one parameter and reads the
        // other, which are one object: each write changes what it reads.
        const bool Aliased = !Precondition && !M.Invalidates && M.Writes && O.Reads;
        const bool StrictOnly = !Precondition && !M.Invalidates && !Aliased;
        if (StrictOnly && !C.options().Strict)
          continue;
        Finding Fi;
        Fi.Rule = "conflicting-borrows";
        Fi.Subject = M.Name;
        Fi.Kind = StrictOnly || Aliased ? Behaviour::BreaksRustRulesOnly : Behaviour::UndefinedInCxx;
        Fi.Certainty = Precondition || StrictOnly || Aliased ? Confidence::Definite : Confidence::Maybe;
        Fi.Partial = O.Mutable; // both borrows mutable: E0499
        Fi.Reason = Precondition ? EndReason::Reallocated : EndReason::ScopeEnd;
        Event First{EventKind::Invalidated, M.Arg};
        First.Place = M.Param;
        First.Write = Aliased;
        if (!Precondition && M.Invalidates)
          First.Detail = M.Method;
        Event Second{EventKind::Borrowed, O.Arg};
        Second.Place = O.Param;
        Event Call{EventKind::Used, K.Call};
        Call.Place = K.Callee;
        Fi.Events = {First, Second, Call};
        Out.push_back(std::move(Fi));
      }
    }
  }
}

} // namespace borrowck
