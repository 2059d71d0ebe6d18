// Internal to the fact builders: looking through the nodes Clang wraps an
// expression in, shared by the loan and thread builders.
#pragma once

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace borrowck {

// Parentheses, full-expression cleanups and temporary bindings.
inline const clang::Expr *skipWrappers(const clang::Expr *E) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *FE = llvm::dyn_cast<clang::FullExpr>(E))
      E = FE->getSubExpr();
    else if (const auto *B = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else
      return E;
  }
}

// skipWrappers, and also implicit casts, materialised temporaries, functional
// casts and copies / moves: the expression whose value ends up here.
inline const clang::Expr *skipCopies(const clang::Expr *E) {
  for (;;) {
    E = skipWrappers(E)->IgnoreParenImpCasts();
    if (const auto *FE = llvm::dyn_cast<clang::FullExpr>(E))
      E = FE->getSubExpr();
    else if (const auto *M = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *FC = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr();
    else if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E);
             CE && CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor())
      E = CE->getArg(0);
    else
      return E;
  }
}

// The variable E names (`v`, through parentheses and implicit casts), or null.
inline const clang::VarDecl *referencedVar(const clang::Expr *E) {
  if (!E)
    return nullptr;
  const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE ? llvm::dyn_cast<clang::VarDecl>(DRE->getDecl()) : nullptr;
}

} // namespace borrowck
