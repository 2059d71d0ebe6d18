// uninitialized-use (E0381): a read of a local before it holds a value, on every
// path (definite) or on some (possible). Scalars: Clang's own analysis, as facts
// (UninitRead). Struct fields, array elements and out-parameters: InitAnalysis.
#include "checks/Checks.h"

#include <algorithm>
#include <map>

namespace borrowck {

namespace {

bool sameSpan(const std::optional<Span> &A, const std::optional<Span> &B) {
  return A && B && A->File == B->File && A->Begin == B->Begin;
}

// Is there an edge P -> S after which the read in Block is inevitable (every
// path from S reaches Block) while a slot in [First, End) has a value on no
// path at the end of P? Clang's "sometimes uninitialized", on slots: a branch
// that surely leads to the read without a value. Without one, a possible read
// is path-insensitive imprecision, typically correlated conditions
// (`if (c) s.a = 1; ... if (c) use(s.a);`), and is not reported.
bool inevitableFromUninitEdge(const FunctionFacts &F, const DataflowResult<InitState> &R,
                              uint32_t Block, uint32_t First, uint32_t End) {
  const FlowGraph &G = F.Graph;
  if (G.size() > 4000)
    return false; // quadratic below: stay silent rather than slow
  // Greatest fixpoint: AllReach[X] iff every path from X passes through Block.
  std::vector<uint8_t> AllReach(G.size(), 1);
  for (uint32_t X = 0; X < G.size(); ++X)
    if (X != Block && G.Succs[X].empty())
      AllReach[X] = 0;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (uint32_t X = 0; X < G.size(); ++X) {
      if (X == Block || !AllReach[X])
        continue;
      for (uint32_t S : G.Succs[X])
        if (!AllReach[S]) {
          AllReach[X] = 0;
          Changed = true;
          break;
        }
    }
  }
  for (uint32_t P = 0; P < G.size(); ++P) {
    if (!R.Reached[P])
      continue;
    bool Uninit = false;
    for (uint32_t I = First; I < End && !Uninit; ++I)
      Uninit = !R.Out[P].MayInit.test(I) && !R.Out[P].MustInit.test(I);
    if (!Uninit)
      continue;
    for (uint32_t S : G.Succs[P])
      if (AllReach[S])
        return true;
  }
  return false;
}

// Heap memory's Declare facts are its allocations: the last one in the source
// before the read.
std::optional<Span> allocationBefore(const FunctionFacts &F, const InitFact &Read) {
  if (F.InitVars[Read.Var].Heap.empty())
    return std::nullopt;
  std::optional<Span> Best;
  for (const auto &Blk : F.InitBlocks)
    for (const InitFact &D : Blk)
      if (D.Kind == InitFactKind::Declare && D.Var == Read.Var && D.Where.File == Read.Where.File &&
          D.Where.End > D.Where.Begin && D.Where.Begin < Read.Where.Begin &&
          (!Best || Best->Begin < D.Where.Begin))
        Best = D.Where;
  return Best;
}

} // namespace

void checkUninitializedUse(CheckContext &C, std::vector<Finding> &Out) {
  const FunctionFacts &F = C.Facts;
  for (const UninitRead &R : F.UninitReads) {
    Finding Fi;
    Fi.Rule = "uninitialized-use";
    Fi.Certainty = R.Always ? Confidence::Definite : Confidence::Maybe;
    Fi.Kind = Behaviour::UndefinedInCxx;
    Fi.Subject = R.Name;
    Fi.SubjectType = R.TypeName;
    if (R.Declared)
      Fi.Events.push_back({EventKind::Declared, *R.Declared});
    for (const SkipPath &S : R.Skips) {
      // `if (c && d)`: the `if` and its `&&` name overlapping code; keep the first.
      bool Overlaps = false;
      for (const Event &E : Fi.Events)
        Overlaps |= E.Kind == EventKind::SkipsInit && E.Where.File == S.Where.File &&
                    E.Where.Begin < S.Where.End && S.Where.Begin < E.Where.End;
      if (Overlaps)
        continue;
      Event E{EventKind::SkipsInit, S.Where};
      E.Skip = S.Kind;
      E.Value = S.Value;
      E.Place = S.Construct;
      Fi.Events.push_back(std::move(E));
    }
    Event U{EventKind::Used, R.Use};
    U.Place = R.Name;
    Fi.Events.push_back(std::move(U));
    Out.push_back(std::move(Fi));
  }

  if (F.InitVars.empty())
    return;
  const InitAnalysis &A = C.inits();
  const DataflowResult<InitState> &States = C.initStates();
  if (!States.Converged)
    return; // the driver says the function was skipped

  // Per variable, the first offending read in the source.
  std::map<uint32_t, Finding> First;
  std::map<uint32_t, uint32_t> FirstOffset;
  for (uint32_t B = 0; B < F.InitBlocks.size(); ++B) {
    if (B >= States.Reached.size() || !States.Reached[B])
      continue;
    InitState S = States.In[B];
    for (const InitFact &Fa : F.InitBlocks[B]) {
      if (Fa.Kind == InitFactKind::Read && Fa.Count) {
        const InitVar &V = F.InitVars[Fa.Var];
        uint32_t End = Fa.First + Fa.Count;
        int Missing = -1;     // first slot without a value on some path
        bool Definite = false; // some slot read has a value on no path
        bool AllNever = true;
        for (uint32_t I = Fa.First; I < End; ++I) {
          if (S.MustInit.test(I) && !S.MayInit.test(I))
            continue; // not ours (InitAnalysis.h)
          if (!S.MayInit.test(I)) {
            Definite = true;
            if (Missing < 0)
              Missing = static_cast<int>(I);
          } else {
            AllNever = false;
          }
          if (!S.MustInit.test(I) && Missing < 0)
            Missing = static_cast<int>(I);
        }
        // a[i]: which element is read is unknown; only certain when none has a value.
        bool Report = Missing >= 0 && (!Fa.AnyElement || AllNever);
        // A possible read: report it when a call that may not write the variable
        // comes before it, or when a branch surely leads to it without a value.
        auto Earlier = FirstOffset.find(Fa.Var);
        Report = Report && (Earlier == FirstOffset.end() || Fa.Where.Begin < Earlier->second);
        if (Report && !Definite) {
          bool Call = false;
          for (const auto &Blk : F.InitBlocks)
            for (const InitFact &W : Blk)
              Call |= (W.Kind == InitFactKind::MaybeWrite || W.Kind == InitFactKind::NoWrite) &&
                      W.Var == Fa.Var;
          Report = Call || inevitableFromUninitEdge(F, States, B, Fa.First, End);
        }
        auto It = FirstOffset.find(Fa.Var);
        if (Report && (It == FirstOffset.end() || Fa.Where.Begin < It->second)) {
          Finding Fi;
          Fi.Rule = "uninitialized-use";
          Fi.Certainty = Definite ? Confidence::Definite : Confidence::Maybe;
          Fi.Kind = Fa.WholeCopy ? Behaviour::BreaksRustRulesOnly : Behaviour::UndefinedInCxx;
          Fi.Subject = V.Name;
          Fi.SubjectType = V.TypeName;
          Fi.Use = Fa.WholeCopy ? UseKind::Copy : UseKind::Borrow;
          // Partly initialised: some other slot of the variable may hold a value
          // (of heap memory: of the place read, a whole struct copied).
          if (!V.Heap.empty())
            for (uint32_t I = Fa.First; I < End && !Fi.Partial && Fa.Count > 1; ++I)
              Fi.Partial = S.MayInit.test(I);
          else if (V.Aggregate)
            for (uint32_t I = V.FirstSlot; I < V.FirstSlot + V.NumSlots && !Fi.Partial; ++I)
              Fi.Partial = S.MayInit.test(I) && (I < Fa.First || I >= End || Fa.WholeCopy);
          Fi.Allocation = V.Heap;
          if (std::optional<Span> At = allocationBefore(F, Fa); At) {
            // Heap memory: the latest allocation before the read, as written.
            Fi.Events.push_back({EventKind::Declared, *At});
            Fi.Events.back().Place = V.Allocation;
          } else if (V.Declared) {
            Fi.Events.push_back({EventKind::Declared, *V.Declared});
          }
          // The calls that may leave it without a value, before the read.
          for (const auto &Blk : F.InitBlocks)
            for (const InitFact &W : Blk)
              if ((W.Kind == InitFactKind::MaybeWrite || W.Kind == InitFactKind::NoWrite) &&
                  W.Var == Fa.Var && W.Where.File == Fa.Where.File && W.Where.Begin < Fa.Where.Begin) {
                Event E{EventKind::MayNotWrite, W.Where};
                E.Place = W.What;
                E.Value = W.Kind == InitFactKind::MaybeWrite;
                Fi.Events.push_back(std::move(E));
              }
          Event U{EventKind::Used, Fa.Where};
          U.Place = Fa.What;
          U.Slot = V.SlotNames[Missing - V.FirstSlot];
          Fi.Events.push_back(std::move(U));
          First[Fa.Var] = std::move(Fi);
          FirstOffset[Fa.Var] = Fa.Where.Begin;
        }
      }
      A.apply(Fa, S);
    }
  }
  for (auto &[Var, Fi] : First) {
    // Clang's analysis already reported this scalar: keep its finding.
    const InitVar &V = F.InitVars[Var];
    bool Reported = false;
    for (const UninitRead &R : F.UninitReads)
      Reported |= R.Name == V.Name && sameSpan(R.Declared, V.Declared);
    if (!Reported)
      Out.push_back(std::move(Fi));
  }
}

} // namespace borrowck
