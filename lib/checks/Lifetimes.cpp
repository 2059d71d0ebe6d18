// The lifetime rules over loan facts:
//   dangling-return (E0515)       a returned value holds a loan of the function's own storage
//   borrow-outlives-owner (E0597) a use of a loan whose variable's storage ended
//   borrow-of-temporary (E0716)   a use of a loan whose temporary ended with its statement
#include "checks/Checks.h"

#include <algorithm>
#include <map>

namespace borrowck {

namespace {

bool analysed(CheckContext &C) {
  return !C.Facts.Loans.empty() && C.loanStates().Converged;
}

// Replays each block's loan facts from its entry state.
template <typename Visit> void replay(CheckContext &C, Visit &&V) {
  const FunctionFacts &F = C.Facts;
  const LoanAnalysis &A = C.loans();
  const DataflowResult<LoanState> &R = C.loanStates();
  for (uint32_t B = 0; B < F.LoanBlocks.size(); ++B) {
    if (!R.Reached[B])
      continue;
    LoanState S = R.In[B];
    for (uint32_t I = 0; I < F.LoanBlocks[B].size(); ++I) {
      V(F.LoanBlocks[B][I], S);
      A.apply(B, I, S);
    }
  }
}

void danglingUses(CheckContext &C, bool Temporaries, std::string_view Rule,
                  std::vector<Finding> &Out) {
  if (!analysed(C))
    return;
  const FunctionFacts &F = C.Facts;
  const LoanAnalysis &A = C.loans();
  std::map<LoanId, Finding> First; // one finding per loan, at its earliest use
  replay(C, [&](const LoanFact &Fa, const LoanState &S) {
    if (Fa.Kind != LoanFactKind::Use)
      return;
    const llvm::BitVector &Dead = S.MayDeadHeld[Fa.Dst];
    for (unsigned L : Dead.set_bits()) {
      const Loan &Lo = F.Loans[L];
      const Storage &St = F.Storages[Lo.Of];
      if ((St.Kind == StorageKind::Temporary) != Temporaries || outlivesFunction(St.Kind))
        continue;
      // Freed or handed on by a smart pointer: use-after-free's business.
      if (S.DiedAt[L] == LoanAnalysis::NotDead ||
          A.expire(S.DiedAt[L]).Kind != LoanFactKind::Expire ||
          A.expire(S.DiedAt[L]).Reason != EndReason::ScopeEnd)
        continue;
      auto It = First.find(L);
      if (It != First.end() && It->second.primary() &&
          It->second.Events.back().Where.Begin <= Fa.Where.Begin)
        continue;
      Finding Fi;
      Fi.Rule = Rule;
      Fi.Storage = St.Kind;
      Fi.Hint = Lo.Hint;
      Fi.Subject = St.Name;
      bool Definite = S.MustDeadHeld[Fa.Dst].test(L);
      Fi.Certainty = Definite ? Confidence::Definite : Confidence::Maybe;
      Fi.PassedOn = Fa.PassedOn;
      const bool Escape = F.Origins[Fa.Dst].Kind == OriginKind::Escaped;
      // Another shared_ptr may still own the object: Rust's rule, not surely UB.
      Fi.SharedPointee = Lo.Shared;
      Fi.Kind = Fa.Deref && !Escape && !Lo.Shared ? Behaviour::UndefinedInCxx
                                                  : Behaviour::BreaksRustRulesOnly;
      Fi.Subject = Escape ? F.Origins[Fa.Dst].Name : St.Name;
      if (St.Declared && St.Kind != StorageKind::Temporary)
        Fi.Events.push_back({EventKind::Declared, *St.Declared});
      Event Borrow{EventKind::Borrowed, St.Kind == StorageKind::Temporary && St.Declared
                                            ? *St.Declared
                                            : Lo.BorrowedAt};
      Borrow.Place = St.Name;
      Fi.Events.push_back(Borrow);
      if (S.DiedAt[L] != LoanAnalysis::NotDead)
        Fi.Events.push_back({EventKind::Dropped, A.expire(S.DiedAt[L]).Where});
      Event Use{Escape ? EventKind::Stored : EventKind::Used, Fa.Where};
      Use.Place = F.Origins[Fa.Dst].Name;
      Use.GlobalState = F.Origins[Fa.Dst].GlobalState;
      Fi.Events.push_back(Use);
      First[L] = std::move(Fi);
    }
  });
  for (auto &[L, Fi] : First)
    Out.push_back(std::move(Fi));
}

} // namespace

void checkBorrowOutlivesOwner(CheckContext &C, std::vector<Finding> &Out) {
  danglingUses(C, /*Temporaries=*/false, "borrow-outlives-owner", Out);
}

void checkBorrowOfTemporary(CheckContext &C, std::vector<Finding> &Out) {
  danglingUses(C, /*Temporaries=*/true, "borrow-of-temporary", Out);
}

void checkDanglingReturn(CheckContext &C, std::vector<Finding> &Out) {
  if (!analysed(C))
    return;
  const FunctionFacts &F = C.Facts;
  const LoanAnalysis &A = C.loans();
  std::map<std::pair<uint32_t, StorageId>, bool> Seen; // (return site, storage)
  replay(C, [&](const LoanFact &Fa, const LoanState &S) {
    if (Fa.Kind != LoanFactKind::Return)
      return;
    llvm::BitVector May = A.mayHold(S, Fa), Must = A.mustHold(S, Fa);
    for (unsigned L : May.set_bits()) {
      const Loan &Lo = F.Loans[L];
      if (outlivesFunction(F.Storages[Lo.Of].Kind))
        continue; // heap memory and what references designate outlive the function
      if (Seen[{Fa.Where.Begin, Lo.Of}])
        continue;
      Seen[{Fa.Where.Begin, Lo.Of}] = true;
      const Storage &St = F.Storages[Lo.Of];
      Finding Fi;
      Fi.Rule = "dangling-return";
      Fi.Storage = St.Kind;
      Fi.Hint = Lo.Hint;
      Fi.Subject = St.Name;
      Fi.Certainty = Must.test(L) ? Confidence::Definite : Confidence::Maybe;
      Fi.Kind = Behaviour::UndefinedInCxx;
      // What a shared_ptr owns may outlive it (another copy); what a
      // smart-pointer member owns leaves with the object returned.
      Fi.SharedPointee = Lo.Shared;
      Fi.MovedWithOwner = !Lo.Shared && Lo.MemberPointee && Fa.HandsOver == Lo.Of;
      if (Fi.SharedPointee || Fi.MovedWithOwner)
        Fi.Kind = Behaviour::BreaksRustRulesOnly;
      Fi.ReturnsReference = F.ReturnsReference;
      Fi.SubjectType = F.ReturnType; // the function's return type
      Fi.NothingToBorrowFrom = !F.HasBorrowedParameter;
      bool Inside = Lo.BorrowedAt.File == Fa.Where.File && Lo.BorrowedAt.Begin >= Fa.Where.Begin &&
                    Lo.BorrowedAt.End <= Fa.Where.End;
      if (!Inside) {
        Event B{EventKind::Borrowed, Lo.BorrowedAt};
        B.Place = St.Name;
        Fi.Events.push_back(B);
      }
      Fi.Events.push_back({EventKind::Returned, Fa.Where});
      Out.push_back(std::move(Fi));
    }
  });
}

void checkUseAfterFree(CheckContext &C, std::vector<Finding> &Out) {
  if (!analysed(C))
    return;
  const FunctionFacts &F = C.Facts;
  const LoanAnalysis &A = C.loans();
  std::map<uint32_t, Finding> First; // one finding per freed storage / per dead loan
  replay(C, [&](const LoanFact &Fa, const LoanState &S) {
    const bool Returned = Fa.Kind == LoanFactKind::Return;
    if (!Returned && (Fa.Kind != LoanFactKind::Use || F.Origins[Fa.Dst].Kind != OriginKind::Local))
      return;
    // A returned pointer to freed memory hands the caller a dangling pointer.
    llvm::BitVector Dead = Returned ? A.mayHoldDead(S, Fa) : S.MayDeadHeld[Fa.Dst];
    llvm::BitVector MustDead = Returned ? A.mustHoldDead(S, Fa) : S.MustDeadHeld[Fa.Dst];
    auto HolderName = [&](unsigned L) -> std::string {
      if (!Returned)
        return F.Origins[Fa.Dst].Name;
      for (const auto *Srcs : {&Fa.Srcs, &Fa.MaySrcs})
        for (OriginId O : *Srcs)
          if (S.MayDeadHeld[O].test(L))
            return F.Origins[O].Name;
      return F.Storages[F.Loans[L].Of].Name;
    };
    for (unsigned L : Dead.set_bits()) {
      if (S.DiedAt[L] == LoanAnalysis::NotDead)
        continue;
      const LoanFact &End = A.expire(S.DiedAt[L]);
      const Loan &Lo = F.Loans[L];
      const Storage &St = F.Storages[Lo.Of];
      if (Returned && !isFreeable(St.Kind))
        continue; // a returned dangling borrow of a local is dangling-return's
      // A range-for's hidden iterator over a container of pointers holds
      // what the elements point to only as the container's values: reading
      // through it reads the container, not the freed memory (`*__begin1`).
      // Likewise `v[i] != nullptr`: it reads the pointer, not the memory.
      // (Not through a reference to a container: the container itself may be
      // the freed memory, `std::vector<T *> &v = *pv; delete pv; v[0]`.)
      if (!Returned && (F.Origins[Fa.Dst].Hidden || (Fa.ElementValue && !F.Origins[Fa.Dst].IsReference)) &&
          isFreeable(St.Kind))
        continue;
      Finding Fi;
      Fi.Rule = "use-after-free";
      Fi.Storage = St.Kind;
      bool Definite = MustDead.test(L);
      Fi.Certainty = Definite ? Confidence::Definite : Confidence::Maybe;
      Fi.PassedOn = Fa.PassedOn || Returned;
      Fi.ReturnsReference = Returned;
      Fi.Kind = Fa.Deref && !Returned ? Behaviour::UndefinedInCxx : Behaviour::BreaksRustRulesOnly;
      uint32_t Key;
      if (End.Kind == LoanFactKind::Free ||
          (End.Kind == LoanFactKind::Expire && isFreeable(St.Kind))) {
        Key = Lo.Of;
        Fi.Subject = HolderName(L);
        Event Fr{EventKind::Freed, End.Where};
        if (End.Kind == LoanFactKind::Expire && End.Inner.empty()) // by the smart pointer that adopted it
          Fr.Place = F.Storages[End.Dies].Name;
        else
          Fr.Detail = End.Inner; // freed inside this callee
        Fi.Events.push_back(Fr);
        Event U{EventKind::Used, Fa.Where};
        U.Place = Fi.Subject;
        Fi.Events.push_back(U);
      } else if (End.Kind == LoanFactKind::Expire && End.Reason != EndReason::ScopeEnd &&
                 !End.ContentsOnly && !Returned) {
        Key = static_cast<uint32_t>(F.Storages.size()) + L;
        Fi.Subject = St.Name;
        Fi.Reason = End.Reason;
        if (End.Reason == EndReason::MovedOut) // freed only if the new owner frees it
          Fi.Kind = Behaviour::BreaksRustRulesOnly;
        if (St.Declared)
          Fi.Events.push_back({EventKind::Declared, *St.Declared});
        Event B{EventKind::Borrowed, Lo.BorrowedAt};
        B.Place = St.Name;
        Fi.Events.push_back(B);
        Fi.Events.push_back({EventKind::Invalidated, End.Where});
        Event U{EventKind::Used, Fa.Where};
        U.Place = HolderName(L);
        Fi.Events.push_back(U);
      } else {
        continue;
      }
      auto It = First.find(Key);
      if (It != First.end() && It->second.find(EventKind::Used)->Where.Begin <= Fa.Where.Begin)
        continue;
      First[Key] = std::move(Fi);
    }
  });
  for (auto &[K, Fi] : First)
    Out.push_back(std::move(Fi));
}

void checkDoubleFree(CheckContext &C, std::vector<Finding> &Out) {
  if (!analysed(C))
    return;
  const FunctionFacts &F = C.Facts;
  const LoanAnalysis &A = C.loans();
  std::map<std::pair<uint32_t, StorageId>, bool> Seen; // (site, storage)
  replay(C, [&](const LoanFact &Fa, const LoanState &S) {
    if (Fa.Kind != LoanFactKind::Free && Fa.Kind != LoanFactKind::Adopt)
      return;
    // The first of the two frees of a pointer stored twice (Memory.cpp): the
    // second is the one reported.
    if (!Fa.Container.empty() && Fa.StoredAgainAt.File.empty())
      return;
    llvm::BitVector May = A.mayHold(S, Fa), Must = A.mustHold(S, Fa);
    llvm::BitVector MayD = A.mayHoldDead(S, Fa), MustD = A.mustHoldDead(S, Fa);
    for (unsigned L : May.set_bits()) {
      if (A.madeHere(Fa, L))
        continue; // allocated by this very operand: a new object each time
      const Loan &Lo = F.Loans[L];
      const Storage &St = F.Storages[Lo.Of];
      Finding Fi;
      Fi.Rule = "double-free";
      Fi.Subject = Fa.Name.empty() ? St.Name : Fa.Name;
      Fi.Kind = Behaviour::UndefinedInCxx;
      Fi.Storage = St.Kind;
      const bool Again = Fa.Kind == LoanFactKind::Adopt;
      if (isFreeable(St.Kind) && MayD.test(L) && S.DiedAt[L] != LoanAnalysis::NotDead) {
        const LoanFact &End = A.expire(S.DiedAt[L]);
        Fi.Certainty = MustD.test(L) ? Confidence::Definite : Confidence::Maybe;
        Event Fr{EventKind::Freed, End.Where};
        if (End.Kind == LoanFactKind::Expire && End.Inner.empty()) { // freed by the smart pointer that adopted it
          Fr.Place = F.Storages[End.Dies].Name;
          Fi.OwnedBySmartPointer = false;
        } else {
          Fr.Detail = End.Inner; // freed inside this callee
        }
        Fi.Events.push_back(Fr);
      } else if (isFreeable(St.Kind) && S.MayAdopted.test(Lo.Of) &&
                 S.AdoptedAt[Lo.Of] != LoanAnalysis::NotDead) {
        Fi.Certainty = Must.test(L) && S.MustAdopted.test(Lo.Of) ? Confidence::Definite : Confidence::Maybe;
        Fi.OwnedBySmartPointer = true;
        Fi.Events.push_back({EventKind::Adopted, A.expire(S.AdoptedAt[Lo.Of]).Where});
      } else if (St.SmartOwner && !MayD.test(L) && !S.MayReleased.test(Lo.Of)) {
        Fi.Certainty = Must.test(L) ? Confidence::Definite : Confidence::Maybe;
        Fi.OwnedBySmartPointer = true;
        Event B{EventKind::Borrowed, Lo.BorrowedAt};
        B.Place = St.Name;
        Fi.Events.push_back(B);
      } else {
        continue;
      }
      if (!Lo.CopyOf.empty()) { // two owners made by an implicit copy (rule of three)
        Event Cp{EventKind::Copied, Lo.BorrowedAt};
        Cp.Place = St.Name;
        Cp.TypeName = Lo.CopyOf;
        Cp.Detail = Lo.CopyHow;
        Fi.Events.push_back(Cp);
      }
      if (Seen[{Fa.Where.Begin, Lo.Of}])
        continue;
      Seen[{Fa.Where.Begin, Lo.Of}] = true;
      Event P{EventKind::FreedAgain, Fa.Where};
      P.Partial = Again; // an adoption, not a delete
      P.Detail = Fa.Inner;
      if (!Fa.Container.empty()) { // one pointer stored twice in a container freed element by element
        Event First{EventKind::StoredTwice, Fa.StoredAt};
        First.Place = Fa.Container;
        Event Second{EventKind::StoredTwice, Fa.StoredAgainAt};
        Second.Place = Fa.Container;
        Second.Value = true;
        Fi.Events.insert(Fi.Events.begin(), {First, Second});
      }
      Fi.Events.push_back(P);
      Out.push_back(std::move(Fi));
    }
  });
}

// invalidated-borrow (E0502; E0506 for an assignment): a borrow into a
// container or string used after a member call that invalidates it.
void checkInvalidatedBorrow(CheckContext &C, std::vector<Finding> &Out) {
  if (!analysed(C))
    return;
  const FunctionFacts &F = C.Facts;
  const LoanAnalysis &A = C.loans();
  // One finding per borrow site (two loans made by one expression, e.g. an
  // iterator and its copy, are one borrow to the reader).
  std::map<std::pair<uint32_t, uint32_t>, Finding> First;
  replay(C, [&](const LoanFact &Fa, const LoanState &S) {
    if (Fa.Kind != LoanFactKind::Use || F.Origins[Fa.Dst].Kind != OriginKind::Local)
      return;
    for (unsigned L : S.MayDeadHeld[Fa.Dst].set_bits()) {
      if (S.DiedAt[L] == LoanAnalysis::NotDead)
        continue;
      const LoanFact &End = A.expire(S.DiedAt[L]);
      if (End.Kind != LoanFactKind::Expire || !End.ContentsOnly ||
          (End.StrictOnly && !C.options().Strict))
        continue;
      std::pair<uint32_t, uint32_t> Key{F.Loans[L].BorrowedAt.Begin, F.Loans[L].Of};
      auto It = First.find(Key);
      if (It != First.end() && It->second.find(EventKind::Used)->Where.Begin <= Fa.Where.Begin)
        continue;
      const Loan &Lo = F.Loans[L];
      const Storage &St = F.Storages[Lo.Of];
      Finding Fi;
      Fi.Rule = "invalidated-borrow";
      Fi.Subject = St.Name;
      Fi.Reason = End.Reason;
      // erase(k) of a node-based container ends a reference to the element
      // itself, not what a unique_ptr element owned.
      if (End.Reason == EndReason::ElementErased && !Lo.ElementPointee && Lo.NodeElement)
        Fi.Reason = EndReason::ErasedElement;
      Fi.Certainty = S.MustDeadHeld[Fa.Dst].test(L) ? Confidence::Definite : Confidence::Maybe;
      Fi.PassedOn = Fa.PassedOn;
      Fi.Kind = Fa.Deref ? Behaviour::UndefinedInCxx : Behaviour::BreaksRustRulesOnly;
      Event B{EventKind::Borrowed, Lo.BorrowedAt};
      B.Place = St.Name;
      B.Partial = Lo.Mutable; // strict mode: the earlier borrow was mutable too
      Fi.Events.push_back(B);
      Event M{EventKind::Invalidated, End.Where};
      M.Place = End.Name; // the member function, or the helper
      M.Detail = End.Inner;
      Fi.Events.push_back(M);
      if ((End.Reason == EndReason::MovedAway && End.StrictOnly) || End.Overwrite)
        Fi.Kind = Behaviour::BreaksRustRulesOnly; // the elements live on; the borrow sees the new value
      Fi.Partial = End.Overwrite;
      Event U{EventKind::Used, Fa.Where};
      U.Place = F.Origins[Fa.Dst].Name;
      Fi.Events.push_back(U);
      First[Key] = std::move(Fi);
    }
  });
  for (auto &[K, Fi] : First)
    Out.push_back(std::move(Fi));
}

// conflicting-borrows (E0499, E0502 when one borrow is shared): one call
// given the same container twice, once mutably, when the callee may
// invalidate it while using the other (`append_all(v, v)`, or vector's
// `v.insert(v.end(), v.begin(), v.end())`, which the standard forbids).
} // namespace borrowck
