// The initialisation fact builder: which locals to track, the slots each
// occurrence designates and what it does with them (classify), laid out as
// InitFacts on the main CFG. Slots and Clang's analysis are in factgen/init/;
// what a callee does to its out-parameter is a SummaryCache facet
// (summary/OutParams.cpp).
#include "factgen/InitBuilder.h"

#include "ast/ParentIndex.h"
#include "ast/Spans.h"
#include "factgen/init/Init.h"
#include "summary/SummaryCache.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <algorithm>
#include <map>

using namespace clang;

namespace borrowck {

namespace {

using namespace init;
using WriteSummary = SummaryCache::OutParamWrites;

const Expr *skipParens(const Expr *E) { return E->IgnoreParens(); }

class InitBuilder {
public:
  InitBuilder(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans, const CFG &Cfg,
              const ParentIndex &Parents, SummaryCache &Summaries, FunctionFacts &Out)
      : FD(FD), Ctx(Ctx), Spans(Spans), Cfg(Cfg), Parents(Parents), Summaries(Summaries), Out(Out) {}

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

  // What one occurrence designates: slots [First, First + Count) of Total,
  // of type T, written `What`, at the expression PE.
  struct Place {
    const Expr *PE = nullptr;
    clang::QualType T;
    uint32_t Total = 0, First = 0, Count = 0;
    std::string What;
    bool AnyElement = false; // a[i] with i not a constant
    bool Collapsed = false;  // no longer narrowed: the slots of a whole array
  };

  // A local pointer given memory that starts indeterminate (init/Heap.cpp).
  struct Heap {
    clang::QualType Layout; // null: one slot for all of it
    clang::QualType Elem;
    const char *How;
    const Expr *At; // the first allocation
  };
  void findHeapMemory();
  void classifyHeap(const DeclRefExpr *DRE, const VarDecl *VD);

  void classify(const DeclRefExpr *DRE, const VarDecl *VD);
  void descend(Place &Pl) const;
  void narrowToField(Place &Pl, const FieldDecl *F, const char *Sep, const Expr *ME) const;
  void subscript(Place &Pl, const ArraySubscriptExpr *AS, uint64_t N, bool Collapsed) const;
  void classifyUse(const DeclRefExpr *DRE, const VarDecl *VD, const Place &Pl);
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
  SummaryCache &Summaries;
  FunctionFacts &Out;
  llvm::DenseMap<const VarDecl *, uint32_t> SlotsOf; // candidate -> slot count
  std::map<const VarDecl *, Heap> HeapOf;
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
  findHeapMemory();
  for (auto &[VD, H] : HeapOf) {
    uint32_t N = H.Layout.isNull() ? 1 : slotCount(H.Layout);
    if (!N)
      continue;
    if (!SlotsOf.count(VD))
      Candidates.push_back(VD);
    SlotsOf[VD] = N;
  }
  if (Candidates.empty())
    return false;
  if (!Scalars.empty())
    init::addClangUninitReads(FD, Ctx, Spans, Parents, Scalars, Out);

  // Every occurrence of a candidate, in element order.
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        const Stmt *St = S->getStmt();
        if (const auto *DS = dyn_cast<DeclStmt>(St)) {
          for (const Decl *D : DS->decls())
            if (const auto *VD = dyn_cast<VarDecl>(D); VD && SlotsOf.count(VD)) {
              if (!HeapOf.count(VD))
                Pend.push_back(Pending{InitFactKind::Declare, VD, 0, SlotsOf[VD], St, Span{}, {}});
              else if (uninitialisedAllocation(VD->getInit(), Ctx))
                add(InitFactKind::Declare, VD, 0, SlotsOf[VD], St, VD->getInit()); // where it is allocated
            }
        } else if (const auto *DRE = dyn_cast<DeclRefExpr>(St)) {
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && SlotsOf.count(VD)) {
            if (HeapOf.count(VD))
              classifyHeap(DRE, VD);
            else
              classify(DRE, VD);
          }
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
    if ((!P.Var->getType()->isScalarType() || HeapOf.count(P.Var) || P.Kind == InitFactKind::MaybeWrite ||
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
    if (auto H = HeapOf.find(VD); H != HeapOf.end()) {
      V.TypeName = H->second.Elem.getAsString(PP);
      V.Declared = Spans.range(H->second.At->getSourceRange());
      V.Aggregate = !H->second.Layout.isNull() && !H->second.Layout->isScalarType();
      V.Heap = H->second.How;
      V.Allocation = text(H->second.At->getSourceRange());
      heapSlotNames(H->second.Layout, V.Name, V.SlotNames);
    } else {
      slotNames(VD->getType(), V.Name, V.SlotNames);
    }
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

// Local pointers assigned (or initialised with) memory that starts
// indeterminate. Allocations of different shapes into one pointer share one
// slot.
void InitBuilder::findHeapMemory() {
  auto Note = [&](const VarDecl *VD, const Expr *E) {
    if (!VD || !VD->isLocalVarDecl() || VD->hasGlobalStorage() || VD->getDeclContext() != &FD ||
        !VD->getType()->isPointerType() || VD->getType().isVolatileQualified())
      return;
    std::optional<HeapAlloc> A = uninitialisedAllocation(E, Ctx);
    if (!A)
      return;
    QualType Layout = heapLayout(*A, Ctx);
    auto [It, New] = HeapOf.try_emplace(VD, Heap{Layout, A->Elem, A->How, E});
    if (!New && It->second.Layout != Layout)
      It->second.Layout = QualType();
  };
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt())) {
          for (const Decl *D : DS->decls())
            if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit())
              Note(VD, VD->getInit());
        } else if (const auto *BO = dyn_cast<BinaryOperator>(S->getStmt());
                   BO && BO->getOpcode() == BO_Assign) {
          if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
            Note(dyn_cast<VarDecl>(DRE->getDecl()), BO->getRHS());
        }
      }
}

// One occurrence of a pointer to heap memory: assigned a new allocation (its
// slots start over) or another value (no longer tracked: counts as written),
// dereferenced (`p[k]`, `*p`, `p->f`: the slots designated), tested or freed
// (nothing happens to the memory), anything else: an escape, which may write.
void InitBuilder::classifyHeap(const DeclRefExpr *DRE, const VarDecl *VD) {
  const Heap &H = HeapOf.find(VD)->second;
  const uint32_t Total = SlotsOf[VD];
  const Stmt *P = parent(DRE);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
      BO && BO->getOpcode() == BO_Assign && skipParens(BO->getLHS()) == DRE) {
    if (uninitialisedAllocation(BO->getRHS(), Ctx))
      add(InitFactKind::Declare, VD, 0, Total, BO, BO->getRHS());
    else
      add(InitFactKind::Forget, VD, 0, Total, BO, DRE);
    return;
  }
  auto Escape = [&] { add(InitFactKind::Write, VD, 0, Total, DRE, DRE); };
  const auto *Value = dyn_cast_or_null<ImplicitCastExpr>(P);
  if (!Value || Value->getCastKind() != CK_LValueToRValue)
    return Escape();
  Place Pl;
  Pl.Total = Total;
  Pl.Count = Total;
  Pl.What = VD->getNameAsString();
  const bool Array = !H.Layout.isNull() && H.Layout->isConstantArrayType();
  const uint64_t N = H.Layout.isNull() ? 0 : Array ? cast<ConstantArrayType>(H.Layout.getTypePtr())->getSize().getZExtValue() : 1;
  const bool Collapsed = H.Layout.isNull() || arrayCollapsed(H.Layout);
  auto FirstElement = [&] {
    if (Collapsed) {
      Pl.Collapsed = true;
    } else {
      Pl.Count = Total / static_cast<uint32_t>(N);
    }
    Pl.T = H.Elem;
  };
  const Stmt *Q = parent(Value);
  if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(Q); AS && skipParens(AS->getBase()) == Value) {
    subscript(Pl, AS, N, Collapsed);
    Pl.T = H.Elem;
    Pl.PE = AS;
  } else if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Q); UO && UO->getOpcode() == UO_Deref) {
    FirstElement();
    Pl.What = "*" + Pl.What;
    Pl.PE = UO;
  } else if (const auto *ME = dyn_cast_or_null<MemberExpr>(Q); ME && ME->isArrow()) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F || !H.Elem->isRecordType())
      return Escape();
    FirstElement();
    narrowToField(Pl, F, "->", ME);
  } else {
    // Tested against null, compared, deleted or freed: the memory is not touched.
    while (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Q))
      Q = parent(IC);
    if (!Q)
      return Escape();
    if (const auto *B = dyn_cast<BinaryOperator>(Q); B && (B->isComparisonOp() || B->isLogicalOp()))
      return;
    if (const auto *U = dyn_cast<UnaryOperator>(Q); U && U->getOpcode() == UO_LNot)
      return;
    if (isa<CXXDeleteExpr>(Q) || isa<IfStmt>(Q) || isa<WhileStmt>(Q) || isa<ConditionalOperator>(Q))
      return;
    if (const auto *C = dyn_cast<CallExpr>(Q))
      if (const FunctionDecl *Callee = C->getDirectCallee();
          Callee && Callee->getIdentifier() && Callee->getName() == "free" && Callee->isExternC())
        return;
    return Escape();
  }
  descend(Pl);
  classifyUse(DRE, VD, Pl);
}

// Classifies one occurrence of a candidate: which slots it designates (s.a,
// a[1], the whole variable) and what the enclosing expression does with them.
// Anything not recognised counts as a write: unknown code may initialise it.
void InitBuilder::classify(const DeclRefExpr *DRE, const VarDecl *VD) {
  Place Pl;
  Pl.Total = SlotsOf[VD];
  Pl.Count = Pl.Total;
  Pl.T = VD->getType().getCanonicalType();
  Pl.What = VD->getNameAsString();
  Pl.PE = DRE;
  descend(Pl);
  classifyUse(DRE, VD, Pl);
}

// Narrows Pl through `.f` and `[k]` to the slots it designates. A computed
// index (`a[i]`) or an array too large for a slot per element keeps the whole
// array's slots ("collapsed") while the type goes on narrowing.
void InitBuilder::descend(Place &Pl) const {
  for (;;) {
    const Stmt *P = parent(Pl.PE);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(P); ME && !ME->isArrow() && Pl.T->isRecordType()) {
      const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!F)
        return; // a method: handled as an escape
      narrowToField(Pl, F, ".", ME);
      continue;
    }
    if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(P);
        IC && IC->getCastKind() == CK_ArrayToPointerDecay && Pl.T->isConstantArrayType()) {
      const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(parent(IC));
      if (!AS || AS->getBase()->IgnoreParens() != IC)
        return; // the array decays to a pointer that escapes
      const auto *AT = cast<ConstantArrayType>(Pl.T.getTypePtr());
      subscript(Pl, AS, AT->getSize().getZExtValue(), arrayCollapsed(Pl.T));
      Pl.T = AT->getElementType().getCanonicalType();
      Pl.PE = AS;
      continue;
    }
    return;
  }
}

// `.f` / `->f`: the field's slots, unless the place is already collapsed.
void InitBuilder::narrowToField(Place &Pl, const FieldDecl *F, const char *Sep, const Expr *ME) const {
  Pl.T = F->getType().getCanonicalType();
  if (!Pl.Collapsed) {
    Pl.First += fieldOffset(F);
    Pl.Count = slotCount(Pl.T);
  }
  Pl.What += Sep + F->getNameAsString();
  Pl.PE = ME;
}

// `[k]` on N elements (N 0: unknown) of Pl.T's element type.
void InitBuilder::subscript(Place &Pl, const ArraySubscriptExpr *AS, uint64_t N, bool Collapsed) const {
  Expr::EvalResult R;
  if (AS->getIdx()->EvaluateAsInt(R, Ctx) && R.Val.getInt().isNonNegative() &&
      (N == 0 || R.Val.getInt().getZExtValue() < N)) {
    uint64_t K = R.Val.getInt().getZExtValue();
    Pl.What += "[" + std::to_string(K) + "]";
    if (Collapsed || N == 0)
      Pl.Collapsed = true;
    if (!Pl.Collapsed) {
      uint32_t Each = Pl.Count / static_cast<uint32_t>(N);
      Pl.First += static_cast<uint32_t>(K) * Each;
      Pl.Count = Each;
    }
  } else {
    Pl.AnyElement = true;
    Pl.Collapsed = true;
    Pl.What += "[" + text(AS->getIdx()->getSourceRange()) + "]";
  }
}

// What the expression around Pl.PE does with the slots Pl designates.
void InitBuilder::classifyUse(const DeclRefExpr *DRE, const VarDecl *VD, const Place &Pl) {
  const uint32_t Total = Pl.Total, First = Pl.First, Count = Pl.Count;
  const QualType T = Pl.T;
  const std::string &What = Pl.What;
  const bool AnyElement = Pl.AnyElement;
  const Expr *PE = Pl.PE;
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
            WriteSummary W = Summaries.outParamWrites(Callee, Index, Ctx);
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
          WriteSummary W = Summaries.outParamWrites(Callee, I, Ctx);
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

} // namespace

bool buildInitFacts(const FunctionDecl &FD, ASTContext &Ctx, const SpanMaker &Spans, const CFG &Cfg,
                    const ParentIndex &Parents, SummaryCache &Summaries, FunctionFacts &Out) {
  return InitBuilder(FD, Ctx, Spans, Cfg, Parents, Summaries, Out).run();
}

} // namespace borrowck
