#include "analysis/LoanAnalysis.h"

#include "llvm/ADT/STLExtras.h"

namespace borrowck {

LoanAnalysis::LoanAnalysis(const FunctionFacts &F, bool Strict) : F(F), Strict(Strict) {
  ExpireIndex.resize(F.LoanBlocks.size());
  for (uint32_t B = 0; B < F.LoanBlocks.size(); ++B) {
    ExpireIndex[B].assign(F.LoanBlocks[B].size(), NotDead);
    for (uint32_t I = 0; I < F.LoanBlocks[B].size(); ++I)
      if (LoanFactKind K = F.LoanBlocks[B][I].Kind;
          K == LoanFactKind::Expire || K == LoanFactKind::Free || K == LoanFactKind::Adopt) {
        ExpireIndex[B][I] = static_cast<uint32_t>(Expires.size());
        Expires.push_back({B, I});
      }
  }
  AdopterIndex.assign(F.Storages.size(), NotDead);
  for (const auto &B : F.LoanBlocks)
    for (const LoanFact &Fa : B)
      if (Fa.Kind == LoanFactKind::Adopt && Fa.Dies != NoStorage && AdopterIndex[Fa.Dies] == NotDead)
        AdopterIndex[Fa.Dies] = Adopters++;
  LoansOfStorage.assign(F.Storages.size(), llvm::BitVector(F.Loans.size()));
  ContentLoansOfStorage.assign(F.Storages.size(), llvm::BitVector(F.Loans.size()));
  IteratorLoansOfStorage.assign(F.Storages.size(), llvm::BitVector(F.Loans.size()));
  ContentLoans.resize(F.Loans.size());
  ElementPointeeLoans.resize(F.Loans.size());
  NodeElementLoans.resize(F.Loans.size());
  for (size_t L = 0; L < F.Loans.size(); ++L) {
    if (F.Loans[L].ElementPointee)
      ElementPointeeLoans.set(L);
    if (F.Loans[L].NodeElement)
      NodeElementLoans.set(L);
  }
  for (LoanId L = 0; L < F.Loans.size(); ++L) {
    LoansOfStorage[F.Loans[L].Of].set(L);
    if (F.Loans[L].Contents) {
      ContentLoansOfStorage[F.Loans[L].Of].set(L);
      ContentLoans.set(L);
      if (F.Loans[L].Iterator)
        IteratorLoansOfStorage[F.Loans[L].Of].set(L);
    }
  }
}

LoanState LoanAnalysis::bottom() const {
  size_t NL = F.Loans.size();
  LoanState S;
  S.MayHold.assign(F.Origins.size(), llvm::BitVector(NL));
  S.MustHold.assign(F.Origins.size(), llvm::BitVector(NL));
  S.MayDeadHeld.assign(F.Origins.size(), llvm::BitVector(NL));
  S.MustDeadHeld.assign(F.Origins.size(), llvm::BitVector(NL));
  S.Ambiguous.assign(F.Origins.size(), llvm::BitVector(NL));
  S.MayDead.resize(NL);
  S.MustDead.resize(NL);
  S.DiedAt.assign(NL, NotDead);
  S.MayAdopted.resize(F.Storages.size());
  S.MustAdopted.resize(F.Storages.size());
  S.AdoptedAt.assign(F.Storages.size(), NotDead);
  S.MayOwned.assign(Adopters, llvm::BitVector(F.Storages.size()));
  S.MayReleased.resize(F.Storages.size());
  S.MayShifted.resize(NL);
  S.MustOwned.assign(Adopters, llvm::BitVector(F.Storages.size()));
  return S;
}

void LoanAnalysis::join(State &Into, const State &From) const {
  for (size_t O = 0; O < Into.MayHold.size(); ++O) {
    Into.MayHold[O] |= From.MayHold[O];
    Into.MustHold[O] &= From.MustHold[O];
    Into.MayDeadHeld[O] |= From.MayDeadHeld[O];
    Into.MustDeadHeld[O] &= From.MustDeadHeld[O];
    Into.Ambiguous[O] |= From.Ambiguous[O];
  }
  Into.MayDead |= From.MayDead;
  Into.MustDead &= From.MustDead;
  for (size_t L = 0; L < Into.DiedAt.size(); ++L)
    Into.DiedAt[L] = std::min(Into.DiedAt[L], From.DiedAt[L]);
  for (size_t St = 0; St < Into.AdoptedAt.size(); ++St) {
    Into.AdoptedAt[St] = std::min(Into.AdoptedAt[St], From.AdoptedAt[St]);
  }
  for (uint32_t A = 0; A < Adopters; ++A) {
    Into.MayOwned[A] |= From.MayOwned[A];
    Into.MustOwned[A] &= From.MustOwned[A];
  }
  Into.MayAdopted |= From.MayAdopted;
  Into.MustAdopted &= From.MustAdopted;
  Into.MayReleased |= From.MayReleased;
  Into.MayShifted |= From.MayShifted;
}

llvm::BitVector LoanAnalysis::freeableStorages(const llvm::BitVector &Loans) const {
  llvm::BitVector R(F.Storages.size());
  for (unsigned L : Loans.set_bits())
    if (isFreeable(F.Storages[F.Loans[L].Of].Kind))
      R.set(F.Loans[L].Of);
  return R;
}

// The union of a per-origin set over a fact's sources (and, for "may", its
// some-paths-only sources).
static llvm::BitVector overSources(const std::vector<llvm::BitVector> &PerOrigin,
                                   const LoanFact &Fa, bool WithMay, size_t NumLoans) {
  llvm::BitVector R(NumLoans);
  for (OriginId O : Fa.Srcs)
    R |= PerOrigin[O];
  if (WithMay)
    for (OriginId O : Fa.MaySrcs)
      R |= PerOrigin[O];
  return R;
}

llvm::BitVector LoanAnalysis::mayHold(const State &S, const LoanFact &Fa) const {
  llvm::BitVector R = overSources(S.MayHold, Fa, /*WithMay=*/true, F.Loans.size());
  for (LoanId L : Fa.Loans)
    R.set(L);
  for (LoanId L : Fa.MayLoans)
    R.set(L);
  return R;
}

llvm::BitVector LoanAnalysis::mustHold(const State &S, const LoanFact &Fa) const {
  llvm::BitVector R = overSources(S.MustHold, Fa, /*WithMay=*/false, F.Loans.size());
  for (LoanId L : Fa.Loans)
    R.set(L);
  return R;
}

llvm::BitVector LoanAnalysis::mayHoldDead(const State &S, const LoanFact &Fa) const {
  return overSources(S.MayDeadHeld, Fa, /*WithMay=*/true, F.Loans.size());
}

llvm::BitVector LoanAnalysis::mustHoldDead(const State &S, const LoanFact &Fa) const {
  return overSources(S.MustDeadHeld, Fa, /*WithMay=*/false, F.Loans.size());
}

// Loans die: every origin holding them now holds them dead.
void LoanAnalysis::kill(State &S, const llvm::BitVector &MayDying,
                        const llvm::BitVector &MustDying, uint32_t Event) const {
  S.MayDead |= MayDying;
  S.MustDead |= MustDying;
  for (unsigned L : MayDying.set_bits())
    S.DiedAt[L] = Event;
  for (size_t O = 0; O < S.MayHold.size(); ++O) {
    llvm::BitVector M = S.MayHold[O];
    M &= MayDying;
    S.MayDeadHeld[O] |= M;
    llvm::BitVector Mu = S.MustHold[O];
    Mu &= MustDying;
    S.MustDeadHeld[O] |= Mu;
  }
}

// No origin holds these loans any more (alive or dead).
void LoanAnalysis::dropFromOrigins(State &S, const llvm::BitVector &Loans) const {
  for (size_t O = 0; O < S.MayHold.size(); ++O) {
    S.MayHold[O].reset(Loans);
    S.MustHold[O].reset(Loans);
    S.MayDeadHeld[O].reset(Loans);
    S.MustDeadHeld[O].reset(Loans);
    S.Ambiguous[O].reset(Loans);
  }
}

void LoanAnalysis::renew(State &S, LoanId L) const {
  S.MayDead.reset(L);
  S.MustDead.reset(L);
  StorageId St = F.Loans[L].Of;
  if (!isFreeable(F.Storages[St].Kind))
    return;
  // A new allocation (or a new unknown object) at the same place: one
  // abstract object stands for all of them, so forget the old aliases of
  // the previous one rather than confuse them with this one.
  llvm::BitVector One(F.Loans.size());
  One.set(L);
  dropFromOrigins(S, One);
  S.MayAdopted.reset(St);
  S.MustAdopted.reset(St);
  S.AdoptedAt[St] = NotDead;
  for (uint32_t A = 0; A < Adopters; ++A) {
    S.MayOwned[A].reset(St);
    S.MustOwned[A].reset(St);
  }
}

bool LoanAnalysis::madeHere(const LoanFact &Fa, LoanId L) const {
  return isFreeable(F.Storages[F.Loans[L].Of].Kind) &&
         (llvm::is_contained(Fa.Loans, L) || llvm::is_contained(Fa.MayLoans, L));
}

void LoanAnalysis::renewMadeHere(const LoanFact &Fa, State &S) const {
  for (const std::vector<LoanId> *Ls : {&Fa.Loans, &Fa.MayLoans})
    for (LoanId L : *Ls)
      if (madeHere(Fa, L))
        renew(S, L);
}

// Which loans one element's end kills: of a container (ContentsOnly), what
// its unique_ptr elements own; else every loan of the storage. Surely those
// of the same constant key, maybe those where either key is unknown; those of
// another constant key survive.
void LoanAnalysis::oneElement(State &S, const LoanFact &Fa, uint32_t Event) const {
  llvm::BitVector May(F.Loans.size()), Must(F.Loans.size());
  llvm::BitVector Candidates = LoansOfStorage[Fa.Dies];
  if (Fa.ContentsOnly) { // what the element's unique_ptr owned, references and iterators to a node
    llvm::BitVector Of = ElementPointeeLoans;
    if (Fa.NodeElements)
      Of |= NodeElementLoans;
    Candidates &= Of;
  }
  if (Fa.IteratorsOnly) // extract(): the node lives on in the node handle
    Candidates &= IteratorLoansOfStorage[Fa.Dies];
  for (unsigned L : Candidates.set_bits()) {
    const std::string &Key = F.Loans[L].ElementKey;
    if (Key.empty() || Fa.ElementKey.empty() || S.MayShifted.test(L)) {
      May.set(L);
    } else if (Key == Fa.ElementKey) {
      May.set(L);
      Must.set(L);
    }
  }
  if (Fa.SomePaths)
    Must.reset();
  kill(S, May, Must, Event);
}

void LoanAnalysis::apply(uint32_t Block, uint32_t Index, State &S) const {
  const LoanFact &Fa = F.LoanBlocks[Block][Index];
  switch (Fa.Kind) {
  case LoanFactKind::Flow: {
    llvm::BitVector May = mayHold(S, Fa), Must = mustHold(S, Fa);
    llvm::BitVector MayD = mayHoldDead(S, Fa), MustD = mustHoldDead(S, Fa);
    if (Fa.ReadThrough) { // an element's value: not a pointer into the container
      May.reset(ContentLoans);
      Must.reset(ContentLoans);
      MayD.reset(ContentLoans);
      MustD.reset(ContentLoans);
    }
    llvm::BitVector Amb = overSources(S.Ambiguous, Fa, /*WithMay=*/true, F.Loans.size());
    if (Fa.Element)
      Amb |= May;
    llvm::SmallVector<LoanId, 4> Fresh(Fa.Loans.begin(), Fa.Loans.end());
    Fresh.append(Fa.MayLoans.begin(), Fa.MayLoans.end());
    for (LoanId L : Fresh) // a new borrow of the element its key names now
      S.MayShifted.reset(L);
    for (LoanId L : Fresh) { // issued afresh: alive again
      // DiedAt stays: an older holder of the previous loan still points to
      // where it died (a loan from the previous loop iteration).
      MayD.reset(L);
      MustD.reset(L);
      renew(S, L);
    }
    if (!Fa.Element)
      for (LoanId L : Fresh)
        Amb.reset(L);
    if (Fa.Kill) {
      S.MayHold[Fa.Dst] = May;
      S.MustHold[Fa.Dst] = Must;
      S.MayDeadHeld[Fa.Dst] = MayD;
      S.MustDeadHeld[Fa.Dst] = MustD;
      S.Ambiguous[Fa.Dst] = Amb;
    } else {
      S.Ambiguous[Fa.Dst] |= Amb;
      S.MayHold[Fa.Dst] |= May;
      S.MustHold[Fa.Dst] |= Must;
      for (LoanId L : Fresh) {
        S.MayDeadHeld[Fa.Dst].reset(L);
        S.MustDeadHeld[Fa.Dst].reset(L);
      }
      S.MayDeadHeld[Fa.Dst] |= MayD;
      S.MustDeadHeld[Fa.Dst] |= MustD;
    }
    break;
  }
  case LoanFactKind::Expire: {
    if (Fa.StrictOnly && !Strict)
      break;
    if (Fa.OneElement) { // one element ends: the loans of it, maybe those of unknown elements
      oneElement(S, Fa, ExpireIndex[Block][Index]);
      break;
    }
    if (Fa.ContentsOnly) { // the owner lives on; what pointed into it does not
      llvm::BitVector Dying = Fa.IteratorsOnly ? IteratorLoansOfStorage[Fa.Dies]
                              : Fa.Overwrite   ? LoansOfStorage[Fa.Dies]
                                               : ContentLoansOfStorage[Fa.Dies];
      if (Fa.StrictOnly)
        Dying.reset(S.MayDead); // already dead for a C++ reason: keep that one
      if (Fa.Reason == EndReason::Reallocated || Fa.Reason == EndReason::IteratorsInvalidated ||
          Fa.Reason == EndReason::Rehashed || Fa.Reason == EndReason::MovedAway)
        Dying.reset(ElementPointeeLoans); // the unique_ptrs move, what they own stays
      if (Fa.Shifts) { // the elements move to other indices: keys no longer tell
        llvm::BitVector Keyed = ContentLoansOfStorage[Fa.Dies];
        Keyed &= ElementPointeeLoans;
        S.MayShifted |= Keyed;
      }
      kill(S, Dying, Fa.SomePaths ? llvm::BitVector(F.Loans.size()) : Dying, ExpireIndex[Block][Index]);
      break;
    }
    llvm::BitVector MayDying = LoansOfStorage[Fa.Dies], MustDying = LoansOfStorage[Fa.Dies];
    S.MayReleased.reset(Fa.Dies); // it ends, or owns something new
    if (uint32_t A = AdopterIndex[Fa.Dies]; A != NotDead && Fa.Reason == EndReason::MovedOut) {
      // Handed to a new owner, which we do not follow: not freed, and no
      // longer known to be owned (a miss rather than a false alarm when the
      // new owner releases it).
      S.MayAdopted.reset(S.MayOwned[A]);
      S.MustAdopted.reset(S.MayOwned[A]);
      S.MayOwned[A].reset();
      S.MustOwned[A].reset();
    } else if (A != NotDead) {
      // A smart pointer that ends, resets or is reassigned frees what it adopted.
      for (unsigned St : S.MayOwned[A].set_bits())
        MayDying |= LoansOfStorage[St];
      for (unsigned St : S.MustOwned[A].set_bits()) {
        MustDying |= LoansOfStorage[St];
        S.MayAdopted.reset(St); // surely freed: no longer anybody's
        S.MustAdopted.reset(St);
      }
      S.MayOwned[A].reset();
      S.MustOwned[A].reset();
    }
    kill(S, MayDying, MustDying, ExpireIndex[Block][Index]);
    break;
  }
  case LoanFactKind::Free: {
    // `delete new T`, `u.reset(new T)` in a loop: each evaluation makes a new object.
    renewMadeHere(Fa, S);
    llvm::BitVector May = freeableStorages(mayHold(S, Fa));
    llvm::BitVector Must = freeableStorages(mustHold(S, Fa));
    // A pointer that is one element of several (read out of a container or
    // an array) frees one of them, not each: none is counted as freed (a
    // possible miss, never a false alarm). Other pointers free what they may
    // hold ("possible" when they only may).
    llvm::BitVector Amb = overSources(S.Ambiguous, Fa, /*WithMay=*/true, F.Loans.size());
    llvm::BitVector AmbStorages = freeableStorages(Amb);
    if (Fa.Element) // `delete v[i]`: one element of several, whichever it holds
      AmbStorages |= May;
    May.reset(AmbStorages);
    Must.reset(AmbStorages);
    llvm::BitVector MayDying(F.Loans.size()), MustDying(F.Loans.size());
    for (unsigned St : May.set_bits())
      MayDying |= LoansOfStorage[St];
    for (unsigned St : Must.set_bits())
      MustDying |= LoansOfStorage[St];
    kill(S, MayDying, MustDying, ExpireIndex[Block][Index]);
    break;
  }
  case LoanFactKind::Adopt: {
    renewMadeHere(Fa, S);
    llvm::BitVector May = freeableStorages(mayHold(S, Fa));
    llvm::BitVector Must = freeableStorages(mustHold(S, Fa));
    S.MayAdopted |= May;
    S.MustAdopted |= Must;
    for (unsigned St : May.set_bits())
      S.AdoptedAt[St] = ExpireIndex[Block][Index];
    if (Fa.Dies != NoStorage && AdopterIndex[Fa.Dies] != NotDead) {
      S.MayOwned[AdopterIndex[Fa.Dies]] |= May;
      S.MustOwned[AdopterIndex[Fa.Dies]] |= Must;
    }
    break;
  }
  case LoanFactKind::Release:
    S.MayReleased.set(Fa.Dies);
    if (uint32_t A = AdopterIndex[Fa.Dies]; A != NotDead) {
      for (unsigned St : S.MustOwned[A].set_bits()) {
        S.MayAdopted.reset(St);
        S.MustAdopted.reset(St);
      }
      S.MayOwned[A].reset();
      S.MustOwned[A].reset();
    }
    break;
  case LoanFactKind::Forget: {
    const llvm::BitVector &Old = LoansOfStorage[Fa.Dies];
    dropFromOrigins(S, Old);
    S.MayDead.reset(Old);
    S.MustDead.reset(Old);
    for (unsigned L : Old.set_bits())
      S.DiedAt[L] = NotDead;
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
