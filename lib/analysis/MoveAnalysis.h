// Forward dataflow over move facts: which moves may reach each point (for
// "value moved here" labels) and which places may still hold their value
// (for definite vs possible: a use is definite when its place, a field of it
// or a place it is a field of was moved on every path).
//
// With SameIteration, moves do not survive loop back edges: a move that
// reaches a use in the full analysis but not in this one reaches it only
// from a previous iteration of a loop.
//
// Cost: moves are numbered in pre-order of the places they move (then in
// block order), so the moves of a place and of its fields are one contiguous
// index range, and so are their rows of the Affects bits. Superseding a
// place's moves, refilling a field and finding the moves relevant to a use
// are range operations; nothing is moves x places (see docs/performance.md).
#pragma once

#include "dataflow/Dataflow.h"
#include "facts/Facts.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <iterator>

namespace borrowck {

// A set of move indices (or Affects bits), sorted: few moves are live at a point (only the
// latest per place and path), so a state costs what it holds, not one bit per
// move of the function (a long function has tens of thousands of moves and
// blocks; dense bit vectors made that quadratic in memory).
class MoveSet {
public:
  bool test(uint32_t M) const { return std::binary_search(V.begin(), V.end(), M); }
  void set(uint32_t M) {
    auto It = std::lower_bound(V.begin(), V.end(), M);
    if (It == V.end() || *It != M)
      V.insert(It, M);
  }
  // Add [Lo, Hi).
  void set(uint32_t Lo, uint32_t Hi) {
    if (Lo >= Hi)
      return;
    auto B = std::lower_bound(V.begin(), V.end(), Lo);
    auto E = std::lower_bound(B, V.end(), Hi);
    size_t At = B - V.begin();
    V.erase(B, E);
    V.insert(V.begin() + At, Hi - Lo, 0);
    for (uint32_t I = Lo; I < Hi; ++I)
      V[At + (I - Lo)] = I;
  }
  // Drop the moves in [Lo, Hi).
  void reset(uint32_t Lo, uint32_t Hi) {
    auto B = std::lower_bound(V.begin(), V.end(), Lo);
    V.erase(B, std::lower_bound(B, V.end(), Hi));
  }
  void reset() { V.clear(); }
  // The moves in [Lo, Hi).
  llvm::ArrayRef<uint32_t> in(uint32_t Lo, uint32_t Hi) const {
    auto B = std::lower_bound(V.begin(), V.end(), Lo);
    return llvm::ArrayRef<uint32_t>(B, std::lower_bound(B, V.end(), Hi));
  }
  MoveSet &operator|=(const MoveSet &O) {
    if (O.V.empty())
      return *this;
    llvm::SmallVector<uint32_t, 4> Merged;
    Merged.reserve(V.size() + O.V.size());
    std::set_union(V.begin(), V.end(), O.V.begin(), O.V.end(), std::back_inserter(Merged));
    V = std::move(Merged);
    return *this;
  }
  bool operator==(const MoveSet &O) const { return V == O.V; }
  size_t count() const { return V.size(); }
  bool none() const { return V.empty(); }
  llvm::ArrayRef<uint32_t> all() const { return V; }

private:
  llvm::SmallVector<uint32_t, 4> V;
};

struct MoveState {
  MoveSet MaybeMoves; // move indices (MoveAnalysis::moves())
  llvm::BitVector MayUnmoved; // over places: some path reaches here with no related move
  // One row per move, one bit per place related to the moved place (itself,
  // its fields, the places it is a field of): the move may still leave that
  // place moved. A move of p sets its row; `p.name = ...` clears p.name and
  // its fields in it, so p.name holds a value again while p.age and p stay
  // moved. A row is all clear while its move is not in MaybeMoves. Not kept
  // when no place has fields (Flat). Sparse, as MaybeMoves.
  MoveSet Affects;
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
  bool affects(const State &S, uint32_t M, PlaceId P) const;
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

  // The moves in S.MaybeMoves of P, of its fields and of the places P is a
  // field of, in block order (not index order).
  std::vector<uint32_t> relatedMoves(const State &S, PlaceId P) const;

private:
  // Moves of P and its fields: [Lo[P], Hi[P]); of P itself: [Lo[P], Own[P]).
  void resetMovesUnder(State &S, PlaceId P) const;
  uint32_t rowBit(uint32_t M, PlaceId P) const; // UINT32_MAX: P is not related to M's place

  const FunctionFacts &F;
  std::vector<MoveRef> Moves;
  std::vector<std::vector<uint32_t>> FirstMoveInBlock; // block -> fact index -> move index
  std::vector<uint32_t> Pre, Size;                     // place -> pre-order index, subtree size
  std::vector<PlaceId> PreOrder;                       // pre-order index -> place
  std::vector<uint32_t> Lo, Own, Hi;                   // place -> move index ranges
  std::vector<std::vector<PlaceId>> Related;           // place -> itself, fields, enclosing; by Pre
  std::vector<uint32_t> RowStart;                      // move -> first Affects bit (Moves.size()+1)
  // Per block, for its ThrowEdges: what some point inside it may add to the
  // state at its end (its moves, and the places its reinitialisations refill).
  std::vector<MoveSet> ThrowMoves, ThrowAffects;
  std::vector<llvm::BitVector> ThrowUnmoved;
  bool SameIteration;
  // No place is a field of another: a move leaves exactly its own place
  // moved, and Affects is not stored.
  bool Flat = true;
  std::vector<uint32_t> Rank; // reverse post-order position, to spot back edges
};

} // namespace borrowck
