// The one parent map of a function's statements (the fact generators share it).
#pragma once

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace borrowck {

class ParentIndex {
public:
  // Indexes S and everything below it, S's parent being Parent. Iterative (an
  // explicit stack, so deeply nested code cannot overflow ours), in the same
  // pre-order a recursive walk has: a node reached twice keeps the last parent.
  void add(const clang::Stmt *S, const clang::Stmt *Parent) {
    llvm::SmallVector<std::pair<const clang::Stmt *, const clang::Stmt *>, 64> Work{{S, Parent}};
    llvm::SmallVector<const clang::Stmt *, 8> Children;
    while (!Work.empty()) {
      auto [N, P] = Work.pop_back_val();
      if (!N)
        continue;
      Parents[N] = P;
      Children.assign(N->child_begin(), N->child_end());
      for (auto It = Children.rbegin(); It != Children.rend(); ++It)
        Work.push_back({*It, N});
    }
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
