#include "ast/Evaluator.h"

#include "ast/Calls.h"
#include "ast/Elements.h"
#include "model/StdCalls.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace borrowck {

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
  // `{1, 2, 3}` made into a std::initializer_list: a view of a temporary array.
  if (const auto *IL = dyn_cast<CXXStdInitializerListExpr>(E))
    return borrowOf(IL->getSubExpr(), Depth + 1);
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
    const ResultBorrows &Sum = Summaries.resultBorrows(Ctor, Model);
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
  const ResultBorrows &Sum = Summaries.resultBorrows(F, Model);

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
      // The object as written: `*p` of a shared_ptr calls a member of its base
      // `__shared_ptr_access`, through a derived-to-base cast.
      const Expr *Bare = skipWrappers(Object)->IgnoreParenImpCasts();
      const bool Owner = Model.ownership(Bare->getType()) == TypeModel::Ownership::Owner;
      // A container of borrows: an element or iterator also carries what the
      // elements borrow, each element one of many (so "may", never "must").
      if (Owner && Model.holdsBorrow(Object->getType()))
        S.add(valueOf(Object, Depth + 1).maybe());
      // begin(), find(), a range-for's hidden iterator: an iterator, not a reference.
      const bool Iter = Call->isPRValue() && Call->getType()->isRecordType() &&
                        Model.ownership(Call->getType()) == TypeModel::Ownership::View;
      // `p.get()`, `*p`, `p->f()` of a smart pointer: its pointee, owned by
      // the variable or by a member of it (`h.owned.get()`).
      const TypeModel::Smart SmartKind = Model.smart(Bare->getType());
      const bool Member = isa<MemberExpr>(Bare);
      for (auto &L : B.Loans) {
        if ((L.Var || L.Referent) && (L.At == skipWrappers(Object) || L.At == Bare))
          L.At = Call; // `u.get()`, `s.c_str()` is where the object is borrowed
        if (Owner && (L.Var || L.Referent)) {
          L.Contents = true; // an element, iterator or buffer of the owner
          L.Iterator |= Iter;
          // `m[k]`, `m.at(k)`, `m.find(k)`, `*l.begin()`: one node of a map,
          // set, list or unordered container, keyed when k is a constant.
          if (!L.NodeElement && TypeModel::nodeBased(Bare->getType()) && SmartKind == TypeModel::Smart::None) {
            L.NodeElement = true;
            const Expr *Key = elementAccess(Call).Key;
            if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
                !Key && MC && MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() &&
                MC->getMethodDecl()->getName() == "find" && MC->getNumArgs() == 1)
              Key = MC->getArg(0);
            L.ElementKey = constantKey(Key, FD.getASTContext());
          }
        }
        if (SmartKind != TypeModel::Smart::None && L.Var && L.Pointee == TypeModel::Smart::None) {
          L.Pointee = SmartKind;
          L.MemberPointee = Member;
          // The smart pointer is an element of the container L borrows.
          L.ElementPointee = SmartKind == TypeModel::Smart::Unique && L.Contents &&
                             Model.smart(L.Var->getType().getNonReferenceType()) == TypeModel::Smart::None;
          if (L.ElementPointee)
            L.ElementKey = constantKey(elementAccess(Bare, FD.getBody()).Key, FD.getASTContext());
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
  // `reg.find(1)` returning `items_[k].get()`: what element 1 of `reg.items_` owns.
  if (const ElementResult &ER = Summaries.elementResult(F); ER.Field && Object && !ObjectIsPointer) {
    const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Object)->IgnoreParenImpCasts());
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (V && !DRE->refersToEnclosingVariableOrCapture() && ownsStorage(V) && !V->getType()->isReferenceType()) {
      Sources::Site X;
      X.Var = V;
      X.At = Call;
      X.Kind = StorageKind::Pointee;
      X.ElementsOf = ER.Field;
      X.ElementKey = ER.Key.Param >= 0 && static_cast<unsigned>(ER.Key.Param) < Args.size()
                         ? constantKey(Args[ER.Key.Param], FD.getASTContext())
                         : ER.Key.Constant;
      S.Loans.push_back(X);
    }
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
      // std::get<T>(v), std::get_if<T>(&v) of a std::variant: the contained
      // alternative, which emplace() and assignment end, not v itself.
      if (isStdName(F, {"get", "get_if"})) {
        const Expr *Arg = skipWrappers(Args[I])->IgnoreParenImpCasts();
        if (const auto *UO = dyn_cast<UnaryOperator>(Arg); UO && UO->getOpcode() == UO_AddrOf)
          Arg = UO->getSubExpr()->IgnoreParenImpCasts();
        if (Model.ownership(Arg->getType()) == TypeModel::Ownership::Owner)
          for (auto &L : A.Loans)
            if (L.Var || L.Referent) {
              L.Contents = true;
              L.At = Call; // borrowed by the call, as `v.front()` is
            }
      }
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
  const ResultBorrows &Sum = Summaries.resultBorrows(F, Model);
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


} // namespace borrowck
