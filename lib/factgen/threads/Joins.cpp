// Joins made by lambdas: a lambda the function calls (`auto join = [&] {
// t.join(); }; join();`, or called where it is written), and a scope guard
// (a local whose destructor calls the callable it was given,
// SummaryCache::runsCallableOnDestroy) made with such a lambda, which joins
// where the guard dies. What the lambda joins is its summary
// (SummaryCache::callableJoins).
#include "factgen/threads/ThreadBuilderImpl.h"
#include "model/StdThreads.h"

using namespace clang;

namespace borrowck {

using namespace stdthreads;

namespace {

// The lambda E is, or is made from: through copies, conversions to
// std::function and constructor arguments; through the arguments of a call
// too when Calls (a guard's factory: `make_scope_exit([&] { ... })`).
const LambdaExpr *findLambda(const Expr *E, bool Calls, int Depth = 0) {
  if (!E || Depth > 6)
    return nullptr;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *LE = dyn_cast<LambdaExpr>(E))
    return LE;
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    return findLambda(FC->getSubExpr(), Calls, Depth + 1);
  if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
    return findLambda(MT->getSubExpr(), Calls, Depth + 1);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    for (const Expr *A : CE->arguments())
      if (const LambdaExpr *LE = findLambda(A, Calls, Depth + 1))
        return LE;
    return nullptr;
  }
  if (const auto *C = dyn_cast<CallExpr>(E); C && Calls) {
    for (const Expr *A : C->arguments())
      if (const LambdaExpr *LE = findLambda(A, Calls, Depth + 1))
        return LE;
    return nullptr;
  }
  // A local lambda given by name: `scope_exit se(join);`.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasLocalStorage() && V->getInit() &&
                                                          !V->getType()->isReferenceType())
      return findLambda(V->getInit(), false, Depth + 1);
  return nullptr;
}

} // namespace

const LambdaExpr *ThreadBuilder::lambdaOf(const Expr *E) const { return findLambda(E, false); }

std::vector<uint32_t> ThreadBuilder::handlesJoinedBy(const LambdaExpr *LE) {
  std::vector<uint32_t> Out;
  for (const VarDecl *V : Summaries.callableJoins(LE->getCallOperator()))
    if (auto It = Handles.find(V); It != Handles.end())
      Out.push_back(It->second);
  return Out;
}

// `join()` on a local lambda (or std::function made from one), or a lambda
// called where it is written: its joins happen here.
void ThreadBuilder::calledLambdaJoins(uint32_t Block, const CallExpr *Call) {
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!OC || OC->getOperator() != OO_Call || OC->getNumArgs() == 0)
    return;
  const LambdaExpr *LE = lambdaOf(OC->getArg(0));
  if (!LE)
    return;
  for (uint32_t H : handlesJoinedBy(LE)) {
    ThreadFact J{ThreadFactKind::Join};
    J.Handle = H;
    J.Where = spanOr(Call);
    emit(Block, J);
  }
}

// Locals that are scope guards made with a lambda that joins, and whose
// guard is never dismissed (no member function is called on it: release(),
// dismiss()). Their joins go where they die (run()).
void ThreadBuilder::findGuards() {
  std::vector<const VarDecl *> Candidates;
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt()))
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D); V && V->hasLocalStorage() && !V->isStaticLocal() &&
                                                       !V->getType()->isReferenceType() && V->getInit())
              if (Summaries.runsCallableOnDestroy(V->getType()->getAsCXXRecordDecl()))
                Candidates.push_back(V);
  if (Candidates.empty())
    return;
  std::set<const VarDecl *> Dismissed;
  std::vector<const Stmt *> Work{FD.getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
      if (const VarDecl *V = localVar(MC->getImplicitObjectArgument()))
        Dismissed.insert(V);
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  for (const VarDecl *V : Candidates) {
    if (Dismissed.count(V))
      continue;
    if (const LambdaExpr *LE = findLambda(V->getInit(), /*Calls=*/true))
      if (std::vector<uint32_t> Hs = handlesJoinedBy(LE); !Hs.empty())
        GuardJoins[V] = std::move(Hs);
  }
}

} // namespace borrowck
