// Loan facts: which storage each borrow-holding value borrows, and where the
// storage ends. With the move fact builder and the type model, the only code
// that reads the AST.
#include "factgen/LoanBuilder.h"
#include "factgen/FactIds.h"
#include "ast/Spans.h"
#include "summary/SummaryCache.h"
#include "summary/SummaryCacheImpl.h"
#include "ast/Wrappers.h"

#include "model/TypeModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"

#include <map>

using namespace clang;

namespace borrowck {

namespace {

// What a value (or the object an expression designates) borrows from.
struct Sources {
  struct Site {
    const VarDecl *Var = nullptr;                  // a local of the function
    const CXXBindTemporaryExpr *Temp = nullptr;    // or a temporary
    const Expr *At = nullptr;                      // where the borrow is made
    bool Maybe = false;                            // on some paths only
    const ParmVarDecl *Via = nullptr;              // through an inferred, unannotated parameter
    bool Contents = false;                         // borrows what an owner holds (Loan::Contents)
    const MaterializeTemporaryExpr *Trivial = nullptr; // a temporary with no destructor to run
    // Kind Referent: the container a reference (VarDecl) or a field of *this
    // (FieldDecl) designates.
    const ValueDecl *Referent = nullptr;
    bool Iterator = false; // Loan::Iterator
    // or memory: allocated at At (Heap), or the unknown pointee of a pointer
    // parameter (Pointee with Var) or of a call's result (Pointee with At).
    StorageKind Kind = StorageKind::Local;
  };
  llvm::SmallVector<Site, 2> Loans;
  llvm::SmallVector<const VarDecl *, 2> Vars; // borrow-holding variables whose loans flow along
  llvm::SmallVector<const VarDecl *, 2> MaybeVars; // the same, on some paths only
  bool This = false;                          // borrows from *this
  bool ThisValue = false;                     // holds what *this holds (a field's value)
  llvm::SmallVector<const FieldDecl *, 1> ThisFields; // which fields of *this (ThisValue)
  void add(const Sources &O) {
    Loans.append(O.Loans.begin(), O.Loans.end());
    Vars.append(O.Vars.begin(), O.Vars.end());
    MaybeVars.append(O.MaybeVars.begin(), O.MaybeVars.end());
    This |= O.This;
    ThisValue |= O.ThisValue;
    ThisFields.append(O.ThisFields.begin(), O.ThisFields.end());
  }
  bool empty() const {
    return Loans.empty() && Vars.empty() && MaybeVars.empty() && !This && !ThisValue;
  }
  bool noLoans() const { return Loans.empty() && Vars.empty() && MaybeVars.empty(); }
  // Everything here holds on some paths only.
  Sources &maybe() {
    for (Site &L : Loans)
      L.Maybe = true;
    MaybeVars.append(Vars.begin(), Vars.end());
    Vars.clear();
    return *this;
  }
};

bool returnsReference(const FunctionDecl *F) { return F->getReturnType()->isReferenceType(); }

// A call split into the object it is made on and the arguments that match
// the callee's parameters. For an operator call naming a member operator,
// argument 0 is the object (or, for a static operator, an expression that is
// evaluated but is no parameter). Explicit-object (`this auto&`) members take
// the object as their first parameter: nothing is split off.
struct CallParts {
  const Expr *Object = nullptr;
  bool ObjectIsPointer = false; // `p->f()`
  llvm::SmallVector<const Expr *, 4> Args;
};

CallParts splitCall(const CallExpr *CE, const FunctionDecl *F) {
  CallParts P;
  P.Args.assign(CE->arg_begin(), CE->arg_end());
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    P.Object = MC->getImplicitObjectArgument();
    if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()))
      P.ObjectIsPointer = ME->isArrow();
  } else if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(F);
             MD && isa<CXXOperatorCallExpr>(CE) && !P.Args.empty() && !MD->isExplicitObjectMemberFunction()) {
    if (MD->isImplicitObjectMemberFunction())
      P.Object = P.Args.front();
    P.Args.erase(P.Args.begin());
  }
  return P;
}

// The C library's allocation and deallocation functions (global or std::).
bool isCFunction(const FunctionDecl *F, std::initializer_list<llvm::StringRef> Names) {
  if (!F || !F->getIdentifier())
    return false;
  const DeclContext *DC = F->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !F->isInStdNamespace() && !DC->isExternCContext())
    return false;
  for (llvm::StringRef N : Names)
    if (F->getName() == N)
      return true;
  return false;
}
bool isAllocation(const FunctionDecl *F) {
  return isCFunction(F, {"malloc", "calloc", "realloc", "aligned_alloc", "strdup", "strndup"});
}
// Not realloc(): it frees its argument only when it succeeds, and the usual
// `q = realloc(p, n); if (!q) free(p);` is correct.
bool isDeallocation(const FunctionDecl *F) { return isCFunction(F, {"free"}); }


// Does the implicit object parameter carry [[clang::lifetimebound]]?
bool thisIsLifetimeBound(const FunctionDecl *F) {
  const TypeSourceInfo *TSI = F->getTypeSourceInfo();
  if (!TSI)
    return false;
  for (TypeLoc TL = TSI->getTypeLoc(); TL;) {
    if (auto ATL = TL.getAs<AttributedTypeLoc>()) {
      if (ATL.getAttrAs<LifetimeBoundAttr>())
        return true;
      TL = ATL.getModifiedLoc();
      continue;
    }
    if (auto PTL = TL.getAs<ParenTypeLoc>()) {
      TL = PTL.getInnerLoc();
      continue;
    }
    break;
  }
  return false;
}

// Evaluates expressions to the sources of their borrows. In a function's own
// analysis, locals become loans; for a summary, parameters and `this` matter.
class Evaluator {
public:
  Evaluator(const FunctionDecl &FD, const TypeModel &Model, SummaryCache &Summaries)
      : FD(FD), Model(Model), Summaries(Summaries) {}

  // The loans of the value of E (E's type holds a borrow: a pointer, view ...).
  Sources valueOf(const Expr *E, unsigned Depth = 0);
  // The loans made by borrowing the object E designates (&E, binding T& to E,
  // calling an owner's accessor on E).
  Sources borrowOf(const Expr *E, unsigned Depth = 0);

  // A reference bound once and for all to an owner local of this function
  // (`auto&& __range = v;` of a range-for, `auto& r = v;`): that owner.
  const VarDecl *boundOwner(const VarDecl *R) const {
    if (!R->getType()->isReferenceType() || !R->getInit())
      return nullptr;
    const Expr *I = skipWrappers(R->getInit())->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(I);
    const auto *W = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!W || W->getType()->isReferenceType() || !ownsStorage(W) ||
        DRE->refersToEnclosingVariableOrCapture() ||
        Model.ownership(W->getType()) != TypeModel::Ownership::Owner)
      return nullptr;
    return W;
  }

  bool ownsStorage(const VarDecl *V) const {
    if (!V->hasLocalStorage() || (V->getType()->isReferenceType() && !extendsTemporary(V)))
      return false;
    return localOf(V);
  }

  // `auto&& buf = make();`, `const T& r = T(...);`: the reference extends a
  // temporary to its own lifetime, so it stands for an object it owns, as
  // `auto buf = make();` would: borrowing it borrows that object, and its
  // value is what the object holds (not also a borrow of the object). The
  // hidden `__range` of a range-for keeps its own treatment.
  static bool extendsTemporary(const VarDecl *V) {
    if (!V->getType()->isReferenceType() || V->isImplicit() || !V->getInit())
      return false;
    const Expr *I = skipWrappers(V->getInit());
    while (const auto *ICE = dyn_cast<ImplicitCastExpr>(I))
      I = skipWrappers(ICE->getSubExpr());
    const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(I);
    return MTE && MTE->getExtendingDecl() == V;
  }

  // A parameter or local variable of this function (not of a lambda in it).
  bool localOf(const VarDecl *V) const {
    const DeclContext *DC = V->getDeclContext();
    if (isa<ParmVarDecl>(V))
      return DC == &FD;
    for (; DC; DC = DC->getParent())
      if (DC == &FD)
        return true;
    return false;
  }

  // `this->items`: a container field of the object, designated through this.
  const FieldDecl *thisField(const Expr *E) const {
    const auto *ME = dyn_cast<MemberExpr>(skipWrappers(E)->IgnoreParenImpCasts());
    if (!ME || !isa<CXXThisExpr>(skipWrappers(ME->getBase())->IgnoreParenImpCasts()))
      return nullptr;
    const auto *Fd = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Fd || Fd->getType()->isReferenceType() ||
        Model.ownership(Fd->getType()) != TypeModel::Ownership::Owner)
      return nullptr;
    return Fd;
  }

  // The container a reference of this function designates, when we cannot
  // name it as one of our locals: a reference parameter (`std::vector<int>& v`),
  // a reference bound to an element (`for (auto& row : grid)`) or to a field
  // of *this. References bound to other references resolve to theirs.
  const ValueDecl *referentOf(const VarDecl *R, unsigned Depth = 0) const {
    if (Depth > 8 || !R->getType()->isReferenceType() || !R->hasLocalStorage() || !localOf(R) ||
        boundOwner(R) || extendsTemporary(R) || Model.ownership(R->getType()->getPointeeType()) != TypeModel::Ownership::Owner)
      return nullptr;
    if (isa<ParmVarDecl>(R) || !R->getInit())
      return R;
    const Expr *I = skipWrappers(R->getInit())->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(I))
      if (const auto *W = dyn_cast<VarDecl>(DRE->getDecl());
          W && W->getType()->isReferenceType() && !DRE->refersToEnclosingVariableOrCapture())
        if (const ValueDecl *T = referentOf(W, Depth + 1))
          return T;
    if (const FieldDecl *Fd = thisField(I))
      return Fd;
    return R;
  }

  static Sources::Site referent(const ValueDecl *R, const Expr *At) {
    Sources::Site T;
    T.Referent = R;
    T.At = At;
    T.Kind = StorageKind::Referent;
    return T;
  }

private:
  bool holdsValue(const Expr *A) const {
    return !A->getType()->isReferenceType() && Model.holdsBorrow(A->getType());
  }
  Sources callResult(const Expr *Call, unsigned Depth);
  // The value of field Fd of the local aggregate Object designates, when that
  // local is only ever read after its initialisation (`W w{loc, out};` then
  // `w.out_`, `w.out()` const): what its initialiser for Fd holds, if that
  // does not depend on another variable's current value. Else nullopt.
  std::optional<Sources> fieldValue(const Expr *Object, const FieldDecl *Fd, unsigned Depth);
  const Expr *fieldInit(const VarDecl *V, const FieldDecl *Fd) const;
  bool onlyRead(const VarDecl *V);
  llvm::DenseMap<const VarDecl *, bool> ReadOnly; // onlyRead, for every local, once computed
  bool ReadOnlyComputed = false;
  // The loans of the value stored in the object a call returning a reference
  // designates (`return std::get<0>(t);` copies the pointer out of t).
  Sources storedValue(const CallExpr *Call, unsigned Depth);

public:
  Sources borrowedArgumentOf(const Expr *A, QualType ParamType) {
    return borrowedArgument(A, ParamType, 0);
  }

private:
  Sources borrowedArgument(const Expr *A, QualType ParamType, unsigned Depth);

  const FunctionDecl &FD;
  const TypeModel &Model;
  SummaryCache &Summaries;
};

constexpr unsigned MaxDepth = 48;

Sources Evaluator::borrowOf(const Expr *E, unsigned Depth) {
  Sources S;
  if (!E || Depth > MaxDepth)
    return S;
  E = skipWrappers(E);
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E))
    return borrowOf(ICE->getSubExpr(), Depth + 1);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return S;
    if (const VarDecl *W = boundOwner(V); W && !DRE->refersToEnclosingVariableOrCapture())
      S.Loans.push_back({W, nullptr, E}); // `auto&& r = v;`: r designates v itself
    else if (extendsTemporary(V)) {
      if (!DRE->refersToEnclosingVariableOrCapture() && localOf(V))
        S.Loans.push_back({V, nullptr, E}); // the temporary it extends
    } else if (V->getType()->isReferenceType()) {
      S.Vars.push_back(V); // designates what the reference refers to
      if (const ValueDecl *R = DRE->refersToEnclosingVariableOrCapture() ? nullptr : referentOf(V))
        S.Loans.push_back(referent(R, E));
    }
    else if (ownsStorage(V) && !DRE->refersToEnclosingVariableOrCapture())
      S.Loans.push_back({V, nullptr, E});
    return S;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const Expr *Base = ME->getBase();
    if (isa<CXXThisExpr>(skipWrappers(Base)->IgnoreImpCasts())) {
      S.This = true;
      if (const FieldDecl *Fd = thisField(ME))
        S.Loans.push_back(referent(Fd, E));
      return S;
    }
    if (ME->isArrow())
      return valueOf(Base, Depth + 1);
    if (const auto *FDecl = dyn_cast<FieldDecl>(ME->getMemberDecl());
        FDecl && FDecl->getType()->isReferenceType()) {
      // obj.ref designates what the stored reference refers to: obj's contents.
      const Expr *B = skipWrappers(Base)->IgnoreImpCasts();
      if (const auto *BD = dyn_cast<DeclRefExpr>(B))
        if (const auto *V = dyn_cast<VarDecl>(BD->getDecl()))
          S.Vars.push_back(V);
      return S;
    }
    return borrowOf(Base, Depth + 1);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Deref)
      return valueOf(UO->getSubExpr(), Depth + 1);
    return S;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return valueOf(AS->getBase(), Depth + 1);
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
    if (const auto *V = dyn_cast_or_null<VarDecl>(MTE->getExtendingDecl())) {
      // Lifetime extension: the temporary lives as long as V.
      if (V->hasLocalStorage() && !V->isStaticLocal())
        S.Loans.push_back({V, nullptr, MTE->getSubExpr()});
      return S;
    }
    if (MTE->getExtendingDecl())
      return S; // extended by a global or a member
    // Look through implicit casts and `T(...)`/`static_cast<T>(...)` that
    // only wrap the construction of the temporary.
    const Expr *Inner = MTE->getSubExpr()->IgnoreParens();
    for (;;) {
      if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Inner))
        Inner = ICE->getSubExpr()->IgnoreParens();
      else if (const auto *EC = dyn_cast<ExplicitCastExpr>(Inner);
               EC && (EC->getCastKind() == CK_ConstructorConversion ||
                      EC->getCastKind() == CK_NoOp))
        Inner = EC->getSubExpr()->IgnoreParens();
      else
        break;
    }
    if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Inner))
      S.Loans.push_back({nullptr, BTE, MTE->getSubExpr()});
    else if (Model.holdsBorrow(MTE->getType()))
      S.add(valueOf(MTE->getSubExpr(), Depth + 1)); // a temporary view: its loans
    else if (!MTE->getType()->isReferenceType()) {
      // `Limits{}`, `int{}` bound to a reference: no destructor in the CFG,
      // but it ends with the full expression all the same.
      Sources::Site T;
      T.At = MTE->getSubExpr();
      T.Trivial = MTE;
      S.Loans.push_back(T);
    }
    return S;
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    S.add(borrowOf(CO->getTrueExpr(), Depth + 1).maybe());
    S.add(borrowOf(CO->getFalseExpr(), Depth + 1).maybe());
    return S;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return E->isGLValue() ? borrowOf(Cast->getSubExpr(), Depth + 1) : valueOf(E, Depth + 1);
  if (isa<CallExpr>(E) && E->isGLValue())
    return callResult(E, Depth + 1); // a call returning a reference
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAssignmentOp() || BO->getOpcode() == BO_Comma)
      return borrowOf(BO->isAssignmentOp() ? BO->getLHS() : BO->getRHS(), Depth + 1);
  }
  return S;
}

Sources Evaluator::valueOf(const Expr *E, unsigned Depth) {
  Sources S;
  if (!E || Depth > MaxDepth)
    return S;
  E = skipWrappers(E);
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
    if (ICE->getCastKind() == CK_ArrayToPointerDecay)
      return borrowOf(ICE->getSubExpr(), Depth + 1);
    if (ICE->getCastKind() == CK_FunctionToPointerDecay || ICE->getCastKind() == CK_NullToPointer)
      return S;
    return valueOf(ICE->getSubExpr(), Depth + 1);
  }
  if (isa<CXXNewExpr>(E)) {
    Sources::Site H;
    H.At = E;
    H.Kind = StorageKind::Heap;
    S.Loans.push_back(H);
    return S;
  }
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return valueOf(MTE->getSubExpr(), Depth + 1);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (Model.holdsBorrow(V->getType().getNonReferenceType()))
        S.Vars.push_back(V);
    return S;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_AddrOf) {
      Sources B = borrowOf(UO->getSubExpr(), Depth + 1);
      for (auto &L : B.Loans)
        if (L.Var && L.At == skipWrappers(UO->getSubExpr()))
          L.At = E; // `&x` is where x is borrowed
      return B;
    }
    if (UO->getOpcode() == UO_PreInc || UO->getOpcode() == UO_PreDec ||
        UO->getOpcode() == UO_PostInc || UO->getOpcode() == UO_PostDec)
      return valueOf(UO->getSubExpr(), Depth + 1);
    return S;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAdditiveOp()) {
      if (BO->getLHS()->getType()->isPointerType())
        return valueOf(BO->getLHS(), Depth + 1);
      if (BO->getRHS()->getType()->isPointerType())
        return valueOf(BO->getRHS(), Depth + 1);
      return S;
    }
    if (BO->isAssignmentOp() || BO->getOpcode() == BO_Comma)
      return valueOf(BO->getRHS(), Depth + 1);
    return S;
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    S.add(valueOf(CO->getTrueExpr(), Depth + 1).maybe());
    S.add(valueOf(CO->getFalseExpr(), Depth + 1).maybe());
    return S;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    // A borrow-holding field: the enclosing object's loans.
    if (isa<FieldDecl>(ME->getMemberDecl())) {
      const Expr *Base = skipWrappers(ME->getBase())->IgnoreImpCasts();
      if (isa<CXXThisExpr>(Base)) {
        S.ThisValue = true; // a copy of the field, not a borrow of the object
        S.ThisFields.push_back(cast<FieldDecl>(ME->getMemberDecl()));
      } else if (!ME->isArrow()) {
        const FieldDecl *Fd = cast<FieldDecl>(ME->getMemberDecl());
        if (std::optional<Sources> FS = fieldValue(Base, Fd, Depth + 1))
          S.add(*FS); // `w.out_` of a local only ever read: what initialised that field
        else
          S.add(valueOf(Base, Depth + 1));
      }
    }
    return S;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
    if (Cast->getTypeAsWritten()->isReferenceType())
      return borrowOf(Cast->getSubExpr(), Depth + 1);
    return valueOf(Cast->getSubExpr(), Depth + 1);
  }
  if (isa<CallExpr>(E))
    return E->isGLValue() ? storedValue(cast<CallExpr>(E), Depth + 1) : callResult(E, Depth + 1);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (!Ctor || CE->getNumArgs() == 0 || !Model.holdsBorrow(CE->getType()))
      return S;
    if (Ctor->isCopyOrMoveConstructor())
      return valueOf(CE->getArg(0), Depth + 1);
    const SummaryCache::Summary &Sum = Summaries.get(Ctor, Model);
    for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I)
      if (I < Sum.Params.size() && Sum.Params[I])
        S.add(borrowedArgument(CE->getArg(I), Ctor->getParamDecl(I)->getType(), Depth + 1));
    // A std holder (std::function, std::optional, std::pair ...) built from
    // values that hold borrows holds them: std::function<int()> f = [&x]{...};
    if (const auto *RD = CE->getType()->getAsCXXRecordDecl();
        RD && RD->isInStdNamespace() && Model.ownership(CE->getType()) != TypeModel::Ownership::View)
      for (const Expr *A : CE->arguments())
        if (holdsValue(A))
          S.add(valueOf(A, Depth + 1));
    // A view made from an owner borrows it: std::string_view(s), std::span(v).
    if (Model.ownership(CE->getType()) == TypeModel::Ownership::View) {
      const Expr *A = CE->getArg(0);
      QualType AT = A->getType();
      if (Model.ownership(AT) == TypeModel::Ownership::Owner && A->isGLValue()) {
        Sources B = borrowOf(A, Depth + 1);
        for (auto &L : B.Loans)
          L.Contents |= L.Var || L.Referent; // a view of the owner's characters/elements
        S.add(B);
      }
      else if (Model.holdsBorrow(AT))
        S.add(valueOf(A, Depth + 1));
    }
    return S;
  }
  if (const auto *ILE = dyn_cast<InitListExpr>(E)) {
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    unsigned I = 0;
    llvm::SmallVector<const FieldDecl *, 8> Fields;
    if (RD)
      for (const FieldDecl *F : RD->fields())
        Fields.push_back(F);
    for (const Expr *Init : ILE->inits()) {
      if (I < Fields.size() && Fields[I]->getType()->isReferenceType())
        S.add(borrowOf(Init, Depth + 1));
      else
        S.add(valueOf(Init, Depth + 1));
      ++I;
    }
    return S;
  }
  if (const auto *PLE = dyn_cast<CXXParenListInitExpr>(E)) {
    for (const Expr *Init : PLE->getInitExprs())
      S.add(valueOf(Init, Depth + 1));
    return S;
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(E)) {
    auto Init = LE->capture_init_begin();
    for (const LambdaCapture &C : LE->captures()) {
      const Expr *IE = Init != LE->capture_init_end() ? *Init : nullptr;
      ++Init;
      if (C.capturesThis()) {
        S.This = true;
        continue;
      }
      if (!IE)
        continue;
      if (C.getCaptureKind() == LCK_ByRef) {
        Sources B = borrowOf(IE, Depth + 1);
        for (auto &L : B.Loans)
          L.At = E; // the lambda is where the borrow is made
        S.add(B);
      } else {
        S.add(valueOf(IE, Depth + 1));
      }
    }
    return S;
  }
  if (const auto *IL = dyn_cast<CXXStdInitializerListExpr>(E))
    return valueOf(IL->getSubExpr(), Depth + 1);
  if (isa<CXXThisExpr>(E))
    S.This = true;
  return S;
}

Sources Evaluator::borrowedArgument(const Expr *A, QualType ParamType, unsigned Depth) {
  Sources S;
  if (ParamType->isReferenceType()) {
    if (Model.holdsBorrow(ParamType->getPointeeType()))
      S.add(valueOf(A, Depth));
    else
      S.add(borrowOf(A, Depth));
  } else {
    S.add(valueOf(A, Depth));
  }
  return S;
}

Sources Evaluator::callResult(const Expr *Call, unsigned Depth) {
  Sources S;
  const auto *CE = cast<CallExpr>(Call);
  bool ReturnsRef = Call->isGLValue();
  if (!ReturnsRef && !Model.holdsBorrow(Call->getType()))
    return S;
  const auto *F = dyn_cast_or_null<FunctionDecl>(CE->getCalleeDecl());
  if (!F)
    return S;
  if (!ReturnsRef && isAllocation(F)) {
    Sources::Site H;
    H.At = Call;
    H.Kind = StorageKind::Heap;
    S.Loans.push_back(H);
    return S;
  }
  const SummaryCache::Summary &Sum = Summaries.get(F, Model);

  CallParts Parts = splitCall(CE, F);
  const llvm::SmallVector<const Expr *, 4> &Args = Parts.Args;
  const Expr *Object = Parts.Object;
  const bool ObjectIsPointer = Parts.ObjectIsPointer;
  if (Sum.This && Object) {
    const auto *MD = dyn_cast<CXXMethodDecl>(F);
    bool ViewClass = MD && Model.ownership(QualType(MD->getASTContext().getCanonicalTypeDeclType(MD->getParent()))) ==
                               TypeModel::Ownership::View;
    if (ObjectIsPointer)
      S.add(valueOf(Object, Depth + 1));
    else if (ViewClass)
      S.add(valueOf(Object, Depth + 1)); // an iterator's or view's own loans
    else {
      Sources B = borrowOf(Object, Depth + 1);
      const bool Owner = Model.ownership(Object->getType()) == TypeModel::Ownership::Owner;
      // A container of borrows: an element or iterator also carries what the
      // elements borrow, each element one of many (so "may", never "must").
      if (Owner && Model.holdsBorrow(Object->getType()))
        S.add(valueOf(Object, Depth + 1).maybe());
      // begin(), find(), a range-for's hidden iterator: an iterator, not a reference.
      const bool Iter = Call->isPRValue() && Call->getType()->isRecordType() &&
                        Model.ownership(Call->getType()) == TypeModel::Ownership::View;
      for (auto &L : B.Loans) {
        if ((L.Var || L.Referent) && L.At == skipWrappers(Object))
          L.At = Call; // `u.get()`, `s.c_str()` is where the object is borrowed
        if (Owner && (L.Var || L.Referent)) {
          L.Contents = true; // an element, iterator or buffer of the owner
          L.Iterator |= Iter;
        }
      }
      S.add(B);
    }
  }
  // `return out_;`: the result is a copy of a field, holding what the object
  // holds (`w.out()` does not borrow `w`).
  if (Sum.ThisValue && Object && !ObjectIsPointer) {
    // Only the fields the function copies out, when the object is a local
    // whose fields are known (`W w{loc, out}; out = w.out();` holds `out`).
    Sources Fields;
    bool Precise = !Sum.ThisFields.empty();
    for (const FieldDecl *Fd : Sum.ThisFields) {
      std::optional<Sources> FS = Precise ? fieldValue(Object, Fd, Depth + 1) : std::nullopt;
      if (!FS)
        Precise = false;
      else
        Fields.add(*FS);
    }
    S.add(Precise ? Fields : valueOf(Object, Depth + 1));
  }
  unsigned Borrowed = S.empty() ? 0 : 1;
  for (unsigned I = 0; I < Args.size() && I < F->getNumParams() && I < Sum.Params.size(); ++I)
    if (Sum.Params[I]) {
      Sources A = borrowedArgument(Args[I], F->getParamDecl(I)->getType(), Depth + 1);
      const FunctionDecl *First = F->getFirstDecl();
      if (Sum.Inferred && I < First->getNumParams() && !F->getParamDecl(I)->hasAttr<LifetimeBoundAttr>() &&
          !(F->getDefinition() && I < F->getDefinition()->getNumParams() &&
            F->getDefinition()->getParamDecl(I)->hasAttr<LifetimeBoundAttr>()))
        for (auto &L : A.Loans)
          if (!L.Via)
            L.Via = First->getParamDecl(I);
      Borrowed += !A.empty();
      S.add(A);
    }
  if (Borrowed > 1)
    S.maybe(); // `pick(a, b)`, std::min(a, b): the result borrows one of them
  return S;
}

const Expr *Evaluator::fieldInit(const VarDecl *V, const FieldDecl *Fd) const {
  const auto *RD = V->getType()->getAsCXXRecordDecl();
  if (!RD || RD->isUnion() || !V->getInit() ||
      Fd->getParent()->getCanonicalDecl() != RD->getCanonicalDecl())
    return nullptr;
  const Expr *I = skipWrappers(V->getInit())->IgnoreImplicit();
  unsigned Index = RD->getNumBases() + Fd->getFieldIndex();
  if (const auto *ILE = dyn_cast<InitListExpr>(I)) {
    if (ILE->isTransparent() || Index >= ILE->getNumInits())
      return nullptr;
    return ILE->getInit(Index);
  }
  if (const auto *PL = dyn_cast<CXXParenListInitExpr>(I)) {
    ArrayRef<Expr *> Inits = PL->getInitExprs();
    return Index < Inits.size() ? Inits[Index] : nullptr;
  }
  return nullptr;
}

// Every occurrence of each local in the function: a read of it or of a field
// of it, a call of a const member function, or a copy. One walk for all.
bool Evaluator::onlyRead(const VarDecl *V) {
  if (!ReadOnlyComputed) {
    ReadOnlyComputed = true;
    struct Walker {
      llvm::DenseMap<const VarDecl *, bool> &Out;
      llvm::SmallVector<const Stmt *, 32> Stack;
      const Stmt *up(size_t &I) const {
        // The nearest ancestor that is not a paren or a no-op cast.
        while (I > 0) {
          const Stmt *P = Stack[--I];
          if (isa<ParenExpr>(P))
            continue;
          if (const auto *C = dyn_cast<ImplicitCastExpr>(P); C && C->getCastKind() == CK_NoOp)
            continue;
          return P;
        }
        return nullptr;
      }
      bool accepted(const MemberExpr *ME, size_t I) const {
        if (ME->isArrow())
          return false;
        if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl()))
          return MD->isConst();
        const Stmt *P = up(I);
        const auto *C = dyn_cast_or_null<ImplicitCastExpr>(P);
        return C && C->getCastKind() == CK_LValueToRValue;
      }
      void note(const DeclRefExpr *DRE) {
        const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
        if (!V)
          return;
        size_t I = Stack.size();
        const Stmt *P = up(I);
        bool Ok = false;
        if (const auto *ME = dyn_cast_or_null<MemberExpr>(P))
          Ok = accepted(ME, I);
        else if (const auto *C = dyn_cast_or_null<ImplicitCastExpr>(P))
          Ok = C->getCastKind() == CK_LValueToRValue; // a plain read of a pointer
        else if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(P))
          Ok = CE->getConstructor() && CE->getConstructor()->isCopyConstructor() &&
               CE->getConstructor()->getParamDecl(0)->getType()->getPointeeType().isConstQualified();
        auto [It, New] = Out.try_emplace(V, Ok);
        if (!New)
          It->second = It->second && Ok;
      }
      // Depth-first with an explicit stack (deeply nested code must not
      // exhaust the call stack); Stack holds the ancestors of the node.
      void walk(const Stmt *Root) {
        struct Frame {
          const Stmt *S;
          llvm::SmallVector<const Stmt *, 4> Kids;
          size_t Next = 0;
        };
        std::vector<Frame> Todo;
        auto Enter = [&](const Stmt *S) {
          if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
            note(DRE);
          Frame F{S, {}, 0};
          for (const Stmt *C : S->children())
            if (C)
              F.Kids.push_back(C);
          if (const auto *LE = dyn_cast<LambdaExpr>(S); LE && llvm::find(F.Kids, LE->getBody()) == F.Kids.end())
            F.Kids.push_back(LE->getBody());
          Stack.push_back(S);
          Todo.push_back(std::move(F));
        };
        if (Root)
          Enter(Root);
        while (!Todo.empty()) {
          Frame &F = Todo.back();
          if (F.Next < F.Kids.size()) {
            Enter(F.Kids[F.Next++]);
            continue;
          }
          Todo.pop_back();
          Stack.pop_back();
        }
      }
    } W{ReadOnly, {}};
    W.walk(FD.getBody());
  }
  auto It = ReadOnly.find(V);
  return It != ReadOnly.end() && It->second;
}

std::optional<Sources> Evaluator::fieldValue(const Expr *Object, const FieldDecl *Fd, unsigned Depth) {
  if (!Object || !Fd || Depth > MaxDepth)
    return std::nullopt;
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Object)->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || V->getType()->isReferenceType() || !V->hasLocalStorage() || !localOf(V) ||
      DRE->refersToEnclosingVariableOrCapture())
    return std::nullopt;
  const Expr *Init = fieldInit(V, Fd);
  if (!Init || !onlyRead(V))
    return std::nullopt;
  Sources S = Fd->getType()->isReferenceType() ? borrowOf(Init, Depth + 1) : valueOf(Init, Depth + 1);
  // What another variable holds now is what it held then only if it was
  // never written since its own initialisation.
  for (const VarDecl *W : llvm::concat<const VarDecl *const>(S.Vars, S.MaybeVars))
    if (W->getType()->isReferenceType() || !W->hasLocalStorage() || !localOf(W) || !onlyRead(W))
      return std::nullopt;
  return S;
}

// The reference designates (part of) the object or a reference argument the
// summary names: the value stored there holds what that object's value holds.
// Through a pointer or an iterator we do not know what it holds: nothing.
Sources Evaluator::storedValue(const CallExpr *CE, unsigned Depth) {
  Sources S;
  const auto *F = dyn_cast_or_null<FunctionDecl>(CE->getCalleeDecl());
  if (!F || !Model.holdsBorrow(CE->getType()))
    return S;
  const SummaryCache::Summary &Sum = Summaries.get(F, Model);
  CallParts Parts = splitCall(CE, F);
  const llvm::SmallVector<const Expr *, 4> &Args = Parts.Args;
  const Expr *Object = Parts.ObjectIsPointer ? nullptr : Parts.Object;
  unsigned Borrowed = 0;
  if (Sum.This && Object && Model.ownership(Object->getType()) != TypeModel::Ownership::View) {
    S.add(valueOf(Object, Depth + 1).maybe()); // one element of many
    ++Borrowed;
  }
  for (unsigned I = 0; I < Args.size() && I < F->getNumParams() && I < Sum.Params.size(); ++I)
    if (Sum.Params[I] && F->getParamDecl(I)->getType()->isReferenceType()) {
      S.add(valueOf(Args[I], Depth + 1));
      ++Borrowed;
    }
  if (Borrowed > 1)
    S.maybe();
  return S;
}

} // namespace

// ---------------------------------------------------------------- summaries

namespace {

// How strong an invalidation is, to keep the strongest of several.
int strength(TypeModel::Invalidation W) {
  switch (W) {
  case TypeModel::Invalidation::None: return 0;
  case TypeModel::Invalidation::Iterators:
  case TypeModel::Invalidation::Rehashes: return 1;
  case TypeModel::Invalidation::Erases: return 2;
  case TypeModel::Invalidation::Reallocates: return 3;
  case TypeModel::Invalidation::Reassigns: return 4;
  case TypeModel::Invalidation::Destroys: return 5;
  }
  return 0;
}

const VarDecl *refersTo(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

// The strongest invalidation of the container D that Body performs: member
// calls on it, and helpers it is passed to by non-const reference. Lambdas
// nested in Body run later, if ever: not counted.
SummaryCache::Mutation scanMutations(const Stmt *Body, const VarDecl *D, const TypeModel &Model,
                                          SummaryCache &Summaries) {
  SummaryCache::Mutation Best;
  auto Consider = [&](TypeModel::Invalidation W, llvm::StringRef Method) {
    if (strength(W) > strength(static_cast<TypeModel::Invalidation>(Best.What))) {
      Best.What = static_cast<uint8_t>(W);
      Best.Method = Method.str();
    }
  };
  std::vector<const Stmt *> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr>(S))
      continue;
    for (const Stmt *C : S->children())
      Work.push_back(C);
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      continue;
    const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
    if (!F)
      continue;
    const auto *MD = dyn_cast<CXXMethodDecl>(F);
    const Expr *Obj = nullptr;
    unsigned First = 0;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      Obj = MC->getImplicitObjectArgument();
    else if (MD && isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() >= 1 && MD->isImplicitObjectMemberFunction()) {
      Obj = Call->getArg(0);
      First = 1;
    }
    if (MD && Obj && refersTo(Obj) == D) {
      TypeModel::Invalidation W = Model.invalidation(MD);
      Consider(W, MD->getOverloadedOperator() == OO_PlusEqual ? "operator+="
                  : MD->getOverloadedOperator() == OO_Equal   ? "operator="
                  : MD->getOverloadedOperator() == OO_Subscript ? "operator[]"
                  : MD->getIdentifier()                       ? MD->getName()
                                                              : "");
    }
    if (!F->getDefinition() || (MD && MD->getParent()->isInStdNamespace()) || F->isInStdNamespace())
      continue;
    const std::vector<SummaryCache::Mutation> &Sub = Summaries.mutations(F, Model);
    for (unsigned I = First; I < Call->getNumArgs(); ++I)
      if (refersTo(Call->getArg(I)) == D && I - First < Sub.size() && Sub[I - First].What)
        Consider(static_cast<TypeModel::Invalidation>(Sub[I - First].What), Sub[I - First].Method);
  }
  return Best;
}

} // namespace

const std::vector<SummaryCache::Mutation> &
SummaryCache::mutations(const FunctionDecl *F, const TypeModel &Model) {
  F = F->getCanonicalDecl();
  if (auto It = P->Mutations.find(F); It != P->Mutations.end())
    return It->second;
  static const std::vector<Mutation> None;
  const FunctionDecl *Def = nullptr;
  const Stmt *Body = F->getBody(Def);
  if (!Body || !Def)
    return None;
  P->Mutations[F].resize(F->getNumParams()); // recursion sees no mutation yet
  std::vector<Mutation> Out(F->getNumParams());
  for (unsigned I = 0; I < Def->getNumParams(); ++I) {
    const ParmVarDecl *PV = Def->getParamDecl(I);
    QualType T = PV->getType();
    if (!T->isLValueReferenceType() || T->getPointeeType().isConstQualified() ||
        Model.ownership(T->getPointeeType()) != TypeModel::Ownership::Owner)
      continue;
    Out[I] = scanMutations(Body, PV, Model, *this);
  }
  return P->Mutations[F] = std::move(Out);
}


namespace {

// Flow-insensitive: what the function's returned values borrow from.
void inferFromBody(const FunctionDecl *F, const TypeModel &Model, SummaryCache &Summaries,
                   SummaryCache::Summary &Out) {
  const FunctionDecl *Def = nullptr;
  const Stmt *Body = F->getBody(Def);
  if (!Body || !Def)
    return;
  Evaluator Ev(*Def, Model, Summaries);
  // Assignments to local borrow-holding variables, to follow them.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> Assigned;
  llvm::SmallVector<const Expr *, 4> Returned;
  std::vector<const Stmt *> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *R = dyn_cast<ReturnStmt>(S); R && R->getRetValue())
      Returned.push_back(R->getRetValue());
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
          Assigned[V].push_back(V->getInit());
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Assign)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          Assigned[V].push_back(BO->getRHS());
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  bool Ref = returnsReference(Def);
  llvm::DenseSet<const VarDecl *> Seen;
  std::vector<std::pair<const Expr *, bool>> Todo; // expression, as a borrow
  for (const Expr *E : Returned)
    Todo.push_back({E, Ref});
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *I : Ctor->inits())
      if (const FieldDecl *Field = I->getMember(); Field && Model.holdsBorrow(Field->getType()))
        Todo.push_back({I->getInit(), Field->getType()->isReferenceType()});
  while (!Todo.empty()) {
    auto [E, AsBorrow] = Todo.back();
    Todo.pop_back();
    Sources S = AsBorrow ? Ev.borrowOf(E) : Ev.valueOf(E);
    Out.This |= S.This;
    Out.ThisValue |= S.ThisValue;
    for (const FieldDecl *Fd : S.ThisFields)
      if (llvm::find(Out.ThisFields, Fd) == Out.ThisFields.end())
        Out.ThisFields.push_back(Fd);
    S.Vars.append(S.MaybeVars.begin(), S.MaybeVars.end());
    for (const VarDecl *V : S.Vars) {
      if (const auto *PV = dyn_cast<ParmVarDecl>(V)) {
        if (PV->getDeclContext() == Def && PV->getFunctionScopeIndex() < Out.Params.size())
          Out.Params[PV->getFunctionScopeIndex()] = true;
        continue;
      }
      if (!Seen.insert(V).second)
        continue;
      for (const Expr *A : Assigned.lookup(V))
        Todo.push_back({A, V->getType()->isReferenceType()});
    }
  }
}

bool isStdName(const FunctionDecl *F, std::initializer_list<llvm::StringRef> Names) {
  if (!F->isInStdNamespace() || !F->getIdentifier())
    return false;
  for (llvm::StringRef N : Names)
    if (F->getName() == N)
      return true;
  return false;
}

} // namespace

const SummaryCache::Summary &SummaryCache::get(const FunctionDecl *F,
                                                          const TypeModel &Model) {
  F = F->getCanonicalDecl();
  auto It = P->Done.find(F);
  if (It != P->Done.end())
    return It->second;
  static const Summary Empty;
  if (!P->InProgress.insert(F).second)
    return Empty; // recursion: assume nothing
  Summary S;
  S.Params.assign(F->getNumParams(), false);
  const FunctionDecl *Def = F->getDefinition() ? F->getDefinition() : F;
  for (unsigned I = 0; I < F->getNumParams(); ++I)
    if (F->getParamDecl(I)->hasAttr<LifetimeBoundAttr>() ||
        Def->getParamDecl(I)->hasAttr<LifetimeBoundAttr>())
      S.Params[I] = true;
  S.This = thisIsLifetimeBound(F) || thisIsLifetimeBound(Def);

  QualType R = F->getReturnType();
  bool ResultBorrows = R->isReferenceType() || Model.holdsBorrow(R);
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  if (isStdName(F, {"min", "max", "clamp"})) {
    for (unsigned I = 0; I < F->getNumParams(); ++I)
      S.Params[I] = F->getParamDecl(I)->getType()->isReferenceType();
  } else if (isStdName(F, {"move", "forward", "as_const", "addressof", "begin", "end", "cbegin",
                           "cend", "rbegin", "rend", "data", "get", "move_if_noexcept"})) {
    if (F->getNumParams() >= 1)
      S.Params[0] = true;
  } else if (MD && MD->getIdentifier() && MD->getName() == "release" &&
             MD->getParent()->isInStdNamespace()) {
    // unique_ptr::release(): hands ownership over, borrows nothing.
  } else if (MD && !MD->isStatic() && !isa<CXXConstructorDecl>(MD) && ResultBorrows) {
    // Members of std types, views and owners: the result borrows the object
    // (begin(), data(), c_str(), operator[], value(), get(), operator string_view).
    TypeModel::Ownership O =
        Model.ownership(QualType(MD->getASTContext().getCanonicalTypeDeclType(MD->getParent())));
    if (O != TypeModel::Ownership::Value || MD->getParent()->isInStdNamespace())
      S.This = true;
    else if (F->getDefinition() || F->isDefaulted())
      S.Inferred = true;
    else if (R->isReferenceType() || Model.ownership(R) == TypeModel::Ownership::View)
      S.This = !R->isPointerType(); // Rust's elision rule for &self, except raw pointers
  } else if (F->getDefinition() && ResultBorrows) {
    S.Inferred = true;
  } else if (isa<CXXConstructorDecl>(F) && F->getDefinition()) {
    S.Inferred = true;
  }
  if (S.Inferred)
    inferFromBody(F, Model, *this, S);
  P->InProgress.erase(F);
  return P->Done[F] = std::move(S);
}

// ---------------------------------------------------------------- builder

namespace {

class LoanFactBuilder {
public:
  LoanFactBuilder(const FunctionDecl &FD, ASTContext &Ctx, const TypeModel &Model,
                  const SpanMaker &Spans, const CFG &Cfg, const ParentIndex &Parents,
                  SummaryCache &Summaries, FactIds &Ids, FunctionFacts &Out)
      : FD(FD), Ctx(Ctx), Model(Model), Spans(Spans), Cfg(Cfg), Parents(Parents),
        Summaries(Summaries), Out(Out), Ev(FD, Model, Summaries), Origins(Ids.Origins),
        VarStorage(Ids.VarStorage) {}

  bool run();

private:
  // Use: reads through the borrow; Pass: hands it to a function we cannot
  // see into; Touch: uses the holder without reading through it (v.size()).
  enum class UseVerdict { Use, Pass, Touch, NotUse };

  OriginId originFor(const VarDecl *V);
  OriginId escapedOrigin(const ValueDecl *D, const Expr *StoreSite, std::string Name = "");
  StorageId storageFor(const VarDecl *V);
  StorageId storageFor(const CXXBindTemporaryExpr *T, const Expr *Site);
  StorageId storageFor(const Sources::Site &Site);
  StorageId storageForTrivial(const MaterializeTemporaryExpr *MTE);
  // Trivially destructible temporaries: the element that ends their full
  // expression, and their storage.
  llvm::DenseMap<const Stmt *, llvm::SmallVector<StorageId, 1>> TrivialEnds;
  llvm::DenseMap<const MaterializeTemporaryExpr *, StorageId> TrivialStorage;
  // A loan of the unknown object a pointer points to: a pointer parameter, or
  // a pointer variable set from a call whose result we cannot follow.
  Sources pointee(const VarDecl *Param, const Expr *At);
  bool unknownPointer(QualType T, const Expr *Init) const;
  void handleFree(uint32_t Block, const Expr *Operand, const Expr *Where);
  void handleAdopt(uint32_t Block, const Expr *Operand, const Expr *Where, StorageId Owner);
  StorageId localStorage(const Expr *E);
  void invalidateUnique(uint32_t Block, const Expr *Obj, EndReason Why, const Expr *Where);
  void invalidateContents(uint32_t Block, const CXXMethodDecl *MD, const Expr *Obj, const Expr *Where);
  StorageId contentsStorage(const Expr *Obj) const;
  StorageId contentsStorageOf(const VarDecl *V) const;
  const ValueDecl *containerOf(const Expr *Obj) const;
  void expireContents(uint32_t Block, StorageId St, TypeModel::Invalidation What, std::string Name,
                      std::string Inner, const Expr *Where, bool StrictOnly = false);
  void handleMutatingCall(uint32_t Block, const CallExpr *Call);
  void overwrite(uint32_t Block, const Expr *Target, const Expr *Where);
  void mutableBorrow(uint32_t Block, const Expr *Of);
  void endEveryBorrow(uint32_t Block, const VarDecl *V, EndReason Why, const Expr *Where);
  llvm::DenseSet<const Expr *> MutableSites; // where a `T&`/`T*` to a local is taken
  void handleCall(uint32_t Block, const CallExpr *Call);
  void handleCaptureBy(uint32_t Block, const CallExpr *Call);
  void flowInto(uint32_t Block, const Expr *Target, const Sources &S, const Stmt *Where);
  std::string spelling(const Expr *E) const;
  std::optional<LifetimeBoundHint> hintFor(const ParmVarDecl *P) const;
  // Convert evaluated sources into a Flow/Return fact's loans and origins.
  void fill(const Sources &S, LoanFact &F);
  void flow(uint32_t Block, OriginId Dst, const Sources &S, bool Kill, const Stmt *Where,
            bool ReadThrough = false, bool Element = false);
  bool readsThrough(const Expr *Init) const;
  void afterExchange(uint32_t Block, const Expr *E);
  void handleStmt(uint32_t Block, const Stmt *S);
  void handleAssignment(uint32_t Block, const Expr *LHS, const Expr *RHS, const Stmt *Op);
  void handleCapture(uint32_t Block, const CXXMemberCallExpr *Call);
  UseVerdict useOf(const DeclRefExpr *DRE) const;
  std::optional<Span> scopeEnd(const Stmt *Trigger, const VarDecl *V) const;
  std::optional<Span> statementEnd(const Stmt *S) const;
  bool holds(QualType T) const { return Model.holdsBorrow(T); }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const TypeModel &Model;
  const SpanMaker &Spans;
  const CFG &Cfg;
  const ParentIndex &Parents;
  SummaryCache &Summaries;
  FunctionFacts &Out;
  Evaluator Ev;

  llvm::DenseMap<const VarDecl *, OriginId> &Origins;        // FactIds: one owner
  llvm::DenseMap<const ValueDecl *, OriginId> Escaped;
  llvm::DenseMap<const VarDecl *, StorageId> &VarStorage;    // FactIds
  llvm::DenseMap<const CXXBindTemporaryExpr *, StorageId> TempStorage;
  llvm::DenseMap<const void *, StorageId> MemStorage; // allocation site or pointer parameter
  llvm::DenseMap<const ValueDecl *, StorageId> RefStorage; // Referent: by reference or field
  llvm::DenseMap<const CallExpr *, StorageId> ErasedStorage; // node erase(it): the erased node
  std::map<std::pair<StorageId, const Expr *>, LoanId> LoanAt;
  std::vector<std::optional<Span>> EscapeStores;
};

OriginId LoanFactBuilder::originFor(const VarDecl *V) {
  auto It = Origins.find(V);
  if (It != Origins.end())
    return It->second;
  Origin O;
  O.Name = V->getNameAsString();
  O.IsReference = V->getType()->isReferenceType();
  O.Kind = V->hasLocalStorage() ? OriginKind::Local : OriginKind::Escaped;
  OriginId Id = static_cast<OriginId>(Out.Origins.size());
  Out.Origins.push_back(std::move(O));
  EscapeStores.emplace_back();
  Origins[V] = Id;
  if (!V->hasLocalStorage())
    Escaped[V] = Id;
  return Id;
}

OriginId LoanFactBuilder::escapedOrigin(const ValueDecl *D, const Expr *StoreSite, std::string Name) {
  OriginId Id;
  auto It = Escaped.find(D);
  if (It != Escaped.end()) {
    Id = It->second;
  } else {
    Origin O;
    O.Kind = OriginKind::Escaped;
    O.Name = !Name.empty()       ? Name
             : isa<FieldDecl>(D) ? "this->" + D->getNameAsString()
                                 : D->getNameAsString();
    Id = static_cast<OriginId>(Out.Origins.size());
    Out.Origins.push_back(std::move(O));
    EscapeStores.emplace_back();
    Escaped[D] = Id;
  }
  if (StoreSite)
    EscapeStores[Id] = Spans.range(StoreSite->getSourceRange());
  return Id;
}

StorageId LoanFactBuilder::storageFor(const VarDecl *V) {
  auto It = VarStorage.find(V);
  if (It != VarStorage.end())
    return It->second;
  Storage St;
  St.Kind = isa<ParmVarDecl>(V) ? StorageKind::Parameter : StorageKind::Local;
  St.Name = V->getNameAsString();
  St.SmartOwner = !V->getType()->isReferenceType() && Model.smart(V->getType()) != TypeModel::Smart::None;
  St.Declared = Spans.token(V->getLocation());
  // A range-for's hidden `__range` extending a temporary: to the reader, that
  // temporary (`for (auto& x : make())`), which lives until the loop ends.
  if (V->isImplicit() && V->getType()->isReferenceType() && V->getInit())
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(skipWrappers(V->getInit()))) {
      St.Kind = StorageKind::Temporary;
      St.Name.clear();
      St.Declared = Spans.range(MTE->getSubExpr()->getSourceRange());
    }
  StorageId Id = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  VarStorage[V] = Id;
  return Id;
}

StorageId LoanFactBuilder::storageFor(const CXXBindTemporaryExpr *T, const Expr *Site) {
  auto It = TempStorage.find(T);
  if (It != TempStorage.end())
    return It->second;
  Storage St;
  St.Kind = StorageKind::Temporary;
  St.Declared = Spans.range((Site ? Site : T)->getSourceRange());
  StorageId Id = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  TempStorage[T] = Id;
  return Id;
}

StorageId LoanFactBuilder::storageFor(const Sources::Site &L) {
  if (L.Kind == StorageKind::Referent) {
    auto [It, New] = RefStorage.try_emplace(L.Referent, 0);
    if (!New)
      return It->second;
    Storage St;
    St.Kind = StorageKind::Referent;
    St.Name = L.Referent->getNameAsString();
    St.Declared = Spans.token(L.Referent->getLocation());
    It->second = static_cast<StorageId>(Out.Storages.size());
    Out.Storages.push_back(std::move(St));
    return It->second;
  }
  if (!isFreeable(L.Kind))
    return L.Var ? storageFor(L.Var) : L.Trivial ? storageForTrivial(L.Trivial) : storageFor(L.Temp, L.At);
  const void *Key = L.Var ? static_cast<const void *>(L.Var) : static_cast<const void *>(L.At);
  auto It = MemStorage.find(Key);
  if (It != MemStorage.end())
    return It->second;
  Storage St;
  St.Kind = L.Kind;
  if (L.Var) {
    St.Name = L.Var->getNameAsString();
    St.Declared = Spans.token(L.Var->getLocation());
  } else {
    St.Declared = Spans.range(L.At->getSourceRange());
  }
  StorageId Id = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  MemStorage[Key] = Id;
  return Id;
}

StorageId LoanFactBuilder::storageForTrivial(const MaterializeTemporaryExpr *MTE) {
  auto It = TrivialStorage.find(MTE);
  if (It != TrivialStorage.end())
    return It->second;
  Storage St;
  St.Kind = StorageKind::Temporary;
  St.Declared = Spans.range(MTE->getSubExpr()->getSourceRange());
  StorageId Id = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  TrivialStorage[MTE] = Id;
  // The full expression's root: the outermost expression, declaration or
  // return statement around it.
  const Stmt *Root = MTE;
  for (const Stmt *P = Parents.parentOf(Root); P && (isa<Expr>(P) || isa<DeclStmt>(P) || isa<ReturnStmt>(P));
       P = Parents.parentOf(P)) {
    Root = P;
    if (!isa<Expr>(P))
      break;
  }
  TrivialEnds[Root].push_back(Id);
  return Id;
}

Sources LoanFactBuilder::pointee(const VarDecl *Param, const Expr *At) {
  Sources S;
  Sources::Site P;
  P.Var = Param;
  P.At = At;
  P.Kind = StorageKind::Pointee;
  S.Loans.push_back(P);
  return S;
}

// A raw pointer set from something we cannot follow (a call, a field, a
// global): its target is unknown, but delete/free() of it still ends it.
bool LoanFactBuilder::unknownPointer(QualType T, const Expr *Init) const {
  if (!T->isPointerType() || T->isFunctionPointerType() || !Init)
    return false;
  if (Init->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return false;
  const Expr *I = skipWrappers(Init)->IgnoreParenImpCasts();
  return isa<CallExpr>(I) || isa<MemberExpr>(I) || isa<DeclRefExpr>(I);
}

std::optional<LifetimeBoundHint> LoanFactBuilder::hintFor(const ParmVarDecl *P) const {
  if (!P || !P->getIdentifier())
    return std::nullopt;
  const auto *F = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!F || !F->getIdentifier() || F->getTemplateInstantiationPattern())
    return std::nullopt; // a template's instantiation: the pattern is where to write it
  SourceLocation End = Lexer::getLocForEndOfToken(P->getLocation(), 0, Ctx.getSourceManager(),
                                                  Ctx.getLangOpts());
  std::optional<Span> At = Spans.token(End);
  if (!At)
    return std::nullopt; // not in the main file
  At->End = At->Begin;
  return LifetimeBoundHint{*At, F->getNameAsString(), P->getNameAsString()};
}

std::string LoanFactBuilder::spelling(const Expr *E) const {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  llvm::StringRef T = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
  if (T.empty() || T.size() > 40)
    return "";
  return T.str();
}

void LoanFactBuilder::fill(const Sources &S, LoanFact &F) {
  for (const Sources::Site &L : S.Loans) {
    StorageId St = storageFor(L);
    auto Key = std::make_pair(St, L.At);
    auto It = LoanAt.find(Key);
    LoanId Id;
    if (It != LoanAt.end()) {
      Id = It->second;
    } else {
      std::optional<Span> At = L.At ? Spans.range(L.At->getSourceRange())
                                    : Spans.token(L.Var->getLocation());
      if (!At)
        continue;
      Id = static_cast<LoanId>(Out.Loans.size());
      Out.Loans.push_back(Loan{St, *At, hintFor(L.Via), L.Contents, L.Contents && L.Iterator});
      Out.Loans.back().Mutable = L.At && MutableSites.count(L.At);
      LoanAt[Key] = Id;
    }
    std::vector<LoanId> &Into = L.Maybe ? F.MayLoans : F.Loans;
    if (std::find(Into.begin(), Into.end(), Id) == Into.end())
      Into.push_back(Id);
  }
  for (const VarDecl *V : S.MaybeVars) {
    auto It = Origins.find(V);
    OriginId O = It != Origins.end() ? It->second : originFor(V);
    if (std::find(F.MaySrcs.begin(), F.MaySrcs.end(), O) == F.MaySrcs.end())
      F.MaySrcs.push_back(O);
  }
  for (const VarDecl *V : S.Vars) {
    auto It = Origins.find(V);
    OriginId O = It != Origins.end() ? It->second : originFor(V);
    if (std::find(F.Srcs.begin(), F.Srcs.end(), O) == F.Srcs.end())
      F.Srcs.push_back(O);
  }
}

// `std::exchange(p, v)` read by its consumer (the old value of p): now p
// holds v. Emitted after the consumer's own fact, so it reads p first.
void LoanFactBuilder::afterExchange(uint32_t Block, const Expr *E) {
  if (!E)
    return;
  const auto *Call = dyn_cast<CallExpr>(skipWrappers(E)->IgnoreParenImpCasts());
  const auto *F = Call ? dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()) : nullptr;
  if (!F || !F->isInStdNamespace() || !F->getIdentifier() || F->getName() != "exchange" ||
      Call->getNumArgs() != 2)
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Call->getArg(0))->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !holds(V->getType().getNonReferenceType()) || V->getType()->isReferenceType() ||
      !V->hasLocalStorage() || DRE->refersToEnclosingVariableOrCapture())
    return;
  Sources Src = Ev.valueOf(Call->getArg(1));
  if (Src.noLoans() && unknownPointer(V->getType(), Call->getArg(1)))
    Src.add(pointee(nullptr, Call->getArg(1)));
  flow(Block, originFor(V), Src, /*Kill=*/true, Call);
}

// Is the value of Init read through a borrow (`*it`, `v[i]`, `p[i]`, a call
// returning a reference), rather than copied from a variable or made?
bool LoanFactBuilder::readsThrough(const Expr *Init) const {
  const Expr *E = Init;
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = skipWrappers(E)->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
        CE && CE->getConstructor() && CE->getConstructor()->isCopyOrMoveConstructor() &&
        CE->getNumArgs() >= 1) {
      E = CE->getArg(0);
      continue;
    }
    break;
  }
  if (!E)
    return false;
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Deref;
  if (isa<ArraySubscriptExpr>(E))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return Call->isGLValue() &&
           !TypeModel::isMoveFunction(dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()));
  return false;
}

void LoanFactBuilder::flow(uint32_t Block, OriginId Dst, const Sources &S, bool Kill,
                           const Stmt *Where, bool ReadThrough, bool Element) {
  LoanFact F{LoanFactKind::Flow};
  F.Dst = Dst;
  F.Kill = Kill;
  F.ReadThrough = ReadThrough;
  F.Element = Element || ReadThrough;
  fill(S, F);
  if (!Kill && F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
    return;
  // Name an allocation after the first variable it is stored in.
  for (LoanId L : F.Loans)
    if (Storage &St = Out.Storages[Out.Loans[L].Of]; isFreeable(St.Kind) && St.Name.empty())
      St.Name = Out.Origins[Dst].Name;
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

std::optional<Span> LoanFactBuilder::statementEnd(const Stmt *S) const {
  // Climb to the full statement, and point at its `;` when it has one.
  const Stmt *Top = S;
  for (const Stmt *P = Parents.parentOf(Top); P && (isa<Expr>(P) || isa<DeclStmt>(P));
       P = Parents.parentOf(P))
    Top = P;
  if (const Stmt *P = Parents.parentOf(Top); P && isa<ReturnStmt>(P))
    Top = P;
  SourceLocation End = Top->getEndLoc();
  const SourceManager &SM = Ctx.getSourceManager();
  if (isa<Expr>(Top) || isa<ReturnStmt>(Top)) {
    std::optional<Token> Next = Lexer::findNextToken(End, SM, Ctx.getLangOpts());
    if (Next && Next->is(tok::semi))
      return Spans.token(Next->getLocation());
  }
  return Spans.token(End);
}

std::optional<Span> LoanFactBuilder::scopeEnd(const Stmt *Trigger, const VarDecl *V) const {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Trigger))
    return Spans.token(CS->getRBracLoc());
  if (Trigger)
    return Spans.token(Trigger->getBeginLoc());
  return Spans.token(V->getLocation());
}

// What does an occurrence of a borrow-holding variable do with its borrow?
LoanFactBuilder::UseVerdict LoanFactBuilder::useOf(const DeclRefExpr *DRE) const {
  const auto *V = cast<VarDecl>(DRE->getDecl());
  const bool RefToOwner = V->getType()->isReferenceType() &&
                          !holds(V->getType()->getPointeeType());
  const Stmt *C = DRE;
  // Once the expression reads through the borrow (`*it`, `v[i]`, `it->x`), a
  // comparison, a condition or an assignment reads or writes the target.
  bool Through = false;
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    const Stmt *Child;
    const Stmt *P = Parents.semanticParent(C, Child);
    if (!P)
      return UseVerdict::Use;
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() &&
                                                   skipWrappers(VD->getInit()) == skipWrappers(cast<Expr>(Child)))
          return VD->getType()->isReferenceType() || holds(VD->getType()) ? UseVerdict::NotUse
                                                                          : UseVerdict::Use;
      return UseVerdict::Use;
    }
    if (isa<ReturnStmt>(P))
      return returnsReference(&FD) || holds(FD.getReturnType()) ? UseVerdict::NotUse
                                                                 : UseVerdict::Use;
    if (const auto *For = dyn_cast<ForStmt>(P); For && Child == For->getInc())
      return UseVerdict::Use; // `++it` of a class iterator: advances through the container
    if (isa<IfStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) || isa<ForStmt>(P))
      return Through ? UseVerdict::Use : UseVerdict::NotUse; // a null test, or a read
    if (isa<LambdaExpr>(P))
      return UseVerdict::NotUse; // captured: flows into the closure
    if (isa<CXXDeleteExpr>(P))
      return UseVerdict::NotUse; // the Free fact checks it
    if (const auto *Call = dyn_cast<CallExpr>(P);
        Call && !isa<CXXMemberCallExpr>(Call) && Call->getNumArgs() >= 1 &&
        skipWrappers(Call->getArg(0)) == skipWrappers(cast<Expr>(Child)) &&
        isDeallocation(dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl())))
      return UseVerdict::NotUse;
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->isAssignmentOp()) {
        if ((Through || RefToOwner) && !(Child == BO->getRHS() && holds(BO->getLHS()->getType())))
          return UseVerdict::Use; // `*it = x`, `x = *it`, `r = x` of an `int& r`: writes or reads the target
        return UseVerdict::NotUse; // overwritten, or copied into another variable
      }
      if (BO->isComparisonOp() || BO->isLogicalOp() || BO->getOpcode() == BO_Comma)
        return Through && BO->getOpcode() != BO_Comma ? UseVerdict::Use : UseVerdict::NotUse;
      if (BO->isAdditiveOp()) {
        C = P;
        continue;
      }
      return UseVerdict::Use;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      switch (UO->getOpcode()) {
      case UO_LNot:
      case UO_PreInc:
      case UO_PreDec:
      case UO_PostInc:
      case UO_PostDec:
        return UseVerdict::NotUse;
      case UO_AddrOf:
        C = P;
        continue;
      default:
        return UseVerdict::Use;
      }
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      if (Child == CO->getCond())
        return UseVerdict::NotUse;
      C = P;
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      if (holds(CE->getType())) {
        C = P;
        continue;
      }
      return UseVerdict::Use;
    }
    if (isa<InitListExpr>(P) || isa<CXXParenListInitExpr>(P)) {
      if (holds(cast<Expr>(P)->getType())) {
        C = P;
        continue;
      }
      return UseVerdict::Use;
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P)) {
      if (Cast->getType()->isVoidType())
        return UseVerdict::NotUse; // `(void)p;` silences a warning, reads nothing
      C = P;
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (ME->isArrow())
        return UseVerdict::Use;
      const auto *Method = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      if (!Method) { // a field of a struct holding borrows
        if (holds(ME->getType()) || ME->getType()->isReferenceType()) {
          C = P;
          continue;
        }
        return UseVerdict::Use;
      }
      const Stmt *CallP = Parents.parentOf(ME);
      const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(CallP);
      if (!Call)
        return UseVerdict::Use;
      // A view's own length does not read what it views.
      if (Model.ownership(ME->getBase()->getType()) == TypeModel::Ownership::View &&
          Method->getIdentifier() &&
          llvm::StringSwitch<bool>(Method->getName())
              .Cases({"size", "length", "empty", "size_bytes", "max_size"}, true)
              .Default(false))
        return UseVerdict::Touch;
      if (Call->isGLValue() || holds(Call->getType())) {
        Through |= Call->isGLValue(); // `v.front()`, `it->first`: designates the target
        C = Call; // the result carries the borrow: its use is the use
        continue;
      }
      // Bookkeeping on a container of borrows (size(), push_back(), clear())
      // does not read through them; a call of a closure does.
      if (!RefToOwner && Model.ownership(ME->getBase()->getType()) == TypeModel::Ownership::Owner &&
          Method->getOverloadedOperator() != OO_Call)
        return UseVerdict::NotUse;
      return UseVerdict::Use;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
      OverloadedOperatorKind Op = OC->getOperator();
      if (Op == OO_EqualEqual || Op == OO_ExclaimEqual || Op == OO_Less || Op == OO_Greater ||
          Op == OO_LessEqual || Op == OO_GreaterEqual || Op == OO_Spaceship) {
        // Comparing class iterators or views reads them (comparing an
        // invalidated iterator is undefined); comparing raw pointers is not.
        const bool ViewOperand = Model.ownership(cast<Expr>(Child)->getType()) ==
                                     TypeModel::Ownership::View &&
                                 cast<Expr>(Child)->getType()->isRecordType();
        return Through || ViewOperand ? UseVerdict::Use : UseVerdict::NotUse;
      }
      bool IsObject = OC->getNumArgs() > 0 && skipWrappers(OC->getArg(0)) == skipWrappers(cast<Expr>(Child));
      if (Op == OO_Equal)
        return UseVerdict::NotUse; // assigned to, or copied from into another holder
      if (OC->isGLValue() || holds(OC->getType())) {
        Through |= Op == OO_Star || Op == OO_Arrow || Op == OO_Subscript;
        C = P; // *it, v[i], it + 1: the result carries the borrow
        continue;
      }
      if (IsObject && Op != OO_Call && !RefToOwner &&
          Model.ownership(OC->getArg(0)->getType()) == TypeModel::Ownership::Owner)
        return UseVerdict::NotUse;
      return UseVerdict::Use;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      // Passed to a function whose result borrows it: follow the result.
      if ((Call->isGLValue() || holds(Call->getType()))) {
        if (const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl())) {
          const SummaryCache::Summary &S = Summaries.get(F, Model);
          for (unsigned I = 0; I < Call->getNumArgs() && I < S.Params.size(); ++I)
            if (S.Params[I] && skipWrappers(Call->getArg(I)) == skipWrappers(cast<Expr>(Child))) {
              C = P;
              goto next;
            }
        }
      }
      // An element read through the borrow and passed by value (`use(*it)`,
      // `use(r)` of an `int&`): the read happens here.
      if (const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()))
        for (unsigned I = 0; I < Call->getNumArgs() && I < F->getNumParams(); ++I)
          if (skipWrappers(Call->getArg(I))->IgnoreImpCasts() ==
                  skipWrappers(cast<Expr>(Child))->IgnoreImpCasts() &&
              !F->getParamDecl(I)->getType()->isReferenceType() &&
              !holds(F->getParamDecl(I)->getType()) && (Through || RefToOwner))
            return UseVerdict::Use;
      // The C and C++ libraries read what they are given (puts(p), strlen(p)).
      if (const Decl *Callee = Call->getCalleeDecl();
          Callee && Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
        return UseVerdict::Use;
      return UseVerdict::Pass;
    }
    return UseVerdict::Use;
  next:;
  }
  return UseVerdict::Use;
}

void LoanFactBuilder::handleAssignment(uint32_t Block, const Expr *LHS, const Expr *RHS,
                                       const Stmt *Op) {
  const Expr *L = skipWrappers(LHS)->IgnoreImpCasts();
  auto RHSSources = [&] {
    Sources S = Ev.valueOf(RHS);
    // optional<string_view> o; o = s;  std::function f; f = lambda: the
    // holder converts the owner into a borrow.
    if (S.empty() && RHS->isGLValue() &&
        Model.ownership(RHS->getType()) == TypeModel::Ownership::Owner && !holds(RHS->getType()))
      S = Ev.borrowOf(RHS);
    return S;
  };
  if (const auto *DRE = dyn_cast<DeclRefExpr>(L)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V || !holds(V->getType().getNonReferenceType()) || V->getType()->isReferenceType())
      return;
    if (V->hasLocalStorage() && !DRE->refersToEnclosingVariableOrCapture()) {
      Sources Src = RHSSources();
      if (Src.noLoans() && unknownPointer(V->getType(), RHS))
        Src.add(pointee(nullptr, RHS));
      flow(Block, originFor(V), Src, /*Kill=*/true, Op, readsThrough(RHS));
      afterExchange(Block, RHS);
    }
    else if (!V->hasLocalStorage())
      flow(Block, escapedOrigin(V, cast<Expr>(Op)), RHSSources(), /*Kill=*/true, Op);
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(L)) {
    if (!holds(ME->getType()))
      return;
    // Find the root of a .field chain.
    const Expr *Base = ME;
    while (const auto *M = dyn_cast<MemberExpr>(Base)) {
      if (M->isArrow() && !isa<CXXThisExpr>(skipWrappers(M->getBase())->IgnoreImpCasts()))
        return; // through a pointer: unknown
      Base = skipWrappers(M->getBase())->IgnoreImpCasts();
      if (isa<CXXThisExpr>(Base)) {
        // A field of *this outlives the call.
        flow(Block, escapedOrigin(ME->getMemberDecl(), cast<Expr>(Op)), RHSSources(),
             /*Kill=*/true, Op);
        return;
      }
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Base))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
          V && V->hasLocalStorage() && !DRE->refersToEnclosingVariableOrCapture())
        flow(Block, originFor(V), RHSSources(), /*Kill=*/false, Op);
  }
}

void LoanFactBuilder::handleCapture(uint32_t Block, const CXXMemberCallExpr *Call) {
  const auto *MD = Call->getMethodDecl();
  if (!MD || MD->isConst())
    return;
  const Expr *Obj = skipWrappers(Call->getImplicitObjectArgument())->IgnoreImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(Obj);
  if (!DRE)
    return;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || !holds(V->getType().getNonReferenceType()) ||
      Model.ownership(V->getType().getNonReferenceType()) != TypeModel::Ownership::Owner)
    return;
  Sources S;
  for (const Expr *A : Call->arguments()) {
    if (holds(A->getType()))
      S.add(Ev.valueOf(A));
    else if (A->isGLValue() && Model.ownership(A->getType()) == TypeModel::Ownership::Owner)
      S.add(Ev.borrowOf(A)); // emplace_back(s) into a vector<string_view>
  }
  if (S.empty())
    return;
  if (V->getType()->isReferenceType() || !V->hasLocalStorage() ||
      DRE->refersToEnclosingVariableOrCapture())
    flow(Block, escapedOrigin(V, Call), S, /*Kill=*/false, Call);
  else
    flow(Block, originFor(V), S, /*Kill=*/false, Call);
}

void LoanFactBuilder::handleFree(uint32_t Block, const Expr *Operand, const Expr *Where) {
  if (Operand->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return;
  LoanFact F{LoanFactKind::Free};
  fill(Ev.valueOf(Operand), F);
  if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
    return;
  F.Name = spelling(skipWrappers(Operand)->IgnoreParenImpCasts());
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// The storage of a local variable E names (a smart pointer), if any.
StorageId LoanFactBuilder::localStorage(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(E)->IgnoreParenImpCasts());
  if (!DRE || DRE->refersToEnclosingVariableOrCapture())
    return NoStorage;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || !Ev.ownsStorage(V))
    return NoStorage;
  return storageFor(V);
}

void LoanFactBuilder::handleAdopt(uint32_t Block, const Expr *Operand, const Expr *Where,
                                  StorageId Owner) {
  const Expr *Op = skipWrappers(Operand)->IgnoreParenImpCasts();
  // Ownership handed over from another owner (`a.release()`) or a fresh
  // allocation: a new owner of memory nobody else owns.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Op))
    if (const auto *MD = MC->getMethodDecl();
        MD && MD->getIdentifier() && MD->getName() == "release")
      return;
  LoanFact F{LoanFactKind::Adopt};
  F.Dies = Owner;
  fill(Ev.valueOf(Operand), F);
  if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
    return;
  F.Name = spelling(Op);
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// A std::unique_ptr variable of this function that frees its object here:
// every borrow of the object (`u.get()`, `*u`) dies.
void LoanFactBuilder::invalidateUnique(uint32_t Block, const Expr *Obj, EndReason Why,
                                       const Expr *Where) {
  if (Model.smart(Obj->getType()) != TypeModel::Smart::Unique)
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Obj)->IgnoreParenImpCasts());
  if (!DRE)
    return;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || !VarStorage.count(V) || DRE->refersToEnclosingVariableOrCapture())
    return; // nothing borrowed it (yet)
  LoanFact F{LoanFactKind::Expire};
  F.Dies = VarStorage[V];
  F.Reason = Why;
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// The borrows flow into what the expression designates, kept alongside what
// it already holds: a local holder, or something that outlives the function.
void LoanFactBuilder::flowInto(uint32_t Block, const Expr *Target, const Sources &S,
                               const Stmt *Where) {
  const Expr *T = skipWrappers(Target)->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(T); UO && UO->getOpcode() == UO_Deref)
    T = skipWrappers(UO->getSubExpr())->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(T)) {
    flow(Block, escapedOrigin(&FD, cast<Expr>(Where), "*this"), S, /*Kill=*/false, Where);
    return;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(T);
  if (!DRE)
    return;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V)
    return;
  if (V->getType()->isReferenceType() || !V->hasLocalStorage() ||
      DRE->refersToEnclosingVariableOrCapture())
    flow(Block, escapedOrigin(V, cast<Expr>(Where)), S, /*Kill=*/false, Where);
  else if (holds(V->getType()))
    flow(Block, originFor(V), S, /*Kill=*/false, Where);
}

// [[clang::lifetime_capture_by(X)]] on a parameter: the argument's borrows
// are kept by X (another argument, the object, or global state).
void LoanFactBuilder::handleCaptureBy(uint32_t Block, const CallExpr *Call) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!F)
    return;
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  const bool Instance = MD && MD->isImplicitObjectMemberFunction();
  CallParts Parts = splitCall(Call, F);
  const llvm::SmallVector<const Expr *, 4> &Args = Parts.Args;
  const Expr *Object = Parts.Object;
  for (unsigned I = 0; I < F->getNumParams() && I < Args.size(); ++I) {
    const ParmVarDecl *P = F->getParamDecl(I);
    const auto *A = P->getAttr<LifetimeCaptureByAttr>();
    if (!A)
      if (const FunctionDecl *Def = F->getDefinition(); Def && I < Def->getNumParams())
        A = Def->getParamDecl(I)->getAttr<LifetimeCaptureByAttr>();
    if (!A)
      continue;
    Sources S = Ev.borrowedArgumentOf(Args[I], P->getType());
    if (S.noLoans())
      continue;
    for (int Idx : A->params()) {
      if (Idx == LifetimeCaptureByAttr::Global || Idx == LifetimeCaptureByAttr::Unknown) {
        // Kept somewhere that outlives the function.
        OriginId G = escapedOrigin(F, Call, F->getNameAsString());
        Out.Origins[G].GlobalState = true;
        flow(Block, G, S, /*Kill=*/false, Call);
        continue;
      }
      if (Idx == LifetimeCaptureByAttr::Invalid)
        continue;
      const Expr *Target = nullptr;
      if (Instance && Idx == LifetimeCaptureByAttr::This)
        Target = Object;
      else if (unsigned K = Instance ? Idx - 1 : Idx; K < Args.size())
        Target = Args[K];
      if (Target)
        flowInto(Block, Target, S, Call);
    }
  }
}

// The storage whose contents the owner Obj designates holds: a local owner,
// or the Referent of a reference or of a field of *this. NoStorage when we
// cannot tell, or when nothing of it was borrowed (yet).
StorageId LoanFactBuilder::contentsStorage(const Expr *Obj) const {
  const Expr *E = skipWrappers(Obj)->IgnoreParenImpCasts();
  if (const FieldDecl *Fd = Ev.thisField(E))
    return RefStorage.lookup_or(Fd, NoStorage);
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  if (!DRE || DRE->refersToEnclosingVariableOrCapture())
    return NoStorage;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  return V ? contentsStorageOf(V) : NoStorage;
}

// The container an expression designates, for comparing arguments: a local
// owner of this function, or the Referent of a reference or field.
const ValueDecl *LoanFactBuilder::containerOf(const Expr *Obj) const {
  const Expr *E = skipWrappers(Obj)->IgnoreParenImpCasts();
  if (const FieldDecl *Fd = Ev.thisField(E))
    return Fd;
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || DRE->refersToEnclosingVariableOrCapture())
    return nullptr;
  if (const VarDecl *W = Ev.boundOwner(V))
    return W;
  if (V->getType()->isReferenceType() && !Ev.extendsTemporary(V))
    return Ev.referentOf(V);
  return Ev.ownsStorage(V) && Model.ownership(V->getType()) == TypeModel::Ownership::Owner ? V : nullptr;
}

StorageId LoanFactBuilder::contentsStorageOf(const VarDecl *V) const {
  if (const VarDecl *W = Ev.boundOwner(V))
    V = W;
  if (V->getType()->isReferenceType() && !Ev.extendsTemporary(V)) {
    const ValueDecl *R = Ev.referentOf(V);
    return R ? RefStorage.lookup_or(R, NoStorage) : NoStorage;
  }
  return VarStorage.lookup_or(V, NoStorage);
}

// A mutating member call on an owner of this function: the borrows of its
// contents (elements, iterators, buffer) end here.
void LoanFactBuilder::invalidateContents(uint32_t Block, const CXXMethodDecl *MD, const Expr *Obj,
                                         const Expr *Where) {
  TypeModel::Invalidation What = Model.invalidation(MD);
  if (!Obj || What == TypeModel::Invalidation::None)
    return;
  expireContents(Block, contentsStorage(Obj), What,
                 MD->getOverloadedOperator() == OO_PlusEqual ? "operator+="
                 : MD->getIdentifier()                       ? MD->getName().str()
                                                             : "", // for the wording only
                 "", Where);
}

void LoanFactBuilder::expireContents(uint32_t Block, StorageId St, TypeModel::Invalidation What,
                                     std::string Name, std::string Inner, const Expr *Where,
                                     bool StrictOnly) {
  if (St == NoStorage || What == TypeModel::Invalidation::None)
    return; // nothing of it was borrowed
  LoanFact F{LoanFactKind::Expire};
  F.Dies = St;
  F.ContentsOnly = true;
  F.StrictOnly = StrictOnly;
  switch (What) {
  case TypeModel::Invalidation::Reallocates: F.Reason = EndReason::Reallocated; break;
  case TypeModel::Invalidation::Erases: F.Reason = EndReason::Erased; break;
  case TypeModel::Invalidation::Reassigns: F.Reason = EndReason::Reassigned; break;
  case TypeModel::Invalidation::Iterators:
    F.Reason = EndReason::IteratorsInvalidated;
    F.IteratorsOnly = true;
    break;
  case TypeModel::Invalidation::Rehashes:
    F.Reason = EndReason::Rehashed;
    F.IteratorsOnly = true;
    break;
  default: F.Reason = EndReason::Destroyed; break;
  }
  F.Name = std::move(Name);
  F.Inner = std::move(Inner);
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// `x = 6;` or `++x` of a borrowed local scalar: valid C++ (the borrow sees the
// new value), Rust's E0506. Ends every loan of x, for --strict only.
void LoanFactBuilder::overwrite(uint32_t Block, const Expr *Target, const Expr *Where) {
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Target)->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || DRE->refersToEnclosingVariableOrCapture() || !Ev.ownsStorage(V) ||
      !V->getType()->isScalarType())
    return;
  endEveryBorrow(Block, V, EndReason::Reassigned, Where);
}

// Strict mode: every earlier borrow of the local V ends here (it is assigned
// to, or borrowed mutably), though C++ keeps them valid.
void LoanFactBuilder::endEveryBorrow(uint32_t Block, const VarDecl *V, EndReason Why, const Expr *Where) {
  auto It = VarStorage.find(V);
  if (It == VarStorage.end())
    return; // nothing borrowed it
  LoanFact F{LoanFactKind::Expire};
  F.Dies = It->second;
  F.ContentsOnly = true;
  F.Overwrite = true;
  F.StrictOnly = true;
  F.Reason = Why;
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// `int& b = x;` or `int* p = &x;` of a local: a mutable borrow, which ends
// every earlier borrow of x in Rust's discipline (E0499/E0502). Valid C++:
// for --strict only.
void LoanFactBuilder::mutableBorrow(uint32_t Block, const Expr *Of) {
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Of)->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || DRE->refersToEnclosingVariableOrCapture() || !Ev.ownsStorage(V))
    return;
  MutableSites.insert(DRE);
  endEveryBorrow(Block, V, EndReason::MutablyBorrowed, DRE);
}

// The local lambda a call designates (`grow()` of `auto grow = [&] {...};`).
static const LambdaExpr *calledLambda(const CallExpr *Call) {
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!OC || OC->getOperator() != OO_Call || OC->getNumArgs() < 1)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(OC->getArg(0))->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || V->getType()->isReferenceType() || !V->getInit())
    return nullptr;
  const Expr *I = skipWrappers(V->getInit())->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(I); CE && CE->getNumArgs() == 1)
    I = skipWrappers(CE->getArg(0))->IgnoreParenImpCasts();
  return dyn_cast<LambdaExpr>(I);
}

static bool nodeBased(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(RD->getName())
      .Cases({"map", "multimap", "set", "multiset", "unordered_map", "unordered_multimap",
              "unordered_set", "unordered_multiset", "list"},
             true)
      .Default(false);
}

// Calls that mutate a container of this function while something else
// borrows it: helpers and lambdas that invalidate it, node-based erase(it),
// and one call given the same container twice.
void LoanFactBuilder::handleMutatingCall(uint32_t Block, const CallExpr *Call) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!F)
    return;
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  CallParts Parts = splitCall(Call, F);
  const llvm::SmallVector<const Expr *, 4> &Args = Parts.Args;
  const Expr *Object = Parts.Object;
  const std::string Callee = F->getIdentifier() ? F->getName().str() : "";

  // A lambda of this function that mutates what it captured by reference.
  if (const LambdaExpr *LE = calledLambda(Call)) {
    for (const LambdaCapture &C : LE->captures()) {
      if (C.getCaptureKind() != LCK_ByRef || !C.capturesVariable())
        continue;
      const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!V || Model.ownership(V->getType().getNonReferenceType()) != TypeModel::Ownership::Owner)
        continue;
      SummaryCache::Mutation M = scanMutations(LE->getBody(), V, Model, Summaries);
      if (M.What)
        expireContents(Block, contentsStorageOf(V), static_cast<TypeModel::Invalidation>(M.What),
                       spelling(Call->getArg(0)), M.Method, Call);
    }
    return;
  }

  // std::map::erase(it) and the like: `it` designates the erased node.
  if (MD && Object && Callee == "erase" && Args.size() == 1 && nodeBased(Object->getType()) &&
      Model.ownership(Args[0]->getType()) == TypeModel::Ownership::View) {
    const Expr *A = skipWrappers(Args[0])->IgnoreParenImpCasts();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(A); CE && CE->getNumArgs() == 1)
      A = skipWrappers(CE->getArg(0))->IgnoreParenImpCasts(); // a copy, or iterator -> const_iterator
    const auto *DRE = dyn_cast<DeclRefExpr>(A);
    const auto *It = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    StorageId Of = contentsStorage(Object);
    if (It && !DRE->refersToEnclosingVariableOrCapture() && Origins.count(It) && Of != NoStorage) {
      auto [Pos, New] = ErasedStorage.try_emplace(Call, 0);
      if (New) {
        Storage St;
        St.Kind = StorageKind::Local;
        St.Name = Out.Storages[Of].Name;
        Pos->second = static_cast<StorageId>(Out.Storages.size());
        Out.Storages.push_back(std::move(St));
      }
      StorageId St = Pos->second;
      auto Key = std::make_pair(St, static_cast<const Expr *>(DRE));
      auto L = LoanAt.find(Key);
      LoanId Id;
      if (L != LoanAt.end()) {
        Id = L->second;
      } else if (auto At = Spans.range(DRE->getSourceRange())) {
        Id = static_cast<LoanId>(Out.Loans.size());
        Out.Loans.push_back(Loan{St, *At, std::nullopt, /*Contents=*/true, /*Iterator=*/true});
        LoanAt[Key] = Id;
      } else {
        return;
      }
      LoanFact Fl{LoanFactKind::Flow};
      Fl.Dst = Origins[It];
      Fl.Kill = true;
      Fl.Loans.push_back(Id);
      Out.LoanBlocks[Block].push_back(std::move(Fl));
      LoanFact Ex{LoanFactKind::Expire};
      Ex.Dies = St;
      Ex.ContentsOnly = true;
      Ex.Reason = EndReason::ErasedElement;
      Ex.Name = "erase";
      if (auto W = Spans.range(Call->getSourceRange()))
        Ex.Where = *W;
      Out.LoanBlocks[Block].push_back(std::move(Ex));
    }
    return;
  }

  // Which arguments are given mutably, and which container each designates.
  struct Arg {
    const Expr *E;
    const ValueDecl *Of; // the container: a local owner, or a Referent
    bool Mutable;
    std::string Param;
  };
  llvm::SmallVector<Arg, 4> Designated;
  const bool StdCallee = F->isInStdNamespace() || (MD && MD->getParent()->isInStdNamespace());
  const std::vector<SummaryCache::Mutation> *Muts =
      !StdCallee && F->getDefinition() ? &Summaries.mutations(F, Model) : nullptr;
  for (unsigned I = 0; I < Args.size() && I < F->getNumParams(); ++I) {
    QualType PT = F->getParamDecl(I)->getType();
    const ValueDecl *Of = nullptr;
    const Expr *A = Args[I];
    bool Mutable = PT->isLValueReferenceType() && !PT->getPointeeType().isConstQualified();
    if (Model.ownership(A->getType()) == TypeModel::Ownership::Owner && PT->isReferenceType())
      Of = containerOf(A);
    else if (Model.ownership(A->getType()) == TypeModel::Ownership::View && A->getType()->isRecordType()) {
      // An iterator or view argument: the container it points into, when it
      // is made right here (`v.begin()`).
      const Expr *X = skipWrappers(A)->IgnoreParenImpCasts();
      if (const auto *CE = dyn_cast<CXXConstructExpr>(X); CE && CE->getNumArgs() == 1)
        X = skipWrappers(CE->getArg(0))->IgnoreParenImpCasts();
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(X))
        Of = containerOf(MC->getImplicitObjectArgument());
      Mutable = false;
    }
    std::string Param = F->getParamDecl(I)->getName().str();
    if (Muts && I < Muts->size() && (*Muts)[I].What) {
      const SummaryCache::Mutation &M = (*Muts)[I];
      expireContents(Block, contentsStorage(A), static_cast<TypeModel::Invalidation>(M.What), Callee,
                     M.Method, Call);
    }
    if (Of)
      Designated.push_back({A, Of, Mutable, Param});
  }
  // vector/deque insert(pos, first, last) and assign(first, last) require
  // iterators into another container ([sequence.reqmts]).
  bool Precondition = false;
  if (MD && Object && (Callee == "insert" || Callee == "assign") && Model.invalidation(MD) != TypeModel::Invalidation::None) {
    const auto *RD = MD->getParent();
    Precondition = RD->getIdentifier() && (RD->getName() == "vector" || RD->getName() == "deque");
    if (Precondition) {
      if (Callee == "insert" && !Designated.empty() && Designated.front().E == Args.front())
        Designated.erase(Designated.begin()); // the position must point into *this
      if (const ValueDecl *Of = containerOf(Object))
        Designated.insert(Designated.begin(), {Object, Of, true, "*this"});
    }
  }
  llvm::SmallPtrSet<const ValueDecl *, 2> Reported;
  for (const Arg &M : Designated) {
    if (!M.Mutable)
      continue;
    for (const Arg &O : Designated) {
      if (&O == &M || O.Of != M.Of || (O.Mutable && &O < &M) || !Reported.insert(M.Of).second)
        continue;
      Conflict C;
      C.Container = M.Of->getNameAsString();
      C.Callee = Callee;
      C.MutParam = M.Param;
      C.OtherParam = O.Param;
      C.OtherMutable = O.Mutable;
      C.Precondition = Precondition && M.E == Object;
      if (!C.Precondition) {
        unsigned MI = &M - Designated.begin();
        (void)MI;
        const SummaryCache::Mutation *Mu = nullptr;
        if (Muts)
          for (unsigned I = 0; I < Args.size() && I < Muts->size(); ++I)
            if (Args[I] == M.E && (*Muts)[I].What)
              Mu = &(*Muts)[I];
        if (Mu && strength(static_cast<TypeModel::Invalidation>(Mu->What)) >= 2 &&
            Mu->What != static_cast<uint8_t>(TypeModel::Invalidation::Reassigns))
          C.Method = Mu->Method;
        else
          C.StrictOnly = true;
      }
      auto CallSpan = Spans.range(Call->getSourceRange());
      auto MA = Spans.range(M.E->getSourceRange());
      auto OA = Spans.range(O.E->getSourceRange());
      if (!CallSpan || !MA || !OA)
        continue;
      // rustc points at the callee's name for "later used by call".
      std::optional<Span> N;
      if (const auto *ME = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreImpCasts()))
        N = Spans.token(ME->getMemberLoc());
      else if (!Object)
        N = Spans.range(Call->getCallee()->IgnoreImpCasts()->getSourceRange());
      C.Call = N ? *N : *CallSpan;
      C.MutArg = *MA;
      C.OtherArg = *OA;
      Out.Conflicts.push_back(std::move(C));
    }
  }
}

void LoanFactBuilder::handleCall(uint32_t Block, const CallExpr *Call) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!F)
    return;
  handleCaptureBy(Block, Call);
  // A discarded `std::exchange(p, v);` statement.
  if (const Stmt *P = Parents.parentOf(Call); P && (isa<CompoundStmt>(P) || (isa<ExprWithCleanups>(P) &&
                                                      isa_and_nonnull<CompoundStmt>(Parents.parentOf(P)))))
    afterExchange(Block, Call);
  if (isDeallocation(F) && Call->getNumArgs() >= 1) {
    handleFree(Block, Call->getArg(0), Call);
    return;
  }
  // std::move(u) that really moves: the unique_ptr hands its object on.
  // std::move(v) of a container that really moves: its elements go with it.
  const bool Unique = Call->getNumArgs() == 1 && Model.smart(Call->getArg(0)->getType()) == TypeModel::Smart::Unique;
  const bool Container = Call->getNumArgs() == 1 && !Unique &&
                         Model.smart(Call->getArg(0)->getType()) == TypeModel::Smart::None &&
                         Model.ownership(Call->getArg(0)->getType()) == TypeModel::Ownership::Owner;
  if (F->isInStdNamespace() && F->getIdentifier() && F->getName() == "move" && (Unique || Container)) {
    const Stmt *C = Call;
    for (unsigned Depth = 0; Depth < 8; ++Depth) {
      const Stmt *P = Parents.parentOf(C);
      if (!P)
        return;
      if (isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
          isa<CXXBindTemporaryExpr>(P) || isa<ParenExpr>(P)) {
        C = P;
        continue;
      }
      bool Moves = false;
      if (const auto *CE = dyn_cast<CXXConstructExpr>(P))
        Moves = CE->getConstructor() && !CE->getConstructor()->isCopyConstructor();
      else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
        Moves = OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 && OC->getArg(1) == C;
      if (Moves && Unique)
        invalidateUnique(Block, Call->getArg(0), EndReason::MovedOut, Call);
      if (Moves && Container) {
        // Into a local owner, the elements live on where they are (valid C++;
        // Rust's E0505 all the same); into a by-value parameter or a
        // temporary, they die with it unless the callee keeps them.
        bool IntoLocal = false;
        if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
          IntoLocal = refersTo(skipWrappers(OC->getArg(0))) != nullptr;
        else if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parents.parentOf(P)))
          IntoLocal = DS->isSingleDecl() && isa<VarDecl>(DS->getSingleDecl()) &&
                      !cast<VarDecl>(DS->getSingleDecl())->isStaticLocal();
        else if (const auto *Parent = Parents.parentOf(P); Parent && isa<ExprWithCleanups>(Parent))
          if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parents.parentOf(Parent)))
            IntoLocal = DS->isSingleDecl();
        StorageId St = contentsStorage(Call->getArg(0));
        if (St != NoStorage) {
          LoanFact Ex{LoanFactKind::Expire};
          Ex.Dies = St;
          Ex.ContentsOnly = true;
          Ex.Reason = EndReason::MovedAway;
          Ex.StrictOnly = IntoLocal;
          Ex.Name = "std::move";
          if (auto W = Spans.range(Call->getSourceRange()))
            Ex.Where = *W;
          Out.LoanBlocks[Block].push_back(std::move(Ex));
        }
      }
      return;
    }
  }
}

void LoanFactBuilder::handleStmt(uint32_t Block, const Stmt *S) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *V = dyn_cast<VarDecl>(D);
      if (!V)
        continue;
      QualType T = V->getType();
      const Expr *Init = V->getInit();
      if (T->isReferenceType()) {
        if (!Init)
          continue;
        // Bound anew (a loop runs the declaration again): what was borrowed
        // through it before designates another object.
        if (auto It = RefStorage.find(V); It != RefStorage.end()) {
          LoanFact F{LoanFactKind::Forget};
          F.Dies = It->second;
          Out.LoanBlocks[Block].push_back(std::move(F));
        }
        // A range-for over a temporary view (`for (auto& b : buckets())`): the
        // hidden `__range` extends the view, and what the loop borrows is what
        // the view borrows, not the view object.
        const bool RangeOfView = V->isImplicit() && isa<MaterializeTemporaryExpr>(skipWrappers(Init)) &&
                                 T->getPointeeType()->isRecordType() &&
                                 Model.ownership(T->getPointeeType()) != TypeModel::Ownership::Owner;
        Sources Src = RangeOfView || Ev.extendsTemporary(V) ? Sources() : Ev.borrowOf(Init);
        if (holds(T->getPointeeType()))
          Src.add(Ev.valueOf(Init));
        if (T->isLValueReferenceType() && !T->getPointeeType().isConstQualified())
          mutableBorrow(Block, Init);
        // `auto& p = *it;`: a reference to one element of several.
        flow(Block, originFor(V), Src, /*Kill=*/true, DS, /*ReadThrough=*/false,
             /*Element=*/holds(T->getPointeeType()) && readsThrough(Init));
      } else if (holds(T)) {
        if (const auto *UO = Init ? dyn_cast<UnaryOperator>(skipWrappers(Init)->IgnoreParenImpCasts()) : nullptr;
            UO && UO->getOpcode() == UO_AddrOf && T->isPointerType() &&
            !T->getPointeeType().isConstQualified())
          mutableBorrow(Block, UO->getSubExpr());
        Sources Src = Init ? Ev.valueOf(Init) : Sources();
        if (Src.noLoans() && !V->isStaticLocal() && unknownPointer(T, Init))
          Src.add(pointee(nullptr, Init));
        if (V->isStaticLocal())
          flow(Block, escapedOrigin(V, Init), Src, /*Kill=*/true, DS);
        else
          flow(Block, originFor(V), Src, /*Kill=*/true, DS, Init && readsThrough(Init));
        afterExchange(Block, Init);
      }
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      handleAssignment(Block, BO->getLHS(), BO->getRHS(), BO);
    if (BO->isAssignmentOp())
      overwrite(Block, BO->getLHS(), BO);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      overwrite(Block, UO->getSubExpr(), UO);
    return;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
      invalidateUnique(Block, OC->getArg(0), EndReason::Reassigned, OC);
      handleAssignment(Block, OC->getArg(0), OC->getArg(1), OC);
    }
    if (OC->getNumArgs() >= 1)
      invalidateContents(Block, dyn_cast_or_null<CXXMethodDecl>(OC->getCalleeDecl()), OC->getArg(0),
                         OC);
    handleMutatingCall(Block, OC);
    handleCaptureBy(Block, OC);
    return;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (MD && Obj && MD->getIdentifier() && MD->getName() == "reset" &&
        Model.smart(Obj->getType()) != TypeModel::Smart::None) {
      invalidateUnique(Block, Obj, EndReason::Reset, MC);
      if (MC->getNumArgs() >= 1 && MC->getArg(0)->getType()->isPointerType())
        handleAdopt(Block, MC->getArg(0), MC,
                    // A shared_ptr's copies may keep the object alive: only a
                    // unique_ptr surely frees what it adopted when it ends.
                    Model.smart(Obj->getType()) == TypeModel::Smart::Unique ? localStorage(Obj) : NoStorage);
      return;
    }
    if (MD && Obj && MD->getIdentifier() && MD->getName() == "release" &&
        Model.smart(Obj->getType()) == TypeModel::Smart::Unique) {
      if (StorageId St = localStorage(Obj); St != NoStorage) {
        LoanFact F{LoanFactKind::Release};
        F.Dies = St;
        if (auto W = Spans.range(MC->getSourceRange()))
          F.Where = *W;
        Out.LoanBlocks[Block].push_back(std::move(F));
      }
      return;
    }
    handleCapture(Block, MC);
    handleCaptureBy(Block, MC);
    invalidateContents(Block, MD, Obj, MC);
    handleMutatingCall(Block, MC);
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    // std::unique_ptr<T> u(raw), std::shared_ptr<T>(raw): takes ownership.
    if (Model.smart(CE->getType()) != TypeModel::Smart::None && CE->getNumArgs() >= 1 &&
        CE->getArg(0)->getType()->isPointerType() &&
        !CE->getArg(0)->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
      // The variable it initialises, if any: `std::unique_ptr<T> u(raw);`.
      StorageId Owner = NoStorage;
      const Stmt *C = CE;
      for (const Stmt *P = Parents.parentOf(C); P; C = P, P = Parents.parentOf(P)) {
        if (const auto *DS = dyn_cast<DeclStmt>(P)) {
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D);
                V && V->getInit() && skipWrappers(V->getInit()) == skipWrappers(cast<Expr>(C)) &&
                Ev.ownsStorage(V) && Model.smart(CE->getType()) == TypeModel::Smart::Unique)
              Owner = storageFor(V);
          break;
        }
        if (!isa<Expr>(P))
          break;
      }
      handleAdopt(Block, CE->getArg(0), CE, Owner);
      afterExchange(Block, CE->getArg(0));
    }
    return;
  }
  if (const auto *DE = dyn_cast<CXXDeleteExpr>(S)) {
    handleFree(Block, DE->getArgument(), DE);
    afterExchange(Block, DE->getArgument()); // delete std::exchange(p, nullptr);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    handleCall(Block, Call);
    handleMutatingCall(Block, Call);
    return;
  }
  if (const auto *R = dyn_cast<ReturnStmt>(S)) {
    const Expr *E = R->getRetValue();
    if (!E)
      return;
    Sources Src;
    if (returnsReference(&FD)) {
      Src = Ev.borrowOf(E);
      if (holds(FD.getReturnType()->getPointeeType()))
        Src.add(Ev.valueOf(E));
    } else if (holds(FD.getReturnType())) {
      Src = Ev.valueOf(E);
    } else {
      return;
    }
    LoanFact F{LoanFactKind::Return};
    fill(Src, F);
    if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
      return;
    if (auto W = Spans.range(E->getSourceRange()))
      F.Where = *W;
    Out.LoanBlocks[Block].push_back(std::move(F));
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return;
    auto It = Origins.find(V);
    if (It == Origins.end() || Out.Origins[It->second].Kind != OriginKind::Local)
      return;
    UseVerdict U = useOf(DRE);
    if (U == UseVerdict::NotUse)
      return;
    LoanFact F{LoanFactKind::Use};
    F.Dst = It->second;
    F.Deref = U == UseVerdict::Use;
    F.PassedOn = U == UseVerdict::Pass;
    if (auto W = Spans.range(DRE->getSourceRange()))
      F.Where = *W;
    Out.LoanBlocks[Block].push_back(std::move(F));
  }
}

bool LoanFactBuilder::run() {
  Out.ReturnsReference = returnsReference(&FD) || FD.getReturnType()->isPointerType();
  for (const ParmVarDecl *P : FD.parameters())
    Out.HasBorrowedParameter |= P->getType()->isReferenceType() || P->getType()->isPointerType() ||
                                Model.ownership(P->getType()) == TypeModel::Ownership::View;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD); MD && !MD->isStatic())
    Out.HasBorrowedParameter = true;

  // Origins are created as declarations, assignments and captures are seen;
  // uses need them to exist, so go over the elements twice.
  for (int Pass = 0; Pass < 2; ++Pass) {
    if (Pass == 1) {
      if (Out.Origins.empty() && Out.Loans.empty())
        return !Out.Conflicts.empty();
      for (auto &B : Out.LoanBlocks)
        B.clear();
      Out.Conflicts.clear();
      Out.Loans.clear();
      LoanAt.clear();
    }
    // A raw pointer parameter points to an object we know nothing about, but
    // which delete/free() in this function would end.
    for (const ParmVarDecl *P : FD.parameters())
      if (QualType T = P->getType(); T->isPointerType() && !T->isFunctionPointerType())
        flow(Cfg.getEntry().getBlockID(), originFor(P), pointee(P, nullptr), /*Kill=*/true, FD.getBody());
    for (const CFGBlock *B : Cfg) {
      uint32_t Id = B->getBlockID();
      for (const CFGElement &E : *B) {
        if (auto S = E.getAs<CFGStmt>()) {
          handleStmt(Id, S->getStmt());
          if (auto It = TrivialEnds.find(S->getStmt()); It != TrivialEnds.end())
            for (StorageId St : It->second) {
              LoanFact F{LoanFactKind::Expire};
              F.Dies = St;
              if (auto W = statementEnd(S->getStmt()))
                F.Where = *W;
              Out.LoanBlocks[Id].push_back(std::move(F));
            }
        } else if (auto LE = E.getAs<CFGLifetimeEnds>()) {
          const VarDecl *V = LE->getVarDecl();
          if (!Ev.ownsStorage(V) && !VarStorage.count(V))
            continue;
          LoanFact F{LoanFactKind::Expire};
          F.Dies = storageFor(V);
          if (auto W = scopeEnd(LE->getTriggerStmt(), V))
            F.Where = *W;
          Out.LoanBlocks[Id].push_back(std::move(F));
        } else if (auto TD = E.getAs<CFGTemporaryDtor>()) {
          const CXXBindTemporaryExpr *BTE = TD->getBindTemporaryExpr();
          auto It = TempStorage.find(BTE);
          if (It == TempStorage.end())
            continue;
          LoanFact F{LoanFactKind::Expire};
          F.Dies = It->second;
          if (auto W = statementEnd(BTE))
            F.Where = *W;
          Out.LoanBlocks[Id].push_back(std::move(F));
        }
      }
    }
  }

  // By-value parameters end when the function returns (the CFG has no
  // lifetime-end for them): what escaped must not hold their loans.
  if (!Escaped.empty())
    for (const ParmVarDecl *P : FD.parameters()) {
      auto It = VarStorage.find(P);
      if (It == VarStorage.end())
        continue;
      LoanFact F{LoanFactKind::Expire};
      F.Dies = It->second;
      const auto *Body = dyn_cast_or_null<CompoundStmt>(FD.getBody());
      if (auto W = Body ? Spans.token(Body->getRBracLoc()) : Spans.token(P->getLocation()))
        F.Where = *W;
      Out.LoanBlocks[Out.Graph.Exit].push_back(std::move(F));
    }
  // What globals and fields of *this hold is used after the function returns.
  for (const auto &[D, O] : Escaped) {
    LoanFact F{LoanFactKind::Use};
    F.Dst = O;
    F.Deref = false;
    if (EscapeStores[O])
      F.Where = *EscapeStores[O];
    Out.LoanBlocks[Out.Graph.Exit].push_back(std::move(F));
  }
  return !Out.Loans.empty();
}

} // namespace

bool buildLoanFacts(const FunctionDecl &FD, ASTContext &Ctx, const TypeModel &Model,
                    const SpanMaker &Spans, const CFG &Cfg, const ParentIndex &Parents,
                    SummaryCache &Summaries, FactIds &Ids, FunctionFacts &Out) {
  return LoanFactBuilder(FD, Ctx, Model, Spans, Cfg, Parents, Summaries, Ids, Out).run();
}

} // namespace borrowck
