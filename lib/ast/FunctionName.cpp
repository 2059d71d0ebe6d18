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

} // namespace borrowck
