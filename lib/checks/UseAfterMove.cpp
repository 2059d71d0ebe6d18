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
  const MoveAnalysis &Same = C.sameIterationMoves();
  const DataflowResult<MoveState> &RSame = C.sameIterationMoveStates();
  if (!R.Converged || !RSame.Converged)
    return; // the driver says the function was skipped

  struct Candidate {
    Finding Fi;
    std::vector<uint32_t> MoveSet;
    uint32_t Offset;
  };
  std::vector<Candidate> Found;

  for (uint32_t B = 0; B < F.Blocks.size(); ++B) {
    if (!R.Reached[B])
      continue;
    MoveState S = R.In[B];
    MoveState SSame = RSame.In[B];
    for (uint32_t I = 0; I < F.Blocks[B].size(); ++I) {
      const Fact &U = F.Blocks[B][I];
      if (U.Kind == FactKind::Use || U.Kind == FactKind::Move) {
        // Moves of the used place, of a place it is a field of, or of its fields.
        std::vector<uint32_t> Relevant;
        uint32_t WholeMove = UINT32_MAX; // the first move of the place or an enclosing one
        for (uint32_t M : A.relatedMoves(S, U.Place)) {
          if (!A.affects(S, M, U.Place))
            continue; // the used place was given a new value since
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
          Fi.Kind = UP.Kind == ValueKind::SmartPointer && U.Use == UseKind::Deref
                        ? Behaviour::UndefinedInCxx
                        : Behaviour::BreaksRustRulesOnly;
          PlaceId Root = U.Place;
          while (F.Places[Root].Parent != NoPlace)
            Root = F.Places[Root].Parent;
          if (F.Places[Root].Declared)
            Fi.Events.push_back({EventKind::Declared, *F.Places[Root].Declared});
          bool LoopAdded = false;
          for (uint32_t M : Relevant) {
            const Fact &MF = A.moveFact(M);
            Event E{EventKind::Moved, MF.Where};
            // Reaching only across a loop's back edge: a previous iteration's move.
            E.PreviousIteration = !Same.affects(SSame, M, U.Place);
            E.Partial = !F.isPrefixOf(MF.Place, U.Place);
            E.Place = F.Places[MF.Place].Name;
            E.TypeName = F.Places[MF.Place].TypeName;
            if (E.PreviousIteration && MF.Loop && !LoopAdded) {
              Fi.Events.push_back({EventKind::LoopHead, *MF.Loop});
              LoopAdded = true;
            }
            Fi.Events.push_back(std::move(E));
          }
          Fi.Events.push_back({EventKind::Used, U.Where});
          std::sort(Relevant.begin(), Relevant.end());
          Found.push_back({std::move(Fi), std::move(Relevant), U.Where.Begin});
        }
      }
      A.apply(B, I, S);
      Same.apply(B, I, SSame);
    }
  }

  // As rustc: one error per set of moves, at the first use in the source.
  std::stable_sort(Found.begin(), Found.end(),
                   [](const Candidate &X, const Candidate &Y) { return X.Offset < Y.Offset; });
  std::map<std::vector<uint32_t>, bool> Seen;
  for (Candidate &Ca : Found)
    if (!Seen[Ca.MoveSet]) {
      Seen[Ca.MoveSet] = true;
      Out.push_back(std::move(Ca.Fi));
    }
}

} // namespace borrowck
