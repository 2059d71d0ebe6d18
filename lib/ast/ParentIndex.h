// Internal to the fact builders: parents of the statements of one function.
#pragma once

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace borrowck {

class ParentIndex {
public:
  void add(const clang::Stmt *S, const clang::Stmt *Parent) {
    if (!S)
      return;
    Parents[S] = Parent;
    for (const clang::Stmt *C : S->children())
      add(C, S);
  }
  const clang::Stmt *parentOf(const clang::Stmt *S) const {
    auto It = Parents.find(S);
    return It == Parents.end() ? nullptr : It->second;
  }
  // The parent, skipping parentheses, implicit casts and temporary wrappers;
  // Child is set to the node directly below the returned parent.
  const clang::Stmt *semanticParent(const clang::Stmt *S, const clang::Stmt *&Child) const {
    Child = S;
    const clang::Stmt *P = parentOf(S);
    while (P && (llvm::isa<clang::ParenExpr>(P) || llvm::isa<clang::ImplicitCastExpr>(P) ||
                 llvm::isa<clang::CXXBindTemporaryExpr>(P) ||
                 llvm::isa<clang::MaterializeTemporaryExpr>(P) || llvm::isa<clang::FullExpr>(P))) {
      Child = P;
      P = parentOf(P);
    }
    return P;
  }

private:
  llvm::DenseMap<const clang::Stmt *, const clang::Stmt *> Parents;
};

} // namespace borrowck
