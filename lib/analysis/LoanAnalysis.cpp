#include "analysis/LoanAnalysis.h"

namespace borrowck {

LoanAnalysis::LoanAnalysis(const FunctionFacts &F) : F(F) {
  ExpireIndex.resize(F.LoanBlocks.size());
  for (uint32_t B = 0; B < F.LoanBlocks.size(); ++B) {
    ExpireIndex[B].assign(F.LoanBlocks[B].size(), NotDead);
    for (uint32_t I = 0; I < F.LoanBlocks[B].size(); ++I)
      if (F.LoanBlocks[B][I].Kind == LoanFactKind::Expire) {
        ExpireIndex[B][I] = static_cast<uint32_t>(Expires.size());
        Expires.push_back({B, I});
      }
  }
  LoansOfStorage.assign(F.Storages.size(), llvm::BitVector(F.Loans.size()));
  for (LoanId L = 0; L < F.Loans.size(); ++L)
    LoansOfStorage[F.Loans[L].Of].set(L);
}

LoanState LoanAnalysis::bottom() const {
  size_t NL = F.Loans.size();
  LoanState S;
  S.MayHold.assign(F.Origins.size(), llvm::BitVector(NL));
  S.MustHold.assign(F.Origins.size(), llvm::BitVector(NL));
  S.MayDead.resize(NL);
  S.MustDead.resize(NL);
  S.DiedAt.assign(NL, NotDead);
  return S;
}

void LoanAnalysis::join(State &Into, const State &From) const {
  for (size_t O = 0; O < Into.MayHold.size(); ++O) {
    Into.MayHold[O] |= From.MayHold[O];
    Into.MustHold[O] &= From.MustHold[O];
  }
  Into.MayDead |= From.MayDead;
  Into.MustDead &= From.MustDead;
  for (size_t L = 0; L < Into.DiedAt.size(); ++L)
    Into.DiedAt[L] = std::min(Into.DiedAt[L], From.DiedAt[L]);
}

llvm::BitVector LoanAnalysis::mayHold(const State &S, const LoanFact &Fa) const {
  llvm::BitVector R(F.Loans.size());
  for (LoanId L : Fa.Loans)
    R.set(L);
  for (OriginId O : Fa.Srcs)
    R |= S.MayHold[O];
  return R;
}

llvm::BitVector LoanAnalysis::mustHold(const State &S, const LoanFact &Fa) const {
  llvm::BitVector R(F.Loans.size());
  for (LoanId L : Fa.Loans)
    R.set(L);
  for (OriginId O : Fa.Srcs)
    R |= S.MustHold[O];
  return R;
}

void LoanAnalysis::apply(uint32_t Block, uint32_t Index, State &S) const {
  const LoanFact &Fa = F.LoanBlocks[Block][Index];
  switch (Fa.Kind) {
  case LoanFactKind::Flow: {
    llvm::BitVector May = mayHold(S, Fa), Must = mustHold(S, Fa);
    for (LoanId L : Fa.Loans) { // issued afresh: alive again
      S.MayDead.reset(L);
      S.MustDead.reset(L);
      S.DiedAt[L] = NotDead;
    }
    if (Fa.Kill) {
      S.MayHold[Fa.Dst] = May;
      S.MustHold[Fa.Dst] = Must;
    } else {
      S.MayHold[Fa.Dst] |= May;
      S.MustHold[Fa.Dst] |= Must;
    }
    break;
  }
  case LoanFactKind::Expire: {
    const llvm::BitVector &Dying = LoansOfStorage[Fa.Dies];
    S.MayDead |= Dying;
    S.MustDead |= Dying;
    for (unsigned L : Dying.set_bits())
      S.DiedAt[L] = ExpireIndex[Block][Index];
    break;
  }
  case LoanFactKind::Use:
  case LoanFactKind::Return:
    break;
  }
}

LoanState LoanAnalysis::transfer(uint32_t Block, State In) const {
  for (uint32_t I = 0; I < F.LoanBlocks[Block].size(); ++I)
    apply(Block, I, In);
  return In;
}

} // namespace borrowck
