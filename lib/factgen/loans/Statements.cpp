// Loan facts: The walk: each CFG element (declarations, calls, returns, scope ends) in order.
#include "factgen/loans/LoanFactBuilder.h"

using namespace clang;

namespace borrowck {

void LoanFactBuilder::handleCall(uint32_t Block, const CallExpr *Call) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!F)
    return;
  handleCaptureBy(Block, Call);
  // A discarded `std::exchange(p, v);` statement.
  if (const Stmt *P = Parents.parentOf(Call); P && (isa<CompoundStmt>(P) || (isa<ExprWithCleanups>(P) &&
                                                      isa_and_nonnull<CompoundStmt>(Parents.parentOf(P)))))
    afterExchange(Block, Call);
  if (isDeallocation(F) && Call->getNumArgs() >= 1) {
    handleFree(Block, Call->getArg(0), Call);
    return;
  }
  handleCalleeFrees(Block, Call, F);
  // std::move(u) that really moves: the unique_ptr hands its object on.
  // std::move(v) of a container that really moves: its elements go with it.
  const bool Unique = Call->getNumArgs() == 1 && Model.smart(Call->getArg(0)->getType()) == TypeModel::Smart::Unique;
  const bool Container = Call->getNumArgs() == 1 && !Unique &&
                         Model.smart(Call->getArg(0)->getType()) == TypeModel::Smart::None &&
                         Model.ownership(Call->getArg(0)->getType()) == TypeModel::Ownership::Owner;
  if (isStdMoveOnly(F) && (Unique || Container)) {
    const Stmt *C = Call;
    for (unsigned Depth = 0; Depth < 8; ++Depth) {
      const Stmt *P = Parents.parentOf(C);
      if (!P)
        return;
      if (isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
          isa<CXXBindTemporaryExpr>(P) || isa<ParenExpr>(P)) {
        C = P;
        continue;
      }
      bool Moves = false;
      if (const auto *CE = dyn_cast<CXXConstructExpr>(P))
        Moves = CE->getConstructor() && !CE->getConstructor()->isCopyConstructor();
      else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
        Moves = OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 && OC->getArg(1) == C;
      if (Moves && Unique)
        invalidateUnique(Block, Call->getArg(0), EndReason::MovedOut, Call);
      if (Moves && Container) {
        // Into a local owner, the elements live on where they are (valid C++;
        // Rust's E0505 all the same); into a by-value parameter or a
        // temporary, they die with it unless the callee keeps them.
        bool IntoLocal = false;
        if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
          IntoLocal = referencedVar(skipWrappers(OC->getArg(0))) != nullptr;
        else if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parents.parentOf(P)))
          IntoLocal = DS->isSingleDecl() && isa<VarDecl>(DS->getSingleDecl()) &&
                      !cast<VarDecl>(DS->getSingleDecl())->isStaticLocal();
        else if (const auto *Parent = Parents.parentOf(P); Parent && isa<ExprWithCleanups>(Parent))
          if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parents.parentOf(Parent)))
            IntoLocal = DS->isSingleDecl();
        StorageId St = contentsStorage(Call->getArg(0));
        if (St != NoStorage) {
          LoanFact Ex{LoanFactKind::Expire};
          Ex.Dies = St;
          Ex.ContentsOnly = true;
          Ex.Reason = EndReason::MovedAway;
          Ex.StrictOnly = IntoLocal;
          Ex.Name = "std::move";
          if (auto W = Spans.range(Call->getSourceRange()))
            Ex.Where = *W;
          Out.LoanBlocks[Block].push_back(std::move(Ex));
        }
      }
      return;
    }
  }
}

void LoanFactBuilder::handleStmt(uint32_t Block, const Stmt *S) {
  if (const auto *ME = dyn_cast<MemberExpr>(S))
    fieldUse(Block, ME); // `f.buf_[0]` of a field a member frees
  if (!FieldOrigins.empty())
    fieldReassigned(Block, S); // `f.buf_ = new char[n]`
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *V = dyn_cast<VarDecl>(D);
      if (!V)
        continue;
      declareFieldPointees(Block, V, DS);
      QualType T = V->getType();
      const Expr *Init = V->getInit();
      if (T->isReferenceType()) {
        if (!Init)
          continue;
        // Bound anew (a loop runs the declaration again): what was borrowed
        // through it before designates another object.
        if (auto It = RefStorage.find(V); It != RefStorage.end()) {
          LoanFact F{LoanFactKind::Forget};
          F.Dies = It->second;
          Out.LoanBlocks[Block].push_back(std::move(F));
        }
        // A range-for over a temporary view (`for (auto& b : buckets())`): the
        // hidden `__range` extends the view, and what the loop borrows is what
        // the view borrows, not the view object.
        const bool RangeOfView = V->isImplicit() && isa<MaterializeTemporaryExpr>(skipWrappers(Init)) &&
                                 T->getPointeeType()->isRecordType() &&
                                 Model.ownership(T->getPointeeType()) != TypeModel::Ownership::Owner;
        Sources Src = RangeOfView || Ev.extendsTemporary(V) ? Sources() : Ev.borrowOf(Init);
        if (holds(T->getPointeeType()))
          Src.add(Ev.valueOf(Init));
        if (T->isLValueReferenceType() && !T->getPointeeType().isConstQualified())
          mutableBorrow(Block, Init);
        // `auto& p = *it;`: a reference to one element of several.
        flow(Block, originFor(V), Src, /*Kill=*/true, DS, /*ReadThrough=*/false,
             /*Element=*/holds(T->getPointeeType()) && readsThrough(Init));
      } else if (holds(T)) {
        if (const auto *UO = Init ? dyn_cast<UnaryOperator>(skipWrappers(Init)->IgnoreParenImpCasts()) : nullptr;
            UO && UO->getOpcode() == UO_AddrOf && T->isPointerType() &&
            !T->getPointeeType().isConstQualified())
          mutableBorrow(Block, UO->getSubExpr());
        Sources Src = Init ? Ev.valueOf(Init) : Sources();
        if (Src.noLoans() && !V->isStaticLocal() && unknownPointer(T, Init))
          Src.add(pointee(nullptr, Init));
        if (V->isStaticLocal())
          flow(Block, escapedOrigin(V, Init), Src, /*Kill=*/true, DS);
        else
          flow(Block, originFor(V), Src, /*Kill=*/true, DS, Init && readsThrough(Init));
        afterExchange(Block, Init);
      }
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      handleAssignment(Block, BO->getLHS(), BO->getRHS(), BO);
    if (BO->isAssignmentOp())
      overwrite(Block, BO->getLHS(), BO);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      overwrite(Block, UO->getSubExpr(), UO);
    return;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
      invalidateUnique(Block, OC->getArg(0), EndReason::Reassigned, OC);
      replaceElement(Block, OC->getArg(0), "", OC); // `v[0] = std::make_unique<T>()`
      handleAssignment(Block, OC->getArg(0), OC->getArg(1), OC);
    }
    if (OC->getNumArgs() >= 1)
      invalidateContents(Block, dyn_cast_or_null<CXXMethodDecl>(OC->getCalleeDecl()), OC->getArg(0),
                         OC);
    handleMutatingCall(Block, OC);
    handleCaptureBy(Block, OC);
    if (const auto *Callee = dyn_cast_or_null<FunctionDecl>(OC->getCalleeDecl()))
      handleCalleeFrees(Block, OC, Callee); // a lambda or functor that frees
    if (OC->getOperator() == OO_Equal)
      assignFields(Block, OC); // `b = a;` by the implicit copy assignment: two owners
    return;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    // `s.reset()` of a shared_ptr calls its base `__shared_ptr`'s member.
    const Expr *Smart = Obj ? skipWrappers(Obj)->IgnoreParenImpCasts() : nullptr;
    if (MD && Smart && memberKind(MD) == MemberKind::Reset &&
        Model.smart(Smart->getType()) != TypeModel::Smart::None) {
      invalidateUnique(Block, Smart, EndReason::Reset, MC);
      replaceElement(Block, Smart, "reset", MC); // `v[0].reset()`
      if (MC->getNumArgs() >= 1 && MC->getArg(0)->getType()->isPointerType())
        handleAdopt(Block, MC->getArg(0), MC,
                    // A shared_ptr's copies may keep the object alive: only a
                    // unique_ptr surely frees what it adopted when it ends.
                    Model.smart(Smart->getType()) == TypeModel::Smart::Unique ? localStorage(Smart) : NoStorage);
      return;
    }
    if (MD && Obj && memberKind(MD) == MemberKind::Release &&
        Model.smart(Obj->getType()) == TypeModel::Smart::Unique) {
      if (StorageId St = localStorage(Obj); St != NoStorage) {
        LoanFact F{LoanFactKind::Release};
        F.Dies = St;
        if (auto W = Spans.range(MC->getSourceRange()))
          F.Where = *W;
        Out.LoanBlocks[Block].push_back(std::move(F));
      }
      return;
    }
    handleCapture(Block, MC);
    handleCaptureBy(Block, MC);
    invalidateContents(Block, MD, Obj, MC);
    handleMutatingCall(Block, MC);
    if (MD)
      handleCalleeFrees(Block, MC, MD);
    memberCallOnLocal(Block, MC); // `f.close()` freeing `f.buf_`
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    // std::unique_ptr<T> u(raw), std::shared_ptr<T>(raw): takes ownership.
    if (Model.smart(CE->getType()) != TypeModel::Smart::None && CE->getNumArgs() >= 1 &&
        CE->getArg(0)->getType()->isPointerType() &&
        !CE->getArg(0)->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
      // The variable it initialises, if any: `std::unique_ptr<T> u(raw);`.
      StorageId Owner = NoStorage;
      const Stmt *C = CE;
      for (const Stmt *P = Parents.parentOf(C); P; C = P, P = Parents.parentOf(P)) {
        if (const auto *DS = dyn_cast<DeclStmt>(P)) {
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D);
                V && V->getInit() && skipWrappers(V->getInit()) == skipWrappers(cast<Expr>(C)) &&
                Ev.ownsStorage(V) && Model.smart(CE->getType()) == TypeModel::Smart::Unique)
              Owner = storageFor(V);
          break;
        }
        if (!isa<Expr>(P))
          break;
      }
      handleAdopt(Block, CE->getArg(0), CE, Owner);
      afterExchange(Block, CE->getArg(0));
    }
    return;
  }
  if (const auto *DE = dyn_cast<CXXDeleteExpr>(S)) {
    handleFree(Block, DE->getArgument(), DE);
    afterExchange(Block, DE->getArgument()); // delete std::exchange(p, nullptr);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    handleCall(Block, Call);
    handleMutatingCall(Block, Call);
    return;
  }
  if (const auto *R = dyn_cast<ReturnStmt>(S)) {
    const Expr *E = R->getRetValue();
    if (!E)
      return;
    Sources Src;
    if (returnsReference(&FD)) {
      Src = Ev.borrowOf(E);
      if (holds(FD.getReturnType()->getPointeeType()))
        Src.add(Ev.valueOf(E));
    } else if (holds(FD.getReturnType())) {
      Src = Ev.valueOf(E);
    } else {
      return;
    }
    LoanFact F{LoanFactKind::Return};
    fill(Src, F);
    // `return h;`, `return std::move(h);`: the local itself, handed to the caller.
    if (!returnsReference(&FD)) {
      const Expr *R = skipWrappers(E)->IgnoreParenImpCasts();
      for (unsigned Depth = 0; Depth < 4; ++Depth) {
        if (const auto *CE = dyn_cast<CXXConstructExpr>(R);
            CE && CE->getNumArgs() == 1 && CE->getConstructor() && CE->getConstructor()->isCopyOrMoveConstructor())
          R = skipWrappers(CE->getArg(0))->IgnoreParenImpCasts();
        else if (const auto *C = dyn_cast<CallExpr>(R);
                 C && C->getNumArgs() == 1 && isStdMoveOnly(dyn_cast_or_null<FunctionDecl>(C->getCalleeDecl())))
          R = skipWrappers(C->getArg(0))->IgnoreParenImpCasts();
        else
          break;
      }
      if (const auto *DRE = dyn_cast<DeclRefExpr>(R))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
            V && !V->getType()->isReferenceType() && !DRE->refersToEnclosingVariableOrCapture())
          if (auto It = VarStorage.find(V); It != VarStorage.end())
            F.HandsOver = It->second;
    }
    if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
      return;
    if (auto W = Spans.range(E->getSourceRange()))
      F.Where = *W;
    Out.LoanBlocks[Block].push_back(std::move(F));
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return;
    auto It = Origins.find(V);
    if (It == Origins.end() || Out.Origins[It->second].Kind != OriginKind::Local)
      return;
    UseVerdict U = useOf(DRE);
    if (U == UseVerdict::NotUse)
      return;
    LoanFact F{LoanFactKind::Use};
    F.Dst = It->second;
    F.Deref = U == UseVerdict::Use || U == UseVerdict::ElementValue;
    F.ElementValue = U == UseVerdict::ElementValue;
    F.PassedOn = U == UseVerdict::Pass;
    if (auto W = Spans.range(DRE->getSourceRange()))
      F.Where = *W;
    Out.LoanBlocks[Block].push_back(std::move(F));
  }
}

bool LoanFactBuilder::run() {
  Out.ReturnsReference = returnsReference(&FD) || FD.getReturnType()->isPointerType();
  {
    PrintingPolicy PP = Ctx.getPrintingPolicy();
    PP.SuppressTagKeyword = true;
    Out.ReturnType = FD.getReturnType().getAsString(PP);
  }
  for (const ParmVarDecl *P : FD.parameters())
    Out.HasBorrowedParameter |= P->getType()->isReferenceType() || P->getType()->isPointerType() ||
                                Model.ownership(P->getType()) == TypeModel::Ownership::View;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD); MD && !MD->isStatic())
    Out.HasBorrowedParameter = true;

  // Origins are created as declarations, assignments and captures are seen;
  // uses need them to exist, so go over the elements twice.
  for (int Pass = 0; Pass < 2; ++Pass) {
    if (Pass == 1) {
      if (Out.Origins.empty() && Out.Loans.empty())
        return !Out.ContainerCalls.empty();
      for (auto &B : Out.LoanBlocks)
        B.clear();
      Out.ContainerCalls.clear();
      Out.Loans.clear();
      LoanAt.clear();
      FieldLoans.clear();
    }
    // A raw pointer parameter points to an object we know nothing about, but
    // which delete/free() in this function would end.
    for (const ParmVarDecl *P : FD.parameters())
      if (QualType T = P->getType(); T->isPointerType() && !T->isFunctionPointerType())
        flow(Cfg.getEntry().getBlockID(), originFor(P), pointee(P, nullptr), /*Kill=*/true, FD.getBody());
    declareEntryFieldPointees(Cfg.getEntry().getBlockID()); // `File &f`, *this: fields members free
    for (const CFGBlock *B : Cfg) {
      uint32_t Id = B->getBlockID();
      for (const CFGElement &E : *B) {
        if (auto S = E.getAs<CFGStmt>()) {
          handleStmt(Id, S->getStmt());
          if (auto It = TrivialEnds.find(S->getStmt()); It != TrivialEnds.end())
            for (StorageId St : It->second) {
              LoanFact F{LoanFactKind::Expire};
              F.Dies = St;
              if (auto W = statementEnd(S->getStmt()))
                F.Where = *W;
              Out.LoanBlocks[Id].push_back(std::move(F));
            }
        } else if (auto LE = E.getAs<CFGLifetimeEnds>()) {
          const VarDecl *V = LE->getVarDecl();
          destroyLocal(Id, V, scopeEnd(LE->getTriggerStmt(), V)); // `~File` freeing `f.buf_`
          if (!Ev.ownsStorage(V) && !VarStorage.count(V))
            continue;
          LoanFact F{LoanFactKind::Expire};
          F.Dies = storageFor(V);
          if (auto W = scopeEnd(LE->getTriggerStmt(), V))
            F.Where = *W;
          Out.LoanBlocks[Id].push_back(std::move(F));
        } else if (auto TD = E.getAs<CFGTemporaryDtor>()) {
          const CXXBindTemporaryExpr *BTE = TD->getBindTemporaryExpr();
          auto It = TempStorage.find(BTE);
          if (It == TempStorage.end())
            continue;
          LoanFact F{LoanFactKind::Expire};
          F.Dies = It->second;
          if (auto W = statementEnd(BTE))
            F.Where = *W;
          Out.LoanBlocks[Id].push_back(std::move(F));
        }
      }
    }
  }

  // By-value parameters end when the function returns (the CFG has no
  // lifetime-end for them): what escaped must not hold their loans.
  if (!Escaped.empty())
    for (const ParmVarDecl *P : FD.parameters()) {
      auto It = VarStorage.find(P);
      if (It == VarStorage.end())
        continue;
      LoanFact F{LoanFactKind::Expire};
      F.Dies = It->second;
      const auto *Body = dyn_cast_or_null<CompoundStmt>(FD.getBody());
      if (auto W = Body ? Spans.token(Body->getRBracLoc()) : Spans.token(P->getLocation()))
        F.Where = *W;
      Out.LoanBlocks[Out.Graph.Exit].push_back(std::move(F));
    }
  // What globals and fields of *this hold is used after the function returns.
  for (const auto &[D, O] : Escaped) {
    LoanFact F{LoanFactKind::Use};
    F.Dst = O;
    F.Deref = false;
    if (EscapeStores[O])
      F.Where = *EscapeStores[O];
    Out.LoanBlocks[Out.Graph.Exit].push_back(std::move(F));
  }
  return !Out.Loans.empty();
}

} // namespace borrowck
