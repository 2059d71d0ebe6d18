// Loan facts: delete / free(), smart pointers adopting, resetting and releasing what they own.
#include "factgen/loans/LoanFactBuilder.h"

using namespace clang;

namespace borrowck {

void LoanFactBuilder::handleFree(uint32_t Block, const Expr *Operand, const Expr *Where) {
  if (Operand->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return;
  LoanFact F{LoanFactKind::Free};
  fill(Ev.valueOf(Operand), F);
  if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
    return;
  F.Name = spelling(skipWrappers(Operand)->IgnoreParenImpCasts());
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
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
