// Loan facts: What an occurrence of a borrow-holding variable does: a use that reads through it, hands it on, or only touches the holder.
#include "factgen/loans/LoanFactBuilder.h"

using namespace clang;

namespace borrowck {

// What does an occurrence of a borrow-holding variable do with its borrow?
LoanFactBuilder::UseVerdict LoanFactBuilder::useOf(const DeclRefExpr *DRE) const {
  const auto *V = cast<VarDecl>(DRE->getDecl());
  const bool RefToOwner = V->getType()->isReferenceType() &&
                          !holds(V->getType()->getPointeeType());
  const Stmt *C = DRE;
  // Once the expression reads through the borrow (`*it`, `v[i]`, `it->x`), a
  // comparison, a condition or an assignment reads or writes the target.
  bool Through = false;
  // ... and once the designated element is itself a pointer (`v[i]` of a
  // `vector<T *>`), a null test or comparison reads only that pointer value,
  // which lives in the container, not what it points to.
  bool PointerElement = false;
  auto Read = [&] { return PointerElement ? UseVerdict::ElementValue : UseVerdict::Use; };
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    const Stmt *Child;
    const Stmt *P = Parents.semanticParent(C, Child);
    if (!P)
      return UseVerdict::Use;
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() &&
                                                   skipWrappers(VD->getInit()) == skipWrappers(cast<Expr>(Child)))
          return VD->getType()->isReferenceType() || holds(VD->getType()) ? UseVerdict::NotUse
                                                                          : UseVerdict::Use;
      return UseVerdict::Use;
    }
    if (isa<ReturnStmt>(P))
      return returnsReference(&FD) || holds(FD.getReturnType()) ? UseVerdict::NotUse
                                                                 : UseVerdict::Use;
    if (const auto *For = dyn_cast<ForStmt>(P); For && Child == For->getInc())
      return UseVerdict::Use; // `++it` of a class iterator: advances through the container
    if (isa<IfStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) || isa<ForStmt>(P))
      return Through ? Read() : UseVerdict::NotUse; // a null test, or a read
    if (isa<LambdaExpr>(P))
      return UseVerdict::NotUse; // captured: flows into the closure
    if (isa<CXXDeleteExpr>(P))
      return UseVerdict::NotUse; // the Free fact checks it
    if (const auto *Call = dyn_cast<CallExpr>(P);
        Call && !isa<CXXMemberCallExpr>(Call) && Call->getNumArgs() >= 1 &&
        skipWrappers(Call->getArg(0)) == skipWrappers(cast<Expr>(Child)) &&
        isDeallocation(dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl())))
      return UseVerdict::NotUse;
    if (const auto *Call = dyn_cast<CallExpr>(P); Call && freedByCallee(Call, cast<Expr>(Child)))
      return UseVerdict::NotUse; // the callee frees it: the Free fact checks it
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->isAssignmentOp()) {
        if ((Through || RefToOwner) && !(Child == BO->getRHS() && holds(BO->getLHS()->getType())))
          return UseVerdict::Use; // `*it = x`, `x = *it`, `r = x` of an `int& r`: writes or reads the target
        return UseVerdict::NotUse; // overwritten, or copied into another variable
      }
      if (BO->isComparisonOp() || BO->isLogicalOp() || BO->getOpcode() == BO_Comma)
        return Through && BO->getOpcode() != BO_Comma ? Read() : UseVerdict::NotUse;
      if (BO->isAdditiveOp()) {
        C = P;
        continue;
      }
      return UseVerdict::Use;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      switch (UO->getOpcode()) {
      case UO_LNot:
      case UO_PreInc:
      case UO_PreDec:
      case UO_PostInc:
      case UO_PostDec:
        return UseVerdict::NotUse;
      case UO_AddrOf:
        C = P;
        continue;
      default:
        return UseVerdict::Use;
      }
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      if (Child == CO->getCond())
        return UseVerdict::NotUse;
      C = P;
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      if (holds(CE->getType())) {
        C = P;
        continue;
      }
      return UseVerdict::Use;
    }
    if (isa<InitListExpr>(P) || isa<CXXParenListInitExpr>(P)) {
      if (holds(cast<Expr>(P)->getType())) {
        C = P;
        continue;
      }
      return UseVerdict::Use;
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P)) {
      if (Cast->getType()->isVoidType())
        return UseVerdict::NotUse; // `(void)p;` silences a warning, reads nothing
      C = P;
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (ME->isArrow())
        return UseVerdict::Use;
      const auto *Method = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      if (!Method) { // a field of a struct holding borrows
        if (holds(ME->getType()) || ME->getType()->isReferenceType()) {
          C = P;
          continue;
        }
        return UseVerdict::Use;
      }
      const Stmt *CallP = Parents.parentOf(ME);
      const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(CallP);
      if (!Call)
        return UseVerdict::Use;
      // A view's own length does not read what it views.
      if (Model.ownership(ME->getBase()->getType()) == TypeModel::Ownership::View &&
          memberKind(Method) == MemberKind::Length)
        return UseVerdict::Touch;
      if (Call->isGLValue() || holds(Call->getType())) {
        Through |= Call->isGLValue(); // `v.front()`, `it->first`: designates the target
        PointerElement = Call->isGLValue() && Call->getType()->isPointerType();
        C = Call; // the result carries the borrow: its use is the use
        continue;
      }
      // Bookkeeping on a container of borrows (size(), push_back(), clear())
      // does not read through them; a call of a closure does.
      if (!RefToOwner && Model.ownership(ME->getBase()->getType()) == TypeModel::Ownership::Owner &&
          Method->getOverloadedOperator() != OO_Call)
        return UseVerdict::NotUse;
      return UseVerdict::Use;
    }
    // `a[i]` of a local array of pointers: the element, which holds the
    // borrow, as `v[i]` of a vector does; its use is the use.
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P);
        AS && cast<Expr>(Child)->IgnoreParenImpCasts() == AS->getBase()->IgnoreParenImpCasts() &&
        holds(AS->getType()) && AS->getBase()->IgnoreParenImpCasts()->getType()->isConstantArrayType()) {
      Through = true;
      PointerElement = AS->getType()->isPointerType();
      C = P;
      continue;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
      OverloadedOperatorKind Op = OC->getOperator();
      if (Op == OO_EqualEqual || Op == OO_ExclaimEqual || Op == OO_Less || Op == OO_Greater ||
          Op == OO_LessEqual || Op == OO_GreaterEqual || Op == OO_Spaceship) {
        // Comparing class iterators or views reads them (comparing an
        // invalidated iterator is undefined); comparing raw pointers is not.
        const bool ViewOperand = Model.ownership(cast<Expr>(Child)->getType()) ==
                                     TypeModel::Ownership::View &&
                                 cast<Expr>(Child)->getType()->isRecordType();
        return ViewOperand ? UseVerdict::Use : Through ? Read() : UseVerdict::NotUse;
      }
      bool IsObject = OC->getNumArgs() > 0 && skipWrappers(OC->getArg(0)) == skipWrappers(cast<Expr>(Child));
      if (Op == OO_Equal)
        return UseVerdict::NotUse; // assigned to, or copied from into another holder
      if (OC->isGLValue() || holds(OC->getType())) {
        Through |= Op == OO_Star || Op == OO_Arrow || Op == OO_Subscript;
        PointerElement = (Op == OO_Star || Op == OO_Subscript) && OC->getType()->isPointerType();
        C = P; // *it, v[i], it + 1: the result carries the borrow
        continue;
      }
      if (IsObject && Op != OO_Call && !RefToOwner &&
          Model.ownership(OC->getArg(0)->getType()) == TypeModel::Ownership::Owner)
        return UseVerdict::NotUse;
      return UseVerdict::Use;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      // Passed to a function whose result borrows it: follow the result.
      if ((Call->isGLValue() || holds(Call->getType()))) {
        if (const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl())) {
          const ResultBorrows &S = Summaries.resultBorrows(F, Model);
          for (unsigned I = 0; I < Call->getNumArgs() && I < S.Params.size(); ++I)
            if (S.Params[I] && skipWrappers(Call->getArg(I)) == skipWrappers(cast<Expr>(Child))) {
              C = P;
              goto next;
            }
        }
      }
      // An element read through the borrow and passed by value (`use(*it)`,
      // `use(r)` of an `int&`): the read happens here.
      if (const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()))
        for (unsigned I = 0; I < Call->getNumArgs() && I < F->getNumParams(); ++I)
          if (skipWrappers(Call->getArg(I))->IgnoreImpCasts() ==
                  skipWrappers(cast<Expr>(Child))->IgnoreImpCasts() &&
              !F->getParamDecl(I)->getType()->isReferenceType() &&
              !holds(F->getParamDecl(I)->getType()) && (Through || RefToOwner))
            return UseVerdict::Use;
      // The C and C++ libraries read what they are given (puts(p), strlen(p)).
      if (const Decl *Callee = Call->getCalleeDecl();
          Callee && Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
        return UseVerdict::Use;
      return UseVerdict::Pass;
    }
    return UseVerdict::Use;
  next:;
  }
  return UseVerdict::Use;
}

} // namespace borrowck
