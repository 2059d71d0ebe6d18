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
    Finding Fi;
    std::vector<uint32_t> MoveSet;
    uint32_t Offset;
  };
  std::vector<Candidate> Found;

  for (uint32_t B = 0; B < F.Blocks.size(); ++B) {
    if (!R.Reached[B])
      continue;
    MoveState S = R.In[B];
    for (uint32_t I = 0; I < F.Blocks[B].size(); ++I) {
      const Fact &U = F.Blocks[B][I];
      if (U.Kind == FactKind::Use || U.Kind == FactKind::Move) {
        std::vector<uint32_t> Relevant;
        bool AllPartial = true;
        for (int M : S.MaybeMoves.set_bits()) {
          PlaceId MP = A.moveFact(M).Place;
          bool Whole = F.isPrefixOf(MP, U.Place);
          if (Whole || F.isPrefixOf(U.Place, MP)) {
            Relevant.push_back(M);
            AllPartial &= !Whole;
          }
        }
        if (!Relevant.empty()) {
          bool Definite = false;
          for (int Q : S.MustMoved.set_bits())
            Definite |= F.isPrefixOf(Q, U.Place) || F.isPrefixOf(U.Place, Q);

          Finding Fi;
          Fi.Rule = "use-after-move";
          Fi.Certainty = Definite ? Confidence::Definite : Confidence::Maybe;
          const Place &UP = F.Places[U.Place];
          const Place &MovedPlace = F.Places[A.moveFact(Relevant.front()).Place];
          const Place &Subject = AllPartial ? UP : MovedPlace;
          Fi.Subject = Subject.Name;
          Fi.SubjectType = Subject.TypeName;
          Fi.SubjectKind = UP.Kind;
          Fi.Use = U.Use;
          Fi.Partial = AllPartial;
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
            E.PreviousIteration = MF.Where.File == U.Where.File && MF.Where.Begin >= U.Where.Begin;
            E.Partial = AllPartial;
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
