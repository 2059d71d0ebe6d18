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
  // Per origin, over loans: the dead loans it may (must) still hold. Kept per
  // origin, so a loan dead on one path and held on another does not make a
  // dangling origin at the join.
  std::vector<llvm::BitVector> MayDeadHeld, MustDeadHeld;
  // Per origin, over loans: held only as "one element of several" (read out of
  // a container or array): freeing through it frees one of them, not each.
  std::vector<llvm::BitVector> Ambiguous;
  std::vector<uint32_t> DiedAt;          // per loan: the Expire/Free fact (event) that ended it
  llvm::BitVector MayAdopted, MustAdopted; // over storages: a smart pointer took ownership
  std::vector<uint32_t> AdoptedAt;         // per storage: the Adopt fact (event)
  // Per adopting smart pointer (LoanAnalysis::adopterIndex), over storages:
  // what it may (must) own and free when it ends, resets or is reassigned.
  std::vector<llvm::BitVector> MayOwned, MustOwned;
  llvm::BitVector MayReleased; // over storages: a smart pointer that may have release()d its object
  // Over loans: an element loan whose key may no longer name its element (an
  // insertion that shifts the elements, `v.insert(v.begin(), ...)`, came after it).
  llvm::BitVector MayShifted;
  bool operator==(const LoanState &O) const {
    return MayHold == O.MayHold && MustHold == O.MustHold && MayDead == O.MayDead &&
           MustDead == O.MustDead && DiedAt == O.DiedAt && MayDeadHeld == O.MayDeadHeld && Ambiguous == O.Ambiguous &&
           MustDeadHeld == O.MustDeadHeld && MayAdopted == O.MayAdopted &&
           MustAdopted == O.MustAdopted && AdoptedAt == O.AdoptedAt && MayOwned == O.MayOwned &&
           MustOwned == O.MustOwned && MayReleased == O.MayReleased && MayShifted == O.MayShifted;
  }
};

class LoanAnalysis {
public:
  using State = LoanState;
  static constexpr bool Forward = true;
  static constexpr uint32_t NotDead = UINT32_MAX;

  // Strict: also apply the facts that only Rust's discipline implies
  // (LoanFact::StrictOnly); without it they are skipped, so they cannot hide
  // what plain C++ rules find.
  explicit LoanAnalysis(const FunctionFacts &F, bool Strict = false);
  State bottom() const;
  State boundary() const { return bottom(); }
  void join(State &Into, const State &From) const;
  State transfer(uint32_t Block, State In) const;
  void apply(uint32_t Block, uint32_t Index, State &S) const;

  // The Expire, Free and Adopt facts ("events"), numbered for DiedAt and AdoptedAt.
  const LoanFact &expire(uint32_t I) const {
    return F.LoanBlocks[Expires[I].first][Expires[I].second];
  }
  // Every loan an origin (or a fact's sources) may hold at S.
  llvm::BitVector mayHold(const State &S, const LoanFact &Fa) const;
  llvm::BitVector mustHold(const State &S, const LoanFact &Fa) const;
  // The dead loans the value of a fact's sources may (must) hold.
  llvm::BitVector mayHoldDead(const State &S, const LoanFact &Fa) const;
  llvm::BitVector mustHoldDead(const State &S, const LoanFact &Fa) const;

  // L is issued by the operand of this Free/Adopt itself (`u.reset(new T)`,
  // `delete f()`): each evaluation makes a new object, never one already
  // freed or owned.
  bool madeHere(const LoanFact &Fa, LoanId L) const;

private:
  // L is issued afresh: alive again; for an allocation, a new object.
  void renew(State &S, LoanId L) const;
  void renewMadeHere(const LoanFact &Fa, State &S) const;
  void oneElement(State &S, const LoanFact &Fa, uint32_t Event) const;
  void dropFromOrigins(State &S, const llvm::BitVector &Loans) const;
  void kill(State &S, const llvm::BitVector &MayDying, const llvm::BitVector &MustDying,
            uint32_t Event) const;
  const FunctionFacts &F;
  bool Strict;
  std::vector<std::pair<uint32_t, uint32_t>> Expires;
  std::vector<std::vector<uint32_t>> ExpireIndex; // block -> fact -> expire number
  std::vector<llvm::BitVector> LoansOfStorage;
  std::vector<llvm::BitVector> ContentLoansOfStorage; // only the Loan::Contents ones
  llvm::BitVector ContentLoans;                       // all of them
  llvm::BitVector ElementPointeeLoans;                // Loan::ElementPointee
  llvm::BitVector NodeElementLoans;                   // Loan::NodeElement
  std::vector<llvm::BitVector> IteratorLoansOfStorage; // only the Loan::Iterator ones
  std::vector<uint32_t> AdopterIndex; // per storage: its index in MayOwned, or NotDead
  uint32_t Adopters = 0;

public:
  // The freeable storages whose loans the operand of a Free/Adopt may (must) hold.
  llvm::BitVector freeableStorages(const llvm::BitVector &Loans) const;
};

} // namespace borrowck
