// Loan facts: delete / free(), smart pointers adopting, resetting and releasing what they own.
#include "factgen/loans/LoanFactBuilder.h"
#include "ast/EachElement.h"

using namespace clang;

namespace borrowck {

void LoanFactBuilder::handleFree(uint32_t Block, const Expr *Operand, const Expr *Where, std::string Via,
                                 bool Maybe) {
  if (Operand->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return;
  if (fieldFree(Block, Operand, Where, Via, Maybe))
    return; // `delete f.buf_` of a field a member also frees
  if (Via.empty())
    if (const StoredTwice Twice = storedTwice(Operand, Where, FD.getBody(), Parents, Ctx); Twice.Container) {
      // `for (T *e : v) delete e;` with `v{p, q, p}`: the loop frees `p` once
      // for each element holding it, the second time a double free.
      Sources P = Ev.valueOf(Twice.First);
      const std::string Name = Twice.Pointer->getNameAsString();
      for (int Time = 0; Time < 2; ++Time) {
        const size_t Before = Out.LoanBlocks[Block].size();
        freeSources(Block, P, Name, Where, "", /*Maybe=*/Time == 1 && Twice.Maybe);
        if (Out.LoanBlocks[Block].size() > Before)
          Out.LoanBlocks[Block].back().Container = Twice.Container->getNameAsString();
      }
      if (auto &Facts = Out.LoanBlocks[Block]; !Facts.empty() && !Facts.back().Container.empty()) {
        if (auto A = Spans.range(Twice.First->getSourceRange()))
          Facts.back().StoredAt = *A;
        if (auto B = Spans.range(Twice.Second->getSourceRange()))
          Facts.back().StoredAgainAt = *B;
      }
    }
  freeSources(Block, Ev.valueOf(Operand), spelling(skipWrappers(Operand)->IgnoreParenImpCasts()), Where,
              std::move(Via), Maybe, isElementOperand(Operand));
}

void LoanFactBuilder::freeSources(uint32_t Block, const Sources &S, std::string Name, const Expr *Where,
                                  std::string Via, bool Maybe, bool Element) {
  LoanFact F{LoanFactKind::Free};
  F.Element = Element;
  fill(S, F);
  if (Maybe) { // freed on some paths through the callee only
    F.MayLoans.insert(F.MayLoans.end(), F.Loans.begin(), F.Loans.end());
    F.MaySrcs.insert(F.MaySrcs.end(), F.Srcs.begin(), F.Srcs.end());
    F.Loans.clear();
    F.Srcs.clear();
  }
  if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
    return;
  F.Name = std::move(Name);
  F.Inner = std::move(Via);
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// The callee of Call frees what its argument Arg holds (summary/Frees.h).
bool LoanFactBuilder::freedByCallee(const CallExpr *Call, const Expr *Arg) const {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!F)
    return false;
  const FreeSummary &Sum = Summaries.frees(F);
  const unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(F) ? 1 : 0;
  for (unsigned I = 0; I < Sum.Params.size(); ++I)
    if (Sum.Params[I].How != FreeHow::No && I + Offset < Call->getNumArgs() &&
        skipWrappers(Call->getArg(I + Offset)) == skipWrappers(Arg))
      return true;
  return false;
}

void LoanFactBuilder::handleCalleeFrees(uint32_t Block, const CallExpr *Call, const FunctionDecl *F) {
  const FreeSummary &Sum = Summaries.frees(F);
  if (!Sum.any())
    return;
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  const bool Lambda = MD && MD->getParent()->isLambda();
  std::string Via = Lambda ? "" : F->getQualifiedNameAsString();
  if (Lambda)
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call); OC && OC->getNumArgs() >= 1)
      Via = spelling(skipWrappers(OC->getArg(0))->IgnoreParenImpCasts());
  const unsigned Offset = isa<CXXOperatorCallExpr>(Call) && MD ? 1 : 0;
  for (unsigned I = 0; I < Sum.Params.size(); ++I) {
    const FreeOf &Of = Sum.Params[I];
    if (Of.How == FreeHow::No || I + Offset >= Call->getNumArgs())
      continue;
    const Expr *Arg = Call->getArg(I + Offset);
    handleFree(Block, Arg, Call, Via, Of.How == FreeHow::Sometimes);
    // `release(p)` through a `T *&` that also sets p (to nullptr): p no
    // longer holds the freed memory; its other copies still do.
    if (Of.Resets)
      if (const VarDecl *V = referencedVar(skipWrappers(Arg)); V && holds(V->getType()) && V->hasLocalStorage())
        flow(Block, originFor(V), Sources(), /*Kill=*/true, Call);
  }
  // A lambda that deletes a pointer it captured (by copy or by reference):
  // the variable of this function holds what is freed.
  for (const auto &[D, Of] : Sum.Captures) {
    const auto *V = dyn_cast<VarDecl>(D);
    if (!V || Of.How == FreeHow::No || !V->hasLocalStorage() || !holds(V->getType()) ||
        (!FD.Encloses(V->getDeclContext()) && V->getDeclContext() != &FD))
      continue;
    Sources S;
    S.Vars.push_back(V);
    freeSources(Block, S, V->getNameAsString(), Call, Via, Of.How == FreeHow::Sometimes);
    if (Of.Resets)
      flow(Block, originFor(V), Sources(), /*Kill=*/true, Call);
  }
}

// The storage of a local variable E names (a smart pointer), if any.
StorageId LoanFactBuilder::localStorage(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(E)->IgnoreParenImpCasts());
  if (!DRE || DRE->refersToEnclosingVariableOrCapture())
    return NoStorage;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || !Ev.ownsStorage(V))
    return NoStorage;
  return storageFor(V);
}

void LoanFactBuilder::handleAdopt(uint32_t Block, const Expr *Operand, const Expr *Where,
                                  StorageId Owner) {
  const Expr *Op = skipWrappers(Operand)->IgnoreParenImpCasts();
  // Ownership handed over from another owner (`a.release()`) or a fresh
  // allocation: a new owner of memory nobody else owns.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Op))
    if (memberKind(MC->getMethodDecl()) == MemberKind::Release)
      return;
  LoanFact F{LoanFactKind::Adopt};
  F.Dies = Owner;
  fill(Ev.valueOf(Operand), F);
  if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
    return;
  F.Name = spelling(Op);
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// A std::unique_ptr variable of this function that frees its object here, or
// a std::shared_ptr that surely is its object's only owner (Pointees.cpp):
// every borrow of the object (`u.get()`, `*u`) dies.
void LoanFactBuilder::invalidateUnique(uint32_t Block, const Expr *Obj, EndReason Why,
                                       const Expr *Where) {
  const TypeModel::Smart Kind = Model.smart(skipWrappers(Obj)->IgnoreParenImpCasts()->getType());
  if (Kind == TypeModel::Smart::None)
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Obj)->IgnoreParenImpCasts());
  if (!DRE)
    return;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || !VarStorage.count(V) || DRE->refersToEnclosingVariableOrCapture())
    return; // nothing borrowed it (yet)
  if (Kind == TypeModel::Smart::Shared && !soleSharedOwner(V))
    return; // another copy may keep the object alive
  LoanFact F{LoanFactKind::Expire};
  F.Dies = VarStorage[V];
  F.Reason = Why;
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

} // namespace borrowck
