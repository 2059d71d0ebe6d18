// Loan facts: Origins and storages: one id per variable, temporary and heap object (registered in FactIds).
#include "factgen/loans/LoanFactBuilder.h"
#include "ast/FunctionName.h"

using namespace clang;

namespace borrowck {

OriginId LoanFactBuilder::originFor(const VarDecl *V) {
  auto It = Origins.find(V);
  if (It != Origins.end())
    return It->second;
  Origin O;
  O.Name = variableName(*V);
  O.IsReference = V->getType()->isReferenceType();
  // A range-for's own variables (`__range1`, `__begin1`, `__end1`), not the
  // implicit holders of structured bindings.
  O.Hidden = !isa<ParmVarDecl>(V) && V->isCXXForRangeImplicitVar();
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
                                 : variableName(*D);
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
  St.Name = variableName(*V);
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
    St.Name = variableName(*L.Referent);
    St.Declared = Spans.token(L.Referent->getLocation());
    It->second = static_cast<StorageId>(Out.Storages.size());
    Out.Storages.push_back(std::move(St));
    return It->second;
  }
  if (!isFreeable(L.Kind))
    return L.Var ? storageFor(L.Var) : L.Trivial ? storageForTrivial(L.Trivial) : storageFor(L.Temp, L.At);
  if (L.ElementsOf)
    return elementsStorage(L.Var, L.ElementsOf);
  const void *Key = L.Var ? static_cast<const void *>(L.Var) : static_cast<const void *>(L.At);
  auto It = MemStorage.find(Key);
  if (It != MemStorage.end())
    return It->second;
  Storage St;
  St.Kind = L.Kind;
  if (L.Var) {
    St.Name = variableName(*L.Var);
    St.Declared = Spans.token(L.Var->getLocation());
  } else {
    St.Declared = Spans.range(L.At->getSourceRange());
  }
  StorageId Id = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  MemStorage[Key] = Id;
  return Id;
}

// What the unique_ptr elements of V's container field F own: one object of
// unknown origin per (V, F), its loans keyed by element.
StorageId LoanFactBuilder::elementsStorage(const VarDecl *V, const FieldDecl *F) {
  auto [It, New] = ElementStorages.try_emplace({V, F}, 0);
  if (!New)
    return It->second;
  Storage St;
  St.Kind = StorageKind::Pointee;
  St.Name = variableName(*V) + "." + F->getNameAsString();
  St.Declared = Spans.token(V->getLocation());
  It->second = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  return It->second;
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

std::optional<LifetimeBoundHint> LoanFactBuilder::hintFor(const ParmVarDecl *P, bool CaptureByThis) const {
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
  return LifetimeBoundHint{*At, CaptureByThis ? F->getQualifiedNameAsString() : F->getNameAsString(),
                           P->getNameAsString(), CaptureByThis};
}

std::string LoanFactBuilder::spelling(const Expr *E) const {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  llvm::StringRef T = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
  if (T.empty() || T.size() > 40)
    return "";
  return T.str();
}

} // namespace borrowck
