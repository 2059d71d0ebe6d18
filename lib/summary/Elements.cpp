// Facet: the object a member function's result points to is owned by a
// unique_ptr element of a container field of *this (ast/CalleeSummaries.h,
// ElementResult): `return items_[k].get();`, `return it->second.get();` after
// `auto it = items_.find(k);`, either arm of `c ? nullptr : ...`. Every
// returned value that is not a null pointer must be such an element of one
// field; the key is kept when every return names the same one.
#include "summary/Elements.h"
#include "summary/SummaryCache.h"
#include "summary/SummaryCacheImpl.h"

#include "ast/Elements.h"
#include "ast/Wrappers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace borrowck {

namespace {

bool isUniquePtr(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() && RD->getName() == "unique_ptr";
}

// A std container class one of whose element type arguments is a unique_ptr.
bool holdsUniqueElements(QualType T) {
  const auto *SD = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!SD || !SD->isInStdNamespace() || isUniquePtr(T))
    return false;
  for (const TemplateArgument &A : SD->getTemplateArgs().asArray())
    if (A.getKind() == TemplateArgument::Type && isUniquePtr(A.getAsType()))
      return true;
  return false;
}

const Expr *bare(const Expr *E) {
  E = skipWrappers(E)->IgnoreParenImpCasts();
  while (const auto *C = dyn_cast<CXXStaticCastExpr>(E))
    E = skipWrappers(C->getSubExpr())->IgnoreParenImpCasts();
  return E;
}

// `items_[k].get()`: the element of a field it designates, or nullopt.
std::optional<ElementResult> returnedElement(const Expr *E, const FunctionDecl *Def) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(bare(E));
  const auto *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || MD->getName() != "get" || !isUniquePtr(MC->getImplicitObjectArgument()->getType()))
    return std::nullopt;
  ElementAccess A = elementAccess(MC->getImplicitObjectArgument(), Def->getBody());
  const FieldDecl *Fd = A.Container ? uniqueElementsField(A.Container) : nullptr;
  if (!Fd)
    return std::nullopt;
  return ElementResult{Fd, elementKeyRef(A.Key, Def)};
}

} // namespace

const FieldDecl *uniqueElementsField(const Expr *Container) {
  const auto *ME = dyn_cast<MemberExpr>(bare(Container));
  if (!ME || !isa<CXXThisExpr>(bare(ME->getBase())))
    return nullptr;
  const auto *Fd = dyn_cast<FieldDecl>(ME->getMemberDecl());
  return Fd && !Fd->getType()->isReferenceType() && holdsUniqueElements(Fd->getType()) ? Fd : nullptr;
}

ElementKeyRef elementKeyRef(const Expr *Key, const FunctionDecl *Def) {
  ElementKeyRef R;
  if (!Key)
    return R;
  const auto *DRE = dyn_cast<DeclRefExpr>(bare(skipCopies(Key)));
  if (const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr; P && P->getDeclContext() == Def) {
    QualType T = P->getType();
    if ((!T->isReferenceType() || T->getPointeeType().isConstQualified()) && !assignedIn(P, Def->getBody()))
      R.Param = static_cast<int>(P->getFunctionScopeIndex());
    return R;
  }
  R.Constant = constantKey(Key, Def->getASTContext());
  return R;
}

const ElementResult &SummaryCache::elementResult(const FunctionDecl *F) {
  static const ElementResult None;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(F);
  if (!MD || MD->isStatic() || !MD->getReturnType()->isPointerType())
    return None;
  F = F->getCanonicalDecl();
  if (auto It = P->ElementResults.find(F); It != P->ElementResults.end())
    return It->second;
  const FunctionDecl *Def = nullptr;
  if (!F->hasBody(Def) || !Def->getBody() || F->isInStdNamespace() ||
      Def->getASTContext().getSourceManager().isInSystemHeader(Def->getLocation()))
    return P->ElementResults[F] = None;
  std::optional<ElementResult> R;
  bool Ok = true;
  auto Returned = [&](const Expr *E, auto &&Self) -> void {
    E = bare(E);
    if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
      Self(CO->getTrueExpr(), Self);
      Self(CO->getFalseExpr(), Self);
      return;
    }
    if (E->isNullPointerConstant(Def->getASTContext(), Expr::NPC_ValueDependentIsNotNull))
      return;
    std::optional<ElementResult> One = returnedElement(E, Def);
    if (!One || (R && R->Field != One->Field)) {
      Ok = false;
      return;
    }
    if (R && !(R->Key == One->Key))
      One->Key = ElementKeyRef(); // two elements: which one is unknown
    R = One;
  };
  llvm::SmallVector<const Stmt *, 32> Todo{Def->getBody()};
  while (!Todo.empty() && Ok) {
    const Stmt *S = Todo.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      if (!RS->getRetValue()) {
        Ok = false;
        break;
      }
      Returned(RS->getRetValue(), Returned);
    }
    for (const Stmt *C : S->children())
      Todo.push_back(C);
  }
  return P->ElementResults[F] = Ok && R ? *R : None;
}

} // namespace borrowck
