// The free facet of SummaryCache (summary/Frees.h). One walk over a body:
// `delete x`, `delete[] x` and `free(x)` of a parameter, a captured variable
// or a field of *this; calls that hand one of those to a helper whose summary
// frees its parameter; members called on *this, with what they free. Nested
// lambdas are not walked (their bodies run later, if ever). Whether a free is
// on every path is decided without a CFG (summary/Paths.h); recursion answers
// "frees nothing" (a possible miss, never a false alarm).
#include "summary/Frees.h"
#include "ast/Elements.h"
#include "summary/Elements.h"
#include "model/StdCalls.h"
#include "summary/Paths.h"
#include "summary/SummaryCacheImpl.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace borrowck {

bool FreeSummary::any() const {
  for (const FreeOf &P : Params)
    if (P.How != FreeHow::No)
      return true;
  return !Captures.empty() || !Fields.empty();
}

namespace {

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<CXXStaticCastExpr>(E))
      E = C->getSubExpr();
    else if (const auto *C = dyn_cast<CStyleCastExpr>(E))
      E = C->getSubExpr();
    else
      return E;
  }
}

// A function whose body we may walk: defined here, not std's, not a system header's.
const FunctionDecl *walkable(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  if (!F || F->isInStdNamespace() || F->getDeclContext()->isStdNamespace() || !F->hasBody(Def) ||
      !Def->getBody() || Def->isVariadic())
    return nullptr;
  if (Def->getASTContext().getSourceManager().isInSystemHeader(Def->getLocation()))
    return nullptr;
  return Def;
}

struct Walk {
  SummaryCache &Cache;
  const FunctionDecl *Def;
  const ParentMap &PM;
  FreeSummary &Out;
  const bool Lambda; // Def is a lambda's call operator

  // What E designates that the summary speaks of: a parameter, a captured
  // variable, a field of *this. Null otherwise.
  const ValueDecl *target(const Expr *E) const {
    E = strip(E);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()); P && P->getDeclContext() == Def)
        return P;
      if (Lambda && DRE->refersToEnclosingVariableOrCapture())
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->getType()->isPointerType())
          return V;
      return nullptr;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !Lambda)
      if (isa<CXXThisExpr>(strip(ME->getBase())))
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()); F && F->getType()->isPointerType())
          return F;
    return nullptr;
  }

  FreeOf *slot(const ValueDecl *D) {
    if (const auto *P = dyn_cast<ParmVarDecl>(D))
      return P->getFunctionScopeIndex() < Out.Params.size() ? &Out.Params[P->getFunctionScopeIndex()] : nullptr;
    if (const auto *F = dyn_cast<FieldDecl>(D))
      return &Out.Fields[F];
    return &Out.Captures[D];
  }

  void freed(const ValueDecl *D, FreeHow How) {
    if (FreeOf *S = slot(D))
      S->How = strongest(S->How, How);
  }

  void assigned(const ValueDecl *D) {
    // Only a parameter that refers to the caller's pointer (`T *&p`) resets
    // it for the caller; a by-value pointer parameter is the callee's copy.
    if (const auto *P = dyn_cast<ParmVarDecl>(D); P && !P->getType()->isReferenceType())
      return;
    if (FreeOf *S = slot(D))
      S->Resets = true;
  }

  // One element (or All) of the container field Fd freed here.
  void elementFreed(const FieldDecl *Fd, FreeHow How, bool All, ElementKeyRef Key) {
    auto [It, New] = Out.Elements.try_emplace(Fd);
    ElementFree &E = It->second;
    if (!New && !(E.Key == Key))
      Key = ElementKeyRef(); // two elements: which one is unknown
    E.How = strongest(E.How, How);
    E.All |= All && How == FreeHow::Always;
    E.Key = Key;
  }

  // `items_.erase(k)`, `items_.clear()`, `items_[k] = ...`, `items_[k].reset()`.
  void elementCall(const CallExpr *Call) {
    const bool Some = onSomePaths(Call, PM, Def->getBody());
    const FreeHow How = Some ? FreeHow::Sometimes : FreeHow::Always;
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
    const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call);
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Call->getCalleeDecl());
    if (!MD)
      return;
    const Expr *Obj = MC ? MC->getImplicitObjectArgument() : OC && OC->getNumArgs() >= 1 ? OC->getArg(0) : nullptr;
    if (!Obj)
      return;
    if (const FieldDecl *Fd = uniqueElementsField(Obj)) { // a member of the container
      llvm::StringRef N = MD->getIdentifier() ? MD->getName() : "";
      if ((OC && OC->getOperator() == OO_Equal) || N == "clear")
        elementFreed(Fd, How, /*All=*/true, {});
      else if (N == "erase" && Call->getNumArgs() == 1) {
        const auto *RD = Call->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
        bool Iterator = RD && RD->getIdentifier() && RD->getName().contains("iterator");
        elementFreed(Fd, How, false, Iterator ? ElementKeyRef() : elementKeyRef(Call->getArg(0), Def));
      } else if (N == "erase")
        elementFreed(Fd, How, false, {});
      return;
    }
    // A member of the element: `items_[k] = ...`, `items_[k].reset()`. On
    // every path only: `if (!items_[k]) items_[k] = ...` (get-or-create)
    // replaces nothing but null.
    const bool Replaces = !Some && (OC ? OC->getOperator() == OO_Equal
                                       : MD->getIdentifier() && MD->getName() == "reset");
    ElementAccess A = Replaces ? elementAccess(Obj, Def->getBody()) : ElementAccess();
    if (const FieldDecl *Fd = A.Container ? uniqueElementsField(A.Container) : nullptr)
      elementFreed(Fd, How, false, elementKeyRef(A.Key, Def));
  }

  void call(const CallExpr *Call, const FunctionDecl *Callee) {
    if (Callee->getCanonicalDecl() == Def->getCanonicalDecl())
      return;
    const bool Some = onSomePaths(Call, PM, Def->getBody());
    // A field handed to a `T *&` (or any non-const reference) parameter may get a new object.
    for (unsigned I = 0, Off = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
         I + Off < Call->getNumArgs() && I < Callee->getNumParams(); ++I) {
      QualType T = Callee->getParamDecl(I)->getType();
      if (T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified())
        if (const ValueDecl *D = target(Call->getArg(I + Off)); D && isa<FieldDecl>(D))
          assigned(D);
    }
    const FreeSummary &S = Cache.frees(Callee);
    unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
    for (unsigned I = 0; I < S.Params.size(); ++I) {
      if (S.Params[I].How == FreeHow::No || I + Offset >= Call->getNumArgs())
        continue;
      if (const ValueDecl *D = target(Call->getArg(I + Offset))) {
        freed(D, Some ? FreeHow::Sometimes : S.Params[I].How);
        if (S.Params[I].Resets)
          assigned(D);
      }
    }
    // A member called on *this: what it frees of *this, and reads through.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call); MC && !Lambda)
      if (isa<CXXThisExpr>(strip(MC->getImplicitObjectArgument()))) {
        for (const auto &[F, Of] : S.Fields) {
          freed(F, Some ? FreeHow::Sometimes : Of.How);
          if (Of.Resets)
            assigned(F);
        }
        Out.ReadsThrough.insert(S.ReadsThrough.begin(), S.ReadsThrough.end());
        for (const auto &[F, E] : S.Elements) {
          ElementKeyRef Key; // the callee's key parameter, in our terms
          if (E.Key.Param >= 0 && static_cast<unsigned>(E.Key.Param) < Call->getNumArgs())
            Key = elementKeyRef(Call->getArg(E.Key.Param), Def);
          else
            Key.Constant = E.Key.Constant;
          elementFreed(F, Some ? FreeHow::Sometimes : E.How, E.All, Key);
        }
      }
  }

  void visit(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *DE = dyn_cast<CXXDeleteExpr>(S)) {
      if (const ValueDecl *D = target(DE->getArgument()))
        freed(D, onSomePaths(DE, PM, Def->getBody(), D) ? FreeHow::Sometimes : FreeHow::Always);
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
      if (!Lambda && (isa<CXXMemberCallExpr>(Call) || isa<CXXOperatorCallExpr>(Call)))
        elementCall(Call);
      if (isDeallocation(Callee) && Call->getNumArgs() >= 1) {
        if (const ValueDecl *D = target(Call->getArg(0)))
          freed(D, onSomePaths(Call, PM, Def->getBody(), D) ? FreeHow::Sometimes : FreeHow::Always);
      } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call); OC && OC->getOperator() == OO_Equal) {
        if (const ValueDecl *D = target(OC->getArg(0)))
          assigned(D);
      } else if (Callee) {
        call(Call, Callee);
      }
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp()) {
      if (const ValueDecl *D = target(BO->getLHS()))
        assigned(D);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && UO->getOpcode() == UO_AddrOf) {
      if (const ValueDecl *D = target(UO->getSubExpr()); D && isa<FieldDecl>(D))
        assigned(D); // `alloc(&buf_)`: may give it a new object
    } else if (const auto *ME = dyn_cast<MemberExpr>(S); ME && !Lambda) {
      if (const auto *F = dyn_cast_or_null<FieldDecl>(target(ME))) {
        // `*buf_`, `buf_[i]`, `buf_->n`: through the pointer.
        const Stmt *P = PM.getParentIgnoreParenImpCasts(const_cast<MemberExpr *>(ME));
        if ((isa<UnaryOperator>(P) && cast<UnaryOperator>(P)->getOpcode() == UO_Deref) ||
            (isa<ArraySubscriptExpr>(P) && strip(cast<ArraySubscriptExpr>(P)->getBase()) == ME) ||
            (isa<MemberExpr>(P) && cast<MemberExpr>(P)->isArrow()))
          Out.ReadsThrough.insert(F);
      }
    }
    for (const Stmt *C : S->children())
      visit(C);
  }
};

} // namespace

const FreeSummary &SummaryCache::frees(const FunctionDecl *F) {
  static const FreeSummary Nothing;
  if (!F)
    return Nothing;
  F = F->getCanonicalDecl();
  if (auto It = P->Frees.find(F); It != P->Frees.end())
    return It->second;
  const FunctionDecl *Def = walkable(F);
  if (!Def || !P->FreesInProgress.insert(F).second)
    return Nothing;
  FreeSummary S;
  S.Params.resize(Def->getNumParams());
  const auto *MD = dyn_cast<CXXMethodDecl>(Def);
  ParentMap PM(const_cast<Stmt *>(Def->getBody()));
  Walk W{*this, Def, PM, S, MD && MD->getParent()->isLambda()};
  W.visit(Def->getBody());
  P->FreesInProgress.erase(F);
  return P->Frees[F] = std::move(S);
}

} // namespace borrowck
