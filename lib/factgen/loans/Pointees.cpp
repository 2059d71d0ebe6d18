// Loan facts: the pointee of a std::shared_ptr local. Is the variable surely
// the object's only owner (made here by make_shared or `new`, never copied,
// moved, swapped or passed on)? Otherwise a copy may keep the object alive
// after the variable ends: a borrow of the pointee outliving it breaks Rust's
// rule (an Rc's borrow), but is not surely undefined behaviour.
#include "factgen/loans/LoanFactBuilder.h"

using namespace clang;

namespace borrowck {

// A new object nobody else owns: make_shared, `shared_ptr<T>(new T)`, empty.
static bool freshSharedOwner(const Expr *Init, unsigned Depth = 0) {
  if (!Init)
    return true;
  if (Depth > 8)
    return false;
  const Expr *E = skipWrappers(Init)->IgnoreParenImpCasts();
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return freshSharedOwner(MTE->getSubExpr(), Depth + 1);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (!Ctor || CE->getNumArgs() == 0)
      return true;
    if (Ctor->isCopyOrMoveConstructor())
      return freshSharedOwner(CE->getArg(0), Depth + 1);
    const Expr *A = skipWrappers(CE->getArg(0))->IgnoreParenImpCasts();
    return isa<CXXNewExpr>(A) || isa<CXXNullPtrLiteralExpr>(A);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return isStdMakeShared(dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()));
  return isa<CXXNullPtrLiteralExpr>(E);
}

bool LoanFactBuilder::soleSharedOwner(const VarDecl *V) {
  if (auto It = SoleShared.find(V); It != SoleShared.end())
    return It->second;
  bool Sole = !isa<ParmVarDecl>(V) && !V->getType()->isReferenceType() && V->hasLocalStorage() &&
              !V->isStaticLocal() && freshSharedOwner(V->getInit());
  // Every occurrence only looks at the pointer, or gives it a new object of its own.
  auto Looks = [&](const DeclRefExpr *DRE) {
    const Stmt *Child;
    const Stmt *P = Parents.semanticParent(DRE, Child);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(P))
      return stdSharedMemberKeepsSole(dyn_cast<CXXMethodDecl>(ME->getMemberDecl()));
    if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P);
        OC && OC->getNumArgs() >= 1 && skipWrappers(OC->getArg(0))->IgnoreParenImpCasts() == DRE) {
      if (OC->getOperator() == OO_Equal)
        return OC->getNumArgs() == 2 && freshSharedOwner(OC->getArg(1));
      return stdSharedMemberKeepsSole(dyn_cast_or_null<CXXMethodDecl>(OC->getCalleeDecl()));
    }
    return false;
  };
  llvm::SmallVector<const Stmt *, 64> Todo;
  if (Sole && FD.getBody())
    Todo.push_back(FD.getBody());
  while (Sole && !Todo.empty()) {
    const Stmt *S = Todo.pop_back_val();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V && !Looks(DRE))
      Sole = false;
    for (const Stmt *C : S->children())
      if (C)
        Todo.push_back(C);
  }
  SoleShared[V] = Sole;
  return Sole;
}

} // namespace borrowck
