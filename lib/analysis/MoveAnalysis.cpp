#include "analysis/MoveAnalysis.h"

namespace borrowck {

MoveAnalysis::MoveAnalysis(const FunctionFacts &F, bool SameIteration)
    : F(F), SameIteration(SameIteration) {
  if (SameIteration) {
    Rank.assign(F.Graph.size(), UINT32_MAX);
    std::vector<uint32_t> Order = reversePostOrder(F.Graph, true);
    for (uint32_t I = 0; I < Order.size(); ++I)
      Rank[Order[I]] = I;
  }
  FirstMoveInBlock.resize(F.Blocks.size());
  for (uint32_t B = 0; B < F.Blocks.size(); ++B) {
    FirstMoveInBlock[B].assign(F.Blocks[B].size(), UINT32_MAX);
    for (uint32_t I = 0; I < F.Blocks[B].size(); ++I)
      if (F.Blocks[B][I].Kind == FactKind::Move) {
        FirstMoveInBlock[B][I] = static_cast<uint32_t>(Moves.size());
        Moves.push_back({B, I});
      }
  }
  size_t NP = F.Places.size();
  MovesUnder.assign(NP, llvm::BitVector(Moves.size()));
  PlacesUnder.assign(NP, llvm::BitVector(NP));
  Related.assign(NP, llvm::BitVector(NP));
  Enclosing.assign(NP, llvm::BitVector(NP));
  for (PlaceId P = 0; P < NP; ++P)
    for (PlaceId Q = 0; Q < NP; ++Q)
      if (F.isPrefixOf(P, Q)) {
        PlacesUnder[P].set(Q);
        Enclosing[Q].set(P);
        Related[P].set(Q);
        Related[Q].set(P);
      }
  for (uint32_t M = 0; M < Moves.size(); ++M)
    for (PlaceId P = 0; P < NP; ++P)
      if (F.isPrefixOf(P, moveFact(M).Place))
        MovesUnder[P].set(M);
}

uint32_t MoveAnalysis::moveIndex(uint32_t Block, uint32_t Index) const {
  return FirstMoveInBlock[Block][Index];
}

MoveState MoveAnalysis::bottom() const {
  return MoveState{llvm::BitVector(Moves.size()), llvm::BitVector(F.Places.size())};
}

MoveState MoveAnalysis::boundary() const {
  return MoveState{llvm::BitVector(Moves.size()), llvm::BitVector(F.Places.size(), true)};
}

void MoveAnalysis::transferEdge(uint32_t From, uint32_t To, State &S) const {
  auto It = F.EdgeFacts.find({From, To});
  if (It != F.EdgeFacts.end())
    for (const Fact &Fa : It->second)
      apply(Fa, From, UINT32_MAX, S);
  // A back edge (to a block not later in reverse post-order): moves made in
  // this iteration do not count as this iteration's for the next one.
  if (SameIteration && Rank[To] <= Rank[From])
    S.MaybeMoves.reset();
}

void MoveAnalysis::apply(const Fact &Fa, uint32_t Block, uint32_t Index, State &S) const {
  switch (Fa.Kind) {
  case FactKind::Move:
    S.MaybeMoves.set(moveIndex(Block, Index));
    S.MayUnmoved.reset(Related[Fa.Place]);
    break;
  case FactKind::Init:
  case FactKind::Reinit:
    S.MaybeMoves.reset(MovesUnder[Fa.Place]);
    // The place and its fields hold values again; so may the places around
    // it (other fields may still be moved: then "possibly", never over-claiming).
    S.MayUnmoved |= PlacesUnder[Fa.Place];
    S.MayUnmoved |= Enclosing[Fa.Place];
    break;
  case FactKind::Use:
    break;
  }
}

MoveState MoveAnalysis::transfer(uint32_t Block, State In) const {
  for (uint32_t I = 0; I < F.Blocks[Block].size(); ++I)
    apply(Block, I, In);
  return In;
}

} // namespace borrowck
