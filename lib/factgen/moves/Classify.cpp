// What each occurrence of a tracked place does: move (at its consumer),
// reinitialise, or use.
#include "factgen/moves/MoveBuilder.h"
#include "model/StdCalls.h"

namespace borrowck::moves {

const Expr *Builder::moveOperand(const Expr *E) {
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (CE->getNumArgs() == 1 && CE->isXValue() &&
        TypeModel::isMoveFunction(dyn_cast_or_null<FunctionDecl>(CE->getCalleeDecl())))
      return CE->getArg(0);
    return nullptr;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    if (Cast->isXValue() && Cast->getTypeAsWritten()->isRValueReferenceType())
      return Cast->getSubExpr();
  return nullptr;
}

const ParmVarDecl *Builder::paramFor(const Expr *Call, const Stmt *Arg) const {
  auto Find = [&](auto Args) -> int {
    int I = 0;
    for (const Expr *A : Args) {
      if (A == Arg || strip(A) == strip(cast<Expr>(Arg)))
        return I;
      ++I;
    }
    return -1;
  };
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    int I = Find(CE->arguments());
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (I < 0 || !Ctor || unsigned(I) >= Ctor->getNumParams())
      return nullptr;
    return Ctor->getParamDecl(I);
  }
  if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    int I = Find(CE->arguments());
    const auto *F = dyn_cast_or_null<FunctionDecl>(CE->getCalleeDecl());
    if (I < 0 || !F)
      return nullptr;
    // A member operator's object is argument 0 and has no parameter.
    if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(F) &&
        !cast<CXXMethodDecl>(F)->isExplicitObjectMemberFunction()) {
      if (I == 0)
        return nullptr;
      --I;
    }
    if (unsigned(I) >= F->getNumParams())
      return nullptr;
    return F->getParamDecl(I);
  }
  return nullptr;
}

const MemberExpr *Builder::movedMember(const Expr *M) const {
  const Stmt *Child;
  const auto *ME = dyn_cast_or_null<MemberExpr>(semanticParent(M, Child));
  if (!ME || ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
    return nullptr;
  return ME;
}

const Stmt *Builder::moveConsumer(const Expr *M) const {
  const Stmt *Child;
  const Stmt *P = semanticParent(M, Child);
  // c ? std::move(a) : std::move(b) is consumed where the conditional is,
  // but each arm moves only on its own branch: the move takes effect there.
  bool InArm = false;
  while (const auto *CO = dyn_cast_or_null<AbstractConditionalOperator>(P)) {
    if (Child == CO->getCond())
      return nullptr;
    InArm = true;
    P = semanticParent(CO, Child);
  }
  const Stmt *Consumer = consumerOf(P, Child);
  return Consumer && InArm ? M : Consumer;
}

const Stmt *Builder::consumerOf(const Stmt *P, const Stmt *Child) const {
  if (!P)
    return nullptr;
  if (isa<ReturnStmt>(P))
    return P;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
    const ParmVarDecl *Param = paramFor(CE, Child);
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Param && Param->getType()->isRValueReferenceType() && Ctor && !Ctor->isTrivial())
      return CE;
    return nullptr;
  }
  if (isa<CallExpr>(P)) {
    const ParmVarDecl *Param = paramFor(cast<Expr>(P), Child);
    if (!Param || !Param->getType()->isRValueReferenceType())
      return nullptr;
    if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(cast<CallExpr>(P)->getCalleeDecl()))
      if (MD->isTrivial())
        return nullptr;
    return P;
  }
  return nullptr;
}

// Decide what the place expression PlaceExpr (found at CFG element Element)
// does, and schedule the fact at the element where it takes effect.
void Builder::classify(const Stmt *Element, const Expr *PlaceExpr, const PlaceKey &Key, PlaceId P) {
  std::optional<Span> Where = Spans.range(PlaceExpr->getSourceRange());
  if (!Where)
    return;
  const bool Smart = Places[P].Kind == ValueKind::SmartPointer;
  auto Schedule = [&](const Stmt *Consumer, Fact F) {
    const Stmt *At = Consumer && Elements.count(Consumer) ? Consumer : Element;
    AtElement[At].push_back(std::move(F));
    ExprAt[At].push_back(PlaceExpr);
  };
  auto Use = [&](UseKind K) { Schedule(Element, Fact{FactKind::Use, K, P, *Where, {}}); };
  auto Reinit = [&](const Stmt *Consumer) {
    Schedule(Consumer, Fact{FactKind::Reinit, UseKind::Borrow, P, *Where, {}});
  };

  // `std::move(o).m` (placeAt extended the place through the cast): moved
  // when the member's value is consumed by a move, else a use.
  if (const auto *ME = dyn_cast<MemberExpr>(PlaceExpr); ME && !ME->isArrow())
    if (const Expr *Cast = strip(ME->getBase()); moveOperand(Cast) && movedMember(Cast) == ME) {
      if (const Stmt *Consumer = moveConsumer(ME)) {
        std::optional<Span> MoveSpan = Spans.range(ME->getSourceRange());
        Schedule(Consumer, Fact{FactKind::Move, UseKind::Move, P, MoveSpan.value_or(*Where),
                                loopKeyword(ME)});
        return;
      }
      return Use(UseKind::Borrow);
    }

  const Stmt *Child;
  const Stmt *Parent = semanticParent(PlaceExpr, Child);
  if (!Parent)
    return Use(UseKind::Borrow);

  // The operand of std::move / static_cast<T&&>.
  if (const auto *PE = dyn_cast<Expr>(Parent); PE && moveOperand(PE)) {
    if (const Stmt *Consumer = moveConsumer(PE)) {
      std::optional<Span> MoveSpan = Spans.range(PE->getSourceRange());
      // `Base(std::move(o))`: only o's Base subobject is handed over.
      PlaceId Moved = P;
      if (Key.Root && BaseMovedRoots.count(Key.Root))
        if (const ImplicitCastExpr *C = baseCastAbove(PE); C && baseOf(C)) {
          PlaceKey BK = Key;
          BK.Path.push_back(baseOf(C));
          Moved = placeId(BK, PlaceExpr);
        }
      Schedule(Consumer, Fact{FactKind::Move, UseKind::Move, Moved, MoveSpan.value_or(*Where),
                              loopKeyword(PE)});
      return;
    }
    // std::move into a const T& or a T&& variable binds, it does not move.
    return Use(UseKind::Borrow);
  }

  // A method call on the place: s.size(), s.clear(), p.get(), p.reset().
  if (const auto *ME = dyn_cast<MemberExpr>(Parent)) {
    // o.count for a static data member, o.f() for a static member function,
    // o.Enumerator: the object is not read.
    const ValueDecl *Member = ME->getMemberDecl();
    if (isa<VarDecl>(Member) || isa<EnumConstantDecl>(Member))
      return;
    const auto *MD = dyn_cast<CXXMethodDecl>(Member);
    if (!MD)
      return Use(UseKind::Borrow);
    if (MD->isStatic())
      return;
    switch (Model.methodEffect(MD)) {
    case MethodEffect::Reinit:
      return Reinit(parentOf(ME));
    case MethodEffect::NullCheck:
      return Use(UseKind::Value);
    case MethodEffect::Use:
      return Use(Smart && ME->isArrow() ? UseKind::Deref : UseKind::Borrow);
    }
  }

  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Parent)) {
    OverloadedOperatorKind Op = OC->getOperator();
    bool IsObject = OC->getNumArgs() > 0 && strip(OC->getArg(0)) == strip(cast<Expr>(Child));
    if (IsObject && isa_and_nonnull<CXXMethodDecl>(OC->getCalleeDecl())) {
      const auto *MD = cast<CXXMethodDecl>(OC->getCalleeDecl());
      if (Model.methodEffect(MD) == MethodEffect::Reinit)
        return Reinit(OC);
      if (Smart && (Op == OO_Arrow || Op == OO_Star))
        return Use(UseKind::Deref);
      return Use(UseKind::Borrow);
    }
    if (Smart && (Op == OO_EqualEqual || Op == OO_ExclaimEqual || Op == OO_Less ||
                  Op == OO_Greater || Op == OO_LessEqual || Op == OO_GreaterEqual ||
                  Op == OO_Spaceship))
      return Use(UseKind::Value); // comparing a moved-from smart pointer with null is well-defined
  }

  if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
    if (BO->isAssignmentOp() && strip(BO->getLHS()) == strip(cast<Expr>(Child)))
      return Reinit(BO);

  if (isa<CallExpr>(Parent) || isa<CXXConstructExpr>(Parent)) {
    const ParmVarDecl *Param = paramFor(cast<Expr>(Parent), Child);
    if (Param) {
      QualType PT = Param->getType();
      // An out-parameter: passing by non-const lvalue reference gives the
      // callee the chance to write a new value (std::getline, swap).
      if (outParameter(Param))
        return Reinit(Parent);
      if (!PT->isReferenceType() || isa<CXXConstructExpr>(Parent))
        return Use(isa<CXXConstructExpr>(Parent) ? UseKind::Copy : UseKind::Borrow);
    }
    return Use(UseKind::Borrow);
  }

  if (isa<ReturnStmt>(Parent))
    return Use(UseKind::Copy);
  return Use(UseKind::Borrow);
}

bool Builder::outParameter(const ParmVarDecl *Param) const {
  QualType PT = Param->getType();
  if (!PT->isLValueReferenceType() || PT->getPointeeType().isConstQualified())
    return false;
  const auto *F = dyn_cast<FunctionDecl>(Param->getDeclContext());
  if (!F)
    return true;
  // A forwarding reference (`T&&` with T deduced, `auto&&`) that became T&
  // for an lvalue argument accepts anything: it borrows, it does not promise
  // to write a new value.
  if (F->getPrimaryTemplate())
    if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern()) {
      unsigned I = Param->getFunctionScopeIndex();
      if (I < Pattern->getNumParams())
        if (const auto *RR = Pattern->getParamDecl(I)->getType()->getAs<RValueReferenceType>()) {
          QualType Pointee = RR->getPointeeType();
          if (!Pointee.hasLocalQualifiers() && Pointee->getAs<TemplateTypeParmType>())
            return false;
        }
    }
  // Standard functions that take T& only to look at it or to refer to it.
  return !stdTakesReferenceOnlyToLook(F);
}

const Stmt *Builder::thisReinit(const CXXThisExpr *This) const {
  const Stmt *Child;
  const Stmt *P = semanticParent(This, Child);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P); UO && UO->getOpcode() == UO_Deref) {
    // *this: assigned, swapped, passed as an out-parameter, (*this).f().
    P = semanticParent(UO, Child);
    if (!P)
      return nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->isAssignmentOp() && strip(BO->getLHS()) == UO ? BO : nullptr;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P);
        OC && OC->getNumArgs() > 0 && strip(OC->getArg(0)) == UO &&
        isa_and_nonnull<CXXMethodDecl>(OC->getCalleeDecl()))
      return Model.methodEffect(cast<CXXMethodDecl>(OC->getCalleeDecl())) == MethodEffect::Reinit
                 ? OC
                 : nullptr;
    if (isa<CallExpr>(P) || isa<CXXConstructExpr>(P)) {
      const ParmVarDecl *Param = paramFor(cast<Expr>(P), Child);
      return Param && outParameter(Param) ? P : nullptr;
    }
  }
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(P))
    if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
        MD && !MD->isStatic() && Model.methodEffect(MD) == MethodEffect::Reinit)
      return parentOf(ME);
  return nullptr;
}

} // namespace borrowck::moves
