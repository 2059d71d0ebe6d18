#include "summary/ThreadReader.h"
#include "model/StdThreads.h"
#include "summary/ThreadExprs.h"

#include "clang/AST/Attr.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace borrowck {

using namespace stdthreads;

namespace {

// Is X the expression C, up to parentheses and implicit casts?
bool same(const Expr *X, const Stmt *C) {
  const auto *CE = dyn_cast<Expr>(C);
  return X == C || (CE && X->IgnoreParenImpCasts() == CE->IgnoreParenImpCasts());
}

const VarDecl *localVarOf(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(E)))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasLocalStorage())
      return V;
  return nullptr;
}

} // namespace

bool mayBeShared(const VarDecl *V) {
  return !isSynchronised(V->getType()) && !V->getType().isConstQualified() && !V->isConstexpr() &&
         V->getTLSKind() == VarDecl::TLS_None;
}

const FieldDecl *sharedThisField(const MemberExpr *ME, bool ThisShared) {
  if (!ThisShared || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  const auto *Fd = dyn_cast<FieldDecl>(ME->getMemberDecl());
  // The field's own type: in a const member function `n` reads as `const int`, still a shared field.
  return Fd && !isSynchronised(ME->getType()) && !Fd->getType().isConstQualified() ? Fd : nullptr;
}

const FieldDecl *orderingThisField(const MemberExpr *ME, bool ThisShared) {
  if (!ThisShared || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  const auto *Fd = dyn_cast<FieldDecl>(ME->getMemberDecl());
  return Fd && ordersThreads(Fd->getType()) ? Fd : nullptr;
}

void indexParents(const Stmt *S, const Stmt *P, llvm::DenseMap<const Stmt *, const Stmt *> &Parents) {
  if (!S)
    return;
  Parents[S] = P;
  if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
    for (const Expr *I : LE->capture_inits())
      indexParents(I, S, Parents);
    indexParents(LE->getBody(), S, Parents);
    return;
  }
  for (const Stmt *C : S->children())
    indexParents(C, S, Parents);
}

const ValueDecl *ThreadReader::mutexOf(const Expr *E) {
  E = strip(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_AddrOf))
    E = strip(UO->getSubExpr());
  if (!isMutex(E->getType()) && !(E->getType()->isPointerType() && isMutex(E->getType()->getPointeeType())))
    return nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return mention(DRE->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return mention(ME->getMemberDecl());
  return nullptr;
}

void ThreadReader::applyLocks(const Stmt *S, DeclSet &Held,
                               GuardMap &Guards) {
  // if (!m.try_lock()) return;  -- what follows runs with m held.
  if (const auto *If = dyn_cast<IfStmt>(S); If && If->getCond() && !If->getElse()) {
    const Stmt *Then = If->getThen();
    if (const auto *CS = dyn_cast<CompoundStmt>(Then); CS && CS->size() > 0)
      Then = CS->body_back();
    const auto *Not = dyn_cast<UnaryOperator>(strip(If->getCond()));
    if (Not && Not->getOpcode() == UO_LNot &&
        (isa<ReturnStmt>(Then) || isa<ContinueStmt>(Then) || isa<BreakStmt>(Then)))
      tryLocks(Not->getSubExpr(), Held, Guards);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *V = dyn_cast<VarDecl>(D);
      if (!V || !isGuard(V->getType()) || !V->getInit())
        continue;
      const auto *CE = dyn_cast<CXXConstructExpr>(strip(V->getInit()));
      if (!CE)
        continue;
      bool Deferred = false;
      std::vector<const ValueDecl *> Ms;
      for (const Expr *A : CE->arguments()) {
        Deferred |= isDeferTag(A->getType());
        if (auto M = mutexOf(A))
          Ms.push_back(M);
      }
      Guards[V] = Ms;
      if (!Deferred)
        Held.insert(Ms.begin(), Ms.end());
    }
    return;
  }
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return;
  E = strip(E);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const auto *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier())
      return;
    // std's names, or Clang's thread-safety attributes on a user's mutex or
    // scoped lock (`void Lock() ACQUIRE()`, `void Release() RELEASE()`).
    const LockOp Op = memberLockOp(*MD);
    if (Op == LockOp::None)
      return;
    std::vector<const ValueDecl *> Ms;
    if (auto M = mutexOf(MC->getImplicitObjectArgument()))
      Ms.push_back(M);
    else if (const VarDecl *G = localVarOf(MC->getImplicitObjectArgument()); G && Guards.count(G))
      Ms = Guards[G];
    for (const ValueDecl *M : Ms) {
      if (Op == LockOp::Lock)
        Held.insert(M);
      else
        Held.erase(M);
    }
    return;
  }
  // A function annotated ACQUIRE(m) / RELEASE(m) on a global mutex.
  if (const auto *C = dyn_cast<CallExpr>(E); C && C->getDirectCallee()) {
    const FunctionDecl *F = C->getDirectCallee();
    for (const Expr *Arg : acquiredArgs(*F))
      if (auto M = mutexOf(Arg))
        Held.insert(M);
    for (const Expr *Arg : releasedArgs(*F))
      if (auto M = mutexOf(Arg))
        Held.erase(M);
  }
  if (const auto *C = dyn_cast<CallExpr>(E); C && isStdLock(C->getDirectCallee()))
    for (const Expr *A : C->arguments())
      if (auto M = mutexOf(A))
        Held.insert(M);
}

// The mutexes held at E: guards declared and lock()/unlock() calls made
// before it in the enclosing blocks, up to Root; std::call_once's callable
// runs under its once_flag.
DeclSet ThreadReader::locksAt(const Stmt *E, const Stmt *Root) {
  // From the inside out: the blocks around E (with the statement holding E),
  // and the `if`s whose then-branch holds E (a successful try_lock()).
  struct Level {
    const CompoundStmt *Block = nullptr;
    const Stmt *Child = nullptr;
    const Expr *Tried = nullptr;
  };
  std::vector<Level> Levels;
  DeclSet Held;
  const Stmt *Child = E;
  for (const Stmt *P = parent(E); P; Child = P, P = parent(P)) {
    if (const auto *CS = dyn_cast<CompoundStmt>(P))
      Levels.push_back({CS, Child, nullptr});
    if (const auto *If = dyn_cast<IfStmt>(P); If && If->getThen() == Child && If->getCond())
      Levels.push_back({nullptr, nullptr, If->getCond()});
    if (const auto *C = dyn_cast<CallExpr>(P);
        C && isStdCallOnce(C->getDirectCallee()) && C->getNumArgs() >= 1)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(C->getArg(0))))
        Held.insert(mention(DRE->getDecl()));
    if (P == Root)
      break;
  }
  llvm::DenseMap<const VarDecl *, std::vector<const ValueDecl *>> Guards;
  for (auto It = Levels.rbegin(); It != Levels.rend(); ++It) {
    if (It->Tried) {
      tryLocks(It->Tried, Held, Guards);
      continue;
    }
    for (const Stmt *S : It->Block->body()) {
      if (S == It->Child)
        break;
      applyLocks(S, Held, Guards);
    }
  }
  return Held;
}

// `if (m.try_lock())`, `if (lk.owns_lock())`, `if (lk)` (a guard made with
// std::try_to_lock), or a member annotated try_acquire_capability: the
// then-branch runs with the mutex held.
void ThreadReader::tryLocks(const Expr *Cond, DeclSet &Held,
                             GuardMap &Guards) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(strip(Cond));
  const auto *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD)
    return;
  const bool Tries = isTryLock(*MD);
  const bool Owns = isOwnsLock(*MD);
  if (!Tries && !Owns)
    return;
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (auto M = mutexOf(Obj); M && Tries)
    Held.insert(M);
  else if (const VarDecl *G = localVarOf(Obj); G && Guards.count(G))
    Held.insert(Guards[G].begin(), Guards[G].end());
}

// An lvalue given for F's parameter I: a non-const lvalue reference writes
// it, unless F's body only reads through it (`make_unique<T>(host)`, whose
// `Args&&` deduces `const char *&`, forwarded to a by-value parameter).
bool ThreadReader::writesArg(const FunctionDecl *F, unsigned I) const {
  QualType PT = F->getParamDecl(I)->getType();
  if (!PT->isLValueReferenceType() || PT->getPointeeType().isConstQualified())
    return false;
  return !Writes || Writes(F, I);
}

// How the expression E (naming the shared D) is used: read, written, or one
// element of it read or written.
std::optional<DeclAccess> ThreadReader::accessOf(const Expr *E, const ValueDecl *D, const Stmt *Root) {
  DeclAccess A;
  A.Var = mention(D);
  A.At = E;
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
      A.Write |= !MD->isConst() && !MD->isStatic() && !constForDataRaces(MD);
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
      if (!MD)
        break;
      if (!same(MC->getImplicitObjectArgument(), C)) { // an argument: as for a call, below
        for (unsigned I = 0; I < MC->getNumArgs() && I < MD->getNumParams(); ++I)
          if (same(MC->getArg(I), C))
            A.Write |= writesArg(MD, I);
        break;
      }
      if (MD->getIdentifier() && isSequence(MC->getImplicitObjectArgument()->getType()) &&
          isElementAccess(MD->getName())) {
        A.Element = true;
        continue;
      }
      A.Write |= !MD->isConst() && !constForDataRaces(MD);
      break;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *F = Call->getDirectCallee();
      if (isStdRef(F))
        return std::nullopt;
      for (unsigned I = 0; F && I < Call->getNumArgs() && I < F->getNumParams(); ++I)
        if (same(Call->getArg(I), C))
          A.Write |= writesArg(F, I);
      break;
    }
    break;
  }
  A.Locks = locksAt(E, Root);
  return A;
}

} // namespace borrowck
