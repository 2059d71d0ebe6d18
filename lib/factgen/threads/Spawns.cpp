// Spawns: the spawn sites of a function (std::thread, std::jthread,
// std::async, emplace into a container of handles, member functions that
// start threads borrowing *this) and what their callables borrow.
#include "factgen/threads/ThreadBuilderImpl.h"
#include "model/StdThreads.h"

#include "clang/AST/Attr.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

using namespace clang;

namespace borrowck {

using namespace stdthreads;

// Could S start a thread? A cheap test, so that functions that start none
// cost one walk over their elements.
bool ThreadBuilder::mayStartThread(const Stmt *S) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    return (CE->getNumArgs() > 0 && handleKind(CE->getType())) || memberStarts(CE, nullptr, nullptr);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
    return (MC->getNumArgs() > 0 && containerOfHandles(MC->getImplicitObjectArgument()->getType())) ||
           memberStarts(MC, nullptr, nullptr);
  if (const auto *C = dyn_cast<CallExpr>(S))
    return isStdAsync(C->getDirectCallee());
  return false;
}

// Pass 1: is S a spawn?
void ThreadBuilder::scanSpawn(const Stmt *S) {
  std::vector<std::pair<ThisThread, const FieldDecl *>> Starts;
  if (const VarDecl *V = nullptr; memberStarts(S, &Starts, &V)) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
    const CXXRecordDecl *RD = V->getType()->getAsCXXRecordDecl();
    MemberSpawnVar[S] = V;
    for (auto &[T, Late] : Starts) {
      SpawnSite Sp;
      Sp.Call = spanOr(S);
      Sp.Callable = Sp.Call;
      Sp.Api = T.Api;
      Sp.Kind = T.Kind;
      ThreadBorrow B;
      B.Var = varId(V);
      B.At = T.BorrowAt.value_or(Sp.Call);
      B.AsThis = true;
      Sp.Borrows.push_back(B);
      MemberSpawn M;
      M.Method = MC ? MC->getMethodDecl()->getNameAsString() : RD->getNameAsString();
      M.Constructor = !MC;
      M.Class = T.Field ? T.Field->getParent()->getNameAsString() : RD->getNameAsString();
      M.Escape = T.EscapeAt;
      M.Detached = T.Detached;
      M.Conditional = T.Conditional;
      M.InContainer = T.Field && containerOfHandles(T.Field->getType()).has_value();
      if (T.Field)
        M.Field = T.Field->getNameAsString();
      if (Late)
        M.LateField = Late->getNameAsString();
      Sp.Member = std::move(M);
      if (T.Field && !MemberHandles.count({V, T.Field})) {
        ThreadHandle H;
        H.Name = V->getNameAsString() + "." + T.Field->getNameAsString();
        H.Kind = Late ? HandleKind::JThread : HandleKind::Thread;
        MemberHandles[{V, T.Field}] = static_cast<uint32_t>(Out.Handles.size());
        Out.Handles.push_back(std::move(H));
      }
      MemberSpawnAt[S].push_back(static_cast<uint32_t>(Out.Spawns.size()));
      Out.Spawns.push_back(std::move(Sp));
    }
    return;
  }
  // std::thread / std::jthread constructed, emplaced into a container of
  // them, or std::async (summary/ThreadExprs.h spawnExpr).
  if (auto Sp = spawnExpr(S))
    addSpawn(S, Sp->Callable, Sp->Args, Sp->Api, Sp->Kind);
}

void ThreadBuilder::addSpawn(const Stmt *Call, const Expr *Callable,
                             llvm::ArrayRef<const Expr *> Args, llvm::StringRef Api, HandleKind K) {
  SpawnSite Sp;
  Sp.Call = spanOr(Call);
  Sp.Callable = spanOr(Callable);
  Sp.Api = Api.str();
  Sp.Kind = K;
  const Expr *C = strip(Callable);
  if (const VarDecl *V = localVar(C); V && V->getInit())
    if (const auto *LE = dyn_cast<LambdaExpr>(strip(V->getInit())))
      C = LE; // auto f = [&]{...}; std::thread t(f);
  if (const auto *LE = dyn_cast<LambdaExpr>(C)) {
    lambdaBody(LE, Sp);
    if (C != strip(Callable))
      Sp.Callable = spanOr(Callable);
  }
  const FunctionDecl *Callee = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(C))
    Callee = dyn_cast<FunctionDecl>(DRE->getDecl());
  for (unsigned I = 0; I < Args.size(); ++I) {
    const Expr *A = strip(Args[I]);
    const Expr *Of = nullptr;
    if (const auto *RC = dyn_cast<CallExpr>(A); RC && isStdRef(RC->getDirectCallee()) &&
                                               RC->getNumArgs() == 1)
      Of = RC->getArg(0);
    else if (const auto *UO = dyn_cast<UnaryOperator>(A); UO && UO->getOpcode() == UO_AddrOf)
      Of = UO->getSubExpr();
    const VarDecl *V = Of ? localVar(Of) : nullptr;
    if (!Of) // a pointer or view local, copied into the thread
      if (const VarDecl *P = localVar(A); P && !P->getType()->isReferenceType() &&
                                          (P->getType()->isPointerType() || !handleKind(P->getType()))) {
        borrowsThrough(P, spanOr(Args[I]), Sp);
        continue;
      }
    if (!V || V->getType()->isReferenceType())
      continue;
    Sp.Borrows.push_back({varId(V), spanOr(Args[I])});
    if (Callee)
      calleeBody(Callee, Of, I, Sp);
  }
  // Globals the callee's body touches; fields too for `std::thread(&C::run, this)`.
  if (const auto *UO = dyn_cast<UnaryOperator>(C); !Callee && UO && UO->getOpcode() == UO_AddrOf &&
                                                   !Args.empty() && isThis(Args[0]))
    if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr())))
      if (const auto *MD = dyn_cast<CXXMethodDecl>(DRE->getDecl())) {
        Callee = MD;
        ThisShared = true;
      }
  if (const FunctionDecl *Def = nullptr; Callee && Callee->hasBody(Def)) {
    index(Def->getBody(), nullptr);
    collectAccesses(Def->getBody(), nullptr, Def->getBody(), Sp.Accesses);
  }
  ThisShared = false;
  SpawnAt[Call] = static_cast<uint32_t>(Out.Spawns.size());
  Out.Spawns.push_back(std::move(Sp));
}

void ThreadBuilder::lambdaBody(const LambdaExpr *LE, SpawnSite &Sp) {
  Sp.Lambda = true;
  if (auto S = Spans.range(LE->getIntroducerRange()))
    Sp.Callable = *S;
  for (const LambdaCapture &C : LE->captures()) {
    if (!C.capturesVariable())
      continue;
    const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
    if (V && V->isInitCapture())
      continue;
    if (!V || !V->hasLocalStorage())
      continue;
    // A pointer, view or closure copied in, or a reference captured by
    // reference: what it points into is borrowed.
    if (C.getCaptureKind() == LCK_ByCopy || V->getType()->isReferenceType()) {
      if (C.getCaptureKind() == LCK_ByCopy && V->getType()->isReferenceType())
        continue; // [r] copies the referent
      borrowsThrough(V, Spans.token(C.getLocation()).value_or(Sp.Callable), Sp);
      continue;
    }
    if (C.getCaptureKind() != LCK_ByRef)
      continue;
    ThreadBorrow B;
    B.Var = varId(V);
    B.At = Spans.token(C.getLocation()).value_or(Sp.Callable);
    Sp.Borrows.push_back(B);
  }
  // Init-captures of references and addresses: [&r = x], [p = &x].
  for (const LambdaCapture &C : LE->captures())
    if (C.capturesVariable())
      if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar()); V && V->isInitCapture())
        if (const Expr *I = V->getInit(); I && V->getType()->isPointerType())
          if (const auto *UO = dyn_cast<UnaryOperator>(strip(I)); UO && UO->getOpcode() == UO_AddrOf)
            if (const VarDecl *Of = localVar(UO->getSubExpr()); Of && !Of->getType()->isReferenceType()) {
              ThreadBorrow B;
              B.Var = varId(Of);
              B.At = Spans.token(C.getLocation()).value_or(Sp.Callable);
              Sp.Borrows.push_back(B);
            }
  for (const LambdaCapture &C : LE->captures())
    if (C.capturesVariable())
      if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
          V && V->isInitCapture() && V->getType()->isReferenceType())
        if (const VarDecl *Of = localVar(V->getInit()); Of && !Of->getType()->isReferenceType()) {
          ThreadBorrow B;
          B.Var = varId(Of);
          B.At = Spans.token(C.getLocation()).value_or(Sp.Callable);
          Sp.Borrows.push_back(B);
        }
  ThisShared = capturesThis(LE);
  collectAccesses(LE->getBody(), LE, LE->getBody(), Sp.Accesses);
  ThisShared = false;
}

// Flow-insensitive over the loan facts: P must be given its loans once (its
// initialisation), and so must every holder they flow from; a conditional's
// arms give "may" loans. Anything assigned twice is left alone.
std::vector<std::pair<const VarDecl *, bool>> ThreadBuilder::pointsInto(const VarDecl *P) {
  std::vector<std::pair<const VarDecl *, bool>> Result;
  std::optional<OriginId> Start = Ids.originOf(P);
  if (!Start)
    return Result;
  std::map<StorageId, bool> Stores; // storage -> only on some paths
  std::set<OriginId> Seen{*Start};
  std::vector<std::pair<OriginId, bool>> Work{{*Start, false}};
  while (!Work.empty()) {
    auto [O, Maybe] = Work.back();
    Work.pop_back();
    const LoanFact *Only = nullptr;
    for (const auto &Block : All.LoanBlocks)
      for (const LoanFact &F : Block) {
        if (F.Kind != LoanFactKind::Flow || F.Dst != O)
          continue;
        if (F.Loans.empty() && F.MayLoans.empty() && F.MaySrcs.empty() && !F.Srcs.empty() &&
            std::all_of(F.Srcs.begin(), F.Srcs.end(), [&](OriginId S) { return S == O; }))
          continue; // `++p`: keeps what it holds
        if (Only)
          return {}; // assigned more than once
        Only = &F;
      }
    if (!Only)
      continue;
    auto AddLoan = [&](LoanId L, bool M) {
      auto [It, New] = Stores.try_emplace(All.Loans[L].Of, M);
      if (!New)
        It->second = It->second && M;
    };
    for (LoanId L : Only->Loans)
      AddLoan(L, Maybe);
    for (LoanId L : Only->MayLoans)
      AddLoan(L, true);
    for (OriginId S : Only->Srcs)
      if (Seen.insert(S).second)
        Work.push_back({S, Maybe});
    for (OriginId S : Only->MaySrcs)
      if (Seen.insert(S).second)
        Work.push_back({S, true});
  }
  if (Stores.empty())
    return Result;
  for (auto [Id, Maybe] : Stores) {
    const Storage &St = All.Storages[Id];
    if (St.Kind != StorageKind::Local && St.Kind != StorageKind::Parameter)
      continue;
    if (const VarDecl *V = Ids.varOf(Id); V && V->hasLocalStorage() && !V->getType()->isReferenceType())
      Result.push_back({V, Maybe});
  }
  return Result;
}

void ThreadBuilder::borrowsThrough(const VarDecl *P, Span At, SpawnSite &Sp) {
  for (auto [X, Maybe] : pointsInto(P)) {
    ThreadBorrow B;
    B.Var = varId(X);
    B.At = At;
    B.Maybe = Maybe;
    B.Via = P->getNameAsString();
    Sp.Borrows.push_back(B);
  }
}

bool ThreadBuilder::memberStarts(const Stmt *S, std::vector<std::pair<ThisThread, const FieldDecl *>> *Out,
                                 const VarDecl **Object) {
  const CXXMethodDecl *MD = nullptr;
  const CXXRecordDecl *RD = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    MD = MC->getMethodDecl();
    RD = strip(MC->getImplicitObjectArgument())->getType()->getAsCXXRecordDecl(); // not through pointers
    if (!isa<DeclRefExpr>(strip(MC->getImplicitObjectArgument())))
      return false;
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    MD = CE->getConstructor();
    RD = CE->getType()->getAsCXXRecordDecl();
  }
  if (!MD || !RD || MD->isStatic() || !MD->hasBody() || MD->getParent()->isInStdNamespace())
    return false;
  const MethodSummary &Sum = Summaries.memberThreads(MD, Spans);
  if (Sum.Starts.empty())
    return false;
  if (Object) {
    const VarDecl *V = objectOf(S);
    if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType() || V->isStaticLocal() ||
        V->getType()->getAsCXXRecordDecl() != RD)
      return false;
    *Object = V;
  }
  bool Any = false;
  for (const ThisThread &T : Sum.Starts) {
    const FieldDecl *Late = nullptr;
    if (Summaries.joinedOnDestroy(RD, T, Late, Spans))
      continue;
    Any = true;
    if (!Out)
      break;
    Out->push_back({T, Late});
  }
  return Any;
}

} // namespace borrowck
