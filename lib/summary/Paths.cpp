// summary/Paths.h: whether a statement runs on every pass through a body.
#include "summary/Paths.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace borrowck {

namespace {

// Does Cond only ask whether D is null (`p`, `!p`, `p != nullptr`, `this->f_`)?
bool testsOnly(const Expr *Cond, const ValueDecl *D) {
  if (!Cond || !D)
    return false;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond); UO && UO->getOpcode() == UO_LNot)
    return testsOnly(UO->getSubExpr(), D);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond); BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    auto Null = [&](const Expr *E) {
      return E->IgnoreParenImpCasts()->isNullPointerConstant(D->getASTContext(),
                                                             Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
    };
    if (Null(BO->getRHS()))
      return testsOnly(BO->getLHS(), D);
    if (Null(BO->getLHS()))
      return testsOnly(BO->getRHS(), D);
    return false;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond))
    return DRE->getDecl() == D;
  if (const auto *ME = dyn_cast<MemberExpr>(Cond))
    return ME->getMemberDecl() == D && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
  return false;
}

bool leaves(const Stmt *X) {
  if (!X || isa<LambdaExpr>(X))
    return false;
  if (isa<ReturnStmt>(X) || isa<CXXThrowExpr>(X))
    return true;
  for (const Stmt *C : X->children())
    if (leaves(C))
      return true;
  return false;
}

} // namespace

bool onSomePaths(const Stmt *S, const ParentMap &PM, const Stmt *Body, const ValueDecl *NullTested) {
  for (const Stmt *C = S, *P = PM.getParent(S); P && C != Body; C = P, P = PM.getParent(P)) {
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (C == If->getCond() || (C == If->getThen() && testsOnly(If->getCond(), NullTested)))
        continue;
      return true;
    }
    if (isa<SwitchStmt>(P) || isa<WhileStmt>(P) || isa<ForStmt>(P) || isa<CXXForRangeStmt>(P) ||
        isa<AbstractConditionalOperator>(P) || isa<CXXCatchStmt>(P))
      return true;
    if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && BO->isLogicalOp() && BO->getRHS() == C)
      return true;
    if (const auto *CS = dyn_cast<CompoundStmt>(P))
      for (const Stmt *Before : CS->body()) {
        if (Before == C)
          break;
        if (const auto *If = dyn_cast<IfStmt>(Before); If && testsOnly(If->getCond(), NullTested))
          continue; // `if (!p) return;`: p is null on the paths that leave
        if (leaves(Before))
          return true;
      }
  }
  return false;
}

} // namespace borrowck
