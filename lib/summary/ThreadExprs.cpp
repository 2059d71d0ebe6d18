#include "summary/ThreadExprs.h"
#include "ast/Wrappers.h"
#include "model/StdThreads.h"

using namespace clang;

namespace borrowck {

using namespace stdthreads;

const Expr *strip(const Expr *E) { return skipCopies(E); }

bool isThis(const Expr *E) { return isa<CXXThisExpr>(strip(E)); }

bool capturesThis(const LambdaExpr *LE) {
  for (const LambdaCapture &C : LE->captures())
    if (C.capturesThis())
      return true;
  return false;
}

bool isWrapper(const Stmt *P) {
  return isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
         isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P) || isa<CXXFunctionalCastExpr>(P) ||
         (isa<CXXConstructExpr>(P) && cast<CXXConstructExpr>(P)->getConstructor()->isCopyOrMoveConstructor());
}

const Expr *elementContainer(const Expr *E) {
  E = strip(E);
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E); OC && OC->getOperator() == OO_Subscript)
    E = strip(OC->getArg(0));
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (const auto *MD = MC->getMethodDecl(); MD && MD->getIdentifier() && isElementAccess(MD->getName()))
      E = strip(MC->getImplicitObjectArgument());
  return E;
}

const FieldDecl *fieldOfThis(const Expr *E) {
  E = elementContainer(E);
  if (const auto *ME = dyn_cast<MemberExpr>(E); ME && isThis(ME->getBase()))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  return nullptr;
}

const Expr *movedOperand(const Expr *E) {
  E = strip(E);
  if (const auto *C = dyn_cast<CallExpr>(E))
    if (isStdMove(C->getDirectCallee()) && C->getNumArgs() == 1)
      return strip(C->getArg(0));
  return nullptr;
}

std::optional<SpawnExpr> spawnExpr(const Stmt *S) {
  SpawnExpr Sp;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    auto K = handleKind(CE->getType());
    if (!K || *K == HandleKind::Future || CE->getNumArgs() == 0 ||
        CE->getConstructor()->isCopyOrMoveConstructor())
      return std::nullopt;
    Sp.Callable = CE->getArg(0);
    Sp.Args.assign(CE->arg_begin() + 1, CE->arg_end());
    Sp.Kind = *K;
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier() || MC->getNumArgs() == 0 || !isEmplace(MD->getName()))
      return std::nullopt;
    bool Map = false; // m.emplace(key, ...): the key is not a callable
    auto K = containerOfHandles(MC->getImplicitObjectArgument()->getType(), &Map);
    if (!K || Map || *K == HandleKind::Future || handleKind(MC->getArg(0)->getType()))
      return std::nullopt;
    Sp.Callable = MC->getArg(0);
    Sp.Args.assign(MC->arg_begin() + 1, MC->arg_end());
    Sp.Kind = *K;
  } else if (const auto *C = dyn_cast<CallExpr>(S); C && isStdAsync(C->getDirectCallee())) {
    unsigned First = 0;
    if (C->getNumArgs() > 0 && isLaunchPolicy(C->getArg(0)->getType()))
      First = 1;
    if (C->getNumArgs() <= First)
      return std::nullopt;
    Sp.Callable = C->getArg(First);
    Sp.Args.assign(C->arg_begin() + First + 1, C->arg_end());
    Sp.Kind = HandleKind::Future;
  } else {
    return std::nullopt;
  }
  Sp.Api = spawnApi(Sp.Kind);
  return Sp;
}

} // namespace borrowck
