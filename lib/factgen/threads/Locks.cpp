// Locks: which mutexes are held at an expression of a thread body (or of the
// spawning function): guards declared before it in the enclosing blocks,
// lock()/unlock(), std::lock, try_lock() branches, std::call_once's flag and
// Clang's capability attributes.
#include "factgen/threads/ThreadBuilderImpl.h"
#include "model/StdThreads.h"

#include "clang/AST/Attr.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

using namespace clang;

namespace borrowck {

using namespace stdthreads;

std::optional<uint32_t> ThreadBuilder::mutexOf(const Expr *E) {
  E = strip(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_AddrOf))
    E = strip(UO->getSubExpr());
  if (!isMutex(E->getType()) && !(E->getType()->isPointerType() && isMutex(E->getType()->getPointeeType())))
    return std::nullopt;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return varId(DRE->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return varId(ME->getMemberDecl());
  return std::nullopt;
}

void ThreadBuilder::applyLocks(const Stmt *S, std::set<uint32_t> &Held,
                               llvm::DenseMap<const VarDecl *, std::vector<uint32_t>> &Guards) {
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
      std::vector<uint32_t> Ms;
      for (const Expr *A : CE->arguments()) {
        Deferred |= isDeferTag(A->getType());
        if (auto M = mutexOf(A))
          Ms.push_back(*M);
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
    std::vector<uint32_t> Ms;
    if (auto M = mutexOf(MC->getImplicitObjectArgument()))
      Ms.push_back(*M);
    else if (const VarDecl *G = localVar(MC->getImplicitObjectArgument()); G && Guards.count(G))
      Ms = Guards[G];
    for (uint32_t M : Ms) {
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
        Held.insert(*M);
    for (const Expr *Arg : releasedArgs(*F))
      if (auto M = mutexOf(Arg))
        Held.erase(*M);
  }
  if (const auto *C = dyn_cast<CallExpr>(E); C && isStdLock(C->getDirectCallee()))
    for (const Expr *A : C->arguments())
      if (auto M = mutexOf(A))
        Held.insert(*M);
}

// The mutexes held at E: guards declared and lock()/unlock() calls made
// before it in the enclosing blocks, up to Root; std::call_once's callable
// runs under its once_flag.
std::vector<uint32_t> ThreadBuilder::locksAt(const Stmt *E, const Stmt *Root) {
  // From the inside out: the blocks around E (with the statement holding E),
  // and the `if`s whose then-branch holds E (a successful try_lock()).
  struct Level {
    const CompoundStmt *Block = nullptr;
    const Stmt *Child = nullptr;
    const Expr *Tried = nullptr;
  };
  std::vector<Level> Levels;
  std::set<uint32_t> Held;
  const Stmt *Child = E;
  for (const Stmt *P = parent(E); P; Child = P, P = parent(P)) {
    if (const auto *CS = dyn_cast<CompoundStmt>(P))
      Levels.push_back({CS, Child, nullptr});
    if (const auto *If = dyn_cast<IfStmt>(P); If && If->getThen() == Child && If->getCond())
      Levels.push_back({nullptr, nullptr, If->getCond()});
    if (const auto *C = dyn_cast<CallExpr>(P);
        C && isStdCallOnce(C->getDirectCallee()) && C->getNumArgs() >= 1)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(C->getArg(0))))
        Held.insert(varId(DRE->getDecl()));
    if (P == Root)
      break;
  }
  llvm::DenseMap<const VarDecl *, std::vector<uint32_t>> Guards;
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
  return {Held.begin(), Held.end()};
}

// `if (m.try_lock())`, `if (lk.owns_lock())`, `if (lk)` (a guard made with
// std::try_to_lock), or a member annotated try_acquire_capability: the
// then-branch runs with the mutex held.
void ThreadBuilder::tryLocks(const Expr *Cond, std::set<uint32_t> &Held,
                             llvm::DenseMap<const VarDecl *, std::vector<uint32_t>> &Guards) {
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
    Held.insert(*M);
  else if (const VarDecl *G = localVar(Obj); G && Guards.count(G))
    Held.insert(Guards[G].begin(), Guards[G].end());
}

} // namespace borrowck
