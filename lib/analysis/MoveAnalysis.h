// Forward dataflow over move facts: which moves may reach each point (for
// "value moved here" labels) and which places may still hold their value
// (for definite vs possible: a use is definite when its place, a field of it
// or a place it is a field of was moved on every path).
//
// With SameIteration, moves do not survive loop back edges: a move that
// reaches a use in the full analysis but not in this one reaches it only
// from a previous iteration of a loop.
#pragma once

#include "dataflow/Dataflow.h"
#include "facts/Facts.h"

#include "llvm/ADT/BitVector.h"

namespace borrowck {

struct MoveState {
  llvm::BitVector MaybeMoves; // over move indices (MoveAnalysis::moves())
  llvm::BitVector MayUnmoved; // over places: some path reaches here with no related move
  // Over (move, place) pairs, index Move * places + Place: the move may still
  // leave that place moved. A move of p sets its pairs for p, p's fields and
  // the places around p; `p.name = ...` clears them for p.name and its
  // fields only, so p.name holds a value again while p.age and p stay moved.
  llvm::BitVector Affects;
  bool operator==(const MoveState &O) const {
    return MaybeMoves == O.MaybeMoves && MayUnmoved == O.MayUnmoved && Affects == O.Affects;
  }
};

class MoveAnalysis {
public:
  using State = MoveState;
  static constexpr bool Forward = true;

  struct MoveRef {
    uint32_t Block, Index; // the Move fact
  };

  explicit MoveAnalysis(const FunctionFacts &F, bool SameIteration = false);

  State bottom() const;
  State boundary() const;
  void join(State &Into, const State &From) const {
    Into.MaybeMoves |= From.MaybeMoves;
    Into.MayUnmoved |= From.MayUnmoved;
    Into.Affects |= From.Affects;
  }
  // May move M (in S.MaybeMoves) leave place P (itself, a field of it or a
  // place it is a field of) moved? False once P or a place enclosing P was
  // given a new value after M.
  bool affects(const State &S, uint32_t M, PlaceId P) const {
    if (Flat) // no fields tracked: a move leaves exactly its own place moved
      return S.MaybeMoves.test(M) && moveFact(M).Place == P;
    return S.MaybeMoves.test(M) && S.Affects.test(M * F.Places.size() + P);
  }
  State transfer(uint32_t Block, State In) const;
  void transferEdge(uint32_t From, uint32_t To, State &S) const;
  // Apply one fact (used by transfer and by checks replaying a block).
  void apply(uint32_t Block, uint32_t Index, State &S) const { apply(F.Blocks[Block][Index], Block, Index, S); }
  void apply(const Fact &Fa, uint32_t Block, uint32_t Index, State &S) const;

  const std::vector<MoveRef> &moves() const { return Moves; }
  const Fact &moveFact(uint32_t M) const { return F.Blocks[Moves[M].Block][Moves[M].Index]; }
  // Index of the move for the Move fact at (Block, Index).
  uint32_t moveIndex(uint32_t Block, uint32_t Index) const;
  const FunctionFacts &facts() const { return F; }

private:
  const FunctionFacts &F;
  std::vector<MoveRef> Moves;
  std::vector<std::vector<uint32_t>> FirstMoveInBlock; // block -> fact index -> move index
  std::vector<llvm::BitVector> MovesUnder;             // place -> moves of it or its fields
  std::vector<llvm::BitVector> PlacesUnder;            // place -> itself and its fields
  std::vector<llvm::BitVector> Related;                // place -> fields and enclosing places
  std::vector<llvm::BitVector> Enclosing;              // place -> itself and enclosing places
  // Per block, for its ThrowEdges: what some point inside it may add to the
  // state at its end (its moves, and the places its reinitialisations refill).
  std::vector<llvm::BitVector> ThrowMoves, ThrowAffects, ThrowUnmoved;
  bool SameIteration;
  // No place is a field of another: Affects is implied by MaybeMoves and is
  // not stored (it is moves x places bits per state: quadratic in a long
  // function otherwise).
  bool Flat = true;
  size_t affectsBits() const { return Flat ? 0 : Moves.size() * F.Places.size(); }
  std::vector<uint32_t> Rank; // reverse post-order position, to spot back edges
};

} // namespace borrowck
