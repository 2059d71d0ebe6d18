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
    llvm::BitVector Dead = S.MayHold[Fa.Dst];
    Dead &= S.MayDead;
    for (unsigned L : Dead.set_bits()) {
      const Loan &Lo = F.Loans[L];
      const Storage &St = F.Storages[Lo.Of];
      if ((St.Kind == StorageKind::Temporary) != Temporaries)
        continue;
      auto It = First.find(L);
      if (It != First.end() && It->second.primary() &&
          It->second.Events.back().Where.Begin <= Fa.Where.Begin)
        continue;
      Finding Fi;
      Fi.Rule = Rule;
      Fi.Storage = St.Kind;
      Fi.Subject = St.Name;
      bool Definite = S.MustHold[Fa.Dst].test(L) && S.MustDead.test(L);
      Fi.Certainty = Definite ? Confidence::Definite : Confidence::Maybe;
      Fi.PassedOn = !Fa.Deref;
      const bool Escape = F.Origins[Fa.Dst].Kind == OriginKind::Escaped;
      Fi.Kind = Fa.Deref && !Escape ? Behaviour::UndefinedInCxx : Behaviour::BreaksRustRulesOnly;
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
      if (Seen[{Fa.Where.Begin, Lo.Of}])
        continue;
      Seen[{Fa.Where.Begin, Lo.Of}] = true;
      const Storage &St = F.Storages[Lo.Of];
      Finding Fi;
      Fi.Rule = "dangling-return";
      Fi.Storage = St.Kind;
      Fi.Subject = St.Name;
      Fi.Certainty = Must.test(L) ? Confidence::Definite : Confidence::Maybe;
      Fi.Kind = Behaviour::UndefinedInCxx;
      Fi.ReturnsReference = F.ReturnsReference;
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

} // namespace borrowck
