// Places: which expression names a tracked place, its id (a root and a
// path of fields), and what is never evaluated.
#include "factgen/moves/MoveBuilder.h"

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
  // Extend through `.field` accesses: p.name, this->data_.inner
  for (;;) {
    const Stmt *Child;
    const auto *ME = dyn_cast_or_null<MemberExpr>(semanticParent(E, Child));
    if (!ME || ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
      break;
    K.Path.push_back(cast<FieldDecl>(ME->getMemberDecl()));
    E = ME;
  }
  return std::make_pair(E, K);
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
  if (K.Path.size() > (K.Root ? 0u : 1u)) {
    PlaceKey PK = K;
    PK.Path.pop_back();
    const Expr *Base = cast<MemberExpr>(PlaceExpr)->getBase();
    Parent = placeId(PK, Base->IgnoreParenImpCasts());
  }
  Place Pl;
  Pl.Parent = Parent;
  PrintingPolicy PP = Ctx.getPrintingPolicy();
  PP.SuppressTagKeyword = true;
  QualType T;
  if (K.Path.empty()) {
    Pl.Name = K.Root->getNameAsString();
    T = K.Root->getType();
    if (Spans.inMainFile(K.Root->getLocation()))
      Pl.Declared = Spans.token(K.Root->getLocation());
  } else {
    Pl.Name = Parent == NoPlace ? std::string() : Places[Parent].Name + ".";
    Pl.Name += K.Path.back()->getNameAsString();
    T = K.Path.back()->getType();
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
  PlaceIds.emplace(K, Id);
  return Id;
}

} // namespace borrowck::moves
