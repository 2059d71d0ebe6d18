// Pass 2, per CFG block in order: spawns, joins, escapes, transfers, handle
// and variable ends, and the spawning thread's own accesses; and run(), the
// builder's driver.
#include "factgen/threads/ThreadBuilderImpl.h"
#include "model/StdThreads.h"

#include "clang/AST/Attr.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

using namespace clang;

namespace borrowck {

using namespace stdthreads;

bool ThreadBuilder::insideSpawnOrLambda(const Stmt *S) const {
  for (const Stmt *P = parent(S); P; P = parent(P))
    if (isa<LambdaExpr>(P) || SpawnAt.count(P))
      return true;
  return false;
}

// Pass 2: the facts of one CFG statement.
void ThreadBuilder::handleStmt(uint32_t Block, const Stmt *S) {
  if (auto It = MemberSpawnAt.find(S); It != MemberSpawnAt.end()) {
    const VarDecl *V = MemberSpawnVar.lookup(S);
    for (uint32_t Sp : It->second) {
      const SpawnSite &Site = Out.Spawns[Sp];
      ThreadFact F{ThreadFactKind::Spawn};
      F.Spawn = Sp;
      F.Where = Site.Call;
      if (!Site.Member->Detached)
        for (auto &[Key, H] : MemberHandles)
          if (Key.first == V && Out.Handles[H].Name == V->getNameAsString() + "." + Site.Member->Field)
            F.Handle = H;
      emit(Block, F);
      if (Site.Member->Detached) {
        ThreadFact E{ThreadFactKind::Escape};
        E.Spawn = Sp;
        E.How = EscapeKind::Detached;
        E.Where = Site.Member->Escape.value_or(Site.Call);
        emit(Block, E);
      }
    }
    return;
  }
  if (auto It = SpawnAt.find(S); It != SpawnAt.end()) {
    ThreadFact F{ThreadFactKind::Spawn};
    F.Spawn = It->second;
    F.Where = Out.Spawns[It->second].Call;
    destination(S, Block, F);
    return;
  }
  // The spawning thread calling a helper that touches what a thread touches.
  if (const auto *Call = dyn_cast<CallExpr>(S); Call && !SpawnVars.empty() && !insideSpawnOrLambda(S)) {
    std::vector<ThreadAccess> Acc;
    ThisShared = true;
    intoCallee(Call, FD.getBody(), Acc, nullptr, /*Spawner=*/true);
    ThisShared = false;
    for (ThreadAccess &A : Acc)
      if (const uint32_t Of = Out.Vars[A.Var].Of; SpawnVars.count(A.Var) || (Of != NoThreadVar && SpawnVars.count(Of))) {
        ThreadFact F{ThreadFactKind::Access};
        F.Access = std::move(A);
        F.Where = F.Access.Where;
        emit(Block, F);
      }
  }
  if (auto It = JoinAt.find(S); It != JoinAt.end())
    for (uint32_t H : It->second) {
      ThreadFact J{ThreadFactKind::Join};
      J.Handle = H;
      J.Where = spanOr(S);
      emit(Block, J);
    }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    if (!MemberHandles.empty())
      memberJoins(Block, MC);
    const auto *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier())
      return;
    llvm::StringRef N = MD->getName();
    if (isJoin(N) || isDetach(N)) {
      auto H = handleOf(MC->getImplicitObjectArgument());
      if (!H || Hoisted.count(MC))
        return;
      ThreadFact F{isDetach(N) ? ThreadFactKind::Escape : ThreadFactKind::Join};
      F.Handle = *H;
      F.How = EscapeKind::Detached;
      F.Where = spanOr(MC);
      emit(Block, F);
    }
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    calledLambdaJoins(Block, Call);
    // An object whose members hold threads, handed to a function: it may join them.
    for (const Expr *A : Call->arguments()) {
      const Expr *X = strip(A);
      if (const auto *UO = dyn_cast<UnaryOperator>(X); UO && UO->getOpcode() == UO_AddrOf)
        X = UO->getSubExpr();
      if (const VarDecl *V = localVar(X))
        for (auto It = MemberHandles.lower_bound({V, nullptr});
             It != MemberHandles.end() && It->first.first == V; ++It) {
          ThreadFact J{ThreadFactKind::Join};
          J.Handle = It->second;
          J.Where = spanOr(Call);
          emit(Block, J);
        }
    }
    if (const Expr *M = movedOperand(Call); M && Call->getNumArgs() == 1)
      handleMove(Block, M, Call);
    return;
  }
  if (const auto *R = dyn_cast<ReturnStmt>(S)) {
    if (const Expr *V = R->getRetValue(); V && !movedOperand(V))
      if (auto H = handleOf(V)) { // return t; (an implicit move)
        ThreadFact F{ThreadFactKind::Escape};
        F.Handle = *H;
        F.How = EscapeKind::Returned;
        F.Where = spanOr(R);
        emit(Block, F);
      }
    return;
  }
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(S); ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    D = ME->getMemberDecl();
  if (D && Shared.count(D) && !insideSpawnOrLambda(S)) {
    // `k.inc()`: its fields, from the member's summary (intoCallee, at the call).
    if (const CalleeAccesses *Sum = nullptr; namesObject(S))
      if (const auto *MC = callOn(cast<Expr>(S)); MC && objectCall(MC, &Sum) == D)
        return;
    if (auto A = accessOf(cast<Expr>(S), D, FD.getBody())) {
      ThreadFact F{ThreadFactKind::Access};
      F.Access = std::move(*A);
      F.Where = F.Access.Where;
      emit(Block, F);
    }
  }
}

bool ThreadBuilder::run() {
  bool Any = false;
  for (const CFGBlock *B : Cfg) {
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>(); S && mayStartThread(S->getStmt())) {
        Any = true;
        break;
      }
    if (Any)
      break;
  }
  if (!Any)
    return false;
  index(FD.getBody(), nullptr);
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        scanSpawn(S->getStmt());
  if (Out.Spawns.empty())
    return false;
  for (const SpawnSite &Sp : Out.Spawns)
    for (const ThreadAccess &A : Sp.Accesses)
      SpawnVars.insert(A.Var);
  // Joins inside a loop over a container of handles (`for (auto &t : ts) t.join();`)
  // join them all before the loop: an empty container holds no thread.
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S->getStmt())) {
          const auto *MD = MC->getMethodDecl();
          if (!MD || !MD->getIdentifier() ||
              !isJoin(MD->getName()))
            continue;
          auto H = handleOf(MC->getImplicitObjectArgument());
          if (!H || !Out.Handles[*H].Container)
            continue;
          for (const Stmt *P = parent(MC); P; P = parent(P)) {
            const Stmt *Start = nullptr;
            if (const auto *FR = dyn_cast<CXXForRangeStmt>(P))
              Start = FR->getRangeStmt();
            else if (const auto *FS = dyn_cast<ForStmt>(P))
              Start = FS->getInit();
            else if (isa<WhileStmt>(P) || isa<DoStmt>(P))
              break;
            if (!Start)
              continue;
            JoinAt[Start].push_back(*H);
            Hoisted[MC] = true;
            break;
          }
        }
  // Every local handle, so that its end is known wherever the CFG lists it.
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt()))
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D); V && V->hasLocalStorage() &&
                                                       !V->getType()->isReferenceType()) {
              if (auto K = handleKind(V->getType()))
                handleId(V, *K, false);
              else if (auto K = containerOfHandles(V->getType()))
                handleId(V, *K, true);
            }
  findGuards();
  // An object whose member functions started threads, returned by value
  // (`Worker w; w.start(); return w;`): copy elision may keep it alive, and
  // a move hands its threads on. Its end is not followed.
  std::set<const VarDecl *> ReturnedObjects;
  if (!MemberSpawnVar.empty()) {
    std::vector<const Stmt *> Work{FD.getBody()};
    while (!Work.empty()) {
      const Stmt *S = Work.back();
      Work.pop_back();
      if (!S || isa<LambdaExpr>(S))
        continue;
      if (const auto *R = dyn_cast<ReturnStmt>(S); R && R->getRetValue())
        if (const VarDecl *V = localVar(R->getRetValue()))
          ReturnedObjects.insert(V);
      for (const Stmt *C : S->children())
        Work.push_back(C);
    }
  }
  Out.Blocks.assign(Graph.size(), {});
  const SourceManager &SM = Ctx.getSourceManager();
  for (const CFGBlock *B : Cfg) {
    uint32_t Id = B->getBlockID();
    // Clang lists a scope's lifetime ends in no reliable order; variables die
    // in reverse order of declaration (a jthread declared first joins last).
    std::vector<std::pair<const VarDecl *, ThreadFact>> Ends;
    auto Flush = [&] {
      std::stable_sort(Ends.begin(), Ends.end(), [&](const auto &A, const auto &B) {
        return SM.isBeforeInTranslationUnit(B.first->getLocation(), A.first->getLocation());
      });
      for (auto &[V, F] : Ends)
        emit(Id, std::move(F));
      Ends.clear();
    };
    for (const CFGElement &E : *B) {
      if (auto S = E.getAs<CFGStmt>()) {
        Flush();
        handleStmt(Id, S->getStmt());
      } else if (auto LE = E.getAs<CFGLifetimeEnds>()) {
        const VarDecl *V = LE->getVarDecl();
        // A scope guard whose destructor runs a lambda that joins: it joins
        // where the guard dies (before what was declared earlier).
        if (auto It = GuardJoins.find(V); It != GuardJoins.end())
          for (uint32_t H : It->second) {
            ThreadFact J{ThreadFactKind::Join};
            J.Handle = H;
            if (auto W = scopeEnd(LE->getTriggerStmt(), V))
              J.Where = *W;
            Ends.push_back({V, J});
          }
        if (auto It = Handles.find(V); It != Handles.end()) {
          ThreadFact F{ThreadFactKind::HandleEnd};
          F.Handle = It->second;
          if (auto W = scopeEnd(LE->getTriggerStmt(), V))
            F.Where = *W;
          Ends.push_back({V, F});
        }
        if (auto It = Vars.find(V); It != Vars.end() && Out.Vars[It->second].Local && !ReturnedObjects.count(V)) {
          ThreadFact F{ThreadFactKind::VarEnd};
          F.Var = It->second;
          if (auto W = scopeEnd(LE->getTriggerStmt(), V))
            F.Where = *W;
          Ends.push_back({V, F});
        }
      }
    }
    Flush();
  }
  // By-value parameters die when the function returns.
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD.getBody());
  for (const ParmVarDecl *P : FD.parameters())
    if (auto It = Vars.find(P); It != Vars.end() && Out.Vars[It->second].Local) {
      ThreadFact F{ThreadFactKind::VarEnd};
      F.Var = It->second;
      if (auto W = Body ? Spans.token(Body->getRBracLoc()) : std::nullopt)
        F.Where = *W;
      emit(Graph.Exit, F);
    }
  return true;
}

bool buildThreadFacts(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans,
                      const CFG &Cfg, SummaryCache &Summaries, const FactIds &Ids,
                      FunctionFacts &Out) {
  return ThreadBuilder(FD, Ctx, Spans, Cfg, Summaries, Ids, Out).run();
}

} // namespace borrowck
