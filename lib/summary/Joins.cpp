// The join facets of SummaryCache: which handles a callable's body joins
// (a lambda called directly, or run by a scope guard's destructor), and which
// classes are scope guards (their destructor calls a callable they hold).
//
// A join counts when it runs on every pass through the body: at its top
// level, under `if (t.joinable())`, or in a range-for over the container
// being joined (an empty container holds no thread). A join under any other
// condition or loop does not count: the thread may still run.
#include "model/StdThreads.h"
#include "summary/SummaryCacheImpl.h"
#include "summary/ThreadExprs.h"
#include "summary/ThreadReader.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace borrowck {

using namespace stdthreads;

namespace {

// The local variable E designates, through a range-for's loop variable
// (`for (auto &t : ts)`: `ts`) and element accesses (`ts[0]`, `ts.back()`).
const VarDecl *joinedVar(const Expr *E, const llvm::DenseMap<const Stmt *, const Stmt *> &Parents,
                         const CXXForRangeStmt **Loop) {
  E = elementContainer(E);
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V)
    return nullptr;
  for (const Stmt *P = Parents.lookup(E); P; P = Parents.lookup(P))
    if (const auto *FR = dyn_cast<CXXForRangeStmt>(P); FR && FR->getLoopVariable() == V) {
      *Loop = FR;
      return joinedVar(FR->getRangeInit(), Parents, Loop);
    }
  if (handleKind(V->getType().getNonReferenceType()) || containerOfHandles(V->getType().getNonReferenceType()))
    return V;
  return nullptr;
}

// Does the statement J run on every pass through Body (up to `if (x.joinable())`
// and the range-for Loop over what it joins)?
bool unconditional(const Stmt *J, const Stmt *Body, const CXXForRangeStmt *Loop,
                   const llvm::DenseMap<const Stmt *, const Stmt *> &Parents) {
  const Stmt *C = J;
  for (const Stmt *P = Parents.lookup(C); P && C != Body; C = P, P = Parents.lookup(P)) {
    if (isa<CompoundStmt>(P) || isa<Expr>(P) || isa<AttributedStmt>(P))
      continue; // expressions: `a, t.join()`; a && or ?: around it is rare enough to accept
    if (P == Loop && cast<CXXForRangeStmt>(P)->getBody() == C)
      continue;
    if (const auto *If = dyn_cast<IfStmt>(P); If && If->getThen() == C && !If->getInit()) {
      const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(strip(If->getCond()));
      const auto *MD = MC ? MC->getMethodDecl() : nullptr;
      if (MD && MD->getIdentifier() && (MD->getName() == "joinable" || MD->getName() == "valid"))
        continue;
    }
    return false;
  }
  return true;
}

} // namespace

const std::set<const VarDecl *> &SummaryCache::callableJoins(const FunctionDecl *F) {
  static const std::set<const VarDecl *> None;
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || !Def->getBody())
    return None;
  if (auto It = P->CallableJoins.find(Def); It != P->CallableJoins.end())
    return It->second;
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  indexParents(Def->getBody(), nullptr, Parents);
  std::set<const VarDecl *> Joined;
  std::vector<const Stmt *> Work{Def->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr>(S)) // a nested lambda runs later, if ever
      continue;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
      const auto *MD = MC->getMethodDecl();
      const CXXForRangeStmt *Loop = nullptr;
      if (MD && MD->getIdentifier() && isJoin(MD->getName()))
        if (const VarDecl *V = joinedVar(MC->getImplicitObjectArgument(), Parents, &Loop))
          if (unconditional(MC, Def->getBody(), Loop, Parents))
            Joined.insert(V);
    }
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  return P->CallableJoins[Def] = std::move(Joined);
}

namespace {

// A call of a callable member of *this: `fn()`, `this->exit_function()`.
bool callsHeldCallable(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S); OC && OC->getOperator() == OO_Call && OC->getNumArgs() > 0)
    if (const auto *ME = dyn_cast<MemberExpr>(strip(OC->getArg(0))); ME && isThis(ME->getBase()) &&
                                                                     isa<FieldDecl>(ME->getMemberDecl()))
      return true;
  for (const Stmt *C : S->children())
    if (callsHeldCallable(C))
      return true;
  return false;
}

} // namespace

bool SummaryCache::runsCallableOnDestroy(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition() || RD->isInStdNamespace() || RD->isLambda())
    return false;
  RD = RD->getDefinition();
  if (auto It = P->Guards.find(RD); It != P->Guards.end())
    return It->second;
  const CXXDestructorDecl *D = RD->getDestructor();
  const FunctionDecl *Def = nullptr;
  if (!D || !D->isUserProvided() || !D->hasBody(Def) || !Def->getBody())
    return P->Guards[RD] = false;
  bool Runs = callsHeldCallable(Def->getBody());
  // ~Guard() { run(); }: one member down.
  std::vector<const Stmt *> Work{Def->getBody()};
  while (!Runs && !Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S); MC && isThis(MC->getImplicitObjectArgument()))
      if (const FunctionDecl *Sub = nullptr; MC->getMethodDecl() && MC->getMethodDecl()->hasBody(Sub))
        Runs = callsHeldCallable(Sub->getBody());
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  return P->Guards[RD] = Runs;
}

} // namespace borrowck
