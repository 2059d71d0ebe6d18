// Internal to the move-fact builder (factgen/moves/): places, the
// classification of their occurrences, facts at CFG elements, edge facts.
#pragma once

#include "ast/ParentIndex.h"
#include "ast/Spans.h"
#include "facts/Facts.h"
#include "model/TypeModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

#include <map>
#include <vector>

namespace borrowck::moves {

using namespace clang;

// A place as the AST names it: a root (a variable, or null for *this) and
// a path of fields.
struct PlaceKey {
  const ValueDecl *Root = nullptr;
  // Fields, and base-class subobjects (a CXXRecordDecl: `o` as its `Base`)
  // of roots whose base is moved on its own (BaseMovedRoots).
  llvm::SmallVector<const NamedDecl *, 2> Path;
  bool operator<(const PlaceKey &O) const {
    if (Root != O.Root)
      return Root < O.Root;
    return std::lexicographical_compare(Path.begin(), Path.end(), O.Path.begin(), O.Path.end());
  }
};

class Builder {
public:
  Builder(const FunctionDecl &FD, clang::ASTContext &Ctx, const TypeModel &Model,
          const SpanMaker &Spans, const ParentIndex &Parents)
      : FD(FD), Ctx(Ctx), Model(Model), Spans(Spans), Parents(Parents) {}

  // Pass 1: the roots moved anywhere; pass 2: places, facts at their
  // elements, edge facts. False when nothing is moved.
  bool buildMoveFacts(const CFG &Cfg, FunctionFacts &Out);

private:
  struct Pending {
    Fact F;
    const Stmt *Consumer; // where the fact takes effect; null: at the operand
  };

  const Stmt *parentOf(const Stmt *S) const { return Parents.parentOf(S); }
  const Stmt *semanticParent(const Stmt *S, const Stmt *&Child) const {
    return Parents.semanticParent(S, Child);
  }
  static const Expr *strip(const Expr *E) { return E->IgnoreParenImpCasts(); }

  // If E is the start of a place expression (a variable or `this`), the
  // outermost expression of the place and its key.
  std::optional<std::pair<const Expr *, PlaceKey>> placeAt(const Stmt *S) const;
  // The operand of a std::move-like cast, if E is one.
  static const Expr *moveOperand(const Expr *E);
  // Where the value of the move cast M is consumed by a move (constructor,
  // assignment, rvalue-reference parameter); null when it is not a move.
  const Stmt *moveConsumer(const Expr *M) const;
  const Stmt *consumerOf(const Stmt *Parent, const Stmt *Child) const;
  // `std::move(o).m`, `static_cast<D&&>(o).m` (a defaulted move's member
  // initialisers): the field access on the moved value, if M is such a cast.
  const MemberExpr *movedMember(const Expr *M) const;
  const ParmVarDecl *paramFor(const Expr *Call, const Stmt *Arg) const;
  void classify(const Stmt *Element, const Expr *PlaceExpr, const PlaceKey &Key, PlaceId P);
  // The derived-to-base conversion between E and its semantic parent
  // (`Base(std::move(o))`, a defaulted move's `static_cast<Base&&>(o)`), if any.
  const ImplicitCastExpr *baseCastAbove(const Stmt *E) const;
  static const CXXRecordDecl *baseOf(const ImplicitCastExpr *C) {
    const CXXRecordDecl *RD = C->getType()->getAsCXXRecordDecl();
    return RD ? RD->getCanonicalDecl() : nullptr;
  }
  // Passing an argument to Param gives the callee the chance to write a new value.
  bool outParameter(const ParmVarDecl *Param) const;
  // If `this` (not a field access through it) is reinitialised as a whole
  // here, the expression that does it: `*this = ...`, `std::swap(*this, o)`,
  // `swap(o)`, `this->restart()` for a [[clang::reinitializes]] member.
  const Stmt *thisReinit(const CXXThisExpr *This) const;
  PlaceId placeId(const PlaceKey &K, const Expr *PlaceExpr);
  std::optional<Span> loopKeyword(const Stmt *S) const;
  // If Cond tests a tracked smart pointer against null, its place and
  // whether the pointer is non-null when Cond is true.
  std::optional<std::pair<PlaceId, bool>> nullTest(const Expr *Cond);
  bool tracked(const ValueDecl *Root) const { return TrackedRoots.count(Root); }
  // D if it can be a tracked root: a local variable or parameter, or a
  // structured binding of a local (`auto& [a, b] = p;` tracks a and b).
  static const ValueDecl *localRoot(const ValueDecl *D) {
    if (const auto *VD = dyn_cast_or_null<VarDecl>(D))
      return VD->hasLocalStorage() ? VD : nullptr;
    if (const auto *BD = dyn_cast_or_null<BindingDecl>(D))
      if (const auto *DD = dyn_cast_or_null<VarDecl>(BD->getDecomposedDecl());
          DD && DD->hasLocalStorage())
        return BD;
    return nullptr;
  }
  // Inside noexcept(...), sizeof, alignof, typeid of a non-polymorphic
  // operand or a requires-expression: never evaluated, so neither a move nor a use.
  bool unevaluated(const Stmt *S) const;
  // The innermost try statement whose try block (not handler) contains S.
  const CXXTryStmt *enclosingTry(const Stmt *S) const;
  // Edges from try bodies to their handlers, for the move analysis.
  void addThrowEdges(const CFG &Cfg, FunctionFacts &Out) const;

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const TypeModel &Model;
  const SpanMaker &Spans;
  const ParentIndex &Parents;

  llvm::DenseSet<const Stmt *> Elements;
  llvm::DenseSet<const ValueDecl *> TrackedRoots; // null = this
  // Roots whose base-class subobject is moved by itself somewhere: their
  // places name the base step, so moving the base leaves the members alone.
  llvm::DenseSet<const ValueDecl *> BaseMovedRoots;
  std::vector<bool> BaseStep; // per place: a base-class subobject
  std::map<PlaceKey, PlaceId> PlaceIds;
  std::vector<Place> Places;
  // Facts waiting for their consumer element, and facts due at an element.
  llvm::DenseMap<const Stmt *, std::vector<Fact>> AtElement;
  // The place expression of each fact of AtElement, index for index (null:
  // a fact of no one expression, `*this = ...` giving every field a value).
  llvm::DenseMap<const Stmt *, std::vector<const Expr *>> ExprAt;
  // Sequencing.cpp: a move in one argument of a call and a use of the same
  // value in another are evaluated in an unspecified order; a member called
  // on a value moved by its own arguments runs after the move.
  void orderArguments();
};

} // namespace borrowck::moves
