// The adapter to Clang's uninitialized-values analysis (the one behind
// -Wuninitialized and -Wsometimes-uninitialized): its reports on scalars
// become UninitRead facts, with the paths that skip every write.
#include "factgen/init/Init.h"

#include "ast/ParentIndex.h"
#include "ast/Spans.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/UninitializedValues.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

using namespace clang;

namespace borrowck::init {

namespace {

class Collector : public UninitVariablesHandler {
public:
  void handleUseOfUninitVariable(const VarDecl *VD, const UninitUse &U) override {
    Uses[VD].push_back(U);
  }
  std::map<const VarDecl *, std::vector<UninitUse>> Uses;
};

// rustc: "an `else` arm might be missing here", on the `}` of the `then` block.
void addMissingElse(const IfStmt *IS, const SpanMaker &Spans, std::vector<SkipPath> &Out) {
  if (const auto *Then = dyn_cast<CompoundStmt>(IS->getThen()))
    if (std::optional<Span> R = Spans.token(Then->getRBracLoc())) {
      SkipPath E;
      E.Kind = SkipKind::MissingElse;
      E.Construct = "if";
      E.Where = *R;
      Out.push_back(std::move(E));
    }
}

// The occurrences of VD other than Use that are not plain reads: its writes.
std::vector<const DeclRefExpr *> writesOf(const FunctionDecl &FD, const ParentIndex &Parents,
                                          const VarDecl *VD, const Expr *Use) {
  std::vector<const DeclRefExpr *> Writes;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == VD && DRE != Use) {
      const Stmt *P = Parents.parentOf(DRE);
      while (P && isa<ParenExpr>(P))
        P = Parents.parentOf(P);
      const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(P);
      if (!IC || IC->getCastKind() != CK_LValueToRValue)
        Writes.push_back(DRE);
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(FD.getBody());
  return Writes;
}

// For a "maybe" use (Clang names no branch): the loop or the switch without
// `default` that holds every write of VD and ends before the use. Skipping it
// (the loop's body never runs, no case matches) leaves VD uninitialised.
std::optional<SkipPath> skipOfMaybe(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans,
                                    const ParentIndex &Parents, const VarDecl *VD,
                                    const Expr *Use) {
  std::vector<const DeclRefExpr *> Writes = writesOf(FD, Parents, VD, Use);
  if (Writes.empty())
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Contains = [&](const Stmt *Outer, const Stmt *Inner) {
    for (const Stmt *P = Inner; P; P = Parents.parentOf(P))
      if (P == Outer)
        return true;
    return false;
  };
  for (const Stmt *P = Parents.parentOf(Writes.front()); P; P = Parents.parentOf(P)) {
    const auto *Sw = dyn_cast<SwitchStmt>(P);
    bool Loop = isa<ForStmt>(P) || isa<WhileStmt>(P) || isa<CXXForRangeStmt>(P);
    if (!Loop && !Sw)
      continue;
    if (Contains(P, Use))
      return std::nullopt; // the use is inside it: not this simple shape
    if (!SM.isBeforeInTranslationUnit(P->getEndLoc(), Use->getBeginLoc()))
      return std::nullopt;
    for (const DeclRefExpr *W : Writes)
      if (!Contains(P, W))
        return std::nullopt;
    if (Sw) {
      for (const SwitchCase *C = Sw->getSwitchCaseList(); C; C = C->getNextSwitchCase())
        if (isa<DefaultStmt>(C))
          return std::nullopt;
    }
    SkipPath S;
    S.Kind = Sw ? SkipKind::NoCaseMatches : SkipKind::LoopNotRun;
    S.Construct = Sw ? "switch" : isa<WhileStmt>(P) ? "while" : "for";
    std::optional<Span> W = Spans.token(P->getBeginLoc());
    if (!W)
      return std::nullopt;
    S.Where = *W;
    return S;
  }
  return std::nullopt;
}

// Does the condition call a function (not a member function: `v.empty()`
// asked twice is taken to answer the same)? Two calls may answer differently.
bool callsAFunction(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S);
      CE && !isa<CXXMemberCallExpr>(CE) && !isa<CXXOperatorCallExpr>(CE) && CE->getDirectCallee() &&
      !CE->getDirectCallee()->isConstexpr())
    return true;
  for (const Stmt *C : S->children())
    if (callsAFunction(C))
      return true;
  return false;
}

// For a "maybe" use under `if (f())` after every write sat under an earlier,
// separate `if (g())` without `else`: the two calls may answer differently, so
// the use may see no value (rustc: E0381, possibly-uninitialized). Conditions
// on locals (`if (c) ... if (c)`) are correlated: not this shape.
bool skipOfCalls(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans,
                 const ParentIndex &Parents, const VarDecl *VD, const Expr *Use,
                 std::vector<SkipPath> &Out) {
  std::vector<const DeclRefExpr *> Writes = writesOf(FD, Parents, VD, Use);
  if (Writes.empty())
    return false;
  auto Contains = [&](const Stmt *Outer, const Stmt *Inner) {
    for (const Stmt *P = Inner; P; P = Parents.parentOf(P))
      if (P == Outer)
        return true;
    return false;
  };
  const IfStmt *Guard = nullptr;
  for (const Stmt *P = Parents.parentOf(Writes.front()); P && !Guard; P = Parents.parentOf(P))
    if (const auto *IS = dyn_cast<IfStmt>(P); IS && !IS->getElse() && Contains(IS->getThen(), Writes.front()))
      Guard = IS;
  if (!Guard || !callsAFunction(Guard->getCond()) || Guard->getConditionVariable() || Contains(Guard, Use))
    return false;
  for (const DeclRefExpr *W : Writes)
    if (!Contains(Guard->getThen(), W))
      return false;
  if (!Ctx.getSourceManager().isBeforeInTranslationUnit(Guard->getEndLoc(), Use->getBeginLoc()))
    return false;
  const IfStmt *UseGuard = nullptr;
  for (const Stmt *P = Parents.parentOf(Use); P && !UseGuard; P = Parents.parentOf(P))
    if (const auto *IS = dyn_cast<IfStmt>(P); IS && !Contains(IS->getCond(), Use))
      UseGuard = IS;
  if (!UseGuard || !callsAFunction(UseGuard->getCond()))
    return false;
  std::optional<Span> W = Spans.range(Guard->getCond()->getSourceRange());
  if (!W)
    return false;
  SkipPath S;
  S.Construct = "if";
  S.Value = false;
  S.Where = *W;
  Out.push_back(std::move(S));
  addMissingElse(Guard, Spans, Out);
  return true;
}

} // namespace

void addClangUninitReads(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans,
                         const ParentIndex &Parents, const std::vector<const VarDecl *> &Scalars,
                         FunctionFacts &Out) {
  AnalysisDeclContext AC(/*Mgr=*/nullptr, &FD);
  CFG::BuildOptions &BO = AC.getCFGBuildOptions();
  BO.PruneTriviallyFalseEdges = true;
  BO.AddEHEdges = false;
  BO.AddInitializers = true;
  BO.AddImplicitDtors = true;
  BO.AddTemporaryDtors = true;
  BO.AddCXXNewAllocator = false;
  BO.AddCXXDefaultInitExprInCtors = true;
  BO.setAllAlwaysAdd();
  CFG *C = AC.getCFG();
  if (!C)
    return;
  Collector H;
  UninitVariablesAnalysisStats Stats;
  runUninitializedVariablesAnalysis(FD, *C, AC, H, Stats);
  llvm::DenseSet<const VarDecl *> Wanted(Scalars.begin(), Scalars.end());
  PrintingPolicy PP = Ctx.getPrintingPolicy();
  PP.SuppressTagKeyword = true;
  for (auto &[VD, Uses] : H.Uses) {
    if (!Wanted.count(VD))
      continue;
    // `int x = x;` (GCC's idiom for "deliberately uninitialised") and
    // references bound to const (no read yet) are not reads we report.
    std::vector<const UninitUse *> Real;
    for (const UninitUse &U : Uses) {
      if (U.isConstRefOrPtrUse())
        continue;
      if (const Expr *Init = VD->getInit(); Init && U.getUser() == Init->IgnoreParenImpCasts())
        continue;
      if (!Spans.inMainFile(U.getUser()->getBeginLoc()))
        continue;
      Real.push_back(&U);
    }
    if (Real.empty())
      continue;
    // As Sema: the most certain kind first, then the first in the source.
    const SourceManager &SM = Ctx.getSourceManager();
    std::stable_sort(Real.begin(), Real.end(), [&](const UninitUse *A, const UninitUse *B) {
      if (A->getKind() != B->getKind())
        return A->getKind() > B->getKind();
      return SM.isBeforeInTranslationUnit(A->getUser()->getBeginLoc(), B->getUser()->getBeginLoc());
    });
    const UninitUse &U = *Real.front();
    std::optional<Span> UseSpan = Spans.range(U.getUser()->getSourceRange());
    if (!UseSpan)
      continue;
    UninitRead R;
    R.Name = VD->getNameAsString();
    R.TypeName = VD->getType().getAsString(PP);
    if (Spans.inMainFile(VD->getLocation()))
      R.Declared = Spans.token(VD->getLocation());
    R.Use = *UseSpan;
    UninitUse::Kind K = U.getKind();
    R.Always = K == UninitUse::Always || K == UninitUse::AfterDecl || K == UninitUse::AfterCall;
    for (auto I = U.branch_begin(); I != U.branch_end(); ++I) {
      const Stmt *Term = I->Terminator;
      SkipPath S;
      S.Value = I->Output == 0; // successor 0 is the true branch
      SourceRange Where;
      if (!Term)
        continue;
      if (const auto *IS = dyn_cast<IfStmt>(Term)) {
        S.Construct = "if";
        Where = IS->getCond()->getSourceRange();
      } else if (const auto *CO = dyn_cast<ConditionalOperator>(Term)) {
        S.Construct = "?:";
        Where = CO->getCond()->getSourceRange();
      } else if (const auto *LO = dyn_cast<BinaryOperator>(Term); LO && LO->isLogicalOp()) {
        S.Construct = LO->getOpcodeStr().str();
        Where = LO->getLHS()->getSourceRange();
      } else if (const auto *WS = dyn_cast<WhileStmt>(Term)) {
        S.Construct = "while";
        Where = WS->getCond()->getSourceRange();
      } else if (const auto *FS = dyn_cast<ForStmt>(Term); FS && FS->getCond()) {
        S.Construct = "for";
        Where = FS->getCond()->getSourceRange();
      } else if (const auto *DS = dyn_cast<DoStmt>(Term)) {
        S.Construct = "do";
        Where = DS->getCond()->getSourceRange();
      } else if (const auto *RS = dyn_cast<CXXForRangeStmt>(Term); RS && I->Output == 0) {
        S.Kind = SkipKind::RangeNotEmpty;
        S.Construct = "for";
        Where = RS->getRangeInit()->getSourceRange();
      } else if (const auto *CS = dyn_cast<CaseStmt>(Term)) {
        S.Kind = SkipKind::Case;
        S.Construct = "case";
        Where = SourceRange(CS->getBeginLoc(), CS->getLHS()->getEndLoc());
      } else if (const auto *DS = dyn_cast<DefaultStmt>(Term)) {
        S.Kind = SkipKind::Default;
        S.Construct = "default";
        Where = SourceRange(DS->getDefaultLoc(), DS->getDefaultLoc());
      } else {
        continue;
      }
      std::optional<Span> W = Spans.range(Where);
      if (!W)
        continue;
      S.Where = *W;
      R.Skips.push_back(std::move(S));
      if (const auto *IS = dyn_cast<IfStmt>(Term); IS && I->Output == 1 && !IS->getElse())
        addMissingElse(IS, Spans, R.Skips);
    }
    if (R.Skips.empty() && !R.Always) {
      // Clang's "maybe": report it only when a path that skips every write can
      // be named. Otherwise it is typically correlated conditions (`if (c) x =
      // 1; ... if (c) use(x);`): correct C++ that rustc would still reject.
      std::optional<SkipPath> S = skipOfMaybe(FD, Ctx, Spans, Parents, VD, U.getUser());
      if (!S && !skipOfCalls(FD, Ctx, Spans, Parents, VD, U.getUser(), R.Skips))
        continue;
      if (S)
        R.Skips.push_back(std::move(*S));
    }
    Out.UninitReads.push_back(std::move(R));
  }
}

} // namespace borrowck::init
