// The thread rules over thread facts:
//   thread-outlives-borrow (E0373) a local dies while a thread that borrows it
//                                  may still run (detached, returned, stored,
//                                  moved away, not joined on some path, or a
//                                  jthread / future that joins only after it)
//   data-race (E0277)              two threads that may run at once touch the
//                                  same non-atomic variable, one writes, and
//                                  no mutex is held by both
#include "analysis/ThreadAnalysis.h"
#include "checks/Checks.h"

#include <algorithm>
#include <map>

namespace borrowck {

namespace {

// Each block's thread facts in order, with the state before each.
template <typename Visit>
void replay(const FunctionFacts &F, const ThreadAnalysis &A, const DataflowResult<ThreadState> &R,
            Visit &&V) {
  for (uint32_t B = 0; B < F.Threads.Blocks.size(); ++B) {
    if (!R.Reached[B])
      continue;
    ThreadState S = R.In[B];
    for (uint32_t I = 0; I < F.Threads.Blocks[B].size(); ++I) {
      V(F.Threads.Blocks[B][I], S);
      A.apply(B, I, S);
    }
  }
}

const char *escapeWord(EscapeKind K) {
  switch (K) {
  case EscapeKind::Detached: return "detached";
  case EscapeKind::Returned: return "returned";
  case EscapeKind::Stored: return "stored";
  case EscapeKind::MovedAway: return "moved";
  }
  return "moved";
}

// The handle that holds a spawn at S, if any.
const ThreadHandle *holder(const FunctionFacts &F, const ThreadState &S, uint32_t Sp) {
  for (size_t H = 0; H < S.Holds.size(); ++H)
    if (S.Holds[H].test(Sp))
      return &F.Threads.Handles[H];
  return nullptr;
}

} // namespace

void checkThreadOutlivesBorrow(CheckContext &C, std::vector<Finding> &Out) {
  const FunctionFacts &F = C.Facts;
  if (F.Threads.empty())
    return;
  const ThreadAnalysis &A = C.threads();
  const DataflowResult<ThreadState> &R = C.threadStates();
  if (!R.Converged)
    return;
  std::map<std::pair<uint32_t, uint32_t>, Finding> First; // (spawn, variable)
  replay(F, A, R, [&](const ThreadFact &Fa, const ThreadState &S) {
    if (Fa.Kind != ThreadFactKind::VarEnd)
      return;
    for (unsigned Sp : S.MayRun.set_bits()) {
      const SpawnSite &Site = F.Threads.Spawns[Sp];
      const ThreadBorrow *B = nullptr;
      for (const ThreadBorrow &Bo : Site.Borrows)
        if (Bo.Var == Fa.Var) {
          B = &Bo;
          break;
        }
      if (!B)
        continue;
      const SharedVar &V = F.Threads.Vars[Fa.Var];
      const bool Definite = S.MustRun.test(Sp);
      auto Key = std::make_pair(uint32_t(Sp), Fa.Var);
      if (auto It = First.find(Key); It != First.end()) {
        const bool WasDefinite = It->second.Certainty == Confidence::Definite;
        if (WasDefinite || !Definite)
          continue;
      }
      Finding Fi;
      Fi.Rule = "thread-outlives-borrow";
      Fi.Subject = V.Name;
      Fi.SubjectType = Site.Api;
      Fi.Certainty = Definite ? Confidence::Definite : Confidence::Maybe;
      Fi.Kind = Behaviour::UndefinedInCxx;
      Fi.Partial = Site.Lambda; // the callable is a lambda: "capture by value"
      const ThreadHandle *H = holder(F, S, Sp);
      Event Spawn{EventKind::Spawned, Site.Callable};
      Spawn.Place = H ? H->Name : "";
      Spawn.TypeName = Site.Api;
      Spawn.Container = H && H->Container;
      if (Site.Member) {
        Spawn.Detail = Site.Member->Method;
        Spawn.Value = Site.Member->Constructor;
      }
      Fi.Events.push_back(Spawn);
      Event Bo{EventKind::Borrowed, B->At};
      Bo.Place = V.Name;
      Bo.Detail = B->AsThis ? "this" : B->Via;
      Bo.Partial = B->Maybe;
      Fi.Events.push_back(Bo);
      if (B->Maybe || (Site.Member && Site.Member->Conditional))
        Fi.Certainty = Confidence::Maybe;
      if (Site.Member && !Site.Member->Detached && Site.Member->Escape) {
        // Stored in a member: ~Class does not join it, or joins it too late.
        Event Es{EventKind::Escaped, *Site.Member->Escape};
        Es.TypeName = Site.Member->LateField.empty() ? "member" : "member-late";
        Es.Place = Site.Member->Field;
        Es.Detail = Site.Member->Class;
        Es.Slot = Site.Member->LateField;
        Es.Value = Site.Member->Conditional; // started on some paths through the member only
        Es.Container = Site.Member->InContainer;
        Fi.Events.push_back(Es);
      } else if (S.EscapedAt[Sp] != ThreadAnalysis::NotEscaped) {
        const ThreadFact &E = A.escape(S.EscapedAt[Sp]);
        Event Es{EventKind::Escaped, E.Where};
        Es.TypeName = escapeWord(E.How);
        Fi.Events.push_back(Es);
      } else if (H && H->Kind != HandleKind::Thread && H->Declared) {
        Event Es{EventKind::Escaped, *H->Declared};
        Es.TypeName = "late";
        Es.Place = H->Name;
        Es.Container = H->Container;
        Fi.Events.push_back(Es);
      }
      Event D{EventKind::Dropped, Fa.Where};
      D.Place = V.Name;
      D.TypeName = H ? H->Name : "";
      D.Partial = H && H->Kind == HandleKind::Thread && S.EscapedAt[Sp] == ThreadAnalysis::NotEscaped;
      Fi.Events.push_back(D);
      First[Key] = std::move(Fi);
    }
  });
  // One finding per spawn site (one bug: the thread is not joined in time),
  // about the first variable it borrows (as rustc names the first capture),
  // with a label for each borrowed variable and each place one dies.
  std::map<uint32_t, std::vector<const Finding *>> BySpawn;
  for (auto &[K, Fi] : First)
    BySpawn[K.first].push_back(&Fi);
  for (auto &[Sp, Fs] : BySpawn) {
    const SpawnSite &Site = F.Threads.Spawns[Sp];
    auto Rank = [&](const Finding *Fi) {
      for (size_t I = 0; I < Site.Borrows.size(); ++I)
        if (F.Threads.Vars[Site.Borrows[I].Var].Name == Fi->Subject)
          return I;
      return Site.Borrows.size();
    };
    std::stable_sort(Fs.begin(), Fs.end(), [&](const Finding *X, const Finding *Y) {
      const bool DX = X->Certainty == Confidence::Definite, DY = Y->Certainty == Confidence::Definite;
      return DX != DY ? DX : Rank(X) < Rank(Y);
    });
    Finding Merged = *Fs.front();
    for (size_t I = 1; I < Fs.size(); ++I) {
      // The others' borrow labels before the drops, their drops after.
      auto Drop = std::find_if(Merged.Events.begin(), Merged.Events.end(),
                               [](const Event &E) { return E.Kind == EventKind::Dropped; });
      std::vector<Event> Borrows, Drops;
      for (const Event &E : Fs[I]->Events)
        if (E.Kind == EventKind::Borrowed)
          Borrows.push_back(E);
        else if (E.Kind == EventKind::Dropped)
          Drops.push_back(E);
      size_t At = static_cast<size_t>(Drop - Merged.Events.begin());
      // Before the escape label too, so the borrows come together.
      while (At > 0 && Merged.Events[At - 1].Kind == EventKind::Escaped)
        --At;
      Merged.Events.insert(Merged.Events.begin() + At, Borrows.begin(), Borrows.end());
      Merged.Events.insert(Merged.Events.end(), Drops.begin(), Drops.end());
    }
    Out.push_back(std::move(Merged));
  }
}

namespace {

struct Side {
  const ThreadAccess *A;
  bool Spawner = false;
  uint32_t Spawn = 0;
  uint32_t Handle = NoThreadHandle; // the handle a spawn being started goes to
};

// Do two accesses race? Writes to a container itself race with anything;
// two accesses to elements race only in strict mode (each thread may write
// its own element).
int conflict(const ThreadAccess &A, const ThreadAccess &B, const FunctionFacts &F, bool Strict) {
  if (A.Orders || B.Orders)
    return 0; // an atomic's own operations do not race
  const SharedVar &VA = F.Threads.Vars[A.Var], &VB = F.Threads.Vars[B.Var];
  // The same variable, or a field of an object and the whole object ("k.n", `k`).
  const bool Overlap = overlap(F.Threads, A.Var, B.Var);
  if (!Overlap || VA.Guarded || VB.Guarded || (!A.Write && !B.Write))
    return 0;
  for (uint32_t L : A.Locks)
    if (std::binary_search(B.Locks.begin(), B.Locks.end(), L))
      return 0;
  if ((A.Write && !A.Element) || (B.Write && !B.Element))
    return 1;
  return Strict ? 2 : 0;
}

} // namespace

void checkDataRace(CheckContext &C, std::vector<Finding> &Out) {
  const FunctionFacts &F = C.Facts;
  if (F.Threads.empty())
    return;
  const ThreadAnalysis &A = C.threads();
  const DataflowResult<ThreadState> &R = C.threadStates();
  if (!R.Converged)
    return;
  const bool Strict = C.options().Strict;
  std::map<uint32_t, Finding> ByVar;
  // Spawns the spawning thread may be ordered after: since the spawn it
  // touched an atomic (or another ordering object) the thread touches too
  // (`svr.wait_until_ready()` spinning on what `svr.listen()` stores). What
  // the thread wrote before its store there happens before what this thread
  // reads after: possibly no data race in C++, still two borrows Rust rejects.
  std::map<uint32_t, const ThreadAccess *> OrderedAfter;
  auto overlaps = [&](uint32_t X, uint32_t Y) { return overlap(F.Threads, X, Y); };
  // Whether it holds at an access is S.OrderedSince; this only names the
  // object for the note (the replay visits blocks in no particular order).
  for (const std::vector<ThreadFact> &Block : F.Threads.Blocks)
    for (const ThreadFact &Fa : Block)
      if (Fa.Kind == ThreadFactKind::Access && Fa.Access.Orders)
        for (uint32_t Sp = 0; Sp < F.Threads.Spawns.size(); ++Sp)
          for (const ThreadAccess &A : F.Threads.Spawns[Sp].Accesses)
            if (A.Orders && overlaps(A.Var, Fa.Access.Var) && !OrderedAfter.count(Sp))
              OrderedAfter[Sp] = &Fa.Access;
  auto Report = [&](Side First, Side Second, bool Definite, const ThreadState &S, int How) {
    const ThreadAccess &A = *First.A;
    if (ByVar.count(A.Var))
      return;
    Finding Fi;
    Fi.Rule = "data-race";
    Fi.Subject = F.Threads.Vars[A.Var].Name;
    Fi.Global = F.Threads.Vars[A.Var].Global;
    Fi.Certainty = Definite ? Confidence::Definite : Confidence::Maybe;
    Fi.Kind = How == 1 ? Behaviour::UndefinedInCxx : Behaviour::BreaksRustRulesOnly;
    Fi.Partial = How == 2; // elements only: strict mode
    if (Second.Spawner && S.OrderedSince.test(First.Spawn))
      if (auto It = OrderedAfter.find(First.Spawn); It != OrderedAfter.end() && How == 1) {
        Fi.Kind = Behaviour::BreaksRustRulesOnly;
        Fi.Certainty = Confidence::Maybe;
        Fi.OrderedBy = F.Threads.Vars[It->second->Var].Name;
        Fi.OrderedVia = It->second->Via;
      }
    auto Lock = [&](const ThreadAccess &X) {
      return X.Locks.empty() ? std::string() : F.Threads.Vars[X.Locks.front()].Name;
    };
    for (const Side *Sd : {&First, &Second}) {
      const ThreadAccess &X = *Sd->A;
      Event E{EventKind::Accessed, X.Where};
      E.Write = X.Write;
      E.Spawner = Sd->Spawner;
      E.Lock = Lock(X);
      E.Detail = X.Via;
      if (!Sd->Spawner) {
        const ThreadHandle *H = Sd->Handle != NoThreadHandle ? &F.Threads.Handles[Sd->Handle]
                                                             : holder(F, S, Sd->Spawn);
        E.Place = H ? H->Name : "";
        E.Container = H && H->Container;
        E.TypeName = F.Threads.Spawns[Sd->Spawn].Api;
        E.SameSpawn = !First.Spawner && !Second.Spawner && First.Spawn == Second.Spawn;
      }
      Fi.Events.push_back(E);
    }
    ByVar[A.Var] = std::move(Fi);
  };
  auto Pairs = [&](const ThreadState &S, uint32_t S1, const ThreadFact &Started, bool Definite) {
    const uint32_t S2 = Started.Spawn;
    const SpawnSite &X = F.Threads.Spawns[S1], &Y = F.Threads.Spawns[S2];
    // The thread being started is not in its handle yet: name the handle it goes to.
    const uint32_t H2 = S1 == S2 ? NoThreadHandle : Started.Handle;
    for (const ThreadAccess &A : X.Accesses)
      for (const ThreadAccess &B : Y.Accesses)
        if (int How = conflict(A, B, F, Strict))
          Report({&A, false, S1}, {&B, false, S2, H2}, Definite, S, How);
  };
  replay(F, A, R, [&](const ThreadFact &Fa, const ThreadState &S) {
    if (Fa.Kind == ThreadFactKind::Spawn) {
      for (unsigned Other : S.MayRun.set_bits())
        Pairs(S, Other, Fa, S.MustRun.test(Other));
      return;
    }
    if (Fa.Kind != ThreadFactKind::Access)
      return;
    if (Fa.Access.Orders)
      return;
    for (unsigned Sp : S.MayRun.set_bits())
      for (const ThreadAccess &A : F.Threads.Spawns[Sp].Accesses)
        if (int How = conflict(A, Fa.Access, F, Strict))
          Report({&A, false, Sp}, {&Fa.Access, true, 0}, S.MustRun.test(Sp), S, How);
  });
  for (auto &[V, Fi] : ByVar)
    Out.push_back(std::move(Fi));
}

} // namespace borrowck
