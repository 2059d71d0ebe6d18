// Heap memory that starts indeterminate: `new T[n]` and `new T` of a type
// without a constructor that initialises, `malloc` and `alloca`. The pointer
// that holds it is tracked like an array: `p[k]`, `*p` and `p->f` designate
// its slots (InitBuilder::classifyHeap).
#include "factgen/init/Init.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace borrowck::init {

namespace {

// `new T` leaves the object indeterminate: no initialiser, or the trivial
// default constructor without zero-initialisation (`new T()` and `new T{}`
// value-initialise).
bool leavesIndeterminate(const CXXNewExpr *NE) {
  if (NE->getInitializationStyle() != CXXNewInitializationStyle::None)
    return false;
  const Expr *Init = NE->getInitializer();
  if (!Init)
    return true;
  const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
  return CE && CE->getConstructor() && CE->getConstructor()->isDefaultConstructor() &&
         CE->getConstructor()->isTrivial() && CE->getNumArgs() == 0 && !CE->requiresZeroInitialization();
}

std::optional<uint64_t> constant(const Expr *E, ASTContext &Ctx) {
  Expr::EvalResult R;
  if (E && !E->isValueDependent() && E->EvaluateAsInt(R, Ctx) && R.Val.getInt().isNonNegative())
    return R.Val.getInt().getZExtValue();
  return std::nullopt;
}

} // namespace

std::optional<HeapAlloc> uninitialisedAllocation(const Expr *E, ASTContext &Ctx) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParens();
  // `(int *)malloc(n)`, `static_cast<int *>(malloc(n))`: the element type is the cast's.
  QualType CastTo;
  while (const auto *CE = dyn_cast<CastExpr>(E)) {
    if (isa<ExplicitCastExpr>(CE) && CastTo.isNull() && CE->getType()->isPointerType())
      CastTo = CE->getType()->getPointeeType();
    E = CE->getSubExpr()->IgnoreParens();
  }
  HeapAlloc A;
  if (const auto *NE = dyn_cast<CXXNewExpr>(E)) {
    if (NE->isTypeDependent() || NE->getNumPlacementArgs() || !leavesIndeterminate(NE))
      return std::nullopt;
    A.Elem = NE->getAllocatedType().getCanonicalType();
    A.Array = NE->isArray();
    A.How = A.Array ? "new[]" : "new";
    if (A.Array) {
      std::optional<const Expr *> Size = NE->getArraySize();
      std::optional<uint64_t> N = Size ? constant(*Size, Ctx) : std::nullopt;
      A.Count = N ? *N : 0;
    } else {
      A.Count = 1;
    }
  } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !FD->getIdentifier() || Call->getNumArgs() != 1 || CastTo.isNull())
      return std::nullopt;
    StringRef Name = FD->getName();
    unsigned Builtin = FD->getBuiltinID();
    bool Malloc = Name == "malloc" && FD->isExternC();
    bool Alloca = Builtin == Builtin::BI__builtin_alloca || Builtin == Builtin::BIalloca ||
                  ((Name == "alloca" || Name == "_alloca") && FD->isExternC());
    if (!Malloc && !Alloca)
      return std::nullopt;
    A.Elem = CastTo.getCanonicalType();
    if (A.Elem->isVoidType() || A.Elem->isIncompleteType())
      return std::nullopt;
    A.Array = true;
    A.How = Malloc ? "malloc" : "alloca";
    // `malloc(10 * sizeof(int))`: ten elements, when the size is a constant multiple.
    if (std::optional<uint64_t> Bytes = constant(Call->getArg(0), Ctx)) {
      uint64_t Each = Ctx.getTypeSizeInChars(A.Elem).getQuantity();
      A.Count = Each && *Bytes % Each == 0 ? *Bytes / Each : 0;
    }
  } else {
    return std::nullopt;
  }
  if (!slotCount(A.Elem))
    return std::nullopt;
  return A;
}

QualType heapLayout(const HeapAlloc &A, ASTContext &Ctx) {
  if (!A.Array)
    return A.Elem;
  if (A.Count == 0)
    return {};
  return Ctx.getConstantArrayType(A.Elem, llvm::APInt(64, A.Count), nullptr, ArraySizeModifier::Normal, 0)
      .getCanonicalType();
}

void heapSlotNames(QualType Layout, const std::string &Ptr, std::vector<std::string> &Out) {
  if (Layout.isNull() || arrayCollapsed(Layout)) {
    Out.push_back("*" + Ptr);
    return;
  }
  if (Layout->isConstantArrayType()) {
    slotNames(Layout, Ptr, Out);
    return;
  }
  // One object: `*p`, `p->x`.
  size_t From = Out.size();
  slotNames(Layout, "*" + Ptr, Out);
  for (size_t I = From; I < Out.size(); ++I)
    if (Out[I].size() > Ptr.size() + 1 && Out[I][Ptr.size() + 1] == '.')
      Out[I] = Ptr + "->" + Out[I].substr(Ptr.size() + 2);
}

} // namespace borrowck::init
