// How a call's pieces line up with its callee's parameters.
#pragma once

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class FunctionDecl;
}

namespace borrowck {

// Does F return a reference (T& or T&&)?
bool returnsReference(const clang::FunctionDecl *F);

// A call split into the object it is made on and the arguments that match
// the callee's parameters. For an operator call naming a member operator,
// argument 0 is the object (or, for a static operator, an expression that is
// evaluated but is no parameter). Explicit-object (`this auto&`) members take
// the object as their first parameter: nothing is split off.
struct CallParts {
  const clang::Expr *Object = nullptr;
  bool ObjectIsPointer = false; // `p->f()`
  llvm::SmallVector<const clang::Expr *, 4> Args;
};

CallParts splitCall(const clang::CallExpr *CE, const clang::FunctionDecl *F);

} // namespace borrowck
