// Forward dataflow over initialisation facts (InitBlocks): which slots (x,
// s.a, a[1]) hold a value on every path (MustInit) and on some path (MayInit).
// A read of a slot not in MayInit sees no value on any path (definite); one
// in MayInit but not in MustInit, on some paths (possible). In MustInit but
// not in MayInit: not the analysis' business here (heap memory before its
// allocation, or after its pointer moved on); joins with either state give
// the other.
#pragma once

#include "dataflow/Dataflow.h"
#include "facts/Facts.h"

#include "llvm/ADT/BitVector.h"

namespace borrowck {

struct InitState {
  llvm::BitVector MustInit; // intersection at joins
  llvm::BitVector MayInit;  // union at joins
  bool operator==(const InitState &O) const { return MustInit == O.MustInit && MayInit == O.MayInit; }
};

class InitAnalysis {
public:
  using State = InitState;
  static constexpr bool Forward = true;

  explicit InitAnalysis(const FunctionFacts &F) : F(F) {}

  // Before its declaration a slot is not the analysis' business: all set.
  State bottom() const { return State{llvm::BitVector(F.NumInitSlots, true), llvm::BitVector(F.NumInitSlots, true)}; }
  // Heap memory before its allocation has a value on every path (nothing to
  // report) and on none (a path that skips the allocation does not make a
  // later read of what was allocated "possible"): the pointer is the problem
  // there, and Clang reports it.
  State boundary() const {
    State S = bottom();
    for (const InitVar &V : F.InitVars)
      if (!V.Heap.empty())
        S.MayInit.reset(V.FirstSlot, V.FirstSlot + V.NumSlots);
    return S;
  }
  void join(State &Into, const State &From) const {
    Into.MustInit &= From.MustInit;
    Into.MayInit |= From.MayInit;
  }
  State transfer(uint32_t Block, State In) const {
    if (Block < F.InitBlocks.size())
      for (const InitFact &Fa : F.InitBlocks[Block])
        apply(Fa, In);
    return In;
  }
  void apply(const InitFact &Fa, State &S) const;

private:
  const FunctionFacts &F;
};

} // namespace borrowck
