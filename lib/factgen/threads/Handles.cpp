// Handles and destinations: the ids of shared variables and handles, which
// local handle an expression designates, and where a spawned thread goes
// (a handle, a container, detached, stored, returned, moved away).
#include "factgen/threads/ThreadBuilderImpl.h"
#include "model/StdThreads.h"

#include "clang/AST/Attr.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

using namespace clang;

namespace borrowck {

using namespace stdthreads;

uint32_t ThreadBuilder::varId(const ValueDecl *D) {
  auto It = Vars.find(D);
  if (It != Vars.end())
    return It->second;
  SharedVar V;
  V.Name = D->getNameAsString();
  V.Declared = Spans.token(D->getLocation());
  if (const auto *VD = dyn_cast<VarDecl>(D))
  {
    V.Local = VD->hasLocalStorage() && !VD->getType()->isReferenceType();
    V.Global = VD->hasGlobalStorage() && !VD->getType().isConstQualified();
  }
  V.Guarded = isGuardedBy(*D);
  uint32_t Id = static_cast<uint32_t>(Out.Vars.size());
  Out.Vars.push_back(std::move(V));
  Vars[D] = Id;
  return Id;
}

uint32_t ThreadBuilder::fieldVarId(const ValueDecl *Object, const FieldDecl *F, const FieldDecl *Through) {
  auto Key = std::make_tuple(Object, F, Through);
  if (auto It = FieldVars.find(Key); It != FieldVars.end())
    return It->second;
  // `k.f_.n`: a field of k's field f_, which overlaps `k.f_` (and so `k`).
  const uint32_t Of = Through ? fieldVarId(Object, Through) : varId(Object);
  SharedVar V;
  V.Name = Object->getNameAsString() + "." + (Through ? Through->getNameAsString() + "." : "") +
           F->getNameAsString();
  V.Declared = Spans.token(F->getLocation());
  V.Guarded = isGuardedBy(*F);
  V.Of = Of;
  uint32_t Id = static_cast<uint32_t>(Out.Vars.size());
  Out.Vars.push_back(std::move(V));
  FieldVars[Key] = Id;
  return Id;
}

uint32_t ThreadBuilder::handleId(const VarDecl *V, HandleKind K, bool Container) {
  auto It = Handles.find(V);
  if (It != Handles.end())
    return It->second;
  ThreadHandle H;
  H.Name = V->getNameAsString();
  H.Kind = K;
  H.Container = Container;
  H.Declared = Spans.token(V->getLocation());
  uint32_t Id = static_cast<uint32_t>(Out.Handles.size());
  Out.Handles.push_back(std::move(H));
  Handles[V] = Id;
  return Id;
}

const VarDecl *ThreadBuilder::localVar(const Expr *E) const {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(E)))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasLocalStorage())
      return V;
  return nullptr;
}

// The local handle an expression designates: `t`, `ts`, `ts[i]`, `ts.back()`,
// or the variable of a range-for over `ts`.
std::optional<uint32_t> ThreadBuilder::handleOf(const Expr *E) {
  E = elementContainer(E);
  // `p.second` of a map's element, `t` bound by `for (auto &[k, t] : m)`.
  if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow() && ME->getMemberDecl()->getIdentifier() &&
                                                isMappedValue(ME->getMemberDecl()->getName()))
    E = strip(ME->getBase());
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *BD = dyn_cast<BindingDecl>(DRE->getDecl()))
      if (const auto *DD = dyn_cast_or_null<VarDecl>(BD->getDecomposedDecl()))
        for (const Stmt *P = parent(E); P; P = parent(P))
          if (const auto *FR = dyn_cast<CXXForRangeStmt>(P); FR && FR->getLoopVariable() == DD)
            return handleOf(FR->getRangeInit());
  const VarDecl *V = localVar(E);
  if (!V)
    return std::nullopt;
  if (auto K = handleKind(V->getType()); K && !V->getType()->isReferenceType())
    return handleId(V, *K, false);
  if (auto K = containerOfHandles(V->getType()); K && !V->getType()->isReferenceType())
    return handleId(V, *K, true);
  // for (auto &t : ts): t designates ts's elements.
  for (const Stmt *P = parent(E); P; P = parent(P))
    if (const auto *FR = dyn_cast<CXXForRangeStmt>(P))
      if (FR->getLoopVariable() == V)
        return handleOf(FR->getRangeInit());
  return std::nullopt;
}

// Where the thread a spawn expression returns goes.
void ThreadBuilder::destination(const Stmt *Spawned, uint32_t Block, ThreadFact Start) {
  const Stmt *C = Spawned;
  const Stmt *P = parent(C);
  if (isa<CXXMemberCallExpr>(Spawned)) { // emplace_back into a container
    const auto *MC = cast<CXXMemberCallExpr>(Spawned);
    if (auto H = handleOf(MC->getImplicitObjectArgument())) {
      Start.Handle = *H;
      emit(Block, Start);
    } else {
      emit(Block, Start);
      ThreadFact E{ThreadFactKind::Escape};
      E.Spawn = Start.Spawn;
      E.How = EscapeKind::Stored;
      E.Where = spanOr(MC->getImplicitObjectArgument());
      emit(Block, E);
    }
    return;
  }
  while (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
               isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P) || isa<CXXFunctionalCastExpr>(P) ||
               (isa<CXXConstructExpr>(P) &&
                cast<CXXConstructExpr>(P)->getConstructor()->isCopyOrMoveConstructor()))) {
    C = P;
    P = parent(P);
  }
  auto EscapeHere = [&](EscapeKind How, const Stmt *Where) {
    emit(Block, Start);
    ThreadFact E{ThreadFactKind::Escape};
    E.Spawn = Start.Spawn;
    E.How = How;
    E.Where = spanOr(Where);
    emit(Block, E);
  };
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() && strip(V->getInit()) == strip(cast<Expr>(C))) {
        if (!V->hasLocalStorage() || V->isStaticLocal())
          return EscapeHere(EscapeKind::Stored, DS);
        auto K = handleKind(V->getType());
        if (!K)
          return EscapeHere(EscapeKind::MovedAway, DS);
        Start.Handle = handleId(V, *K, false);
        emit(Block, Start);
        return;
      }
    return EscapeHere(EscapeKind::MovedAway, DS);
  }
  // std::thread(...).detach(): the temporary is the object of a member call.
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(P))
    if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME)); MC && MC->getCallee() == ME)
      P = MC;
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(P)) {
    const auto *MD = MC->getMethodDecl();
    llvm::StringRef N = MD && MD->getIdentifier() ? MD->getName() : "";
    if (MC->getImplicitObjectArgument()->IgnoreParenImpCasts() == C ||
        strip(MC->getImplicitObjectArgument()) == strip(cast<Expr>(C))) {
      if (isDetach(N))
        return EscapeHere(EscapeKind::Detached, MC);
      emit(Block, Start); // std::thread(...).join(), a temporary future's get()
      ThreadFact J{ThreadFactKind::Join};
      J.Spawn = Start.Spawn;
      J.Where = spanOr(MC);
      emit(Block, J);
      return;
    }
    if (isInsertion(N, /*WithPush=*/true)) {
      if (auto H = handleOf(MC->getImplicitObjectArgument())) {
        Start.Handle = *H;
        emit(Block, Start);
        return;
      }
      return EscapeHere(EscapeKind::Stored, MC);
    }
    return EscapeHere(EscapeKind::MovedAway, MC);
  }
  const Expr *AssignedTo = nullptr;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P); BO && BO->getOpcode() == BO_Assign)
    AssignedTo = BO->getLHS();
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P);
      OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
    AssignedTo = OC->getArg(0);
  if (AssignedTo) {
    if (auto H = handleOf(AssignedTo)) {
      Start.Handle = *H;
      emit(Block, Start);
      return;
    }
    return EscapeHere(EscapeKind::Stored, P);
  }
  if (isa_and_nonnull<ReturnStmt>(P))
    return EscapeHere(EscapeKind::Returned, P);
  if (!P || isa<CompoundStmt>(P) || isa<ExprWithCleanups>(P)) {
    // A discarded temporary: a future waits, a jthread joins at the end of
    // the statement (a std::thread would call std::terminate).
    emit(Block, Start);
    ThreadFact J{ThreadFactKind::Join};
    J.Spawn = Start.Spawn;
    J.Where = spanOr(Spawned);
    emit(Block, J);
    return;
  }
  EscapeHere(EscapeKind::MovedAway, P);
}

// A handle moved with std::move: into another local handle or container
// (Transfer), or away (Escape).
void ThreadBuilder::handleMove(uint32_t Block, const Expr *Moved, const Stmt *Site) {
  auto From = handleOf(Moved);
  if (!From)
    return;
  const Stmt *C = Site;
  const Stmt *P = parent(C);
  while (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
               isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P) || isa<CXXConstructExpr>(P))) {
    C = P;
    P = parent(P);
  }
  ThreadFact F{ThreadFactKind::Escape};
  F.Handle = *From;
  F.Where = spanOr(Site);
  F.How = EscapeKind::MovedAway;
  std::optional<uint32_t> To;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->hasLocalStorage() && !V->isStaticLocal())
        if (auto K = handleKind(V->getType()))
          To = handleId(V, *K, false);
  } else if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(P)) {
    To = handleOf(MC->getImplicitObjectArgument());
    if (!To)
      F.How = EscapeKind::Stored;
  } else if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P);
             OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
    To = handleOf(OC->getArg(0));
    if (!To)
      F.How = EscapeKind::Stored;
  } else if (isa_and_nonnull<ReturnStmt>(P)) {
    F.How = EscapeKind::Returned;
  }
  if (To) {
    F.Kind = ThreadFactKind::Transfer;
    F.To = *To;
  }
  emit(Block, F);
}

std::optional<Span> ThreadBuilder::scopeEnd(const Stmt *Trigger, const VarDecl *V) const {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Trigger))
    return Spans.token(CS->getRBracLoc());
  if (Trigger)
    return Spans.token(Trigger->getBeginLoc());
  return Spans.token(V->getLocation());
}

// The object a member call is made on (`w.start()`), or the local a
// constructor call initialises (`Worker w;`); null when it is not a local.
const VarDecl *ThreadBuilder::objectOf(const Stmt *S) const {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *DRE = dyn_cast<DeclRefExpr>(strip(MC->getImplicitObjectArgument()));
    return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  }
  const Stmt *C = S;
  const Stmt *P = parent(C);
  while (P && isWrapper(P)) {
    C = P;
    P = parent(P);
  }
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() && strip(V->getInit()) == strip(cast<Expr>(C)))
        return V;
  return nullptr;
}

// A member call on a local object whose threads are held by its members:
// the members it joins, or all of them when it may join what we cannot see.
void ThreadBuilder::memberJoins(uint32_t Block, const CXXMemberCallExpr *MC) {
  const VarDecl *V = localVar(MC->getImplicitObjectArgument());
  if (!V || MemberSpawnAt.count(MC))
    return;
  auto First = MemberHandles.lower_bound({V, nullptr});
  if (First == MemberHandles.end() || First->first.first != V)
    return;
  const FunctionDecl *Def = nullptr;
  const auto *MD = MC->getMethodDecl();
  const MethodSummary *Sum = MD && MD->hasBody(Def) ? &Summaries.memberThreads(Def, Spans) : nullptr;
  for (auto It = First; It != MemberHandles.end() && It->first.first == V; ++It)
    if (!Sum || Sum->CallsUnknown || Sum->Joins.count(It->first.second)) {
      ThreadFact J{ThreadFactKind::Join};
      J.Handle = It->second;
      J.Where = spanOr(MC);
      emit(Block, J);
    }
}

} // namespace borrowck
