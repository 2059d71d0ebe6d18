// The out-parameter facet of SummaryCache: what a callee does to the object
// its pointer / reference parameter designates, for uninitialized-use (a call
// `f(&x)` that may not write x). Computed once per (function, parameter).
#include "summary/OutParams.h"
#include "summary/SummaryCacheImpl.h"

#include "ast/ParentIndex.h"
#include "dataflow/Dataflow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"

#include <optional>

using namespace clang;

namespace borrowck {

using Writes = SummaryCache::OutParamWrites;

SummaryCache::OutParamWrites SummaryCache::outParamWrites(const FunctionDecl *F, unsigned I,
                                                          ASTContext &Ctx) {
  auto Key = std::make_pair(F, I);
  auto It = P->OutParams.find(Key);
  if (It != P->OutParams.end())
    return It->second;
  // The facet never asks for another function's summary: no recursion to cut.
  Writes W = computeOutParamWrites(F, I, Ctx);
  P->OutParams.emplace(Key, W);
  return W;
}

namespace {

bool isNullConstant(const Expr *E, ASTContext &Ctx) {
  return E->IgnoreParenImpCasts()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

// If Cond tests P against null: true when Cond is true exactly for a non-null P.
std::optional<bool> nullTestOf(const Expr *Cond, const ParmVarDecl *P, ASTContext &Ctx) {
  const Expr *E = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
    auto R = nullTestOf(UO->getSubExpr(), P, Ctx);
    if (R)
      return !*R;
    return std::nullopt;
  }
  auto IsP = [&](const Expr *X) {
    const auto *DRE = dyn_cast<DeclRefExpr>(X->IgnoreParenImpCasts());
    return DRE && DRE->getDecl() == P;
  };
  if (IsP(E))
    return true;
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isEqualityOp()) {
    bool Eq = BO->getOpcode() == BO_EQ;
    if ((IsP(BO->getLHS()) && isNullConstant(BO->getRHS(), Ctx)) ||
        (IsP(BO->getRHS()) && isNullConstant(BO->getLHS(), Ctx)))
      return !Eq;
  }
  return std::nullopt;
}

// Which occurrences of the parameter write (or hand on) its pointee.
class WriteClassifier {
public:
  WriteClassifier(const ParmVarDecl *P, bool Pointer, const ParentIndex &Parents, ASTContext &Ctx)
      : P(P), Pointer(Pointer), Parents(Parents), Ctx(Ctx) {}

  bool writes(const DeclRefExpr *DRE) const {
    const Stmt *Pa = parent(DRE);
    if (!Pointer) {
      if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Pa))
        if (BO->getOpcode() == BO_Assign && BO->getLHS()->IgnoreParens() == DRE)
          return true;
      if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Pa);
          IC && IC->getCastKind() == CK_LValueToRValue)
        return false; // a read
      return true;    // compound assignment, ++, passed on, bound, address taken
    }
    const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Pa);
    if (!IC || IC->getCastKind() != CK_LValueToRValue)
      return true; // `p = ...`, `&p`: the pointer itself changes or escapes
    const Stmt *Use = parent(IC);
    if (isCondition(IC))
      return false;
    const Expr *Deref = nullptr;
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Use); UO && UO->getOpcode() == UO_Deref)
      Deref = UO;
    else if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(Use);
             AS && AS->getBase()->IgnoreParenImpCasts() == DRE)
      Deref = AS;
    if (!Deref)
      return true; // passed on, stored, arithmetic: assume it writes
    const Stmt *DP = parent(Deref);
    if (const auto *C = dyn_cast_or_null<ImplicitCastExpr>(DP);
        C && C->getCastKind() == CK_LValueToRValue)
      return false; // a read through it
    return true;    // assigned, compound-assigned, incremented, passed by reference
  }

private:
  const Stmt *parent(const Stmt *S) const {
    const Stmt *Pa = Parents.parentOf(S);
    while (Pa && isa<ParenExpr>(Pa))
      Pa = Parents.parentOf(Pa);
    return Pa;
  }
  // S is (part of) a condition that only tests the pointer.
  bool isCondition(const Stmt *S) const {
    const Stmt *Pa = parent(S);
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Pa); UO && UO->getOpcode() == UO_LNot)
      return true;
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Pa); BO && BO->isEqualityOp())
      return isNullConstant(BO->getLHS(), Ctx) || isNullConstant(BO->getRHS(), Ctx);
    if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Pa);
        IC && IC->getCastKind() == CK_PointerToBoolean)
      return true;
    return false;
  }

  const ParmVarDecl *P;
  bool Pointer;
  const ParentIndex &Parents;
  ASTContext &Ctx;
};

// Forward must/may "written" over the callee's blocks (-1: not reached, as in
// a join with no reached predecessor yet). A block that writes, throws or
// calls a noreturn function leaves it written; so does the edge of a null test
// of a pointer parameter on which it is null.
struct WrittenAnalysis {
  struct State {
    int8_t Must = -1, May = -1;
    bool operator==(const State &O) const { return Must == O.Must && May == O.May; }
  };
  static constexpr bool Forward = true;

  const std::vector<const CFGBlock *> &ById;
  const std::vector<uint8_t> &Written; // Gen or NoReturn, per block
  const ParmVarDecl *P;
  bool Pointer;
  ASTContext &Ctx;

  State bottom() const { return {}; }
  State boundary() const { return {0, 0}; }
  void join(State &Into, const State &From) const {
    Into.Must = Into.Must && From.Must;
    Into.May = Into.May || From.May;
  }
  State transfer(uint32_t B, State In) const {
    if (Written[B])
      return {1, 1};
    return In;
  }
  void transferEdge(uint32_t From, uint32_t To, State &S) const {
    if (edgeWritten(ById[From], ById[To]))
      S = {1, 1};
  }
  // Is P null on the (first) edge From -> To?
  bool edgeWritten(const CFGBlock *From, const CFGBlock *To) const {
    if (!Pointer || From->succ_size() != 2)
      return false;
    unsigned SI = 0;
    for (const CFGBlock::AdjacentBlock &S : From->succs()) {
      if (S.getReachableBlock() == To)
        break;
      ++SI;
    }
    const Expr *Cond = dyn_cast_or_null<Expr>(From->getTerminatorCondition());
    if (!Cond)
      return false;
    auto T = nullTestOf(Cond, P, Ctx);
    if (!T)
      return false;
    bool CondTrue = SI == 0; // successor 0 is the true branch
    return CondTrue != *T;   // the edge on which P is null
  }
};

} // namespace

Writes computeOutParamWrites(const FunctionDecl *Callee, unsigned I, ASTContext &Ctx) {
  if (!Callee)
    return Writes::Unknown;
  const FunctionDecl *Def = nullptr;
  if (!Callee->hasBody(Def) || !Def || Def->isDependentContext())
    return Writes::Unknown;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Def); MD && MD->isVirtual())
    return Writes::Unknown;
  if (I >= Def->getNumParams() || Def->isVariadic())
    return Writes::Unknown;
  const ParmVarDecl *P = Def->getParamDecl(I);
  QualType PT = P->getType();
  bool Pointer = PT->isPointerType();
  if (!(Pointer || PT->isLValueReferenceType()) || PT->getPointeeType().isConstQualified() ||
      !PT->getPointeeType()->isScalarType())
    return Writes::Unknown;

  CFG::BuildOptions BO;
  BO.setAllAlwaysAdd();
  std::unique_ptr<CFG> Cfg = CFG::buildCFG(Def, Def->getBody(), &Ctx, BO);
  if (!Cfg || Cfg->size() > 2000)
    return Writes::Unknown;
  ParentIndex Parents;
  Parents.add(Def->getBody(), nullptr);
  WriteClassifier Classify(P, Pointer, Parents, Ctx);

  unsigned N = Cfg->getNumBlockIDs();
  std::vector<const CFGBlock *> ById(N, nullptr);
  std::vector<uint8_t> Written(N, 0), NoReturn(N, 0);
  FlowGraph G;
  G.Entry = Cfg->getEntry().getBlockID();
  G.Exit = Cfg->getExit().getBlockID();
  G.Succs.assign(N, {});
  G.Preds.assign(N, {});
  for (const CFGBlock *B : *Cfg) {
    unsigned Id = B->getBlockID();
    ById[Id] = B;
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      if (const CFGBlock *SB = S.getReachableBlock())
        G.Succs[Id].push_back(SB->getBlockID());
    for (const CFGBlock::AdjacentBlock &Pr : B->preds())
      if (const CFGBlock *PB = Pr.getReachableBlock())
        G.Preds[Id].push_back(PB->getBlockID());
    const Stmt *Last = nullptr;
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        Last = S->getStmt();
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Last);
            DRE && DRE->getDecl() == P && Classify.writes(DRE))
          Written[Id] = 1;
      }
    if (Last && (isa<CXXThrowExpr>(Last) ||
                 (isa<CallExpr>(Last) && cast<CallExpr>(Last)->getDirectCallee() &&
                  cast<CallExpr>(Last)->getDirectCallee()->isNoReturn())))
      NoReturn[Id] = 1;
    if (B->hasNoReturnElement())
      NoReturn[Id] = 1;
    if (NoReturn[Id])
      Written[Id] = 1;
  }

  WrittenAnalysis A{ById, Written, P, Pointer, Ctx};
  // The bound the hand-written fixpoint had: 100 rounds over every block.
  auto R = runDataflow(G, A, 100ull * N);
  if (!R.Converged)
    return Writes::Unknown;
  // The exit: join over the predecessors that return normally.
  const CFGBlock &Exit = Cfg->getExit();
  int Must = -1, May = -1;
  for (const CFGBlock::AdjacentBlock &Pr : Exit.preds()) {
    const CFGBlock *PB = Pr.getReachableBlock();
    if (!PB || !R.Reached[PB->getBlockID()] || NoReturn[PB->getBlockID()])
      continue;
    WrittenAnalysis::State S = R.Out[PB->getBlockID()];
    A.transferEdge(PB->getBlockID(), Exit.getBlockID(), S);
    Must = Must < 0 ? S.Must : (Must && S.Must);
    May = May < 0 ? S.May : (May || S.May);
  }
  if (Must < 0 || Must)
    return Writes::Always; // never returns, or writes on every path
  return May ? Writes::Sometimes : Writes::Never;
}

} // namespace borrowck
