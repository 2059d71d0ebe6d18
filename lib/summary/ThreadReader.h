// Reading a thread body on the AST, in terms of declarations: which mutexes
// are held at an expression (guards declared before it in the enclosing
// blocks, lock()/unlock(), std::lock, try_lock() branches, std::call_once's
// flag, Clang's capability attributes) and how an expression naming a shared
// variable uses it (read, write, one element). Shared by the thread fact
// generator (factgen/threads/) and the shared-access summaries of callees
// (summary/SharedAccesses.cpp), which hand the declarations out as ids or
// cache them.
#pragma once

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

#include <functional>
#include <optional>
#include <set>
#include <vector>

namespace borrowck {

using DeclSet = std::set<const clang::ValueDecl *>;

// Parents of the statements under S, as the thread reader walks them: a
// lambda's children are its capture initialisers and its body.
void indexParents(const clang::Stmt *S, const clang::Stmt *P,
                  llvm::DenseMap<const clang::Stmt *, const clang::Stmt *> &Parents);

// May two threads race on V: not self-synchronised (atomics, mutexes), not
// const or constexpr, not thread-local. (Whether it is reachable from both is
// the caller's question.)
bool mayBeShared(const clang::VarDecl *V);

// The field of *this a thread shares through ME (`this->n`, `n` in a member),
// when ThisShared: not self-synchronised (atomics, mutexes) and not const.
const clang::FieldDecl *sharedThisField(const clang::MemberExpr *ME, bool ThisShared);
// A field of a shared *this that orders threads (an atomic, ...: ordersThreads).
const clang::FieldDecl *orderingThisField(const clang::MemberExpr *ME, bool ThisShared);

struct DeclAccess {
  const clang::ValueDecl *Var = nullptr;
  const clang::Expr *At = nullptr;
  bool Write = false;
  bool Element = false; // one element of a container (`v[i]`), not the container
  DeclSet Locks;        // the mutexes held
};

class ThreadReader {
public:
  using ParentFn = std::function<const clang::Stmt *(const clang::Stmt *)>;
  // Called with every declaration the reader meets (shared variables,
  // mutexes, once_flags), in the order it meets them: the fact generator
  // numbers variables in that order.
  using MentionFn = std::function<void(const clang::ValueDecl *)>;
  // Does the function write through its reference parameter I
  // (SummaryCache::writesThroughParam)? Without one: every non-const lvalue
  // reference parameter writes.
  using WritesFn = std::function<bool(const clang::FunctionDecl *, unsigned)>;
  ThreadReader(ParentFn Parent, MentionFn Mention, WritesFn Writes = nullptr)
      : Parent(std::move(Parent)), Mention(std::move(Mention)), Writes(std::move(Writes)) {}

  // The mutex E designates (`m`, `*pm`, `&m`, `this->m`), or null.
  const clang::ValueDecl *mutexOf(const clang::Expr *E);
  // The mutexes held at E, from the blocks around it up to Root.
  DeclSet locksAt(const clang::Stmt *E, const clang::Stmt *Root);
  // How the expression E (naming the shared D) is used; none for std::ref(D).
  std::optional<DeclAccess> accessOf(const clang::Expr *E, const clang::ValueDecl *D,
                                     const clang::Stmt *Root);

private:
  using GuardMap = llvm::DenseMap<const clang::VarDecl *, std::vector<const clang::ValueDecl *>>;
  void applyLocks(const clang::Stmt *S, DeclSet &Held, GuardMap &Guards);
  void tryLocks(const clang::Expr *Cond, DeclSet &Held, GuardMap &Guards);
  const clang::ValueDecl *mention(const clang::ValueDecl *D) {
    Mention(D);
    return D;
  }
  const clang::Stmt *parent(const clang::Stmt *S) const { return Parent(S); }
  bool writesArg(const clang::FunctionDecl *F, unsigned I) const;
  ParentFn Parent;
  MentionFn Mention;
  WritesFn Writes;
};

} // namespace borrowck
