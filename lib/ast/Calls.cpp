#include "ast/Calls.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace borrowck {

bool returnsReference(const FunctionDecl *F) { return F->getReturnType()->isReferenceType(); }

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


} // namespace borrowck
