// The member-thread facet of SummaryCache (summary/MemberThreads.h): for each
// member function, the threads it starts that borrow *this and outlive the
// call (detached, or stored in a member), the member threads it joins, and
// the fields those threads use; memoised per translation unit.
#include "summary/MemberThreads.h"
#include "summary/Paths.h"
#include "ast/Spans.h"
#include "model/StdThreads.h"
#include "summary/SummaryCacheImpl.h"
#include "summary/ThreadExprs.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace borrowck {

using namespace stdthreads;

namespace {

// One computation of the facet: walks a member function's body with the
// translation unit's memo in hand.
class MemberThreads {
public:
  MemberThreads(ThreadMemo &M, const SpanMaker &Spans) : M(M), Spans(Spans) {}
  const MethodSummary &get(const FunctionDecl *F);
  // Is the member thread T joined before anything it uses dies, when the
  // object is destroyed? Late: a field it uses that dies first.
  bool joinedOnDestroy(const CXXRecordDecl *RD, const ThisThread &T, const FieldDecl *&Late);

private:
  struct Dest {
    bool Detached = false;
    const FieldDecl *Field = nullptr;
    const Stmt *Where = nullptr;
  };
  std::optional<Dest> destination(const Stmt *E, const ParentMap &PM, const Stmt *Body, int Depth);
  void fieldsUsed(const Stmt *S, ThisThread &T, std::set<const FunctionDecl *> &Seen);
  // Locals the member's threads are moved into (`rest = std::move(threads_)`,
  // `auto rest = std::move(threads_)`, `rest.swap(threads_)`): joining them joins the member.
  using FromMember = std::map<const VarDecl *, const FieldDecl *>;
  FromMember movedOut(const Stmt *Body);
  void walk(const Stmt *S, const ParentMap &PM, const Stmt *Body, const FromMember &Moved, MethodSummary &Out);
  void addStart(const SpawnExpr &Sp, const Dest &D, MethodSummary &Out, bool Conditional = false);
  ThreadMemo &M;
  const SpanMaker &Spans;
};

} // namespace

// Where the thread the expression E yields goes, if it outlives the member function.
std::optional<MemberThreads::Dest> MemberThreads::destination(const Stmt *E, const ParentMap &PM,
                                                             const Stmt *Body, int Depth) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E); MC && spawnExpr(MC)) // ts.emplace_back(...)
    if (const FieldDecl *F = fieldOfThis(MC->getImplicitObjectArgument()))
      return Dest{false, F, MC};
  const Stmt *C = E;
  const Stmt *P = PM.getParent(C);
  while (P && isWrapper(P)) {
    C = P;
    P = PM.getParent(P);
  }
  if (!P)
    return std::nullopt;
  if (const auto *ME = dyn_cast<MemberExpr>(P))
    if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(PM.getParent(ME)); MC && MC->getCallee() == ME)
      P = MC;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
    const auto *MD = MC->getMethodDecl();
    llvm::StringRef N = MD && MD->getIdentifier() ? MD->getName() : "";
    if (strip(MC->getImplicitObjectArgument()) == strip(cast<Expr>(C)))
      return isDetach(N) ? std::optional<Dest>(Dest{true, nullptr, MC}) : std::nullopt;
    if (isInsertion(N, /*WithPush=*/false))
      if (const FieldDecl *F = fieldOfThis(MC->getImplicitObjectArgument()))
        return Dest{false, F, MC};
    return std::nullopt;
  }
  const Expr *AssignedTo = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && BO->getOpcode() == BO_Assign)
    AssignedTo = BO->getLHS();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P); OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
    AssignedTo = OC->getArg(0);
  if (AssignedTo) {
    if (const FieldDecl *F = fieldOfThis(AssignedTo))
      return Dest{false, F, P};
    return std::nullopt;
  }
  // A local handle: detached, or moved into a member.
  const auto *DS = dyn_cast<DeclStmt>(P);
  if (!DS || !DS->isSingleDecl() || Depth > 0)
    return std::nullopt;
  const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!V || !V->hasLocalStorage() || !handleKind(V->getType()))
    return std::nullopt;
  std::optional<Dest> Found;
  std::vector<const Stmt *> Work{Body};
  while (!Work.empty() && !Found) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V) {
      const Stmt *U = DRE;
      const Stmt *Q = PM.getParent(U);
      while (Q && isWrapper(Q)) {
        U = Q;
        Q = PM.getParent(Q);
      }
      if (const auto *Call = dyn_cast_or_null<CallExpr>(Q);
          Call && isStdMove(Call->getDirectCallee()))
        Found = destination(Call, PM, Body, Depth + 1);
      else if (const auto *ME = dyn_cast_or_null<MemberExpr>(Q))
        if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
            MD && MD->getIdentifier() && isDetach(MD->getName()))
          Found = Dest{true, nullptr, PM.getParent(ME)};
    }
    for (const Stmt *Ch : S->children())
      Work.push_back(Ch);
  }
  return Found;
}

// The fields of *this that S touches, through the members it calls on *this.
void MemberThreads::fieldsUsed(const Stmt *S, ThisThread &T, std::set<const FunctionDecl *> &Seen) {
  if (!S)
    return;
  if (const auto *ME = dyn_cast<MemberExpr>(S); ME && isThis(ME->getBase())) {
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
      T.Uses.insert(F);
      return;
    }
    if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl())) {
      const FunctionDecl *Def = nullptr;
      if (!MD->hasBody(Def))
        T.UsesUnknown = true;
      else if (Seen.insert(Def).second)
        fieldsUsed(Def->getBody(), T, Seen);
    }
    return;
  }
  if (isa<CXXThisExpr>(S)) { // `this` handed on: what it touches is unknown
    T.UsesUnknown = true;
    return;
  }
  for (const Stmt *C : S->children())
    fieldsUsed(C, T, Seen);
}

// A thread started by a member function: kept in the summary if it uses `this`.
void MemberThreads::addStart(const SpawnExpr &Sp, const Dest &D, MethodSummary &Out, bool Conditional) {
  const Expr *C = strip(Sp.Callable);
  const auto *LE = dyn_cast<LambdaExpr>(C);
  std::optional<Span> BorrowAt;
  if (LE) {
    for (const LambdaCapture &Cap : LE->captures())
      if (Cap.capturesThis())
        BorrowAt = Spans.token(Cap.getLocation());
    if (!BorrowAt && capturesThis(LE))
      BorrowAt = Spans.range(LE->getIntroducerRange());
  }
  for (const Expr *A : Sp.Args) {
    const Expr *X = strip(A);
    if (const auto *RC = dyn_cast<CallExpr>(X); RC && isStdRef(RC->getDirectCallee()) &&
                                               RC->getNumArgs() == 1)
      if (const auto *UO = dyn_cast<UnaryOperator>(strip(RC->getArg(0))); UO && UO->getOpcode() == UO_Deref)
        X = UO->getSubExpr();
    if (isThis(X))
      BorrowAt = Spans.range(A->getSourceRange());
  }
  if (BorrowAt) {
    ThisThread T;
    T.Detached = D.Detached;
    T.Field = D.Field;
    T.Kind = Sp.Kind;
    T.Api = Sp.Api.str();
    T.BorrowAt = BorrowAt;
    T.EscapeAt = Spans.range(D.Where->getSourceRange());
    T.Conditional = Conditional;
    std::set<const FunctionDecl *> Seen;
    if (LE) {
      fieldsUsed(LE->getBody(), T, Seen);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_AddrOf) {
      const auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr()));
      const auto *MD = DRE ? dyn_cast<CXXMethodDecl>(DRE->getDecl()) : nullptr;
      const FunctionDecl *Def = nullptr;
      if (MD && MD->hasBody(Def))
        fieldsUsed(Def->getBody(), T, Seen);
      else
        T.UsesUnknown = true;
    } else {
      T.UsesUnknown = true;
    }
    Out.Starts.push_back(std::move(T));
  }
}

MemberThreads::FromMember MemberThreads::movedOut(const Stmt *Body) {
  FromMember Moved;
  auto Holder = [](const VarDecl *V) {
    return V && V->hasLocalStorage() && !V->getType()->isReferenceType() &&
           (handleKind(V->getType()) || containerOfHandles(V->getType()));
  };
  auto Local = [&](const Expr *E) -> const VarDecl * {
    const auto *DRE = dyn_cast<DeclRefExpr>(strip(E));
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return Holder(V) ? V : nullptr;
  };
  auto Member = [](const Expr *E) -> const FieldDecl * {
    if (const Expr *M = movedOperand(E))
      E = M;
    const auto *ME = dyn_cast<MemberExpr>(strip(E));
    return ME && isThis(ME->getBase()) ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  };
  std::vector<const Stmt *> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() && movedOperand(V->getInit()))
          if (const FieldDecl *F = Member(V->getInit()))
            if (Holder(V))
              Moved[V] = F;
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
               OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 && movedOperand(OC->getArg(1))) {
      if (const VarDecl *V = Local(OC->getArg(0)))
        if (const FieldDecl *F = Member(OC->getArg(1)))
          Moved[V] = F;
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S); MC && MC->getNumArgs() == 1 &&
                                                               MC->getMethodDecl() &&
                                                               MC->getMethodDecl()->getIdentifier() &&
                                                               MC->getMethodDecl()->getName() == "swap") {
      if (const VarDecl *V = Local(MC->getImplicitObjectArgument()))
        if (const FieldDecl *F = Member(MC->getArg(0)))
          Moved[V] = F;
      if (const VarDecl *V = Local(MC->getArg(0)))
        if (const FieldDecl *F = Member(MC->getImplicitObjectArgument()))
          Moved[V] = F;
    } else if (const auto *C = dyn_cast<CallExpr>(S); C && C->getNumArgs() == 2 && C->getDirectCallee() &&
                                                     C->getDirectCallee()->isInStdNamespace() &&
                                                     C->getDirectCallee()->getIdentifier() &&
                                                     C->getDirectCallee()->getName() == "swap") {
      for (unsigned I = 0; I < 2; ++I)
        if (const VarDecl *V = Local(C->getArg(I)))
          if (const FieldDecl *F = Member(C->getArg(1 - I)))
            Moved[V] = F;
    }
    for (const Stmt *Ch : S->children())
      Work.push_back(Ch);
  }
  return Moved;
}

void MemberThreads::walk(const Stmt *S, const ParentMap &PM, const Stmt *Body, const FromMember &Moved,
                         MethodSummary &Out) {
  if (!S || isa<LambdaExpr>(S)) // a lambda's body runs later, if ever
    return;
  if (auto Sp = spawnExpr(S))
    if (auto D = destination(S, PM, Body, 0))
      addStart(*Sp, *D, Out, onSomePaths(S, PM, Body));
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (MD && MD->getIdentifier() && isJoin(MD->getName())) {
      const FieldDecl *F = fieldOfThis(Obj);
      auto MovedFrom = [&](const Expr *E) -> const FieldDecl * {
        const auto *R = dyn_cast<DeclRefExpr>(elementContainer(E));
        const auto *V = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
        auto It = V ? Moved.find(V) : Moved.end();
        return It == Moved.end() ? nullptr : It->second;
      };
      if (!F)
        F = MovedFrom(Obj);
      // for (auto &t : threads) t.join();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Obj)); !F && DRE)
        for (const Stmt *P = PM.getParent(MC); P; P = PM.getParent(P))
          if (const auto *FR = dyn_cast<CXXForRangeStmt>(P); FR && FR->getLoopVariable() == DRE->getDecl()) {
            F = fieldOfThis(FR->getRangeInit());
            if (!F)
              F = MovedFrom(FR->getRangeInit());
            break;
          }
      if (F)
        Out.Joins.insert(F);
    } else if (MD && isThis(Obj)) {
      const FunctionDecl *Def = nullptr;
      if (!MD->hasBody(Def)) {
        Out.CallsUnknown = true;
      } else {
        const MethodSummary &Sub = get(Def);
        const bool Some = onSomePaths(MC, PM, Body);
        for (ThisThread T : Sub.Starts) {
          T.Conditional |= Some;
          Out.Starts.push_back(std::move(T));
        }
        Out.Joins.insert(Sub.Joins.begin(), Sub.Joins.end());
        Out.CallsUnknown |= Sub.CallsUnknown;
      }
    }
  }
  for (const Stmt *C : S->children())
    walk(C, PM, Body, Moved, Out);
}

const MethodSummary &MemberThreads::get(const FunctionDecl *F) {
  F = F->getCanonicalDecl();
  if (auto It = M.Done.find(F); It != M.Done.end())
    return It->second;
  static const MethodSummary Empty;
  const FunctionDecl *Def = nullptr;
  const Stmt *Body = F->getBody(Def);
  if (!Body || !isa<CXXMethodDecl>(F) || !M.InProgress.insert(F).second)
    return Empty;
  MethodSummary S;
  // A constructor's member initialisers: `Worker() : t([this] { run(); }) {}`.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *I : Ctor->inits())
      if (const FieldDecl *Fd = I->getMember(); Fd && I->getInit() && I->isWritten())
        if (const Expr *Init = strip(I->getInit()); isa<CXXConstructExpr>(Init))
          if (auto Sp = spawnExpr(Init))
            addStart(*Sp, Dest{false, Fd, Init}, S);
  ParentMap PM(const_cast<Stmt *>(Body));
  walk(Body, PM, Body, movedOut(Body), S);
  M.InProgress.erase(F);
  return M.Done[F] = std::move(S);
}

bool MemberThreads::joinedOnDestroy(const CXXRecordDecl *RD, const ThisThread &T, const FieldDecl *&Late) {
  Late = nullptr;
  if (T.Detached || !T.Field)
    return false;
  // The object's destructor, and the one of the (base) class that declares the member.
  const auto *Owner = dyn_cast<CXXRecordDecl>(T.Field->getParent());
  for (const CXXRecordDecl *C : {RD, Owner}) {
    const CXXDestructorDecl *D = C ? C->getDestructor() : nullptr;
    if (!D || !D->isUserProvided())
      continue;
    const FunctionDecl *Def = nullptr;
    if (!D->hasBody(Def))
      return true; // defined elsewhere: it may join
    const MethodSummary &S = get(Def);
    if (S.Joins.count(T.Field) || S.CallsUnknown)
      return true;
  }
  auto K = handleKind(T.Field->getType());
  if (!K)
    K = containerOfHandles(T.Field->getType());
  if (!K || *K == HandleKind::Thread)
    return false;
  // A jthread or future member joins when destroyed: after the fields
  // declared after it (members die in reverse order of declaration).
  if (T.UsesUnknown)
    return true;
  for (const FieldDecl *U : T.Uses)
    if (U->getParent() == T.Field->getParent() && U->getFieldIndex() > T.Field->getFieldIndex() &&
        (!Late || U->getFieldIndex() < Late->getFieldIndex()))
      Late = U;
  return Late == nullptr;
}


const MethodSummary &SummaryCache::memberThreads(const FunctionDecl *F, const SpanMaker &Spans) {
  return MemberThreads(P->Threads, Spans).get(F);
}

bool SummaryCache::joinedOnDestroy(const CXXRecordDecl *RD, const ThisThread &T, const FieldDecl *&Late,
                                   const SpanMaker &Spans) {
  return MemberThreads(P->Threads, Spans).joinedOnDestroy(RD, T, Late);
}

} // namespace borrowck
