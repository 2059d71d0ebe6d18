// The expression evaluator: what an expression's value, or the object it
// designates, borrows from (locals, temporaries, heap objects, parameters,
// *this), following calls through the callee summaries (ast/CalleeSummaries.h).
// Used by the loan fact generator for a function's own analysis and by the
// summary layer to infer what a callee's result borrows.
#pragma once

#include "ast/CalleeSummaries.h"
#include "ast/Wrappers.h"
#include "facts/Facts.h"
#include "model/TypeModel.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace borrowck {

using clang::CXXBindTemporaryExpr;
using clang::DeclContext;
using clang::DeclRefExpr;
using clang::Expr;
using clang::FieldDecl;
using clang::FunctionDecl;
using clang::ImplicitCastExpr;
using clang::MaterializeTemporaryExpr;
using clang::MemberExpr;
using clang::ParmVarDecl;
using clang::QualType;
using clang::ValueDecl;
using clang::VarDecl;
using clang::CallExpr;
using clang::CXXThisExpr;
using clang::CXXConstructExpr;
using llvm::dyn_cast;
using llvm::isa;

// What a value (or the object an expression designates) borrows from.
struct Sources {
  struct Site {
    const VarDecl *Var = nullptr;                  // a local of the function
    const CXXBindTemporaryExpr *Temp = nullptr;    // or a temporary
    const Expr *At = nullptr;                      // where the borrow is made
    bool Maybe = false;                            // on some paths only
    const ParmVarDecl *Via = nullptr;              // through an inferred, unannotated parameter
    bool ViaCapture = false; // Via is captured by `this` (inferred lifetime_capture_by), not returned
    bool Contents = false;                         // borrows what an owner holds (Loan::Contents)
    const MaterializeTemporaryExpr *Trivial = nullptr; // a temporary with no destructor to run
    // Kind Referent: the container a reference (VarDecl) or a field of *this
    // (FieldDecl) designates.
    const ValueDecl *Referent = nullptr;
    bool Iterator = false; // Loan::Iterator
    // Of the object a smart pointer owns: Var itself (`p.get()`, `*p`) or a
    // member of it (`h.owned.get()`, MemberPointee).
    TypeModel::Smart Pointee = TypeModel::Smart::None;
    bool MemberPointee = false;
    // Of the object a container's unique_ptr element owns (`v.front().get()`):
    // growth moves the unique_ptr, not the object.
    bool ElementPointee = false;
    bool NodeElement = false; // Loan::NodeElement
    std::string ElementKey; // which element, when a constant names it (Loan::ElementKey)
    // Kind Pointee with Var: what the unique_ptr elements of this container
    // field of the local object Var own (`reg.find(1)` returning `items_[k].get()`).
    const FieldDecl *ElementsOf = nullptr;
    // or memory: allocated at At (Heap), or the unknown pointee of a pointer
    // parameter (Pointee with Var) or of a call's result (Pointee with At).
    StorageKind Kind = StorageKind::Local;
  };
  llvm::SmallVector<Site, 2> Loans;
  llvm::SmallVector<const VarDecl *, 2> Vars; // borrow-holding variables whose loans flow along
  llvm::SmallVector<const VarDecl *, 2> MaybeVars; // the same, on some paths only
  bool This = false;                          // borrows from *this
  bool ThisValue = false;                     // holds what *this holds (a field's value)
  llvm::SmallVector<const FieldDecl *, 1> ThisFields; // which fields of *this (ThisValue)
  void add(const Sources &O) {
    Loans.append(O.Loans.begin(), O.Loans.end());
    Vars.append(O.Vars.begin(), O.Vars.end());
    MaybeVars.append(O.MaybeVars.begin(), O.MaybeVars.end());
    This |= O.This;
    ThisValue |= O.ThisValue;
    ThisFields.append(O.ThisFields.begin(), O.ThisFields.end());
  }
  bool empty() const {
    return Loans.empty() && Vars.empty() && MaybeVars.empty() && !This && !ThisValue;
  }
  bool noLoans() const { return Loans.empty() && Vars.empty() && MaybeVars.empty(); }
  // Everything here holds on some paths only.
  Sources &maybe() {
    for (Site &L : Loans)
      L.Maybe = true;
    MaybeVars.append(Vars.begin(), Vars.end());
    Vars.clear();
    return *this;
  }
};


// Evaluates expressions to the sources of their borrows. In a function's own
// analysis, locals become loans; for a summary, parameters and `this` matter.
class Evaluator {
public:
  Evaluator(const FunctionDecl &FD, const TypeModel &Model, CalleeSummaries &Summaries)
      : FD(FD), Model(Model), Summaries(Summaries) {}

  // The loans of the value of E (E's type holds a borrow: a pointer, view ...).
  Sources valueOf(const Expr *E, unsigned Depth = 0);
  // The loans made by borrowing the object E designates (&E, binding T& to E,
  // calling an owner's accessor on E).
  Sources borrowOf(const Expr *E, unsigned Depth = 0);

  // A reference bound once and for all to an owner local of this function
  // (`auto&& __range = v;` of a range-for, `auto& r = v;`): that owner.
  const VarDecl *boundOwner(const VarDecl *R) const {
    if (!R->getType()->isReferenceType() || !R->getInit())
      return nullptr;
    const Expr *I = skipWrappers(R->getInit())->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(I);
    const auto *W = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!W || W->getType()->isReferenceType() || !ownsStorage(W) ||
        DRE->refersToEnclosingVariableOrCapture() ||
        Model.ownership(W->getType()) != TypeModel::Ownership::Owner)
      return nullptr;
    return W;
  }

  bool ownsStorage(const VarDecl *V) const {
    if (!V->hasLocalStorage() || (V->getType()->isReferenceType() && !extendsTemporary(V)))
      return false;
    return localOf(V);
  }

  // `auto&& buf = make();`, `const T& r = T(...);`: the reference extends a
  // temporary to its own lifetime, so it stands for an object it owns, as
  // `auto buf = make();` would: borrowing it borrows that object, and its
  // value is what the object holds (not also a borrow of the object). The
  // hidden `__range` of a range-for keeps its own treatment.
  static bool extendsTemporary(const VarDecl *V) {
    if (!V->getType()->isReferenceType() || V->isImplicit() || !V->getInit())
      return false;
    const Expr *I = skipWrappers(V->getInit());
    while (const auto *ICE = dyn_cast<ImplicitCastExpr>(I))
      I = skipWrappers(ICE->getSubExpr());
    const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(I);
    return MTE && MTE->getExtendingDecl() == V;
  }

  // A parameter or local variable of this function (not of a lambda in it).
  bool localOf(const VarDecl *V) const {
    const DeclContext *DC = V->getDeclContext();
    if (isa<ParmVarDecl>(V))
      return DC == &FD;
    for (; DC; DC = DC->getParent())
      if (DC == &FD)
        return true;
    return false;
  }

  // `this->items`: a container field of the object, designated through this.
  const FieldDecl *thisField(const Expr *E) const {
    const auto *ME = dyn_cast<MemberExpr>(skipWrappers(E)->IgnoreParenImpCasts());
    if (!ME || !isa<CXXThisExpr>(skipWrappers(ME->getBase())->IgnoreParenImpCasts()))
      return nullptr;
    const auto *Fd = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Fd || Fd->getType()->isReferenceType() ||
        Model.ownership(Fd->getType()) != TypeModel::Ownership::Owner)
      return nullptr;
    return Fd;
  }

  // The container a reference of this function designates, when we cannot
  // name it as one of our locals: a reference parameter (`std::vector<int>& v`),
  // a reference bound to an element (`for (auto& row : grid)`) or to a field
  // of *this. References bound to other references resolve to theirs.
  const ValueDecl *referentOf(const VarDecl *R, unsigned Depth = 0) const {
    if (Depth > 8 || !R->getType()->isReferenceType() || !R->hasLocalStorage() || !localOf(R) ||
        boundOwner(R) || extendsTemporary(R) || Model.ownership(R->getType()->getPointeeType()) != TypeModel::Ownership::Owner)
      return nullptr;
    if (isa<ParmVarDecl>(R) || !R->getInit())
      return R;
    const Expr *I = skipWrappers(R->getInit())->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(I))
      if (const auto *W = dyn_cast<VarDecl>(DRE->getDecl());
          W && W->getType()->isReferenceType() && !DRE->refersToEnclosingVariableOrCapture())
        if (const ValueDecl *T = referentOf(W, Depth + 1))
          return T;
    if (const FieldDecl *Fd = thisField(I))
      return Fd;
    return R;
  }

  static Sources::Site referent(const ValueDecl *R, const Expr *At) {
    Sources::Site T;
    T.Referent = R;
    T.At = At;
    T.Kind = StorageKind::Referent;
    return T;
  }

private:
  bool holdsValue(const Expr *A) const {
    return !A->getType()->isReferenceType() && Model.holdsBorrow(A->getType());
  }
  Sources callResult(const Expr *Call, unsigned Depth);
  // The value of field Fd of the local aggregate Object designates, when that
  // local is only ever read after its initialisation (`W w{loc, out};` then
  // `w.out_`, `w.out()` const): what its initialiser for Fd holds, if that
  // does not depend on another variable's current value. Else nullopt.
  std::optional<Sources> fieldValue(const Expr *Object, const FieldDecl *Fd, unsigned Depth);
  const Expr *fieldInit(const VarDecl *V, const FieldDecl *Fd) const;
  bool onlyRead(const VarDecl *V);
  llvm::DenseMap<const VarDecl *, bool> ReadOnly; // onlyRead, for every local, once computed
  bool ReadOnlyComputed = false;
  // The loans of the value stored in the object a call returning a reference
  // designates (`return std::get<0>(t);` copies the pointer out of t).
  Sources storedValue(const CallExpr *Call, unsigned Depth);

public:
  Sources borrowedArgumentOf(const Expr *A, QualType ParamType) {
    return borrowedArgument(A, ParamType, 0);
  }

private:
  Sources borrowedArgument(const Expr *A, QualType ParamType, unsigned Depth);

  const FunctionDecl &FD;
  const TypeModel &Model;
  CalleeSummaries &Summaries;
};


} // namespace borrowck
