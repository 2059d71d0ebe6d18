// Places: which expression names a tracked place, its id (a root and a
// path of fields), and what is never evaluated.
#include "factgen/moves/MoveBuilder.h"
#include "ast/FunctionName.h"

namespace borrowck::moves {

std::optional<std::pair<const Expr *, PlaceKey>> Builder::placeAt(const Stmt *S) const {
  PlaceKey K;
  const Expr *E = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    const ValueDecl *VD = localRoot(DRE->getDecl());
    if (!VD || !tracked(VD))
      return std::nullopt;
    K.Root = VD;
    E = DRE;
  } else if (isa<CXXThisExpr>(S)) {
    if (!tracked(nullptr))
      return std::nullopt;
    const Stmt *Child;
    const auto *ME = dyn_cast_or_null<MemberExpr>(semanticParent(S, Child));
    if (!ME || !isa<FieldDecl>(ME->getMemberDecl()))
      return std::nullopt; // a use of *this as a whole is not tracked
    K.Root = nullptr;
    K.Path.push_back(cast<FieldDecl>(ME->getMemberDecl()));
    E = ME;
  } else {
    return std::nullopt;
  }
  // Extend through `.field` accesses: p.name, this->data_.inner; and, for a
  // root whose base is moved by itself, through the base subobject: `o` as
  // its Base, `o.s` for a field of Base is that subobject's field.
  for (;;) {
    if (K.Root && BaseMovedRoots.count(K.Root))
      if (const ImplicitCastExpr *C = baseCastAbove(E); C && baseOf(C)) {
        K.Path.push_back(baseOf(C));
        E = C;
      }
    const Stmt *Child;
    const Stmt *P = semanticParent(E, Child);
    // `std::move(o).m`: the place is o.m, moved as a whole by the cast.
    if (const auto *Cast = dyn_cast_or_null<Expr>(P); Cast && moveOperand(Cast))
      if (const MemberExpr *ME = movedMember(Cast)) {
        K.Path.push_back(cast<FieldDecl>(ME->getMemberDecl()));
        E = ME;
        break;
      }
    const auto *ME = dyn_cast_or_null<MemberExpr>(P);
    if (!ME || ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
      break;
    K.Path.push_back(cast<FieldDecl>(ME->getMemberDecl()));
    E = ME;
  }
  return std::make_pair(E, K);
}

const ImplicitCastExpr *Builder::baseCastAbove(const Stmt *E) const {
  const ImplicitCastExpr *Found = nullptr;
  for (const Stmt *P = parentOf(E); P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) ||
                                          isa<CXXBindTemporaryExpr>(P) ||
                                          isa<MaterializeTemporaryExpr>(P) || isa<FullExpr>(P));
       P = parentOf(P))
    if (const auto *C = dyn_cast<ImplicitCastExpr>(P);
        C && (C->getCastKind() == CK_DerivedToBase || C->getCastKind() == CK_UncheckedDerivedToBase) &&
        C->getType()->isRecordType())
      Found = C;
  return Found;
}

bool Builder::unevaluated(const Stmt *S) const {
  for (const Stmt *P = parentOf(S); P; S = P, P = parentOf(P)) {
    if (isa<CXXNoexceptExpr>(P) || isa<RequiresExpr>(P))
      return true;
    if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(P); U && !U->isArgumentType() &&
                                                                 U->getKind() != UETT_VecStep)
      return true;
    if (const auto *T = dyn_cast<CXXTypeidExpr>(P);
        T && !T->isTypeOperand() && !T->isPotentiallyEvaluated())
      return true;
  }
  return false;
}

const CXXTryStmt *Builder::enclosingTry(const Stmt *S) const {
  for (const Stmt *P = parentOf(S); P; S = P, P = parentOf(P))
    if (const auto *T = dyn_cast<CXXTryStmt>(P); T && S == T->getTryBlock())
      return T;
  return nullptr;
}

std::optional<Span> Builder::loopKeyword(const Stmt *S) const {
  for (const Stmt *P = parentOf(S); P; P = parentOf(P))
    if (isa<ForStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) || isa<CXXForRangeStmt>(P))
      return Spans.token(P->getBeginLoc());
  return std::nullopt;
}

PlaceId Builder::placeId(const PlaceKey &K, const Expr *PlaceExpr) {
  auto It = PlaceIds.find(K);
  if (It != PlaceIds.end())
    return It->second;
  PlaceId Parent = NoPlace;
  const bool Base = !K.Path.empty() && isa<CXXRecordDecl>(K.Path.back());
  if (K.Path.size() > (K.Root ? 0u : 1u)) {
    PlaceKey PK = K;
    PK.Path.pop_back();
    // A base step's expression designates the derived object (or is the
    // conversion of it); a field's is `object.field`.
    const Expr *Of = Base ? PlaceExpr->IgnoreParenImpCasts()
                          : cast<MemberExpr>(PlaceExpr)->getBase()->IgnoreParenImpCasts();
    Parent = placeId(PK, Of);
  }
  Place Pl;
  Pl.Parent = Parent;
  Pl.OfThis = !K.Root;
  PrintingPolicy PP = Ctx.getPrintingPolicy();
  PP.SuppressTagKeyword = true;
  QualType T;
  if (K.Path.empty()) {
    Pl.Name = variableName(*K.Root);
    T = K.Root->getType();
    if (Spans.inMainFile(K.Root->getLocation()))
      Pl.Declared = Spans.token(K.Root->getLocation());
  } else {
    // `o.Base` for the subobject, but `o.s` for its field, as written.
    PlaceId Named = Parent;
    while (!Base && Named != NoPlace && BaseStep[Named])
      Named = Places[Named].Parent;
    Pl.Name = Named == NoPlace ? std::string() : Places[Named].Name + ".";
    Pl.Name += K.Path.back()->getNameAsString();
    if (const auto *RD = dyn_cast<CXXRecordDecl>(K.Path.back()))
      T = QualType(Ctx.getCanonicalTypeDeclType(RD));
    else
      T = cast<FieldDecl>(K.Path.back())->getType();
    if (!K.Root && K.Path.size() == 1 && Spans.inMainFile(K.Path.back()->getLocation()))
      Pl.Declared = Spans.token(K.Path.back()->getLocation());
  }
  // Name the type as written, except for `auto` and library-internal
  // aliases (__detail::__unique_ptr_t<W>, shared_ptr<_NonArray<int>>): there,
  // the type itself (std::unique_ptr<W>) reads better.
  QualType Plain = T.getNonReferenceType().getUnqualifiedType();
  Pl.TypeName = Plain.getAsString(PP);
  bool Reserved = false;
  for (size_t I = 0; I + 1 < Pl.TypeName.size(); ++I)
    if (Pl.TypeName[I] == '_' && (Pl.TypeName[I + 1] == '_' || isupper(Pl.TypeName[I + 1])) &&
        (I == 0 || !isalnum(static_cast<unsigned char>(Pl.TypeName[I - 1]))))
      Reserved = true;
  // Library traits (`std::tuple_element<1, std::pair<...>>::type`, the type
  // of a tuple-like structured binding) read worse than what they name.
  bool Trait = llvm::StringRef(Pl.TypeName).ends_with("::type");
  if (Reserved || Trait || T->getContainedAutoType() ||
      Plain->getAs<SubstTemplateTypeParmType>()) {
    Pl.TypeName = Plain.getCanonicalType().getAsString(PP);
    // The canonical type has lost the standard aliases: put the usual ones back.
    Pl.TypeName = TypeModel::withStdAliases(std::move(Pl.TypeName));
  }
  std::optional<Movable> VK = Model.movable(T);
  Pl.Kind = VK == Movable::SmartPointer ? ValueKind::SmartPointer : ValueKind::Owner;
  Pl.MovedFrom = TypeModel::movedFromState(T);
  PlaceId Id = static_cast<PlaceId>(Places.size());
  Places.push_back(std::move(Pl));
  BaseStep.push_back(Base);
  PlaceIds.emplace(K, Id);
  return Id;
}

} // namespace borrowck::moves
