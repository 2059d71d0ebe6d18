#include "analysis/MoveAnalysis.h"

#include <algorithm>

namespace borrowck {

MoveAnalysis::MoveAnalysis(const FunctionFacts &F, bool SameIteration)
    : F(F), SameIteration(SameIteration) {
  if (SameIteration) {
    Rank.assign(F.moveGraph().size(), UINT32_MAX);
    std::vector<uint32_t> Order = reversePostOrder(F.moveGraph(), true);
    for (uint32_t I = 0; I < Order.size(); ++I)
      Rank[Order[I]] = I;
  }
  const uint32_t NP = static_cast<uint32_t>(F.Places.size());
  for (const Place &Pl : F.Places)
    Flat &= Pl.Parent == NoPlace;

  // Pre-order of the places (a forest: FunctionFacts::isPrefixOf walks the
  // same Parent links): a place's fields follow it, contiguously.
  std::vector<std::vector<PlaceId>> Children(NP);
  std::vector<PlaceId> Stack;
  for (PlaceId P = 0; P < NP; ++P) {
    PlaceId Up = F.Places[P].Parent;
    if (Up != NoPlace && Up < NP)
      Children[Up].push_back(P);
    else
      Stack.push_back(P);
  }
  std::reverse(Stack.begin(), Stack.end());
  Pre.assign(NP, UINT32_MAX);
  Size.assign(NP, 1);
  std::vector<PlaceId> ByPre;
  ByPre.reserve(NP);
  while (!Stack.empty()) {
    PlaceId P = Stack.back();
    Stack.pop_back();
    Pre[P] = static_cast<uint32_t>(ByPre.size());
    ByPre.push_back(P);
    for (auto It = Children[P].rbegin(); It != Children[P].rend(); ++It)
      Stack.push_back(*It);
  }
  // Subtree sizes, children after parents in pre-order: sum backwards.
  for (uint32_t I = NP; I-- > 0;)
    if (PlaceId Up = F.Places[ByPre[I]].Parent; Up != NoPlace && Up < NP)
      Size[Up] += Size[ByPre[I]];

  // Moves: by the pre-order of their place, then in block order.
  for (uint32_t B = 0; B < F.Blocks.size(); ++B)
    for (uint32_t I = 0; I < F.Blocks[B].size(); ++I)
      if (F.Blocks[B][I].Kind == FactKind::Move && F.Blocks[B][I].Place < NP)
        Moves.push_back({B, I});
  std::stable_sort(Moves.begin(), Moves.end(), [&](const MoveRef &X, const MoveRef &Y) {
    return Pre[F.Blocks[X.Block][X.Index].Place] < Pre[F.Blocks[Y.Block][Y.Index].Place];
  });
  FirstMoveInBlock.resize(F.Blocks.size());
  for (uint32_t B = 0; B < F.Blocks.size(); ++B)
    FirstMoveInBlock[B].assign(F.Blocks[B].size(), UINT32_MAX);
  std::vector<uint32_t> MovePre(Moves.size());
  for (uint32_t M = 0; M < Moves.size(); ++M) {
    FirstMoveInBlock[Moves[M].Block][Moves[M].Index] = M;
    MovePre[M] = Pre[moveFact(M).Place];
  }
  auto FirstFrom = [&](uint32_t PreIndex) {
    return static_cast<uint32_t>(std::lower_bound(MovePre.begin(), MovePre.end(), PreIndex) -
                                 MovePre.begin());
  };
  Lo.resize(NP);
  Own.resize(NP);
  Hi.resize(NP);
  for (PlaceId P = 0; P < NP; ++P) {
    Lo[P] = FirstFrom(Pre[P]);
    Own[P] = FirstFrom(Pre[P] + 1);
    Hi[P] = FirstFrom(Pre[P] + Size[P]);
  }

  // Related places (enclosing ones, then the place and its fields), by
  // pre-order, and the Affects row of each move over its place's list.
  if (!Flat) {
    Related.resize(NP);
    for (PlaceId P = 0; P < NP; ++P) {
      std::vector<PlaceId> &R = Related[P];
      for (PlaceId Up = F.Places[P].Parent; Up != NoPlace && Up < NP; Up = F.Places[Up].Parent)
        R.push_back(Up);
      std::reverse(R.begin(), R.end());
      for (uint32_t I = Pre[P]; I < Pre[P] + Size[P]; ++I)
        R.push_back(ByPre[I]);
    }
    RowStart.resize(Moves.size() + 1);
    RowStart[0] = 0;
    for (uint32_t M = 0; M < Moves.size(); ++M)
      RowStart[M + 1] = RowStart[M] + static_cast<uint32_t>(Related[moveFact(M).Place].size());
  } else {
    RowStart.assign(Moves.size() + 1, 0);
  }

  if (!F.ThrowEdges.empty()) {
    ThrowMoves.assign(F.Blocks.size(), MoveSet());
    ThrowAffects.assign(F.Blocks.size(), MoveSet());
    ThrowUnmoved.assign(F.Blocks.size(), llvm::BitVector(NP));
    for (auto [B, D] : F.ThrowEdges)
      for (uint32_t I = 0; I < F.Blocks[B].size(); ++I) {
        const Fact &Fa = F.Blocks[B][I];
        if (Fa.Place >= NP)
          continue;
        if (Fa.Kind == FactKind::Move) {
          uint32_t M = moveIndex(B, I);
          ThrowMoves[B].set(M);
          if (!Flat)
            ThrowAffects[B].set(RowStart[M], RowStart[M + 1]);
        } else if (Fa.Kind == FactKind::Reinit || Fa.Kind == FactKind::Init) {
          for (uint32_t J = Pre[Fa.Place]; J < Pre[Fa.Place] + Size[Fa.Place]; ++J)
            ThrowUnmoved[B].set(ByPre[J]);
          for (PlaceId Up = F.Places[Fa.Place].Parent; Up != NoPlace && Up < NP; Up = F.Places[Up].Parent)
            ThrowUnmoved[B].set(Up);
        }
      }
  }
  PreOrder = std::move(ByPre);
}

uint32_t MoveAnalysis::moveIndex(uint32_t Block, uint32_t Index) const {
  return FirstMoveInBlock[Block][Index];
}

uint32_t MoveAnalysis::rowBit(uint32_t M, PlaceId P) const {
  const std::vector<PlaceId> &R = Related[moveFact(M).Place];
  auto It = std::lower_bound(R.begin(), R.end(), Pre[P],
                             [&](PlaceId X, uint32_t Key) { return Pre[X] < Key; });
  if (It == R.end() || *It != P)
    return UINT32_MAX;
  return RowStart[M] + static_cast<uint32_t>(It - R.begin());
}

bool MoveAnalysis::affects(const State &S, uint32_t M, PlaceId P) const {
  if (!S.MaybeMoves.test(M))
    return false;
  if (Flat) // no fields tracked: a move leaves exactly its own place moved
    return moveFact(M).Place == P;
  uint32_t Bit = rowBit(M, P);
  return Bit != UINT32_MAX && S.Affects.test(Bit);
}

std::vector<uint32_t> MoveAnalysis::relatedMoves(const State &S, PlaceId P) const {
  std::vector<uint32_t> Out;
  auto Collect = [&](uint32_t Begin, uint32_t End) {
    if (Begin >= End)
      return;
    for (uint32_t M : S.MaybeMoves.in(Begin, End))
      Out.push_back(M);
  };
  if (P >= F.Places.size())
    return Out;
  Collect(Lo[P], Hi[P]);
  for (PlaceId Up = F.Places[P].Parent; Up != NoPlace && Up < F.Places.size(); Up = F.Places[Up].Parent)
    Collect(Lo[Up], Own[Up]);
  std::sort(Out.begin(), Out.end(), [&](uint32_t X, uint32_t Y) {
    return std::tie(Moves[X].Block, Moves[X].Index) < std::tie(Moves[Y].Block, Moves[Y].Index);
  });
  return Out;
}

MoveState MoveAnalysis::bottom() const {
  return MoveState{MoveSet(), llvm::BitVector(F.Places.size()), MoveSet()};
}

MoveState MoveAnalysis::boundary() const {
  return MoveState{MoveSet(), llvm::BitVector(F.Places.size(), true), MoveSet()};
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

void MoveAnalysis::resetMovesUnder(State &S, PlaceId P) const {
  if (Lo[P] >= Hi[P])
    return;
  S.MaybeMoves.reset(Lo[P], Hi[P]);
  if (!Flat)
    S.Affects.reset(RowStart[Lo[P]], RowStart[Hi[P]]);
}

void MoveAnalysis::apply(const Fact &Fa, uint32_t Block, uint32_t Index, State &S) const {
  const PlaceId X = Fa.Place;
  if (X >= F.Places.size())
    return;
  switch (Fa.Kind) {
  case FactKind::Move: {
    if (Index >= F.Blocks[Block].size())
      return; // edge facts never move
    uint32_t M = moveIndex(Block, Index);
    if (Fa.Unsequenced) {
      // Another argument's move, which may or may not have happened yet: the
      // place may be moved here, and may still hold its value.
      S.MaybeMoves.set(M);
      if (!Flat)
        S.Affects.set(RowStart[M], RowStart[M + 1]);
      break;
    }
    // Only the latest move of a place on each path is kept, as rustc labels
    // it: earlier moves of the place or its fields are superseded (the second
    // move is itself reported as a use), so N moves make N labels, not N^2.
    resetMovesUnder(S, X);
    S.MaybeMoves.set(M);
    if (!Flat) {
      S.Affects.set(RowStart[M], RowStart[M + 1]);
      for (PlaceId P : Related[X])
        S.MayUnmoved.reset(P);
    } else {
      S.MayUnmoved.reset(X);
    }
    break;
  }
  case FactKind::Init:
  case FactKind::Reinit:
    resetMovesUnder(S, X);
    // A move of an enclosing place (p, for p.name = ...) no longer leaves
    // this place or its fields moved; it still does the others.
    if (!Flat)
      for (PlaceId Up = F.Places[X].Parent; Up != NoPlace && Up < F.Places.size(); Up = F.Places[Up].Parent) {
        if (Lo[Up] >= Own[Up])
          continue;
        const std::vector<PlaceId> &R = Related[Up];
        auto At = [&](uint32_t Key) {
          return static_cast<uint32_t>(
              std::lower_bound(R.begin(), R.end(), Key,
                               [&](PlaceId Q, uint32_t K) { return Pre[Q] < K; }) -
              R.begin());
        };
        uint32_t From = At(Pre[X]), To = At(Pre[X] + Size[X]);
        for (uint32_t M : S.MaybeMoves.in(Lo[Up], Own[Up]))
          S.Affects.reset(RowStart[M] + From, RowStart[M] + To);
      }
    // The place and its fields hold values again; so may the places around
    // it (other fields may still be moved: then "possibly", never over-claiming).
    for (uint32_t J = Pre[X]; J < Pre[X] + Size[X]; ++J)
      S.MayUnmoved.set(PreOrder[J]);
    for (PlaceId Up = F.Places[X].Parent; Up != NoPlace && Up < F.Places.size(); Up = F.Places[Up].Parent)
      S.MayUnmoved.set(Up);
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
