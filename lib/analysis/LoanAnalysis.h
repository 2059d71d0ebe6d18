// Forward dataflow over loan facts: which loans each origin may (and must)
// hold, and which loans may (and must) be dead because their storage ended.
#pragma once

#include "dataflow/Dataflow.h"
#include "facts/Facts.h"

#include "llvm/ADT/BitVector.h"

namespace borrowck {

struct LoanState {
  std::vector<llvm::BitVector> MayHold;  // per origin, over loans
  std::vector<llvm::BitVector> MustHold; // per origin, over loans
  llvm::BitVector MayDead, MustDead;     // over loans
  std::vector<uint32_t> DiedAt;          // per loan: the Expire fact (index) that ended it
  bool operator==(const LoanState &O) const {
    return MayHold == O.MayHold && MustHold == O.MustHold && MayDead == O.MayDead &&
           MustDead == O.MustDead && DiedAt == O.DiedAt;
  }
};

class LoanAnalysis {
public:
  using State = LoanState;
  static constexpr bool Forward = true;
  static constexpr uint32_t NotDead = UINT32_MAX;

  explicit LoanAnalysis(const FunctionFacts &F);
  State bottom() const;
  State boundary() const { return bottom(); }
  void join(State &Into, const State &From) const;
  State transfer(uint32_t Block, State In) const;
  void apply(uint32_t Block, uint32_t Index, State &S) const;

  // The Expire facts, numbered for DiedAt.
  const LoanFact &expire(uint32_t I) const {
    return F.LoanBlocks[Expires[I].first][Expires[I].second];
  }
  // Every loan an origin (or a fact's sources) may hold at S.
  llvm::BitVector mayHold(const State &S, const LoanFact &Fa) const;
  llvm::BitVector mustHold(const State &S, const LoanFact &Fa) const;

private:
  const FunctionFacts &F;
  std::vector<std::pair<uint32_t, uint32_t>> Expires;
  std::vector<std::vector<uint32_t>> ExpireIndex; // block -> fact -> expire number
  std::vector<llvm::BitVector> LoansOfStorage;
};

} // namespace borrowck
