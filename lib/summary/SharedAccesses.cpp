// The shared-access facet of SummaryCache (summary/SharedAccesses.h).
#include "summary/SharedAccesses.h"
#include "model/StdThreads.h"
#include "summary/SummaryCacheImpl.h"
#include "summary/ThreadExprs.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace borrowck {

using namespace stdthreads;

namespace {

// A global a helper's body touches: not a local (with no lambda of its own
// around, a helper shares nothing else), not a parameter, not synchronised
// or constant, not thread-local.
bool sharedGlobal(const ValueDecl *D) {
  const auto *V = dyn_cast<VarDecl>(D);
  if (!V)
    return false;
  if (isSynchronised(V->getType()) || V->getType().isConstQualified() || V->isConstexpr())
    return false;
  if (V->getTLSKind() != VarDecl::TLS_None)
    return false;
  return !V->hasLocalStorage() && !isa<ParmVarDecl>(V);
}

// One walk over a callee's body.
struct Collector {
  Collector(SummaryCache &Cache, const FunctionDecl *Def, bool ThisShared, bool Deep, CalleeAccesses &Out,
            const DeclSet &Required)
      : Cache(Cache), Def(Def), ThisShared(ThisShared), Deep(Deep), Out(Out), Required(Required) {}
  SummaryCache &Cache;
  const FunctionDecl *Def;
  bool ThisShared;
  bool Deep;
  CalleeAccesses &Out;
  const DeclSet &Required; // REQUIRES(m) on the definition: held for every access
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  ThreadReader Reader{[this](const Stmt *S) { return Parents.lookup(S); },
                      [this](const ValueDecl *D) { Out.Mentions.push_back(D); }};

  void collect(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Inner = dyn_cast<LambdaExpr>(S)) {
      collect(Inner->getBody());
      return;
    }
    const ValueDecl *D = nullptr;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      if (sharedGlobal(DRE->getDecl()))
        D = DRE->getDecl();
    } else if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      D = sharedThisField(ME, ThisShared);
    }
    if (D) {
      if (auto A = Reader.accessOf(cast<Expr>(S), D, Def->getBody())) {
        CalleeAccess C{A->Var, A->Write, A->Element, A->Locks};
        C.Locks.insert(Required.begin(), Required.end());
        Out.Accesses.push_back(std::move(C));
      }
      if (isa<DeclRefExpr>(S))
        return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && Deep)
      intoCallee(Call);
    for (const Stmt *C : S->children())
      collect(C);
  }

  // A helper this callee calls (the second level): what it touches, under
  // the locks held at the call and those its REQUIRES() names.
  void intoCallee(const CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    const FunctionDecl *Sub = nullptr;
    if (!F || F->isInStdNamespace() || !F->hasBody(Sub) || !Sub->getBody() || Sub == Def || spawnExpr(Call))
      return; // Sub == Def: recursion, cut
    if (const auto *MD = dyn_cast<CXXMethodDecl>(F); MD && MD->getParent()->isLambda())
      return; // a lambda's body: its captures are not this function's
    if (F->getDeclContext()->isStdNamespace() ||
        Sub->getASTContext().getSourceManager().isInSystemHeader(Sub->getLocation()))
      return;
    DeclSet Held = Reader.locksAt(Call, Def->getBody());
    Held.insert(Required.begin(), Required.end());
    for (const Expr *Arg : requiredArgs(*F))
      if (const ValueDecl *M = Reader.mutexOf(Arg))
        Held.insert(M);
    bool OnThis = false;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      OnThis = isThis(MC->getImplicitObjectArgument());
    const CalleeAccesses &Inner = Cache.sharedAccesses(Sub, ThisShared && OnThis, /*Deep=*/false);
    Out.Mentions.insert(Out.Mentions.end(), Inner.Mentions.begin(), Inner.Mentions.end());
    for (CalleeAccess A : Inner.Accesses) {
      A.Locks.insert(Held.begin(), Held.end());
      Out.Accesses.push_back(std::move(A));
    }
  }
};

} // namespace

const CalleeAccesses &SummaryCache::sharedAccesses(const FunctionDecl *Def, bool ThisShared, bool Deep) {
  auto Key = std::make_tuple(Def, ThisShared, Deep);
  if (auto It = P->Accesses.find(Key); It != P->Accesses.end())
    return It->second;
  CalleeAccesses Result;
  DeclSet Required;
  Collector C(*this, Def, ThisShared, Deep, Result, Required);
  indexParents(Def->getBody(), nullptr, C.Parents);
  for (const Expr *Arg : requiredArgs(*Def))
    if (const ValueDecl *M = C.Reader.mutexOf(Arg))
      Required.insert(M);
  C.collect(Def->getBody());
  // Deep walks ask for shallow ones of other functions only: no cycle, and
  // std::map keeps the references handed out valid.
  return P->Accesses[Key] = std::move(Result);
}

const std::vector<ParamUse> &SummaryCache::paramAccesses(const FunctionDecl *Def, unsigned Param) {
  auto Key = std::make_pair(Def, Param);
  if (auto It = P->ParamUses.find(Key); It != P->ParamUses.end())
    return It->second;
  std::vector<ParamUse> Result;
  const ParmVarDecl *PD = Def->getParamDecl(Param);
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  indexParents(Def->getBody(), nullptr, Parents);
  std::vector<const DeclRefExpr *> Uses;
  std::vector<const Stmt *> Work{Def->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == PD)
      Uses.push_back(DRE);
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  for (const DeclRefExpr *U : Uses) {
    ParamUse Use;
    ThreadReader Reader([&](const Stmt *S) { return Parents.lookup(S); },
                        [&](const ValueDecl *D) { Use.Mentions.push_back(D); });
    if (auto A = Reader.accessOf(U, PD, Def->getBody()))
      Use.Access = CalleeAccess{A->Var, A->Write, A->Element, A->Locks};
    Result.push_back(std::move(Use));
  }
  return P->ParamUses[Key] = std::move(Result);
}

} // namespace borrowck
