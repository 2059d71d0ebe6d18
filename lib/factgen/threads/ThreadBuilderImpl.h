// Internal to factgen/threads/: the builder of one function's thread facts.
// Its parts live in files by concern:
//   Spawns.cpp    spawn sites (scanSpawn, addSpawn, lambdaBody), what their
//                 callables borrow (pointsInto), threads started by members (memberStarts)
//   Accesses.cpp  which shared variables a body reads or writes (accessOf,
//                 collectAccesses), and what the helpers it calls do
//                 (intoCallee, calleeBody: from summary/SharedAccesses.h)
// Locks held and how an access uses a variable are read in terms of
// declarations by summary/ThreadReader.h, shared with the callee summaries.
//   Handles.cpp   handles and where a thread goes (handleOf, destination,
//                 handleMove, memberJoins)
//   Walk.cpp      pass 2, per CFG block in order (handleStmt), and run()
#pragma once

#include "factgen/FactIds.h"
#include "factgen/ThreadBuilder.h"
#include "ast/Spans.h"
#include "summary/MemberThreads.h"
#include "summary/SharedAccesses.h"
#include "summary/SummaryCache.h"
#include "summary/ThreadExprs.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"

#include <map>
#include <set>

namespace borrowck {

class ThreadBuilder {
public:
  ThreadBuilder(const clang::FunctionDecl &FD, clang::ASTContext &Ctx, const SpanMaker &Spans, const clang::CFG &Cfg,
                SummaryCache &Summaries, const FactIds &Ids, FunctionFacts &Out)
      : FD(FD), Ctx(Ctx), Spans(Spans), Cfg(Cfg), Ids(Ids), All(Out), Out(Out.Threads), Graph(Out.Graph),
        Summaries(Summaries) {}
  bool run();

private:
  bool mayStartThread(const clang::Stmt *S);
  // The locals a pointer, view, reference or closure local may point into,
  // from the loan facts (whether only on some paths).
  std::vector<std::pair<const clang::VarDecl *, bool>> pointsInto(const clang::VarDecl *P);
  void borrowsThrough(const clang::VarDecl *P, Span At, SpawnSite &Sp);
  // A member function called on a local object that starts threads borrowing
  // it, which outlive the call: the object, and those threads.
  bool memberStarts(const clang::Stmt *S, std::vector<std::pair<ThisThread, const clang::FieldDecl *>> *Out,
                    const clang::VarDecl **Object);
  const clang::VarDecl *objectOf(const clang::Stmt *S) const;
  void memberJoins(uint32_t Block, const clang::CXXMemberCallExpr *MC);
  std::optional<Span> span(const clang::Stmt *S) const { return Spans.range(S->getSourceRange()); }
  Span spanOr(const clang::Stmt *S) const { return span(S).value_or(Span{}); }
  uint32_t varId(const clang::ValueDecl *D);
  uint32_t handleId(const clang::VarDecl *V, HandleKind K, bool Container);
  std::optional<uint32_t> handleOf(const clang::Expr *E);
  const clang::VarDecl *localVar(const clang::Expr *E) const;
  void scanSpawn(const clang::Stmt *S);
  void addSpawn(const clang::Stmt *Call, const clang::Expr *Callable, llvm::ArrayRef<const clang::Expr *> Args,
                llvm::StringRef Api, HandleKind K);
  void lambdaBody(const clang::LambdaExpr *LE, SpawnSite &Sp);
  void calleeBody(const clang::FunctionDecl *Callee, const clang::Expr *Arg, unsigned Param, SpawnSite &Sp);
  void collectAccesses(const clang::Stmt *S, const clang::LambdaExpr *LE, const clang::Stmt *Root,
                       std::vector<ThreadAccess> &Out);
  std::optional<ThreadAccess> accessOf(const clang::Expr *E, const clang::ValueDecl *D, const clang::Stmt *Root);
  // LE: the thread body's lambda (what it shares); Spawner: the spawning
  // thread's own call (any object may be shared: filtered by SpawnVars).
  void intoCallee(const clang::CallExpr *Call, const clang::Stmt *Root, std::vector<ThreadAccess> &Acc,
                  const clang::LambdaExpr *LE = nullptr, bool Spawner = false);
  // A member function called on a named object whose summary says what it
  // touches of it (summary: memberAccesses, not Opaque): the object, or null.
  const clang::ValueDecl *objectCall(const clang::CXXMemberCallExpr *MC, const CalleeAccesses **Sum);
  // The named object a shared access of S is: a variable, or a field of *this.
  static bool namesObject(const clang::Stmt *S);
  static bool hasOrderingField(const clang::ValueDecl *D);
  // The member call E is the object of (`k` in `k.inc()`), through parentheses and casts.
  const clang::CXXMemberCallExpr *callOn(const clang::Expr *E) const;
  // The field F of the shared object Object, as a shared variable of its own ("k.n").
  uint32_t fieldVarId(const clang::ValueDecl *Object, const clang::FieldDecl *F,
                      const clang::FieldDecl *Through = nullptr);
  // Joins made by a lambda the function calls (`join()`, `[&] { t.join(); }()`)
  // or by a scope guard's destructor (GuardJoins, at the guard's end).
  const clang::LambdaExpr *lambdaOf(const clang::Expr *E) const;
  std::vector<uint32_t> handlesJoinedBy(const clang::LambdaExpr *LE);
  void calledLambdaJoins(uint32_t Block, const clang::CallExpr *Call);
  void findGuards();
  llvm::DenseMap<const clang::VarDecl *, std::vector<uint32_t>> GuardJoins;
  // A shared variable's access, numbered: Var's id, the locks' ids (sorted).
  ThreadAccess access(const clang::ValueDecl *Var, Span Where, bool Write, bool Element, const DeclSet &Locks);
  std::vector<uint32_t> ids(const DeclSet &Decls) {
    std::set<uint32_t> Sorted;
    for (const clang::ValueDecl *D : Decls)
      Sorted.insert(varId(D));
    return {Sorted.begin(), Sorted.end()};
  }
  // While collecting accesses: may the body touch fields of a shared *this?
  bool ThisShared = false;
  std::set<uint32_t> SpawnVars; // the variables some spawned body touches
  bool sharedIn(const clang::ValueDecl *D, const clang::LambdaExpr *LE) const;
  void destination(const clang::Stmt *Spawned, uint32_t Block, ThreadFact Start);
  void emit(uint32_t Block, ThreadFact F) { Out.Blocks[Block].push_back(std::move(F)); }
  void handleStmt(uint32_t Block, const clang::Stmt *S);
  void handleMove(uint32_t Block, const clang::Expr *Moved, const clang::Stmt *Site);
  bool insideSpawnOrLambda(const clang::Stmt *S) const;
  std::optional<Span> scopeEnd(const clang::Stmt *Trigger, const clang::VarDecl *V) const;
  const clang::Stmt *parent(const clang::Stmt *S) const {
    auto It = Parents.find(S);
    return It == Parents.end() ? nullptr : It->second;
  }
  void index(const clang::Stmt *S, const clang::Stmt *P) {
    if (!S)
      return;
    Parents[S] = P;
    if (const auto *LE = llvm::dyn_cast<clang::LambdaExpr>(S)) {
      for (const clang::Expr *I : LE->capture_inits())
        index(I, S);
      index(LE->getBody(), S);
      return;
    }
    for (const clang::Stmt *C : S->children())
      index(C, S);
  }

  const clang::FunctionDecl &FD;
  clang::ASTContext &Ctx;
  const SpanMaker &Spans;
  const clang::CFG &Cfg;
  const FactIds &Ids;     // the loan facts' ids, by declaration
  const FunctionFacts &All; // the loan facts, already built
  ThreadFacts &Out;
  const FlowGraph &Graph;
  llvm::DenseMap<const clang::Stmt *, const clang::Stmt *> Parents;
  llvm::DenseMap<const clang::ValueDecl *, uint32_t> Vars;
  llvm::DenseMap<const clang::VarDecl *, uint32_t> Handles;
  llvm::DenseMap<const clang::Stmt *, uint32_t> SpawnAt;         // spawn expression -> spawn
  llvm::DenseMap<const clang::Stmt *, std::vector<uint32_t>> JoinAt; // hoisted container joins
  llvm::DenseMap<const clang::Stmt *, bool> Hoisted;              // joins moved to their loop's start
  std::set<const clang::ValueDecl *> Shared;                      // touched by some spawned body
  SummaryCache &Summaries; // member functions' threads, callees' accesses
  // Locks and accesses on the AST (summary/ThreadReader.h); every declaration
  // it meets is numbered as a shared variable, in that order.
  ThreadReader Reader{[this](const clang::Stmt *S) { return parent(S); },
                      [this](const clang::ValueDecl *D) { varId(D); },
                      [this](const clang::FunctionDecl *F, unsigned I) { return Summaries.writesThroughParam(F, I); }};
  std::map<std::tuple<const clang::ValueDecl *, const clang::FieldDecl *, const clang::FieldDecl *>, uint32_t>
      FieldVars; // fieldVarId()
  llvm::DenseMap<const clang::Stmt *, std::vector<uint32_t>> MemberSpawnAt; // `w.start()` -> spawns
  llvm::DenseMap<const clang::Stmt *, const clang::VarDecl *> MemberSpawnVar;       // `w.start()` -> `w`
  std::map<std::pair<const clang::VarDecl *, const clang::FieldDecl *>, uint32_t> MemberHandles; // `w.worker`
};

} // namespace borrowck
