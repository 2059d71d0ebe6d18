// Deleting a container's elements one by one: which element a delete frees,
// and, when the container's contents are known from its braced initialiser,
// whether one pointer is stored in it twice (`std::vector<T *> v{p, q, p};
// for (T *e : v) delete e;` frees `p` twice).
#pragma once

#include "ast/ParentIndex.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace borrowck {

// Is the operand of a delete one element of several: `v[i]`, `a[i]`, `*it`,
// `v.back()`, `it->second`? Which element it is changes from one evaluation
// to the next (a loop, a pop_back in between), so freeing it twice is not
// freeing one object twice.
bool isElementOperand(const clang::Expr *Operand);

struct StoredTwice {
  const clang::VarDecl *Container = nullptr; // `v`
  const clang::VarDecl *Pointer = nullptr;   // `p`, stored twice
  const clang::Expr *First = nullptr;        // its two initialisers in `{p, q, p}`
  const clang::Expr *Second = nullptr;
  bool Maybe = false; // one of them holds P on some paths only (`c ? p : q`)
};

// Delete frees Operand, an element of a local container or array V (the
// variable of a range-for over V, or `V[i]` in `for (i = 0; i < V.size(); ++i)`),
// on every iteration of a loop over all of V's elements; V's contents come
// from a braced initialiser that names one local pointer P twice, neither V
// nor P is changed anywhere in Body: P is freed twice (possibly, when one
// initialiser is `c ? p : q`). Container is unset otherwise.
StoredTwice storedTwice(const clang::Expr *Operand, const clang::Stmt *Delete, const clang::Stmt *Body,
                        const ParentIndex &Parents, const clang::ASTContext &Ctx);

} // namespace borrowck
