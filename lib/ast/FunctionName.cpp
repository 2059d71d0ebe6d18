#include "ast/FunctionName.h"

#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace borrowck {

std::string functionName(const FunctionDecl &FD) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD); MD && MD->getParent()->isLambda())
    return "lambda in " + (isa<FunctionDecl>(MD->getParent()->getDeclContext())
                               ? cast<FunctionDecl>(MD->getParent()->getDeclContext())
                                     ->getQualifiedNameAsString()
                               : std::string("file scope"));
  return FD.getQualifiedNameAsString();
}

std::string variableName(const NamedDecl &D) {
  std::string Name = D.getNameAsString();
  if (!Name.empty())
    return Name;
  const auto *P = dyn_cast<ParmVarDecl>(&D);
  if (!P)
    return Name;
  const auto *F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext());
  if (const auto *Ctor = dyn_cast_or_null<CXXConstructorDecl>(F);
      Ctor && Ctor->isCopyOrMoveConstructor())
    return "other";
  if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(F);
      MD && (MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator()))
    return "other";
  return "<parameter " + std::to_string(P->getFunctionScopeIndex() + 1) + ">";
}

} // namespace borrowck
