#include "ast/Elements.h"
#include "ast/Wrappers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace borrowck {

namespace {

const VarDecl *localRef(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(E)->IgnoreParenImpCasts());
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

// `c.find(K)` (or `c.find(K)` converted to a const_iterator); with Body, a
// local iterator initialised so and never assigned.
ElementAccess foundElement(const Expr *It, const Stmt *Body) {
  It = skipCopies(It);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(It); CE && CE->getNumArgs() == 1)
    It = skipCopies(CE->getArg(0));
  if (const VarDecl *V = Body ? localRef(It) : nullptr;
      V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && !V->getType()->isReferenceType() && V->getInit() &&
      !assignedIn(V, Body))
    return foundElement(V->getInit(), nullptr);
  const auto *MC = dyn_cast<CXXMemberCallExpr>(It);
  const auto *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || MD->getName() != "find" || MC->getNumArgs() != 1)
    return {};
  return {MC->getImplicitObjectArgument(), MC->getArg(0)};
}

} // namespace

ElementAccess iteratorElement(const Expr *It, const Stmt *Body) { return foundElement(It, Body); }

bool assignedIn(const VarDecl *V, const Stmt *Body) {
  if (!Body)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(Body); BO && BO->isAssignmentOp() && localRef(BO->getLHS()) == V)
    return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(Body); UO && UO->isIncrementDecrementOp() && localRef(UO->getSubExpr()) == V)
    return true;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Body);
      OC && OC->getNumArgs() >= 1 && localRef(OC->getArg(0)) == V &&
      (OC->isAssignmentOp() || OC->getOperator() == OO_PlusPlus || OC->getOperator() == OO_MinusMinus))
    return true;
  for (const Stmt *C : Body->children())
    if (assignedIn(V, C))
      return true;
  return false;
}

ElementAccess elementAccess(const Expr *E, const Stmt *Body) {
  E = skipWrappers(E)->IgnoreParenImpCasts();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2 && !OC->getArg(0)->getType()->isPointerType())
      return {OC->getArg(0), OC->getArg(1)};
    return {};
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const auto *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier() || !MD->getParent()->isInStdNamespace())
      return {};
    llvm::StringRef N = MD->getName();
    if (N == "at" && MC->getNumArgs() == 1)
      return {MC->getImplicitObjectArgument(), MC->getArg(0)};
    if ((N == "front" || N == "back") && MC->getNumArgs() == 0)
      return {MC->getImplicitObjectArgument(), nullptr};
    return {};
  }
  // `it->second`, `(*it).second` of a map iterator made by `c.find(K)`.
  if (const auto *ME = dyn_cast<MemberExpr>(E); ME && ME->getMemberDecl()->getIdentifier() &&
                                                ME->getMemberDecl()->getName() == "second") {
    const Expr *Base = skipWrappers(ME->getBase())->IgnoreParenImpCasts();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Base);
        OC && (OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star) && OC->getNumArgs() >= 1)
      return foundElement(OC->getArg(0), Body);
  }
  return {};
}

std::string constantKey(const Expr *Key, const ASTContext &Ctx) {
  if (!Key)
    return "";
  const Expr *K = skipCopies(Key);
  // std::string("a"), a std::string parameter made from a literal.
  if (const auto *CE = dyn_cast<CXXConstructExpr>(K); CE && CE->getNumArgs() >= 1)
    K = skipCopies(CE->getArg(0));
  K = K->IgnoreParenImpCasts();
  if (const auto *SL = dyn_cast<StringLiteral>(K))
    return SL->isOrdinary() || SL->isUTF8() ? "\"" + SL->getString().str() + "\"" : "";
  if (K->isValueDependent() || !K->getType()->isIntegralOrEnumerationType())
    return "";
  Expr::EvalResult R;
  if (!K->EvaluateAsInt(R, Ctx))
    return "";
  return llvm::toString(R.Val.getInt(), 10);
}

} // namespace borrowck
