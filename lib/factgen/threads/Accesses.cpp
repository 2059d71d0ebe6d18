// Accesses: which shared variables a thread body (and the helpers it calls,
// two deep) reads or writes, one element or whole, under which locks.
#include "factgen/threads/ThreadBuilderImpl.h"
#include "model/StdThreads.h"

#include "clang/AST/Attr.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

using namespace clang;

namespace borrowck {

using namespace stdthreads;

namespace {

// Is X the expression C, up to parentheses and implicit casts?
bool same(const Expr *X, const Stmt *C) {
  const auto *CE = dyn_cast<Expr>(C);
  return X == C || (CE && X->IgnoreParenImpCasts() == CE->IgnoreParenImpCasts());
}

} // namespace

bool ThreadBuilder::sharedIn(const ValueDecl *D, const LambdaExpr *LE) const {
  const auto *V = dyn_cast<VarDecl>(D);
  if (!V)
    return false;
  if (isSynchronised(V->getType()) || V->getType().isConstQualified() || V->isConstexpr())
    return false;
  if (V->getTLSKind() != VarDecl::TLS_None)
    return false;
  if (!V->hasLocalStorage())
    return !isa<ParmVarDecl>(V);
  if (!LE)
    return false;
  for (const LambdaCapture &C : LE->captures())
    if (C.capturesVariable() && C.getCapturedVar() == V)
      return C.getCaptureKind() == LCK_ByRef;
  return false;
}

// How the expression E (naming the shared D) is used: read, written, or one
// element of it read or written.
std::optional<ThreadAccess> ThreadBuilder::accessOf(const Expr *E, const ValueDecl *D,
                                                    const Stmt *Root) {
  ThreadAccess A;
  A.Var = varId(D);
  A.Where = spanOr(E);
  const Stmt *C = E;
  for (const Stmt *P = parent(C); P; C = P, P = parent(P)) {
    if (isa<ParenExpr>(P) || isa<MaterializeTemporaryExpr>(P) || isa<CXXBindTemporaryExpr>(P) ||
        isa<FullExpr>(P))
      continue;
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(P)) {
      if (IC->getCastKind() == CK_LValueToRValue)
        break;
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      A.Write |= UO->isIncrementDecrementOp();
      break;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      A.Write |= BO->isAssignmentOp() && same(BO->getLHS(), C);
      break;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (ME->isArrow())
        break;
      const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      if (!MD)
        continue; // s.field: an access to s
      // v.push_back(x), v.size(), v.at(i) = x
      const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME));
      if (MC && MD->getIdentifier() && isSequence(ME->getBase()->getType()) &&
          isElementAccess(MD->getName())) {
        A.Element = true;
        P = MC;
        continue;
      }
      A.Write |= !MD->isConst() && !MD->isStatic();
      break;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P)) {
      if (!same(AS->getBase(), C))
        break;
      A.Element = true;
      continue;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (OC->getNumArgs() == 0 || !same(OC->getArg(0), C))
        break;
      const auto *MD = dyn_cast_or_null<CXXMethodDecl>(OC->getCalleeDecl());
      if (OC->getOperator() == OO_Subscript && isSequence(OC->getArg(0)->getType())) {
        A.Element = true;
        continue;
      }
      if (OC->isAssignmentOp() || OC->getOperator() == OO_PlusPlus ||
          OC->getOperator() == OO_MinusMinus || (MD && !MD->isConst()))
        A.Write = true;
      break;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
      const auto *MD = MC->getMethodDecl();
      if (!MD || !same(MC->getImplicitObjectArgument(), C)) {
        break;
      }
      if (MD->getIdentifier() && isSequence(MC->getImplicitObjectArgument()->getType()) &&
          isElementAccess(MD->getName())) {
        A.Element = true;
        continue;
      }
      A.Write |= !MD->isConst();
      break;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *F = Call->getDirectCallee();
      if (isStdRef(F))
        return std::nullopt;
      for (unsigned I = 0; F && I < Call->getNumArgs() && I < F->getNumParams(); ++I)
        if (same(Call->getArg(I), C)) {
          QualType PT = F->getParamDecl(I)->getType();
          A.Write |= PT->isLValueReferenceType() && !PT->getPointeeType().isConstQualified();
        }
      break;
    }
    break;
  }
  A.Locks = locksAt(E, Root);
  return A;
}

void ThreadBuilder::collectAccesses(const Stmt *S, const LambdaExpr *LE, const Stmt *Root,
                                    std::vector<ThreadAccess> &Acc) {
  if (!S)
    return;
  if (const auto *Inner = dyn_cast<LambdaExpr>(S)) {
    collectAccesses(Inner->getBody(), LE, Root, Acc);
    return;
  }
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    if (sharedIn(DRE->getDecl(), LE))
      D = DRE->getDecl();
  } else if (const auto *ME = dyn_cast<MemberExpr>(S)) {
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) && Callee.ThisShared &&
        isa<FieldDecl>(ME->getMemberDecl()) && !isSynchronised(ME->getType()) &&
        !ME->getType().isConstQualified())
      D = ME->getMemberDecl();
  }
  if (D) {
    if (auto A = accessOf(cast<Expr>(S), D, Root)) {
      Shared.insert(D);
      if (Callee.Call) { // inside a helper: reported at the call, under the caller's locks too
        A->Where = spanOr(Callee.Call);
        A->Via = Callee.Name;
        std::set<uint32_t> L(A->Locks.begin(), A->Locks.end());
        L.insert(Callee.Locks.begin(), Callee.Locks.end());
        A->Locks.assign(L.begin(), L.end());
      }
      Acc.push_back(std::move(*A));
    }
    if (isa<DeclRefExpr>(S))
      return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    intoCallee(Call, Root, Acc);
  for (const Stmt *C : S->children())
    collectAccesses(C, LE, Root, Acc);
}

// A helper with a body here, called from a thread body (or by the spawning
// thread): what it touches, up to two calls deep. Its accesses are made
// under the locks held at the call, those it takes itself, and those its
// REQUIRES(m) annotation says the caller holds.
void ThreadBuilder::intoCallee(const CallExpr *Call, const Stmt *Root, std::vector<ThreadAccess> &Acc) {
  const FunctionDecl *F = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!F || Callee.Depth >= 2 || F->isInStdNamespace() || !F->hasBody(Def) || !Def->getBody() ||
      InCallee.count(Def) || spawnExpr(Call))
    return;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(F); MD && MD->getParent()->isLambda())
    return; // a lambda's body: its captures are not this function's
  if (F->getDeclContext()->isStdNamespace() || Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return;
  CalleeState Saved = Callee;
  std::vector<uint32_t> Held = locksAt(Call, Root);
  Held.insert(Held.end(), Callee.Locks.begin(), Callee.Locks.end());
  for (const FunctionDecl *R : {F, Def})
    for (const Expr *Arg : requiredArgs(*R))
      if (auto M = mutexOf(Arg))
        Held.push_back(*M);
  bool OnThis = false;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    OnThis = isThis(MC->getImplicitObjectArgument());
  Callee.ThisShared = Callee.ThisShared && OnThis;
  Callee.Locks = std::move(Held);
  Callee.Depth++;
  if (!Callee.Call) {
    Callee.Call = Call;
    Callee.Name = F->getNameAsString();
  }
  InCallee.insert(Def);
  index(Def->getBody(), nullptr);
  collectAccesses(Def->getBody(), nullptr, Def->getBody(), Acc);
  InCallee.erase(Def);
  Callee = std::move(Saved);
}

// A function given std::ref(x) for parameter Param: x is written if the
// body writes the parameter.
void ThreadBuilder::calleeBody(const FunctionDecl *Callee, const Expr *Arg, unsigned Param,
                               SpawnSite &Sp) {
  const FunctionDecl *Def = nullptr;
  if (!Callee || !Callee->hasBody(Def) || Param >= Def->getNumParams())
    return;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  const VarDecl *Of = localVar(Arg);
  if (!Of)
    return;
  index(Def->getBody(), nullptr);
  std::vector<const DeclRefExpr *> Uses;
  std::vector<const Stmt *> Work{Def->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == P)
      Uses.push_back(DRE);
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  for (const DeclRefExpr *U : Uses)
    if (auto A = accessOf(U, P, Def->getBody())) {
      A->Var = varId(Of);
      A->Where = spanOr(Arg);
      Shared.insert(Of);
      Sp.Accesses.push_back(std::move(*A));
    }
}

} // namespace borrowck
