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


bool ThreadBuilder::sharedIn(const ValueDecl *D, const LambdaExpr *LE) const {
  const auto *V = dyn_cast<VarDecl>(D);
  if (!V || !mayBeShared(V))
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
// element of it read or written (summary/ThreadReader.h).
std::optional<ThreadAccess> ThreadBuilder::accessOf(const Expr *E, const ValueDecl *D,
                                                    const Stmt *Root) {
  auto A = Reader.accessOf(E, D, Root);
  if (!A)
    return std::nullopt;
  return access(A->Var, spanOr(E), A->Write, A->Element, A->Locks);
}

ThreadAccess ThreadBuilder::access(const ValueDecl *Var, Span Where, bool Write, bool Element,
                                   const DeclSet &Locks) {
  ThreadAccess A;
  A.Var = varId(Var);
  A.Where = Where;
  A.Write = Write;
  A.Element = Element;
  A.Locks = ids(Locks);
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
    D = sharedThisField(ME, ThisShared);
  }
  if (D) {
    // `k.inc()`: the member's summary says which fields of `k` it touches
    // (intoCallee, at the call), not a write of the whole of `k`.
    if (const CalleeAccesses *Sum = nullptr; namesObject(S)) {
      const auto *MC = callOn(cast<Expr>(S));
      if (MC && objectCall(MC, &Sum) == D) {
        Shared.insert(D);
        return;
      }
    }
    if (auto A = accessOf(cast<Expr>(S), D, Root)) {
      Shared.insert(D);
      // A member whose body cannot be followed, on an object with atomics of
      // its own: it may store them too (what orders the spawner's later reads).
      if (const auto *MC = namesObject(S) ? callOn(cast<Expr>(S)) : nullptr; MC && hasOrderingField(D)) {
        ThreadAccess O = *A;
        O.Orders = true;
        O.Write = false;
        Acc.push_back(std::move(O));
      }
      Acc.push_back(std::move(*A));
    }
    if (isa<DeclRefExpr>(S))
      return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    intoCallee(Call, Root, Acc, LE);
  for (const Stmt *C : S->children())
    collectAccesses(C, LE, Root, Acc);
}

const CXXMemberCallExpr *ThreadBuilder::callOn(const Expr *E) const {
  const Stmt *C = E;
  const Stmt *P = parent(C);
  while (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P))) {
    C = P;
    P = parent(P);
  }
  const auto *ME = dyn_cast_or_null<MemberExpr>(P);
  if (!ME || ME->isArrow() || !isa<CXXMethodDecl>(ME->getMemberDecl()))
    return nullptr;
  const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME));
  return MC && MC->getCallee()->IgnoreParens() == ME ? MC : nullptr;
}

// The object's class (or a base) has a field that orders threads (an atomic...).
bool ThreadBuilder::hasOrderingField(const ValueDecl *D) {
  const CXXRecordDecl *RD = D->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || RD->isInStdNamespace())
    return false;
  llvm::SmallVector<const CXXRecordDecl *, 4> Todo{RD->getDefinition()};
  for (unsigned Steps = 0; !Todo.empty() && Steps < 16; ++Steps) {
    const CXXRecordDecl *R = Todo.pop_back_val();
    for (const FieldDecl *F : R->fields())
      if (ordersThreads(F->getType()))
        return true;
    for (const CXXBaseSpecifier &B : R->bases())
      if (const CXXRecordDecl *BR = B.getType()->getAsCXXRecordDecl(); BR && BR->hasDefinition())
        Todo.push_back(BR->getDefinition());
  }
  return false;
}

bool ThreadBuilder::namesObject(const Stmt *S) {
  if (isa<DeclRefExpr>(S))
    return true;
  const auto *ME = dyn_cast<MemberExpr>(S);
  return ME && isa<FieldDecl>(ME->getMemberDecl()) && isThis(ME->getBase()); // `svr_` is `this->svr_`
}

// `k.inc()` on a named object (a variable, or a field of *this: `svr_.stop()`
// in a member function; not through a pointer or a std type) whose member's
// body says what it touches: the object. A virtual member on an object held
// by value runs its final overrider; through a reference it is not known
// which body runs. A member without a body here (or Opaque): the call is an
// access of the whole object, by its signature (ThreadReader: const is a
// shared access, [res.on.data.races]; non-const a write).
const ValueDecl *ThreadBuilder::objectCall(const CXXMemberCallExpr *MC, const CalleeAccesses **Sum) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  if (!MD || MD->isStatic() || isa<CXXDestructorDecl>(MD) || MD->getParent()->isInStdNamespace() ||
      MD->getParent()->isLambda())
    return nullptr;
  const Expr *Object = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
  const ValueDecl *V = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Object))
    V = dyn_cast<VarDecl>(DRE->getDecl());
  else if (const auto *ME = dyn_cast<MemberExpr>(Object); ME && namesObject(ME))
    V = cast<FieldDecl>(ME->getMemberDecl());
  const CXXRecordDecl *RD = V ? V->getType().getNonReferenceType()->getAsCXXRecordDecl() : nullptr;
  if (!RD || RD->isInStdNamespace())
    return nullptr;
  if (MD->isVirtual()) {
    if (V->getType()->isReferenceType() && !RD->hasAttr<FinalAttr>() && !MD->hasAttr<FinalAttr>())
      return nullptr;
    if (const CXXMethodDecl *Over = MD->getCorrespondingMethodInClass(RD, /*MayBeBase=*/true))
      MD = Over;
  }
  const FunctionDecl *Def = nullptr;
  if (!MD->hasBody(Def) || !Def->getBody() || Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return nullptr;
  // Held by value: the complete object's class is RD, its virtual members known.
  const CalleeAccesses &S =
      Summaries.memberAccesses(Def, V->getType()->isReferenceType() ? nullptr : RD->getDefinition());
  if (S.Opaque)
    return nullptr;
  *Sum = &S;
  return V;
}

// A helper with a body here, called from a thread body (or by the spawning
// thread): what it touches, up to two calls deep (the callee's summary,
// summary/SharedAccesses.h). Its accesses are reported at the call, made
// under the locks held at the call, those it takes itself, and those its
// REQUIRES(m) annotation says the caller holds.
void ThreadBuilder::intoCallee(const CallExpr *Call, const Stmt *Root, std::vector<ThreadAccess> &Acc,
                               const LambdaExpr *LE, bool Spawner) {
  // A member function called on a shared object: the fields of it (and the
  // globals) its body touches, as variables of their own ("k.n"), under the
  // locks held at the call, those it takes (the object's own mutexes, "k.m")
  // and its REQUIRES().
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CalleeAccesses *Sum = nullptr;
    const ValueDecl *Obj = objectCall(MC, &Sum);
    // A field of *this is shared when the thread body reaches *this.
    const bool ObjShared =
        Obj && (Spawner ? Shared.count(Obj) > 0
                        : isa<FieldDecl>(Obj) ? ThisShared && sharedThisField(cast<MemberExpr>(
                                                     MC->getImplicitObjectArgument()->IgnoreParenImpCasts()),
                                                 ThisShared)
                                              : sharedIn(Obj, LE));
    if (ObjShared) {
      auto Id = [&](const ValueDecl *D) {
        const auto *F = dyn_cast<FieldDecl>(D);
        return F ? fieldVarId(Obj, F) : varId(D);
      };
      for (const ValueDecl *D : Sum->Mentions)
        Id(D);
      std::set<uint32_t> Held;
      for (const ValueDecl *M : Reader.locksAt(Call, Root))
        Held.insert(varId(M));
      for (const Expr *Arg : requiredArgs(*MC->getMethodDecl())) {
        if (const auto *ME = dyn_cast<MemberExpr>(strip(Arg)); ME && isThis(ME->getBase()))
          if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
            Held.insert(fieldVarId(Obj, F));
            continue;
          }
        if (const ValueDecl *M = Reader.mutexOf(Arg))
          Held.insert(varId(M));
      }
      Shared.insert(Obj);
      for (const CalleeAccess &CA : Sum->Accesses) {
        ThreadAccess A;
        const auto *CF = dyn_cast<FieldDecl>(CA.Var);
        A.Var = CF ? fieldVarId(Obj, CF, CA.Through) : varId(CA.Var);
        A.Where = spanOr(Call);
        A.Write = CA.Write;
        A.Element = CA.Element;
        std::set<uint32_t> Locks = Held;
        for (const ValueDecl *M : CA.Locks)
          Locks.insert(Id(M));
        A.Locks.assign(Locks.begin(), Locks.end());
        A.Via = MC->getMethodDecl()->getNameAsString();
        if (!isa<FieldDecl>(CA.Var))
          Shared.insert(CA.Var);
        Acc.push_back(std::move(A));
      }
      for (const ValueDecl *O : Sum->Orders) {
        ThreadAccess A;
        A.Var = Id(O);
        A.Where = spanOr(Call);
        A.Orders = true;
        A.Via = MC->getMethodDecl()->getNameAsString();
        Acc.push_back(std::move(A));
      }
      return;
    }
  }
  const FunctionDecl *F = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!F || F->isInStdNamespace() || !F->hasBody(Def) || !Def->getBody() || spawnExpr(Call))
    return;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(F); MD && MD->getParent()->isLambda())
    return; // a lambda's body: its captures are not this function's
  if (F->getDeclContext()->isStdNamespace() || Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return;
  // What depends on the call: the locks held here, REQUIRES() on the
  // declaration called (the definition's own are in the summary).
  DeclSet Held = Reader.locksAt(Call, Root);
  for (const Expr *Arg : requiredArgs(*F))
    if (const ValueDecl *M = Reader.mutexOf(Arg))
      Held.insert(M);
  bool OnThis = false;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    OnThis = isThis(MC->getImplicitObjectArgument());
  const CalleeAccesses &Sum = Summaries.sharedAccesses(Def, ThisShared && OnThis, /*Deep=*/true);
  for (const ValueDecl *D : Sum.Mentions) // number the variables in the order the callee meets them
    varId(D);
  for (const CalleeAccess &CA : Sum.Accesses) {
    DeclSet Locks = CA.Locks;
    Locks.insert(Held.begin(), Held.end());
    ThreadAccess A = access(CA.Var, spanOr(Call), CA.Write, CA.Element, Locks);
    A.Via = F->getNameAsString();
    Shared.insert(CA.Var);
    Acc.push_back(std::move(A));
  }
}

// A function given std::ref(x) for parameter Param: x is written if the
// body writes the parameter (summary/SharedAccesses.h paramAccesses).
void ThreadBuilder::calleeBody(const FunctionDecl *Callee, const Expr *Arg, unsigned Param,
                               SpawnSite &Sp) {
  const FunctionDecl *Def = nullptr;
  if (!Callee || !Callee->hasBody(Def) || Param >= Def->getNumParams())
    return;
  const VarDecl *Of = localVar(Arg);
  if (!Of)
    return;
  for (const ParamUse &U : Summaries.paramAccesses(Def, Param)) {
    for (const ValueDecl *D : U.Mentions)
      varId(D);
    if (!U.Access)
      continue;
    ThreadAccess A = access(Of, spanOr(Arg), U.Access->Write, U.Access->Element, U.Access->Locks);
    Shared.insert(Of);
    Sp.Accesses.push_back(std::move(A));
  }
}

} // namespace borrowck
