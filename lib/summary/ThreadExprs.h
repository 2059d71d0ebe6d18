// Reading thread-related expressions on the AST, shared by the member-thread
// summaries and the thread fact generator: spawn expressions, the member of
// *this an expression designates, the nodes Clang wraps a handle in.
#pragma once

#include "facts/ThreadFacts.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace borrowck {

// Skips copies and wrappers (ast/Wrappers.h skipCopies).
const clang::Expr *strip(const clang::Expr *E);
bool isThis(const clang::Expr *E);
bool capturesThis(const clang::LambdaExpr *LE);
// A node a handle passes through unchanged on its way to where it goes:
// parentheses, implicit casts, temporaries, functional casts, copies / moves.
bool isWrapper(const clang::Stmt *P);
// The container an element access is made on (`ts[i]`, `ts.at(i)`,
// `ts.back()`, `ts.front()` -> `ts`), or E itself; wrappers stripped.
const clang::Expr *elementContainer(const clang::Expr *E);
// The member of *this an expression designates: `t`, `this->t`, `ts[i]`, `ts.back()`.
const clang::FieldDecl *fieldOfThis(const clang::Expr *E);
// std::move(x) / static_cast<T&&>(x): x.
const clang::Expr *movedOperand(const clang::Expr *E);

// A spawn expression: `std::thread t(f, args...)`, `ts.emplace_back(f, args...)`
// on a container of threads, `std::async([policy,] f, args...)`.
struct SpawnExpr {
  const clang::Expr *Callable = nullptr;
  llvm::SmallVector<const clang::Expr *, 4> Args;
  llvm::StringRef Api; // "std::thread", "std::jthread", "std::async"
  HandleKind Kind = HandleKind::Thread;
};
std::optional<SpawnExpr> spawnExpr(const clang::Stmt *S);

} // namespace borrowck
