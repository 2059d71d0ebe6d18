#include "ast/EachElement.h"
#include "ast/Elements.h"
#include "ast/Wrappers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>

using namespace clang;

namespace borrowck {

namespace {

const VarDecl *localRef(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(E)->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && V->hasLocalStorage() && !DRE->refersToEnclosingVariableOrCapture() ? V : nullptr;
}

// The loop whose body runs S on every iteration: S is a statement of the
// body itself, not under a branch.
const Stmt *loopRunningEachTime(const Stmt *S, const ParentIndex &Parents) {
  const Stmt *P = Parents.parentOf(S);
  while (P && isa<FullExpr>(P)) {
    S = P;
    P = Parents.parentOf(P);
  }
  while (P && isa<CompoundStmt>(P)) {
    S = P;
    P = Parents.parentOf(P);
  }
  if (const auto *FR = dyn_cast_or_null<CXXForRangeStmt>(P); FR && FR->getBody() == S)
    return FR;
  if (const auto *FS = dyn_cast_or_null<ForStmt>(P); FS && FS->getBody() == S)
    return FS;
  return nullptr;
}

// Does S leave the loop early or skip the rest of an iteration?
bool jumps(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<BreakStmt>(S) || isa<ContinueStmt>(S) || isa<ReturnStmt>(S) || isa<GotoStmt>(S) ||
      isa<CXXThrowExpr>(S) || isa<CoreturnStmt>(S) || isa<IndirectGotoStmt>(S))
    return true;
  for (const Stmt *C : S->children())
    if (jumps(C))
      return true;
  return false;
}

bool isZero(const Expr *E, const ASTContext &Ctx) { return constantKey(E, Ctx) == "0"; }

// `++i`, `i++`, `i += 1`.
bool stepsByOne(const Expr *Inc, const VarDecl *I, const ASTContext &Ctx) {
  Inc = Inc ? skipWrappers(Inc)->IgnoreParenImpCasts() : nullptr;
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Inc))
    return UO->isIncrementOp() && localRef(UO->getSubExpr()) == I;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Inc))
    return BO->getOpcode() == BO_AddAssign && localRef(BO->getLHS()) == I && constantKey(BO->getRHS(), Ctx) == "1";
  return false;
}

// `i = 0` or `int i = 0`.
bool startsAtZero(const Stmt *Init, const VarDecl *I, const ASTContext &Ctx) {
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Init))
    return DS->isSingleDecl() && DS->getSingleDecl() == I && I->getInit() && isZero(I->getInit(), Ctx);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Init))
    return BO->getOpcode() == BO_Assign && localRef(BO->getLHS()) == I && isZero(BO->getRHS(), Ctx);
  return false;
}

// The braced initialiser's elements: `T *a[] = {p, q}`, `std::vector<T *> v{p, q}`,
// `std::array<T *, 2> a{{p, q}}`. Empty when the contents are not known so.
llvm::SmallVector<const Expr *, 8> initialElements(const VarDecl *V) {
  llvm::SmallVector<const Expr *, 8> Out;
  const Expr *E = V->getInit();
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = skipWrappers(E)->IgnoreImplicit();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      const Expr *A = CE->getNumArgs() >= 1 ? skipWrappers(CE->getArg(0))->IgnoreImplicit() : nullptr;
      const auto *IL = dyn_cast_or_null<CXXStdInitializerListExpr>(A);
      if (!IL)
        return Out;
      E = IL->getSubExpr();
      continue;
    }
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
      continue;
    }
    const auto *IL = dyn_cast<InitListExpr>(E);
    if (!IL)
      return Out;
    // std::array: an aggregate whose one member is the array.
    if (IL->getType()->isRecordType()) {
      if (IL->getNumInits() != 1)
        return Out;
      E = IL->getInit(0);
      continue;
    }
    for (const Expr *I : IL->inits())
      Out.push_back(I);
    return Out;
  }
  return Out;
}

void countRefs(const Stmt *S, const VarDecl *V, unsigned &N) {
  if (!S)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V)
    ++N;
  for (const Stmt *C : S->children())
    countRefs(C, V, N);
}

// References to V in S that only read one of its elements: `v[i]` read as a
// value (`delete v[i]`, `v[i]->n = 0`), not assigned or bound to a reference.
void countElementReads(const Stmt *S, const VarDecl *V, const ParentIndex &Parents, unsigned &N) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V) {
    const Stmt *Child;
    const Stmt *P = Parents.semanticParent(DRE, Child);
    const Expr *Base = nullptr;
    if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(P))
      Base = AS->getBase();
    else if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P);
             OC && OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2)
      Base = OC->getArg(0);
    const auto *Read = P ? dyn_cast_or_null<ImplicitCastExpr>(Parents.parentOf(P)) : nullptr;
    if (Base && Base->IgnoreParenImpCasts() == DRE && Read && Read->getCastKind() == CK_LValueToRValue)
      ++N;
  }
  for (const Stmt *C : S->children())
    countElementReads(C, V, Parents, N);
}

// `i < v.size()`, `i != v.size()`, `i < std::size(v)`, `i < N` with N the
// number of elements.
bool coversAll(const Expr *Cond, const VarDecl *I, const VarDecl *V, size_t Count, const ASTContext &Ctx) {
  const auto *BO = Cond ? dyn_cast<BinaryOperator>(skipWrappers(Cond)->IgnoreParenImpCasts()) : nullptr;
  if (!BO || (BO->getOpcode() != BO_LT && BO->getOpcode() != BO_NE) || localRef(BO->getLHS()) != I)
    return false;
  const Expr *R = skipWrappers(BO->getRHS())->IgnoreParenImpCasts();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(R))
    return MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() && MC->getMethodDecl()->getName() == "size" &&
           localRef(MC->getImplicitObjectArgument()) == V;
  if (const auto *CE = dyn_cast<CallExpr>(R); CE && CE->getNumArgs() == 1) {
    const auto *F = dyn_cast_or_null<FunctionDecl>(CE->getCalleeDecl());
    return F && F->isInStdNamespace() && F->getIdentifier() && F->getName() == "size" && localRef(CE->getArg(0)) == V;
  }
  return constantKey(R, Ctx) == std::to_string(Count);
}

} // namespace

bool isElementOperand(const Expr *Operand) {
  const Expr *E = skipWrappers(Operand)->IgnoreParenImpCasts();
  if (isa<ArraySubscriptExpr>(E) || elementAccess(E).Container)
    return true;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    return OC->getOperator() == OO_Star || OC->getOperator() == OO_Arrow;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return isElementOperand(ME->getBase());
  return false;
}

StoredTwice storedTwice(const Expr *Operand, const Stmt *Delete, const Stmt *Body, const ParentIndex &Parents,
                        const ASTContext &Ctx) {
  const Stmt *Loop = loopRunningEachTime(Delete, Parents);
  if (!Loop || !Body)
    return {};
  const Expr *Op = skipCopies(Operand);
  const VarDecl *V = nullptr;
  unsigned Allowed = 0; // references to V the loop itself makes
  const Stmt *LoopBody = nullptr;
  if (const auto *FR = dyn_cast<CXXForRangeStmt>(Loop)) {
    const VarDecl *E = localRef(Op);
    if (!E || E != FR->getLoopVariable() || assignedIn(E, FR->getBody()))
      return {};
    V = localRef(FR->getRangeInit());
    if (!V)
      return {};
    countRefs(FR->getRangeInit(), V, Allowed);
    LoopBody = FR->getBody();
    countElementReads(LoopBody, V, Parents, Allowed);
  } else {
    const auto *FS = cast<ForStmt>(Loop);
    const Expr *Base = nullptr, *Index = nullptr;
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Op)) {
      Base = AS->getBase();
      Index = AS->getIdx();
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Op);
               OC && OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2) {
      Base = OC->getArg(0);
      Index = OC->getArg(1);
    }
    V = localRef(Base);
    const VarDecl *I = localRef(Index);
    if (!V || !I || !startsAtZero(FS->getInit(), I, Ctx) || !stepsByOne(FS->getInc(), I, Ctx) ||
        assignedIn(I, FS->getBody()))
      return {};
    const size_t Count = initialElements(V).size();
    if (!coversAll(FS->getCond(), I, V, Count, Ctx))
      return {};
    countRefs(FS->getCond(), V, Allowed);
    LoopBody = FS->getBody();
    countElementReads(LoopBody, V, Parents, Allowed);
  }
  if (isa<ParmVarDecl>(V) || V->getType()->isReferenceType() || jumps(LoopBody))
    return {};
  // A set keeps one copy of each pointer: only arrays and sequences keep both.
  if (const auto *RD = V->getType()->getAsCXXRecordDecl();
      RD && !(RD->isInStdNamespace() && RD->getIdentifier() &&
              llvm::StringSwitch<bool>(RD->getName())
                  .Cases({"vector", "deque", "list", "forward_list", "array", "multiset", "unordered_multiset"}, true)
                  .Default(false)))
    return {};
  unsigned All = 0;
  countRefs(Body, V, All);
  if (All != Allowed)
    return {}; // read or changed elsewhere: its contents may not be the initialiser's
  const auto Elements = initialElements(V);
  // 2: the element surely is P; 1: on some paths (`c ? p : q`); 0: not.
  auto Names = [](const Expr *E, const VarDecl *P) {
    E = skipCopies(E);
    if (localRef(E) == P)
      return 2;
    if (const auto *CO = dyn_cast<ConditionalOperator>(E))
      return localRef(skipCopies(CO->getTrueExpr())) == P || localRef(skipCopies(CO->getFalseExpr())) == P ? 1 : 0;
    return 0;
  };
  for (size_t A = 0; A < Elements.size(); ++A) {
    const VarDecl *P = localRef(skipCopies(Elements[A]));
    if (!P || !P->getType()->isPointerType() || assignedIn(P, Body))
      continue;
    for (size_t B = 0; B < Elements.size(); ++B)
      if (B != A)
        if (int N = Names(Elements[B], P); N && (N == 1 || B > A))
          return {V, P, Elements[std::min(A, B)], Elements[std::max(A, B)], N == 1};
  }
  return {};
}

} // namespace borrowck
