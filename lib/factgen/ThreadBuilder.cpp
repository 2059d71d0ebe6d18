// Thread facts for one function: threads spawned with std::thread,
// std::jthread or std::async (directly or into a container of them), what
// their callables borrow from the function (by-reference captures, std::ref,
// &x) and which shared variables their visible bodies read or write under
// which locks; joins, escapes (detach, return, store, move away), handle and
// variable ends, and the spawning thread's own accesses, in CFG order.
#include "factgen/ThreadBuilder.h"
#include "factgen/FactIds.h"
#include "ast/Spans.h"
#include "summary/SummaryCache.h"

#include "ast/Wrappers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <map>
#include <set>

using namespace clang;

namespace borrowck {

namespace {

// The std class a type names ("thread", "vector"), or empty.
llvm::StringRef stdClass(QualType T) {
  T = T.getNonReferenceType();
  const TagDecl *RD = T->getAsTagDecl(); // classes, and enums such as std::launch
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return {};
  return RD->getName();
}

std::optional<HandleKind> handleKind(QualType T) {
  llvm::StringRef N = stdClass(T);
  if (N == "thread")
    return HandleKind::Thread;
  if (N == "jthread")
    return HandleKind::JThread;
  if (N == "future" || N == "shared_future")
    return HandleKind::Future;
  return std::nullopt;
}

// The element type of a std container of threads / futures (for maps, the
// mapped type: `std::map<int, std::thread>`).
std::optional<HandleKind> containerOfHandles(QualType T, bool *IsMap = nullptr) {
  T = T.getNonReferenceType();
  const auto *CT = T->getAsCXXRecordDecl();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(CT);
  if (!Spec || !Spec->isInStdNamespace())
    return std::nullopt;
  llvm::StringRef N = Spec->getName();
  unsigned Element = 0;
  if (N == "map" || N == "unordered_map" || N == "multimap" || N == "unordered_multimap")
    Element = 1;
  else if (N != "vector" && N != "deque" && N != "list" && N != "array")
    return std::nullopt;
  if (IsMap)
    *IsMap = Element == 1;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() <= Element || Args[Element].getKind() != TemplateArgument::Type)
    return std::nullopt;
  return handleKind(Args[Element].getAsType());
}

// A class annotated as a capability (`class CAPABILITY("mutex") Mutex`) or,
// for guards, as a scoped capability (`class SCOPED_CAPABILITY MutexLock`).
template <typename A> bool annotated(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->hasAttr<A>();
}

bool isMutex(QualType T) {
  if (annotated<CapabilityAttr>(T))
    return true;
  return llvm::StringSwitch<bool>(stdClass(T))
      .Cases({"mutex", "recursive_mutex", "timed_mutex", "recursive_timed_mutex", "shared_mutex",
              "shared_timed_mutex"},
             true)
      .Default(false);
}

bool isGuard(QualType T) {
  if (annotated<ScopedLockableAttr>(T))
    return true;
  return llvm::StringSwitch<bool>(stdClass(T))
      .Cases({"lock_guard", "scoped_lock", "unique_lock", "shared_lock"}, true)
      .Default(false);
}

// Types whose member functions synchronise by themselves.
bool isSynchronised(QualType T) {
  T = T.getNonReferenceType();
  while (const auto *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  if (isMutex(T) || isGuard(T) || handleKind(T) || containerOfHandles(T))
    return true;
  llvm::StringRef N = stdClass(T);
  return N.starts_with("atomic") || N == "once_flag" || N == "condition_variable" ||
         N == "condition_variable_any" || N == "latch" || N == "barrier" ||
         N == "counting_semaphore" || N == "promise" || N == "packaged_task" ||
         N == "stop_source" || N == "stop_token" || T->isAtomicType();
}

bool isSequence(QualType T) {
  T = T.getNonReferenceType();
  if (T->isArrayType())
    return true;
  llvm::StringRef N = stdClass(T);
  return N == "vector" || N == "array" || N == "deque" || N == "span" || N == "basic_string";
}

bool isStdFunction(const FunctionDecl *F, std::initializer_list<llvm::StringRef> Names) {
  if (!F || !F->getIdentifier() || !F->isInStdNamespace())
    return false;
  for (llvm::StringRef N : Names)
    if (F->getName() == N)
      return true;
  return false;
}

bool oneOf(llvm::StringRef N, std::initializer_list<llvm::StringRef> Names) {
  for (llvm::StringRef X : Names)
    if (N == X)
      return true;
  return false;
}

bool capturesThis(const LambdaExpr *LE) {
  for (const LambdaCapture &C : LE->captures())
    if (C.capturesThis())
      return true;
  return false;
}

// Is X the expression C, up to parentheses and implicit casts?
bool same(const Expr *X, const Stmt *C) {
  const auto *CE = dyn_cast<Expr>(C);
  return X == C || (CE && X->IgnoreParenImpCasts() == CE->IgnoreParenImpCasts());
}

const Expr *strip(const Expr *E) { return skipCopies(E); }

// std::move(x) / static_cast<T&&>(x): x.
const Expr *movedOperand(const Expr *E) {
  E = strip(E);
  if (const auto *C = dyn_cast<CallExpr>(E))
    if (isStdFunction(C->getDirectCallee(), {"move"}) && C->getNumArgs() == 1)
      return strip(C->getArg(0));
  return nullptr;
}

} // namespace

// ------------------------------------------------ member functions' threads

// A thread a member function starts that borrows *this and outlives the call:
// detached, or stored in a member of the object.
struct ThisThread {
  bool Detached = false;
  const FieldDecl *Field = nullptr; // stored in this member
  HandleKind Kind = HandleKind::Thread;
  std::string Api;
  std::optional<Span> BorrowAt, EscapeAt;
  std::set<const FieldDecl *> Uses; // the fields of *this the thread touches
  bool UsesUnknown = false;         // it hands `this` on, or calls members we cannot see
};

struct MethodSummary {
  std::vector<ThisThread> Starts;
  std::set<const FieldDecl *> Joins; // the member threads it joins (directly or through members)
  bool CallsUnknown = false;         // calls a member of *this without a body here
};

// Per translation unit, held by SummaryCache.
struct ThreadMemo {
  std::map<const FunctionDecl *, MethodSummary> Done;
  std::set<const FunctionDecl *> InProgress;
};

namespace {

bool isThis(const Expr *E) { return isa<CXXThisExpr>(strip(E)); }

// The container an element access is made on (`ts[i]`, `ts.at(i)`,
// `ts.back()`, `ts.front()` -> `ts`), or E itself; wrappers stripped.
const Expr *elementContainer(const Expr *E) {
  E = strip(E);
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E); OC && OC->getOperator() == OO_Subscript)
    E = strip(OC->getArg(0));
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (const auto *MD = MC->getMethodDecl(); MD && MD->getIdentifier() &&
        oneOf(MD->getName(), {"at", "back", "front"}))
      E = strip(MC->getImplicitObjectArgument());
  return E;
}

// The member of *this an expression designates: `t`, `this->t`, `ts[i]`, `ts.back()`.
const FieldDecl *fieldOfThis(const Expr *E) {
  E = elementContainer(E);
  if (const auto *ME = dyn_cast<MemberExpr>(E); ME && isThis(ME->getBase()))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  return nullptr;
}

bool isWrapper(const Stmt *P) {
  return isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
         isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P) || isa<CXXFunctionalCastExpr>(P) ||
         (isa<CXXConstructExpr>(P) && cast<CXXConstructExpr>(P)->getConstructor()->isCopyOrMoveConstructor());
}

// A spawn expression: its callable and arguments, API and handle kind.
struct SpawnExpr {
  const Expr *Callable = nullptr;
  llvm::SmallVector<const Expr *, 4> Args;
  llvm::StringRef Api;
  HandleKind Kind = HandleKind::Thread;
};

std::optional<SpawnExpr> spawnExpr(const Stmt *S) {
  SpawnExpr Sp;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    auto K = handleKind(CE->getType());
    if (!K || *K == HandleKind::Future || CE->getNumArgs() == 0 ||
        CE->getConstructor()->isCopyOrMoveConstructor())
      return std::nullopt;
    Sp.Callable = CE->getArg(0);
    Sp.Args.assign(CE->arg_begin() + 1, CE->arg_end());
    Sp.Kind = *K;
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier() || MC->getNumArgs() == 0 ||
        !oneOf(MD->getName(), {"emplace_back", "emplace", "emplace_front"}))
      return std::nullopt;
    bool Map = false;
    auto K = containerOfHandles(MC->getImplicitObjectArgument()->getType(), &Map);
    if (!K || Map || *K == HandleKind::Future || handleKind(MC->getArg(0)->getType()))
      return std::nullopt;
    Sp.Callable = MC->getArg(0);
    Sp.Args.assign(MC->arg_begin() + 1, MC->arg_end());
    Sp.Kind = *K;
  } else if (const auto *C = dyn_cast<CallExpr>(S); C && isStdFunction(C->getDirectCallee(), {"async"})) {
    unsigned First = 0;
    if (C->getNumArgs() > 0 && stdClass(C->getArg(0)->getType()) == "launch")
      First = 1;
    if (C->getNumArgs() <= First)
      return std::nullopt;
    Sp.Callable = C->getArg(First);
    Sp.Args.assign(C->arg_begin() + First + 1, C->arg_end());
    Sp.Kind = HandleKind::Future;
    Sp.Api = "std::async";
    return Sp;
  } else {
    return std::nullopt;
  }
  Sp.Api = Sp.Kind == HandleKind::Thread ? "std::thread" : "std::jthread";
  return Sp;
}

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
  void walk(const Stmt *S, const ParentMap &PM, const Stmt *Body, MethodSummary &Out);
  void addStart(const SpawnExpr &Sp, const Dest &D, MethodSummary &Out);
  ThreadMemo &M;
  const SpanMaker &Spans;
};

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
      return N == "detach" ? std::optional<Dest>(Dest{true, nullptr, MC}) : std::nullopt;
    if (oneOf(N, {"push_back", "emplace_back", "push_front", "emplace", "insert"}))
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
          Call && isStdFunction(Call->getDirectCallee(), {"move"}))
        Found = destination(Call, PM, Body, Depth + 1);
      else if (const auto *ME = dyn_cast_or_null<MemberExpr>(Q))
        if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
            MD && MD->getIdentifier() && MD->getName() == "detach")
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
void MemberThreads::addStart(const SpawnExpr &Sp, const Dest &D, MethodSummary &Out) {
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
    if (const auto *RC = dyn_cast<CallExpr>(X); RC && isStdFunction(RC->getDirectCallee(), {"ref", "cref"}) &&
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

void MemberThreads::walk(const Stmt *S, const ParentMap &PM, const Stmt *Body, MethodSummary &Out) {
  if (!S || isa<LambdaExpr>(S)) // a lambda's body runs later, if ever
    return;
  if (auto Sp = spawnExpr(S))
    if (auto D = destination(S, PM, Body, 0))
      addStart(*Sp, *D, Out);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (MD && MD->getIdentifier() && oneOf(MD->getName(), {"join", "get", "wait"})) {
      const FieldDecl *F = fieldOfThis(Obj);
      // for (auto &t : threads) t.join();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Obj)); !F && DRE)
        for (const Stmt *P = PM.getParent(MC); P; P = PM.getParent(P))
          if (const auto *FR = dyn_cast<CXXForRangeStmt>(P); FR && FR->getLoopVariable() == DRE->getDecl()) {
            F = fieldOfThis(FR->getRangeInit());
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
        Out.Starts.insert(Out.Starts.end(), Sub.Starts.begin(), Sub.Starts.end());
        Out.Joins.insert(Sub.Joins.begin(), Sub.Joins.end());
        Out.CallsUnknown |= Sub.CallsUnknown;
      }
    }
  }
  for (const Stmt *C : S->children())
    walk(C, PM, Body, Out);
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
  walk(Body, PM, Body, S);
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

class ThreadBuilder {
public:
  ThreadBuilder(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans, const CFG &Cfg,
                SummaryCache &Summaries, const FactIds &Ids, FunctionFacts &Out)
      : FD(FD), Ctx(Ctx), Spans(Spans), Cfg(Cfg), Ids(Ids), All(Out), Out(Out.Threads), Graph(Out.Graph),
        Members(Summaries.Threads ? *Summaries.Threads
                                  : *(Summaries.Threads = std::make_shared<ThreadMemo>()),
                Spans) {}
  bool run();

private:
  bool mayStartThread(const Stmt *S);
  // The locals a pointer, view, reference or closure local may point into,
  // from the loan facts (whether only on some paths).
  std::vector<std::pair<const VarDecl *, bool>> pointsInto(const VarDecl *P);
  void borrowsThrough(const VarDecl *P, Span At, SpawnSite &Sp);
  // A member function called on a local object that starts threads borrowing
  // it, which outlive the call: the object, and those threads.
  bool memberStarts(const Stmt *S, std::vector<std::pair<ThisThread, const FieldDecl *>> *Out,
                    const VarDecl **Object);
  const VarDecl *objectOf(const Stmt *S) const;
  void memberJoins(uint32_t Block, const CXXMemberCallExpr *MC);
  std::optional<Span> span(const Stmt *S) const { return Spans.range(S->getSourceRange()); }
  Span spanOr(const Stmt *S) const { return span(S).value_or(Span{}); }
  uint32_t varId(const ValueDecl *D);
  uint32_t handleId(const VarDecl *V, HandleKind K, bool Container);
  std::optional<uint32_t> handleOf(const Expr *E);
  const VarDecl *localVar(const Expr *E) const;
  void scanSpawn(const Stmt *S);
  void addSpawn(const Stmt *Call, const Expr *Callable, llvm::ArrayRef<const Expr *> Args,
                llvm::StringRef Api, HandleKind K);
  void lambdaBody(const LambdaExpr *LE, SpawnSite &Sp);
  void calleeBody(const FunctionDecl *Callee, const Expr *Arg, unsigned Param, SpawnSite &Sp);
  void collectAccesses(const Stmt *S, const LambdaExpr *LE, const Stmt *Root,
                       std::vector<ThreadAccess> &Out);
  std::optional<ThreadAccess> accessOf(const Expr *E, const ValueDecl *D, const Stmt *Root);
  void intoCallee(const CallExpr *Call, const Stmt *Root, std::vector<ThreadAccess> &Acc);
  // While collecting accesses: may the body touch fields of a shared *this,
  // and are we inside a helper (called at Call, under Locks)?
  struct CalleeState {
    bool ThisShared = false;
    const CallExpr *Call = nullptr;
    std::string Name;
    std::vector<uint32_t> Locks;
    unsigned Depth = 0;
  } Callee;
  std::set<const FunctionDecl *> InCallee;
  std::set<uint32_t> SpawnVars; // the variables some spawned body touches
  bool sharedIn(const ValueDecl *D, const LambdaExpr *LE) const;
  std::vector<uint32_t> locksAt(const Stmt *E, const Stmt *Root);
  void applyLocks(const Stmt *S, std::set<uint32_t> &Held,
                  llvm::DenseMap<const VarDecl *, std::vector<uint32_t>> &Guards);
  std::optional<uint32_t> mutexOf(const Expr *E);
  void tryLocks(const Expr *Cond, std::set<uint32_t> &Held,
                llvm::DenseMap<const VarDecl *, std::vector<uint32_t>> &Guards);
  void destination(const Stmt *Spawned, uint32_t Block, ThreadFact Start);
  void emit(uint32_t Block, ThreadFact F) { Out.Blocks[Block].push_back(std::move(F)); }
  void handleStmt(uint32_t Block, const Stmt *S);
  void handleMove(uint32_t Block, const Expr *Moved, const Stmt *Site);
  bool insideSpawnOrLambda(const Stmt *S) const;
  std::optional<Span> scopeEnd(const Stmt *Trigger, const VarDecl *V) const;
  const Stmt *parent(const Stmt *S) const {
    auto It = Parents.find(S);
    return It == Parents.end() ? nullptr : It->second;
  }
  void index(const Stmt *S, const Stmt *P) {
    if (!S)
      return;
    Parents[S] = P;
    if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
      for (const Expr *I : LE->capture_inits())
        index(I, S);
      index(LE->getBody(), S);
      return;
    }
    for (const Stmt *C : S->children())
      index(C, S);
  }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const SpanMaker &Spans;
  const CFG &Cfg;
  const FactIds &Ids;     // the loan facts' ids, by declaration
  const FunctionFacts &All; // the loan facts, already built
  ThreadFacts &Out;
  const FlowGraph &Graph;
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  llvm::DenseMap<const ValueDecl *, uint32_t> Vars;
  llvm::DenseMap<const VarDecl *, uint32_t> Handles;
  llvm::DenseMap<const Stmt *, uint32_t> SpawnAt;         // spawn expression -> spawn
  llvm::DenseMap<const Stmt *, std::vector<uint32_t>> JoinAt; // hoisted container joins
  llvm::DenseMap<const Stmt *, bool> Hoisted;              // joins moved to their loop's start
  std::set<const ValueDecl *> Shared;                      // touched by some spawned body
  MemberThreads Members;
  llvm::DenseMap<const Stmt *, std::vector<uint32_t>> MemberSpawnAt; // `w.start()` -> spawns
  llvm::DenseMap<const Stmt *, const VarDecl *> MemberSpawnVar;       // `w.start()` -> `w`
  std::map<std::pair<const VarDecl *, const FieldDecl *>, uint32_t> MemberHandles; // `w.worker`
};

uint32_t ThreadBuilder::varId(const ValueDecl *D) {
  auto It = Vars.find(D);
  if (It != Vars.end())
    return It->second;
  SharedVar V;
  V.Name = D->getNameAsString();
  V.Declared = Spans.token(D->getLocation());
  if (const auto *VD = dyn_cast<VarDecl>(D))
    V.Local = VD->hasLocalStorage() && !VD->getType()->isReferenceType();
  V.Guarded = D->hasAttr<GuardedByAttr>() || D->hasAttr<PtGuardedByAttr>();
  uint32_t Id = static_cast<uint32_t>(Out.Vars.size());
  Out.Vars.push_back(std::move(V));
  Vars[D] = Id;
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
                                                ME->getMemberDecl()->getName() == "second")
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
        llvm::StringRef N = stdClass(A->getType());
        Deferred |= N == "defer_lock_t" || N == "try_to_lock_t";
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
    llvm::StringRef N = MD->getName();
    // std's names, or Clang's thread-safety attributes on a user's mutex or
    // scoped lock (`void Lock() ACQUIRE()`, `void Release() RELEASE()`).
    const bool Acquires = MD->hasAttr<AcquireCapabilityAttr>();
    const bool Releases = MD->hasAttr<ReleaseCapabilityAttr>();
    if (!Acquires && !Releases && N != "lock" && N != "unlock" && N != "lock_shared" &&
        N != "unlock_shared")
      return;
    std::vector<uint32_t> Ms;
    if (auto M = mutexOf(MC->getImplicitObjectArgument()))
      Ms.push_back(*M);
    else if (const VarDecl *G = localVar(MC->getImplicitObjectArgument()); G && Guards.count(G))
      Ms = Guards[G];
    for (uint32_t M : Ms) {
      if (Acquires || (!Releases && N.starts_with("lock")))
        Held.insert(M);
      else
        Held.erase(M);
    }
    return;
  }
  // A function annotated ACQUIRE(m) / RELEASE(m) on a global mutex.
  if (const auto *C = dyn_cast<CallExpr>(E); C && C->getDirectCallee()) {
    const FunctionDecl *F = C->getDirectCallee();
    for (const auto *A : F->specific_attrs<AcquireCapabilityAttr>())
      for (const Expr *Arg : A->args())
        if (auto M = mutexOf(Arg))
          Held.insert(*M);
    for (const auto *A : F->specific_attrs<ReleaseCapabilityAttr>())
      for (const Expr *Arg : A->args())
        if (auto M = mutexOf(Arg))
          Held.erase(*M);
  }
  if (const auto *C = dyn_cast<CallExpr>(E); C && isStdFunction(C->getDirectCallee(), {"lock"}))
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
        C && isStdFunction(C->getDirectCallee(), {"call_once"}) && C->getNumArgs() >= 1)
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
  llvm::StringRef N = MD->getIdentifier() ? MD->getName() : "";
  const bool Tries = MD->hasAttr<TryAcquireCapabilityAttr>() ||
                     oneOf(N, {"try_lock", "try_lock_shared", "try_lock_for", "try_lock_until",
                               "try_lock_shared_for", "try_lock_shared_until"});
  const bool Owns = N == "owns_lock" || isa<CXXConversionDecl>(MD);
  if (!Tries && !Owns)
    return;
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (auto M = mutexOf(Obj); M && Tries)
    Held.insert(*M);
  else if (const VarDecl *G = localVar(Obj); G && Guards.count(G))
    Held.insert(Guards[G].begin(), Guards[G].end());
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
          oneOf(MD->getName(), {"at", "front", "back"})) {
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
          oneOf(MD->getName(), {"at", "front", "back"})) {
        A.Element = true;
        continue;
      }
      A.Write |= !MD->isConst();
      break;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *F = Call->getDirectCallee();
      if (isStdFunction(F, {"ref", "cref"}))
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
    for (const auto *A : R->specific_attrs<RequiresCapabilityAttr>())
      for (const Expr *Arg : A->args())
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
  Callee = CalleeState();
  Callee.ThisShared = capturesThis(LE);
  collectAccesses(LE->getBody(), LE, LE->getBody(), Sp.Accesses);
  Callee = CalleeState();
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
    if (const auto *RC = dyn_cast<CallExpr>(A); RC && isStdFunction(RC->getDirectCallee(), {"ref", "cref"}) &&
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
        this->Callee.ThisShared = true;
      }
  if (const FunctionDecl *Def = nullptr; Callee && Callee->hasBody(Def)) {
    index(Def->getBody(), nullptr);
    collectAccesses(Def->getBody(), nullptr, Def->getBody(), Sp.Accesses);
  }
  this->Callee = CalleeState();
  SpawnAt[Call] = static_cast<uint32_t>(Out.Spawns.size());
  Out.Spawns.push_back(std::move(Sp));
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
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    auto K = handleKind(CE->getType());
    if (!K || *K == HandleKind::Future || CE->getNumArgs() == 0 ||
        CE->getConstructor()->isCopyOrMoveConstructor())
      return;
    llvm::SmallVector<const Expr *, 4> Rest(CE->arg_begin() + 1, CE->arg_end());
    addSpawn(CE, CE->getArg(0), Rest, *K == HandleKind::Thread ? "std::thread" : "std::jthread", *K);
    return;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier() || MC->getNumArgs() == 0)
      return;
    llvm::StringRef N = MD->getName();
    if (N != "emplace_back" && N != "emplace" && N != "emplace_front")
      return;
    bool Map = false; // m.emplace(key, ...): the key is not a callable
    auto K = containerOfHandles(MC->getImplicitObjectArgument()->getType(), &Map);
    if (!K || Map || *K == HandleKind::Future || handleKind(MC->getArg(0)->getType()))
      return;
    llvm::SmallVector<const Expr *, 4> Rest(MC->arg_begin() + 1, MC->arg_end());
    addSpawn(MC, MC->getArg(0), Rest, *K == HandleKind::Thread ? "std::thread" : "std::jthread", *K);
    return;
  }
  if (const auto *C = dyn_cast<CallExpr>(S); C && isStdFunction(C->getDirectCallee(), {"async"})) {
    unsigned First = 0;
    if (C->getNumArgs() > 0 && stdClass(C->getArg(0)->getType()) == "launch")
      First = 1;
    if (C->getNumArgs() <= First)
      return;
    llvm::SmallVector<const Expr *, 4> Rest(C->arg_begin() + First + 1, C->arg_end());
    addSpawn(C, C->getArg(First), Rest, "std::async", HandleKind::Future);
  }
}

bool ThreadBuilder::insideSpawnOrLambda(const Stmt *S) const {
  for (const Stmt *P = parent(S); P; P = parent(P))
    if (isa<LambdaExpr>(P) || SpawnAt.count(P))
      return true;
  return false;
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
      if (N == "detach")
        return EscapeHere(EscapeKind::Detached, MC);
      emit(Block, Start); // std::thread(...).join(), a temporary future's get()
      ThreadFact J{ThreadFactKind::Join};
      J.Spawn = Start.Spawn;
      J.Where = spanOr(MC);
      emit(Block, J);
      return;
    }
    if (N == "push_back" || N == "emplace_back" || N == "push_front" || N == "emplace" ||
        N == "insert" || N == "push") {
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
    Callee = CalleeState();
    Callee.ThisShared = true;
    intoCallee(Call, FD.getBody(), Acc);
    Callee = CalleeState();
    for (ThreadAccess &A : Acc)
      if (SpawnVars.count(A.Var)) {
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
    if (N == "join" || N == "get" || N == "wait" || N == "detach") {
      auto H = handleOf(MC->getImplicitObjectArgument());
      if (!H || Hoisted.count(MC))
        return;
      ThreadFact F{N == "detach" ? ThreadFactKind::Escape : ThreadFactKind::Join};
      F.Handle = *H;
      F.How = EscapeKind::Detached;
      F.Where = spanOr(MC);
      emit(Block, F);
    }
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
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
  if (D && Shared.count(D) && !insideSpawnOrLambda(S))
    if (auto A = accessOf(cast<Expr>(S), D, FD.getBody())) {
      ThreadFact F{ThreadFactKind::Access};
      F.Access = std::move(*A);
      F.Where = F.Access.Where;
      emit(Block, F);
    }
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

// Could S start a thread? A cheap test, so that functions that start none
// cost one walk over their elements.
bool ThreadBuilder::mayStartThread(const Stmt *S) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    return (CE->getNumArgs() > 0 && handleKind(CE->getType())) || memberStarts(CE, nullptr, nullptr);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
    return (MC->getNumArgs() > 0 && containerOfHandles(MC->getImplicitObjectArgument()->getType())) ||
           memberStarts(MC, nullptr, nullptr);
  if (const auto *C = dyn_cast<CallExpr>(S))
    return isStdFunction(C->getDirectCallee(), {"async"});
  return false;
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
  const MethodSummary &Sum = Members.get(MD);
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
    if (Members.joinedOnDestroy(RD, T, Late))
      continue;
    Any = true;
    if (!Out)
      break;
    Out->push_back({T, Late});
  }
  return Any;
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
  const MethodSummary *Sum = MD && MD->hasBody(Def) ? &Members.get(Def) : nullptr;
  for (auto It = First; It != MemberHandles.end() && It->first.first == V; ++It)
    if (!Sum || Sum->CallsUnknown || Sum->Joins.count(It->first.second)) {
      ThreadFact J{ThreadFactKind::Join};
      J.Handle = It->second;
      J.Where = spanOr(MC);
      emit(Block, J);
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
              !oneOf(MD->getName(), {"join", "get", "wait"}))
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

} // namespace

bool buildThreadFacts(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans,
                      const CFG &Cfg, SummaryCache &Summaries, const FactIds &Ids,
                      FunctionFacts &Out) {
  return ThreadBuilder(FD, Ctx, Spans, Cfg, Summaries, Ids, Out).run();
}

} // namespace borrowck
