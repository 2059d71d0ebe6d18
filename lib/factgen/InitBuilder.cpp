#include "factgen/InitBuilder.h"

#include "factgen/FactBuilder.h"
#include "ast/Spans.h"
#include "summary/SummaryCache.h"
#include "ast/ParentIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/UninitializedValues.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <algorithm>
#include <functional>
#include <map>

using namespace clang;

namespace borrowck {

namespace {

// Small arrays get one slot per element; larger ones one slot for the whole
// array (any write fills it: we under-claim).
constexpr uint64_t MaxElementSlots = 16;
constexpr uint32_t MaxSlotsPerVar = 64;

const Expr *skipParens(const Expr *E) { return E->IgnoreParens(); }

// Is VD a local the analysis cares about: declared in FD itself, without an
// initialiser (or with a trivial default constructor, which leaves the fields
// indeterminate)?
bool declaredUninitialised(const VarDecl *VD, const FunctionDecl &FD) {
  if (!VD->isLocalVarDecl() || VD->hasGlobalStorage() || VD->isExceptionVariable() ||
      VD->isImplicit() || VD->getDeclContext() != &FD || isa<DecompositionDecl>(VD))
    return false;
  QualType T = VD->getType();
  if (T.isVolatileQualified() || T->isReferenceType())
    return false;
  const Expr *Init = VD->getInit();
  if (!Init)
    return T->isScalarType() || T->isConstantArrayType();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit()))
    if (const CXXConstructorDecl *Ctor = CE->getConstructor())
      return Ctor->isDefaultConstructor() && Ctor->isTrivial() && CE->getNumArgs() == 0 &&
             !CE->requiresZeroInitialization() && T->isRecordType();
  return false;
}

// How many slots a value of type T takes; 0: not tracked.
uint32_t slotCount(QualType T) {
  T = T.getCanonicalType();
  if (T->isScalarType())
    return 1;
  if (const auto *AT = dyn_cast<ConstantArrayType>(T.getTypePtr())) {
    if (!AT->getElementType()->isScalarType())
      return 0;
    uint64_t N = AT->getSize().getZExtValue();
    if (N == 0)
      return 0;
    return N <= MaxElementSlots ? static_cast<uint32_t>(N) : 1;
  }
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (!RD->hasDefinition() || RD->isUnion() || RD->getNumBases() || RD->isLambda() ||
        RD->isPolymorphic() || !RD->hasTrivialDefaultConstructor())
      return 0;
    uint32_t N = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (F->isAnonymousStructOrUnion() || F->isUnnamedBitField() || F->hasInClassInitializer())
        return 0;
      uint32_t C = slotCount(F->getType());
      if (!C)
        return 0;
      N += C;
      if (N > MaxSlotsPerVar)
        return 0;
    }
    return N;
  }
  return 0;
}

void slotNames(QualType T, const std::string &Prefix, std::vector<std::string> &Out) {
  T = T.getCanonicalType();
  if (T->isScalarType()) {
    Out.push_back(Prefix);
  } else if (const auto *AT = dyn_cast<ConstantArrayType>(T.getTypePtr())) {
    uint64_t N = AT->getSize().getZExtValue();
    if (N <= MaxElementSlots)
      for (uint64_t I = 0; I < N; ++I)
        Out.push_back(Prefix + "[" + std::to_string(I) + "]");
    else
      Out.push_back(Prefix);
  } else if (const auto *RD = T->getAsCXXRecordDecl()) {
    for (const FieldDecl *F : RD->fields())
      slotNames(F->getType(), Prefix + "." + F->getNameAsString(), Out);
  }
}

// Offset of field F within its record's slots.
uint32_t fieldOffset(const FieldDecl *F) {
  uint32_t Off = 0;
  for (const FieldDecl *G : F->getParent()->fields()) {
    if (G == F)
      break;
    Off += slotCount(G->getType());
  }
  return Off;
}

// ------------------------------------------------ out-parameter summaries

enum class WriteSummary { Always, Sometimes, Never, Unknown };

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

// Does the callee write its pointer / reference parameter I (of scalar pointee)
// on every path that returns? Writes through the parameter count; anything
// else done with it (passing it on, storing it, taking its address) counts as
// a write too, so the summary can only under-claim. Paths that throw or call a
// noreturn function do not return; a path where a pointer parameter is null
// does not concern a caller that passed `&x`.
WriteSummary paramWrites(const FunctionDecl *Callee, unsigned I, ASTContext &Ctx) {
  if (!Callee)
    return WriteSummary::Unknown;
  const FunctionDecl *Def = nullptr;
  if (!Callee->hasBody(Def) || !Def || Def->isDependentContext())
    return WriteSummary::Unknown;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Def); MD && MD->isVirtual())
    return WriteSummary::Unknown;
  if (I >= Def->getNumParams() || Def->isVariadic())
    return WriteSummary::Unknown;
  const ParmVarDecl *P = Def->getParamDecl(I);
  QualType PT = P->getType();
  bool Pointer = PT->isPointerType();
  if (!(Pointer || PT->isLValueReferenceType()) || PT->getPointeeType().isConstQualified() ||
      !PT->getPointeeType()->isScalarType())
    return WriteSummary::Unknown;

  CFG::BuildOptions BO;
  BO.setAllAlwaysAdd();
  std::unique_ptr<CFG> Cfg = CFG::buildCFG(Def, Def->getBody(), &Ctx, BO);
  if (!Cfg || Cfg->size() > 2000)
    return WriteSummary::Unknown;
  ParentIndex Parents;
  Parents.add(Def->getBody(), nullptr);
  auto Parent = [&](const Stmt *S) {
    const Stmt *Pa = Parents.parentOf(S);
    while (Pa && isa<ParenExpr>(Pa))
      Pa = Parents.parentOf(Pa);
    return Pa;
  };
  auto IsCondition = [&](const Stmt *S) {
    // S is (part of) a condition that only tests the pointer.
    const Stmt *Pa = Parent(S);
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Pa); UO && UO->getOpcode() == UO_LNot)
      return true;
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Pa); BO && BO->isEqualityOp())
      return isNullConstant(BO->getLHS(), Ctx) || isNullConstant(BO->getRHS(), Ctx);
    if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Pa);
        IC && IC->getCastKind() == CK_PointerToBoolean)
      return true;
    return false;
  };
  // Does this occurrence of P write (or hand on) the pointee?
  auto Writes = [&](const DeclRefExpr *DRE) -> bool {
    const Stmt *Pa = Parent(DRE);
    if (!Pointer) {
      if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Pa))
        if (BO->getOpcode() == BO_Assign && skipParens(BO->getLHS()) == DRE)
          return true;
      if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Pa); IC && IC->getCastKind() == CK_LValueToRValue)
        return false; // a read
      return true; // compound assignment, ++, passed on, bound, address taken
    }
    const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Pa);
    if (!IC || IC->getCastKind() != CK_LValueToRValue)
      return true; // `p = ...`, `&p`: the pointer itself changes or escapes
    const Stmt *Use = Parent(IC);
    if (IsCondition(IC))
      return false;
    const Expr *Deref = nullptr;
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Use); UO && UO->getOpcode() == UO_Deref)
      Deref = UO;
    else if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(Use); AS && AS->getBase()->IgnoreParenImpCasts() == DRE)
      Deref = AS;
    if (!Deref)
      return true; // passed on, stored, arithmetic: assume it writes
    const Stmt *DP = Parent(Deref);
    if (const auto *C = dyn_cast_or_null<ImplicitCastExpr>(DP); C && C->getCastKind() == CK_LValueToRValue)
      return false; // a read through it
    return true;     // assigned, compound-assigned, incremented, passed by reference
  };
  unsigned N = Cfg->getNumBlockIDs();
  std::vector<uint8_t> Gen(N, 0);
  std::vector<uint8_t> NoReturn(N, 0);
  for (const CFGBlock *B : *Cfg) {
    const Stmt *Last = nullptr;
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        Last = S->getStmt();
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Last); DRE && DRE->getDecl() == P && Writes(DRE))
          Gen[B->getBlockID()] = 1;
      }
    if (Last && (isa<CXXThrowExpr>(Last) ||
                 (isa<CallExpr>(Last) && cast<CallExpr>(Last)->getDirectCallee() &&
                  cast<CallExpr>(Last)->getDirectCallee()->isNoReturn())))
      NoReturn[B->getBlockID()] = 1;
    if (B->hasNoReturnElement())
      NoReturn[B->getBlockID()] = 1;
  }
  // Forward must/may "written" over the blocks, with the null edge of a test
  // of a pointer parameter counting as written.
  std::vector<int8_t> MustOut(N, -1), MayOut(N, -1); // -1: not reached
  auto EdgeWritten = [&](const CFGBlock *From, unsigned SuccIndex) {
    if (!Pointer || From->succ_size() != 2)
      return false;
    const Expr *Cond = dyn_cast_or_null<Expr>(From->getTerminatorCondition());
    if (!Cond)
      return false;
    auto T = nullTestOf(Cond, P, Ctx);
    if (!T)
      return false;
    // Successor 0 is the true branch.
    bool CondTrue = SuccIndex == 0;
    return CondTrue != *T; // the edge on which P is null
  };
  bool Changed = true;
  unsigned Rounds = 0;
  while (Changed && Rounds++ < 100) {
    Changed = false;
    for (const CFGBlock *B : *Cfg) {
      unsigned Id = B->getBlockID();
      int Must = -1, May = -1;
      if (B == &Cfg->getEntry()) {
        Must = 0;
        May = 0;
      }
      for (const CFGBlock::AdjacentBlock &Pr : B->preds()) {
        const CFGBlock *PB = Pr.getReachableBlock();
        if (!PB || MustOut[PB->getBlockID()] < 0)
          continue;
        unsigned SI = 0;
        for (const CFGBlock::AdjacentBlock &S : PB->succs()) {
          if (S.getReachableBlock() == B)
            break;
          ++SI;
        }
        int PM = MustOut[PB->getBlockID()], PY = MayOut[PB->getBlockID()];
        if (EdgeWritten(PB, SI))
          PM = PY = 1;
        Must = Must < 0 ? PM : (Must && PM);
        May = May < 0 ? PY : (May || PY);
      }
      if (Must < 0)
        continue;
      if (Gen[Id] || NoReturn[Id])
        Must = May = 1;
      if (B == &Cfg->getExit() && NoReturn[Id])
        continue;
      if (Must != MustOut[Id] || May != MayOut[Id]) {
        MustOut[Id] = static_cast<int8_t>(Must);
        MayOut[Id] = static_cast<int8_t>(May);
        Changed = true;
      }
    }
  }
  if (Changed)
    return WriteSummary::Unknown;
  // The exit block: join over the predecessors that return normally.
  const CFGBlock &Exit = Cfg->getExit();
  int Must = -1, May = -1;
  for (const CFGBlock::AdjacentBlock &Pr : Exit.preds()) {
    const CFGBlock *PB = Pr.getReachableBlock();
    if (!PB || MustOut[PB->getBlockID()] < 0 || NoReturn[PB->getBlockID()])
      continue;
    int PM = MustOut[PB->getBlockID()], PY = MayOut[PB->getBlockID()];
    unsigned SI = 0;
    for (const CFGBlock::AdjacentBlock &S : PB->succs()) {
      if (S.getReachableBlock() == &Exit)
        break;
      ++SI;
    }
    if (EdgeWritten(PB, SI))
      PM = PY = 1;
    Must = Must < 0 ? PM : (Must && PM);
    May = May < 0 ? PY : (May || PY);
  }
  if (Must < 0 || Must)
    return WriteSummary::Always; // never returns, or writes on every path
  return May ? WriteSummary::Sometimes : WriteSummary::Never;
}

// ------------------------------------------------ the builder

class InitBuilder {
public:
  InitBuilder(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans, const CFG &Cfg,
              const ParentIndex &Parents, FunctionFacts &Out)
      : FD(FD), Ctx(Ctx), Spans(Spans), Cfg(Cfg), Parents(Parents), Out(Out) {}

  bool run();

private:
  struct Pending {
    InitFactKind Kind;
    const VarDecl *Var;
    uint32_t First, Count; // relative to the variable's first slot
    const Stmt *At;        // the element where it takes effect
    Span Where;
    std::string What;
    bool WholeCopy = false;
    bool AnyElement = false;
  };

  void runClangAnalysis(const std::vector<const VarDecl *> &Scalars);
  std::optional<SkipPath> skipOfMaybe(const VarDecl *VD, const Expr *Use) const;
  void classify(const DeclRefExpr *DRE, const VarDecl *VD);
  const Stmt *parent(const Stmt *S) const {
    const Stmt *P = Parents.parentOf(S);
    while (P && isa<ParenExpr>(P))
      P = Parents.parentOf(P);
    return P;
  }
  std::string text(SourceRange R) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), Ctx.getSourceManager(),
                                Ctx.getLangOpts())
        .str();
  }
  void add(InitFactKind K, const VarDecl *VD, uint32_t First, uint32_t Count, const Stmt *At,
           const Stmt *Where, std::string What = {}) {
    std::optional<Span> W = Spans.range(Where->getSourceRange());
    if (!W)
      W = Span{};
    Pend.push_back(Pending{K, VD, First, Count, At, *W, std::move(What)});
  }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const SpanMaker &Spans;
  const CFG &Cfg;
  const ParentIndex &Parents;
  FunctionFacts &Out;
  llvm::DenseMap<const VarDecl *, uint32_t> SlotsOf; // candidate -> slot count
  std::vector<Pending> Pend;
};

bool InitBuilder::run() {
  std::vector<const VarDecl *> Scalars, Candidates;
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt()))
          for (const Decl *D : DS->decls())
            if (const auto *VD = dyn_cast<VarDecl>(D); VD && declaredUninitialised(VD, FD)) {
              if (VD->getType()->isScalarType())
                Scalars.push_back(VD);
              if (uint32_t N = slotCount(VD->getType())) {
                SlotsOf[VD] = N;
                Candidates.push_back(VD);
              }
            }
  if (Candidates.empty())
    return false;
  if (!Scalars.empty())
    runClangAnalysis(Scalars);

  // Every occurrence of a candidate, in element order.
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        const Stmt *St = S->getStmt();
        if (const auto *DS = dyn_cast<DeclStmt>(St)) {
          for (const Decl *D : DS->decls())
            if (const auto *VD = dyn_cast<VarDecl>(D); VD && SlotsOf.count(VD))
              Pend.push_back(Pending{InitFactKind::Declare, VD, 0, SlotsOf[VD], St, Span{}, {}});
        } else if (const auto *DRE = dyn_cast<DeclRefExpr>(St)) {
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && SlotsOf.count(VD))
            classify(DRE, VD);
        }
      }

  // Which candidates to track: structs and arrays always; scalars only when
  // handed to an out-parameter that may not write them (Clang covers the rest).
  // An array written at a computed index (`for (...) a[i] = 0;`) is filled by
  // a loop the analysis cannot count: not tracked, rather than reported.
  llvm::DenseSet<const VarDecl *> Tracked, Filled;
  for (const Pending &P : Pend)
    if (P.Kind == InitFactKind::Write && P.AnyElement)
      Filled.insert(P.Var);
  for (const Pending &P : Pend)
    if ((!P.Var->getType()->isScalarType() || P.Kind == InitFactKind::MaybeWrite ||
         P.Kind == InitFactKind::NoWrite) &&
        !Filled.count(P.Var))
      Tracked.insert(P.Var);
  if (Tracked.empty())
    return !Out.UninitReads.empty();

  llvm::DenseMap<const VarDecl *, uint32_t> VarIndex;
  PrintingPolicy PP = Ctx.getPrintingPolicy();
  PP.SuppressTagKeyword = true;
  for (const VarDecl *VD : Candidates) {
    if (!Tracked.count(VD))
      continue;
    InitVar V;
    V.Name = VD->getNameAsString();
    V.TypeName = VD->getType().getAsString(PP);
    if (Spans.inMainFile(VD->getLocation()))
      V.Declared = Spans.token(VD->getLocation());
    V.FirstSlot = Out.NumInitSlots;
    V.NumSlots = SlotsOf[VD];
    V.Aggregate = !VD->getType()->isScalarType();
    slotNames(VD->getType(), V.Name, V.SlotNames);
    Out.NumInitSlots += V.NumSlots;
    VarIndex[VD] = static_cast<uint32_t>(Out.InitVars.size());
    Out.InitVars.push_back(std::move(V));
  }

  // Lay the facts out per block: at one element, reads before writes.
  llvm::DenseMap<const Stmt *, std::vector<const Pending *>> AtElement;
  for (const Pending &P : Pend)
    if (Tracked.count(P.Var))
      AtElement[P.At].push_back(&P);
  Out.InitBlocks.assign(Cfg.getNumBlockIDs(), {});
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        auto It = AtElement.find(S->getStmt());
        if (It == AtElement.end())
          continue;
        std::stable_sort(It->second.begin(), It->second.end(), [](const Pending *A, const Pending *B) {
          return (A->Kind == InitFactKind::Read) > (B->Kind == InitFactKind::Read);
        });
        for (const Pending *P : It->second) {
          uint32_t V = VarIndex[P->Var];
          InitFact F;
          F.Kind = P->Kind;
          F.Var = V;
          F.First = Out.InitVars[V].FirstSlot + P->First;
          F.Count = P->Count;
          F.Where = P->Where;
          F.What = P->What;
          F.WholeCopy = P->WholeCopy;
          F.AnyElement = P->AnyElement;
          Out.InitBlocks[B->getBlockID()].push_back(std::move(F));
        }
      }
  return true;
}

// Classifies one occurrence of a candidate: which slots it designates (s.a,
// a[1], the whole variable) and what the enclosing expression does with them.
// Anything not recognised counts as a write: unknown code may initialise it.
void InitBuilder::classify(const DeclRefExpr *DRE, const VarDecl *VD) {
  uint32_t Total = SlotsOf[VD];
  uint32_t First = 0, Count = Total;
  QualType T = VD->getType().getCanonicalType();
  std::string What = VD->getNameAsString();
  bool AnyElement = false; // a[i] with i not a constant
  const Expr *PE = DRE;
  for (;;) {
    const Stmt *P = parent(PE);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(P); ME && !ME->isArrow() && T->isRecordType()) {
      const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!F)
        break; // a method: handled below as an escape
      First += fieldOffset(F);
      T = F->getType().getCanonicalType();
      Count = slotCount(T);
      What += "." + F->getNameAsString();
      PE = ME;
      continue;
    }
    if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(P);
        IC && IC->getCastKind() == CK_ArrayToPointerDecay && T->isConstantArrayType()) {
      const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(parent(IC));
      if (!AS || AS->getBase()->IgnoreParens() != IC)
        break; // the array decays to a pointer that escapes
      const auto *AT = cast<ConstantArrayType>(T.getTypePtr());
      uint64_t N = AT->getSize().getZExtValue();
      Expr::EvalResult R;
      if (AS->getIdx()->EvaluateAsInt(R, Ctx) && R.Val.getInt().isNonNegative() &&
          R.Val.getInt().getZExtValue() < N) {
        uint64_t K = R.Val.getInt().getZExtValue();
        if (N <= MaxElementSlots) {
          First += static_cast<uint32_t>(K);
          Count = 1;
        }
        What += "[" + std::to_string(K) + "]";
      } else {
        AnyElement = true;
        What += "[" + text(AS->getIdx()->getSourceRange()) + "]";
      }
      T = AT->getElementType().getCanonicalType();
      PE = AS;
      break;
    }
    break;
  }

  const Stmt *P = parent(PE);
  auto Escape = [&] { add(InitFactKind::Write, VD, 0, Total, DRE, DRE); };
  auto Read = [&](const Stmt *At, bool Whole) {
    add(InitFactKind::Read, VD, First, Count, At, PE, What);
    Pend.back().WholeCopy = Whole;
    Pend.back().AnyElement = AnyElement;
  };
  auto Write = [&](const Stmt *At) {
    if (AnyElement) {
      add(InitFactKind::Write, VD, 0, Total, At, PE); // which element is unknown
      Pend.back().AnyElement = true;
    } else
      add(InitFactKind::Write, VD, First, Count, At, PE);
  };
  if (!P)
    return Escape();
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(P)) {
    if (IC->getCastKind() == CK_LValueToRValue && T->isScalarType())
      return Read(IC, false);
    if (IC->getCastKind() == CK_NoOp) {
      // `return s;` moves through an xvalue cast to the trivial constructor.
      if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(parent(IC));
          CE && CE->getConstructor() && CE->getConstructor()->isTrivial() && CE->getNumArgs() == 1)
        return Read(CE, true);
    }
    return Escape();
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    if (skipParens(BO->getLHS()) == PE) {
      if (BO->getOpcode() == BO_Assign)
        return Write(BO);
      if (BO->isCompoundAssignmentOp()) {
        Read(BO, false);
        return Write(BO);
      }
    }
    return Escape();
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    if (UO->isIncrementDecrementOp()) {
      Read(UO, false);
      return Write(UO);
    }
    if (UO->getOpcode() == UO_AddrOf && T->isScalarType() && !AnyElement) {
      // &x handed straight to a function: an out-parameter.
      const Stmt *Arg = UO;
      const Stmt *C = parent(UO);
      while (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(C)) {
        Arg = IC;
        C = parent(IC);
      }
      if (const auto *CE = dyn_cast_or_null<CallExpr>(C)) {
        for (unsigned I = 0; I < CE->getNumArgs(); ++I)
          if (CE->getArg(I) == Arg) {
            const FunctionDecl *Callee = CE->getDirectCallee();
            unsigned Index = I;
            if (isa<CXXOperatorCallExpr>(CE))
              return Escape();
            WriteSummary W = paramWrites(Callee, Index, Ctx);
            const Stmt *Up = parent(CE);
            while (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Up))
              Up = parent(IC);
            bool ResultUsed = Callee && !Callee->getReturnType()->isVoidType() && Up &&
                              !isa<CompoundStmt>(Up) && !isa<CStyleCastExpr>(Up) &&
                              !isa<CaseStmt>(Up) && !isa<DefaultStmt>(Up) && !isa<LabelStmt>(Up);
            // A function that signals through its result whether it wrote the
            // out-parameter is assumed to be checked: only a call whose result
            // is discarded counts.
            if (W == WriteSummary::Always || W == WriteSummary::Unknown || ResultUsed)
              return Write(CE);
            std::string Name = Callee->getNameAsString();
            add(W == WriteSummary::Never ? InitFactKind::NoWrite : InitFactKind::MaybeWrite, VD,
                First, Count, CE, CE, Name);
            return;
          }
      }
    }
    return Escape();
  }
  if (const auto *CE = dyn_cast<CallExpr>(P)) {
    // x passed to a T& parameter: an out-parameter when T is a non-const scalar.
    if (T->isScalarType() && !AnyElement && !isa<CXXOperatorCallExpr>(CE) && !isa<CXXMemberCallExpr>(CE))
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        if (skipParens(CE->getArg(I)) == PE) {
          const FunctionDecl *Callee = CE->getDirectCallee();
          WriteSummary W = paramWrites(Callee, I, Ctx);
          if (W == WriteSummary::Unknown ||
              !Callee->getParamDecl(I)->getType()->isLValueReferenceType())
            return Escape();
          const Stmt *Up = parent(CE);
          while (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Up))
            Up = parent(IC);
          bool ResultUsed = !Callee->getReturnType()->isVoidType() && Up && !isa<CompoundStmt>(Up) &&
                            !isa<CStyleCastExpr>(Up) && !isa<CaseStmt>(Up) &&
                            !isa<DefaultStmt>(Up) && !isa<LabelStmt>(Up);
          if (W == WriteSummary::Always || ResultUsed)
            return Write(CE);
          add(W == WriteSummary::Never ? InitFactKind::NoWrite : InitFactKind::MaybeWrite, VD, First,
              Count, CE, CE, Callee->getNameAsString());
          return;
        }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 && T->isRecordType()) {
      const auto *MD = dyn_cast_or_null<CXXMethodDecl>(OC->getCalleeDecl());
      if (MD && MD->isTrivial() && skipParens(OC->getArg(0)) == PE)
        return Write(OC);
    }
    return Escape();
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
    if (CE->getConstructor() && CE->getConstructor()->isTrivial() && CE->getNumArgs() == 1 &&
        T->isRecordType())
      return Read(CE, true);
    return Escape();
  }
  return Escape();
}

// ------------------------------------------------ Clang's analysis for scalars

class Collector : public UninitVariablesHandler {
public:
  void handleUseOfUninitVariable(const VarDecl *VD, const UninitUse &U) override {
    Uses[VD].push_back(U);
  }
  std::map<const VarDecl *, std::vector<UninitUse>> Uses;
};

void InitBuilder::runClangAnalysis(const std::vector<const VarDecl *> &Scalars) {
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
      // rustc: "an `else` arm might be missing here", on the `}` of the `then` block.
      if (const auto *IS = dyn_cast<IfStmt>(Term); IS && I->Output == 1 && !IS->getElse())
        if (const auto *Then = dyn_cast<CompoundStmt>(IS->getThen()))
          if (std::optional<Span> R2 = Spans.token(Then->getRBracLoc())) {
            SkipPath E;
            E.Kind = SkipKind::MissingElse;
            E.Construct = "if";
            E.Where = *R2;
            R.Skips.push_back(std::move(E));
          }
    }
    if (R.Skips.empty() && !R.Always) {
      // Clang's "maybe": report it only when a path that skips every write can
      // be named. Otherwise it is typically correlated conditions (`if (c) x =
      // 1; ... if (c) use(x);`): correct C++ that rustc would still reject.
      std::optional<SkipPath> S = skipOfMaybe(VD, U.getUser());
      if (!S)
        continue;
      R.Skips.push_back(std::move(*S));
    }
    Out.UninitReads.push_back(std::move(R));
  }
}

// For a "maybe" use (Clang names no branch): the loop or the switch without
// `default` that holds every write of VD and ends before the use. Skipping it
// (the loop's body never runs, no case matches) leaves VD uninitialised.
std::optional<SkipPath> InitBuilder::skipOfMaybe(const VarDecl *VD, const Expr *Use) const {
  std::vector<const DeclRefExpr *> Writes;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == VD && DRE != Use) {
      const Stmt *P = parent(DRE);
      const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(P);
      if (!IC || IC->getCastKind() != CK_LValueToRValue)
        Writes.push_back(DRE);
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(FD.getBody());
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

} // namespace

bool buildInitFacts(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans, const CFG &Cfg,
                    const ParentIndex &Parents, FunctionFacts &Out) {
  return InitBuilder(FD, Ctx, Spans, Cfg, Parents, Out).run();
}

} // namespace borrowck
