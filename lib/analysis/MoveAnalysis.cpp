#include "analysis/MoveAnalysis.h"

namespace borrowck {

MoveAnalysis::MoveAnalysis(const FunctionFacts &F, bool SameIteration)
    : F(F), SameIteration(SameIteration) {
  if (SameIteration) {
    Rank.assign(F.moveGraph().size(), UINT32_MAX);
    std::vector<uint32_t> Order = reversePostOrder(F.moveGraph(), true);
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
  for (const Place &Pl : F.Places)
    Flat &= Pl.Parent == NoPlace;
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
  if (!F.ThrowEdges.empty()) {
    ThrowMoves.assign(F.Blocks.size(), llvm::BitVector(Moves.size()));
    ThrowAffects.assign(F.Blocks.size(), llvm::BitVector(affectsBits()));
    ThrowUnmoved.assign(F.Blocks.size(), llvm::BitVector(NP));
    for (auto [B, D] : F.ThrowEdges)
      for (uint32_t I = 0; I < F.Blocks[B].size(); ++I) {
        const Fact &Fa = F.Blocks[B][I];
        if (Fa.Kind == FactKind::Move) {
          uint32_t M = moveIndex(B, I);
          ThrowMoves[B].set(M);
          if (!Flat)
            for (unsigned P : Related[Fa.Place].set_bits())
              ThrowAffects[B].set(M * NP + P);
        } else if (Fa.Kind == FactKind::Reinit || Fa.Kind == FactKind::Init) {
          ThrowUnmoved[B] |= PlacesUnder[Fa.Place];
          ThrowUnmoved[B] |= Enclosing[Fa.Place];
        }
      }
  }
}

uint32_t MoveAnalysis::moveIndex(uint32_t Block, uint32_t Index) const {
  return FirstMoveInBlock[Block][Index];
}

MoveState MoveAnalysis::bottom() const {
  return MoveState{llvm::BitVector(Moves.size()), llvm::BitVector(F.Places.size()),
                   llvm::BitVector(affectsBits())};
}

MoveState MoveAnalysis::boundary() const {
  return MoveState{llvm::BitVector(Moves.size()), llvm::BitVector(F.Places.size(), true),
                   llvm::BitVector(affectsBits())};
}

void MoveAnalysis::transferEdge(uint32_t From, uint32_t To, State &S) const {
  if (!ThrowMoves.empty() && F.ThrowEdges.count({From, To})) {
    // Thrown from somewhere inside From: any of its moves may have happened,
    // any of its reinitialisations may have been the last.
    S.MaybeMoves |= ThrowMoves[From];
    S.Affects |= ThrowAffects[From];
    S.MayUnmoved |= ThrowUnmoved[From];
  }
  auto It = F.EdgeFacts.find({From, To});
  if (It != F.EdgeFacts.end())
    for (const Fact &Fa : It->second)
      apply(Fa, From, UINT32_MAX, S);
  // A back edge (to a block not later in reverse post-order): moves made in
  // this iteration do not count as this iteration's for the next one.
  if (SameIteration && Rank[To] <= Rank[From]) {
    S.MaybeMoves.reset();
    S.Affects.reset();
  }
}

void MoveAnalysis::apply(const Fact &Fa, uint32_t Block, uint32_t Index, State &S) const {
  const size_t NP = F.Places.size();
  switch (Fa.Kind) {
  case FactKind::Move: {
    uint32_t M = moveIndex(Block, Index);
    // Only the latest move of a place on each path is kept, as rustc labels
    // it: earlier moves of the place or its fields are superseded (the second
    // move is itself reported as a use), so N moves make N labels, not N^2.
    if (!Flat) {
      llvm::BitVector Old = S.MaybeMoves;
      Old &= MovesUnder[Fa.Place];
      for (unsigned O : Old.set_bits())
        S.Affects.reset(O * NP, (O + 1) * NP);
    }
    S.MaybeMoves.reset(MovesUnder[Fa.Place]); // word-parallel: moves are many
    S.MaybeMoves.set(M);
    if (!Flat)
      for (unsigned P : Related[Fa.Place].set_bits())
        S.Affects.set(M * NP + P);
    S.MayUnmoved.reset(Related[Fa.Place]);
    break;
  }
  case FactKind::Init:
  case FactKind::Reinit:
    if (!Flat) {
      llvm::BitVector Old = S.MaybeMoves;
      Old &= MovesUnder[Fa.Place];
      for (unsigned O : Old.set_bits())
        S.Affects.reset(O * NP, (O + 1) * NP);
    }
    S.MaybeMoves.reset(MovesUnder[Fa.Place]);
    // A move of an enclosing place (p, for p.name = ...) no longer leaves
    // this place or its fields moved; it still does the others.
    if (!Flat)
      for (unsigned M : S.MaybeMoves.set_bits())
        for (unsigned P : PlacesUnder[Fa.Place].set_bits())
          S.Affects.reset(M * NP + P);
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
