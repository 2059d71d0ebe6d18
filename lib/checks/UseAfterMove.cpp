// use-after-move (E0382): a use of a place that a move may reach.
#include "checks/Checks.h"

#include <algorithm>
#include <map>

namespace borrowck {

void checkUseAfterMove(CheckContext &C, std::vector<Finding> &Out) {
  const FunctionFacts &F = C.Facts;
  const MoveAnalysis &A = C.moves();
  if (A.moves().empty())
    return;
  const DataflowResult<MoveState> &R = C.moveStates();
  if (!R.Converged)
    return; // the driver says the function was skipped

  struct Candidate {
    Finding Fi;                    // without its move and use events yet
    std::vector<uint32_t> Relevant; // in block order
    uint32_t Block, Index;         // the use
    Span Use;
    std::vector<std::pair<uint32_t, uint32_t>> MoveSet; // the moves' spans, sorted
  };
  std::vector<Candidate> Found;

  for (uint32_t B = 0; B < F.Blocks.size(); ++B) {
    if (!R.Reached[B])
      continue;
    MoveState S = R.In[B];
    for (uint32_t I = 0; I < F.Blocks[B].size(); ++I) {
      const Fact &U = F.Blocks[B][I];
      if (U.Kind == FactKind::Use || (U.Kind == FactKind::Move && !U.Unsequenced)) {
        // Moves of the used place, of a place it is a field of, or of its fields.
        std::vector<uint32_t> Relevant;
        uint32_t WholeMove = UINT32_MAX; // the first move of the place or an enclosing one
        for (uint32_t M : A.relatedMoves(S, U.Place)) {
          if (!A.affects(S, M, U.Place))
            continue; // the used place was given a new value since
          if (U.Kind == FactKind::Move && A.moveFact(M).Unsequenced &&
              A.moveFact(M).Where.Begin == U.Where.Begin)
            continue; // the move itself, which another argument may have preceded
          if (U.Use == UseKind::Value && !A.moveFact(M).Unsequenced)
            continue; // a moved-from smart pointer is null, as specified
          PlaceId MP = A.moveFact(M).Place;
          bool IsWhole = F.isPrefixOf(MP, U.Place);
          if (IsWhole || F.isPrefixOf(U.Place, MP)) {
            Relevant.push_back(M);
            if (IsWhole && WholeMove == UINT32_MAX)
              WholeMove = M;
          }
        }
        if (!Relevant.empty()) {
          // The whole was moved, then some of its fields given new values:
          // what is left moved is a part of it.
          std::string Refilled;
          if (WholeMove != UINT32_MAX)
            for (PlaceId Q = 0; Q < F.Places.size() && Refilled.empty(); ++Q)
              if (Q != U.Place && F.isPrefixOf(U.Place, Q) && !A.affects(S, WholeMove, Q))
                Refilled = F.Places[Q].Name;
          bool AllPartial = WholeMove == UINT32_MAX || !Refilled.empty();
          Finding Fi;
          Fi.Rule = "use-after-move";
          Fi.Certainty = S.MayUnmoved.test(U.Place) ? Confidence::Maybe : Confidence::Definite;
          const Place &UP = F.Places[U.Place];
          // The subject: the used value when only its fields were moved,
          // otherwise the moved value it belongs to (p for a use of p.name).
          const Place &Subject = AllPartial ? UP : F.Places[A.moveFact(WholeMove).Place];
          Fi.Subject = Subject.Name;
          Fi.SubjectType = Subject.TypeName;
          Fi.SubjectKind = UP.Kind;
          Fi.SubjectMovedFrom = Subject.MovedFrom;
          Fi.Use = U.Use;
          Fi.Partial = AllPartial;
          Fi.Refilled = Refilled;
          Fi.OfThis = Subject.OfThis;
          Fi.Kind = UP.Kind == ValueKind::SmartPointer && U.Use == UseKind::Deref
                        ? Behaviour::UndefinedInCxx
                        : Behaviour::BreaksRustRulesOnly;
          PlaceId Root = U.Place;
          while (F.Places[Root].Parent != NoPlace)
            Root = F.Places[Root].Parent;
          if (F.Places[Root].Declared)
            Fi.Events.push_back({EventKind::Declared, *F.Places[Root].Declared});
          // By where the moves are: an unsequenced copy of a move and the move
          // itself are one move.
          std::vector<std::pair<uint32_t, uint32_t>> Sorted;
          for (uint32_t M : Relevant)
            Sorted.emplace_back(A.moveFact(M).Where.Begin, A.moveFact(M).Where.End);
          std::sort(Sorted.begin(), Sorted.end());
          Sorted.erase(std::unique(Sorted.begin(), Sorted.end()), Sorted.end());
          Found.push_back({std::move(Fi), std::move(Relevant), B, I, U.Where, std::move(Sorted)});
        }
      }
      A.apply(B, I, S);
    }
  }
  if (Found.empty())
    return;

  // Which moves reach their use only across a loop's back edge (a previous
  // iteration's): the same analysis with moves dropped on back edges, run
  // only when there is something to label.
  const MoveAnalysis &Same = C.sameIterationMoves();
  const DataflowResult<MoveState> &RSame = C.sameIterationMoveStates();
  if (!RSame.Converged)
    return;
  std::stable_sort(Found.begin(), Found.end(), [](const Candidate &X, const Candidate &Y) {
    return std::tie(X.Block, X.Index) < std::tie(Y.Block, Y.Index);
  });
  for (size_t K = 0; K < Found.size();) {
    uint32_t B = Found[K].Block, I = 0;
    MoveState SSame = RSame.In[B];
    for (; K < Found.size() && Found[K].Block == B; ++K) {
      Candidate &Ca = Found[K];
      for (; I < Ca.Index; ++I)
        Same.apply(B, I, SSame);
      const Fact &U = F.Blocks[B][Ca.Index];
      bool LoopAdded = false;
      for (uint32_t M : Ca.Relevant) {
        const Fact &MF = A.moveFact(M);
        Event E{EventKind::Moved, MF.Where};
        // Reaching only across a loop's back edge: a previous iteration's move.
        E.PreviousIteration = !Same.affects(SSame, M, U.Place);
        E.Partial = !F.isPrefixOf(MF.Place, U.Place);
        E.Unsequenced = MF.Unsequenced;
        E.Place = F.Places[MF.Place].Name;
        E.TypeName = F.Places[MF.Place].TypeName;
        if (E.PreviousIteration && MF.Loop && !LoopAdded) {
          Ca.Fi.Events.push_back({EventKind::LoopHead, *MF.Loop});
          LoopAdded = true;
        }
        Ca.Fi.Events.push_back(std::move(E));
      }
      Ca.Fi.Events.push_back({EventKind::Used, Ca.Use});
    }
  }

  // As rustc: one error per set of moves, at the first use in the source;
  // the first definite use when a possible one comes before it
  // (`h(std::move(a), a.size()); a.size();`).
  std::stable_sort(Found.begin(), Found.end(), [](const Candidate &X, const Candidate &Y) {
    return X.Use.Begin < Y.Use.Begin;
  });
  std::map<std::vector<std::pair<uint32_t, uint32_t>>, Candidate *> Chosen;
  std::vector<Candidate *> Order;
  for (Candidate &Ca : Found) {
    Candidate *&C = Chosen[Ca.MoveSet];
    if (!C) {
      C = &Ca;
      Order.push_back(&Ca);
    } else if (C->Fi.Certainty == Confidence::Maybe && Ca.Fi.Certainty == Confidence::Definite) {
      *std::find(Order.begin(), Order.end(), C) = &Ca;
      C = &Ca;
    }
  }
  std::stable_sort(Order.begin(), Order.end(),
                   [](const Candidate *X, const Candidate *Y) { return X->Use.Begin < Y->Use.Begin; });
  for (Candidate *Ca : Order)
    Out.push_back(std::move(Ca->Fi));
}

} // namespace borrowck
