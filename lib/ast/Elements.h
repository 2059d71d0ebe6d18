// One element of a std container, named in the code: `v[0]`, `v.at(i)`,
// `m[k]`, `m.find(k)->second`. Which element it is, when that is a constant
// (an integer or a string literal), lets a reassignment or erase of one
// element end only the borrows of that element.
#pragma once

#include "clang/AST/Expr.h"

#include <string>

namespace clang {
class ASTContext;
}

namespace borrowck {

struct ElementAccess {
  const clang::Expr *Container = nullptr; // `v`, `m`, `items_`
  const clang::Expr *Key = nullptr;       // `0`, `k`; null: front(), back(), an iterator
};

// E (wrappers aside) designates one element of a container: `c[K]`,
// `c.at(K)`, `c.front()`, `c.back()`, `c.find(K)->second`, `(*c.find(K)).second`.
// Container is unset when E is none of those. With Body, also `it->second` of
// a local iterator `auto it = c.find(K);` that Body never assigns again.
ElementAccess elementAccess(const clang::Expr *E, const clang::Stmt *Body = nullptr);

// The element an iterator designates: `c.find(K)`, or a local iterator
// initialised so that Body never assigns again (`m.erase(it)`).
ElementAccess iteratorElement(const clang::Expr *It, const clang::Stmt *Body);

// Does Body assign V (`=`, a compound assignment, `++`/`--`, an operator= call)?
bool assignedIn(const clang::VarDecl *V, const clang::Stmt *Body);

// The constant a key or index expression has: "0", "-1", "\"a\"" (a string
// literal, also through a std::string made from it). Empty when it is not a
// constant.
std::string constantKey(const clang::Expr *Key, const clang::ASTContext &Ctx);

} // namespace borrowck
