// The shared-access facet of SummaryCache (summary/SharedAccesses.h).
#include "summary/SharedAccesses.h"
#include "model/StdThreads.h"
#include "summary/SummaryCacheImpl.h"
#include "summary/ThreadExprs.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace borrowck {

using namespace stdthreads;

namespace {

// A global a helper's body touches: not a local (with no lambda of its own
// around, a helper shares nothing else), not a parameter.
bool sharedGlobal(const ValueDecl *D) {
  const auto *V = dyn_cast<VarDecl>(D);
  return V && mayBeShared(V) && !V->hasLocalStorage() && !isa<ParmVarDecl>(V);
}

// One walk over a callee's body.
struct Collector {
  Collector(SummaryCache &Cache, const FunctionDecl *Def, bool ThisShared, bool Deep, CalleeAccesses &Out,
            const DeclSet &Required, bool Members = false, const CXXRecordDecl *Dynamic = nullptr,
            const ParmVarDecl *Self = nullptr)
      : Cache(Cache), Def(Def), ThisShared(ThisShared), Deep(Deep), Members(Members), Dynamic(Dynamic), Self(Self),
        Out(Out), Required(Required) {}
  SummaryCache &Cache;
  const FunctionDecl *Def;
  bool ThisShared;
  bool Deep;
  bool Members; // memberAccesses(): follow the members called on *this, note what cannot be followed
  const CXXRecordDecl *Dynamic; // the complete object's class, when known
  // memberAccesses() of a helper *this was handed to: this parameter is *this
  // (a reference; a pointer for `this`), and the helper has no `this` of ours.
  const ParmVarDecl *Self;
  CalleeAccesses &Out;
  const DeclSet &Required; // REQUIRES(m) on the definition: held for every access
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  ThreadReader Reader{[this](const Stmt *S) { return Parents.lookup(S); },
                      [this](const ValueDecl *D) { Out.Mentions.push_back(D); },
                      [this](const FunctionDecl *F, unsigned I) { return Cache.writesThroughParam(F, I); }};

  // The object the walk is about: `this` in a member, the parameter Self in a
  // helper (`cli` in `cli.send()`, `self` in `self->n_`).
  bool isSelf(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (!Self)
      return isa<CXXThisExpr>(E);
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    return DRE && DRE->getDecl() == Self;
  }

  // A field of the object the walk is about, as sharedThisField() decides.
  const FieldDecl *selfField(const MemberExpr *ME) const {
    if (!Self)
      return sharedThisField(ME, ThisShared);
    if (!isSelf(ME->getBase()))
      return nullptr;
    const auto *Fd = dyn_cast<FieldDecl>(ME->getMemberDecl());
    return Fd && !isSynchronised(ME->getType()) && !Fd->getType().isConstQualified() ? Fd : nullptr;
  }
  const FieldDecl *selfOrderingField(const MemberExpr *ME) const {
    if (!Self)
      return orderingThisField(ME, ThisShared);
    const auto *Fd = isSelf(ME->getBase()) ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    return Fd && ordersThreads(Fd->getType()) ? Fd : nullptr;
  }

  // `*this` (or `this`) handed to a helper whose body is here, as a reference
  // (a pointer) parameter: what the helper touches through it, as a member
  // would (`detail::redirect(*this, req)` calling `cli.send(req)`). False when
  // E is not such an argument, or the helper's summary is Opaque.
  bool intoHelperOfSelf(const Expr *E, bool Deref) {
    const Stmt *C = E;
    const Stmt *P = Parents.lookup(C);
    while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P))) {
      C = P;
      P = Parents.lookup(P);
    }
    const auto *Call = dyn_cast_or_null<CallExpr>(P);
    if (!Call || isa<CXXOperatorCallExpr>(Call) || spawnExpr(Call))
      return false;
    const FunctionDecl *F = Call->getDirectCallee();
    const FunctionDecl *Sub = nullptr;
    if (!F || F->isInStdNamespace() || F->getDeclContext()->isStdNamespace() || !F->hasBody(Sub) ||
        !Sub->getBody() || Sub == Def || Sub->isVariadic() ||
        Sub->getASTContext().getSourceManager().isInSystemHeader(Sub->getLocation()))
      return false;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(F); MD && MD->getParent()->isLambda())
      return false;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(F); MD && MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
                                                    !MD->getParent()->hasAttr<FinalAttr>())
      return false;
    int I = -1;
    for (unsigned A = 0; A < Call->getNumArgs(); ++A)
      if (Call->getArg(A) == C)
        I = static_cast<int>(A);
    if (I < 0 || static_cast<unsigned>(I) >= Sub->getNumParams())
      return false;
    QualType T = Sub->getParamDecl(I)->getType();
    if (Deref ? !T->isReferenceType() : !T->isPointerType())
      return false;
    const CalleeAccesses &Inner = Cache.memberAccesses(Sub, Dynamic, I);
    if (Inner.Opaque)
      return false;
    DeclSet Held = Reader.locksAt(Call, Def->getBody());
    Held.insert(Required.begin(), Required.end());
    merge(Inner, Held);
    return true;
  }

  // The object used other than as the object of a member access, returned,
  // or handed to a helper that can be followed: handed on.
  bool selfEscapes(const Expr *T) {
    if (Self && Self->getType()->isPointerType())
      return thisEscapes(T) && !intoHelperOfSelf(T, /*Deref=*/false);
    if (Self) { // a reference: as `*this`
      const Stmt *C = T;
      const Stmt *P = Parents.lookup(C);
      while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P) || isa<FullExpr>(P))) {
        C = P;
        P = Parents.lookup(P);
      }
      if (isa_and_nonnull<ReturnStmt>(P))
        return false;
      if (const auto *ME = dyn_cast_or_null<MemberExpr>(P); ME && ME->getBase() == C)
        return false;
      return !intoHelperOfSelf(T, /*Deref=*/true);
    }
    if (!thisEscapes(T))
      return false;
    const Stmt *P = Parents.lookup(T);
    while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P)))
      P = Parents.lookup(P);
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P); UO && UO->getOpcode() == UO_Deref)
      return !intoHelperOfSelf(UO, /*Deref=*/true);
    return !intoHelperOfSelf(T, /*Deref=*/false);
  }

  // `this` used other than as the object of a member access: handed on.
  bool thisEscapes(const Expr *T) const {
    const Stmt *C = T;
    const Stmt *P = Parents.lookup(C);
    while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P))) {
      C = P;
      P = Parents.lookup(P);
    }
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P); UO && UO->getOpcode() == UO_Deref) {
      C = P; // `return *this;`: handed back to the caller, who has it already
      P = Parents.lookup(P);
      while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P) || isa<FullExpr>(P))) {
        C = P;
        P = Parents.lookup(P);
      }
      return !isa_and_nonnull<ReturnStmt>(P);
    }
    if (isa_and_nonnull<ReturnStmt>(P))
      return false;
    const auto *ME = dyn_cast_or_null<MemberExpr>(P);
    return !ME || ME->getBase() != C;
  }

  void collect(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Inner = dyn_cast<LambdaExpr>(S)) {
      if (Members) // `[self = this]`: the capture's initialiser hands `this` on
        for (auto [Cap, Init] : llvm::zip(Inner->captures(), Inner->capture_inits()))
          if (!Cap.capturesThis())
            collect(Init);
      collect(Inner->getBody());
      return;
    }
    if (Members && !Self && isa<CXXThisExpr>(S) && selfEscapes(cast<Expr>(S)))
      Out.Opaque = true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); Members && Self && DRE && DRE->getDecl() == Self && selfEscapes(DRE))
      Out.Opaque = true;
    const ValueDecl *D = nullptr;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      if (sharedGlobal(DRE->getDecl()))
        D = DRE->getDecl();
    } else if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      D = selfField(ME);
      if (const FieldDecl *O = selfOrderingField(ME))
        order(O);
    }
    if (D && Members && intoFieldMember(S, D))
      return;
    if (D) {
      if (auto A = Reader.accessOf(cast<Expr>(S), D, Def->getBody())) {
        CalleeAccess C{A->Var, A->Write, A->Element, A->Locks};
        C.Locks.insert(Required.begin(), Required.end());
        Out.Accesses.push_back(std::move(C));
      }
      if (isa<DeclRefExpr>(S))
        return;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S); MC && Members && isSelf(MC->getImplicitObjectArgument()))
      intoMember(MC);
    else if (const auto *Call = dyn_cast<CallExpr>(S); Call && Deep)
      intoCallee(Call);
    for (const Stmt *C : S->children())
      collect(C);
  }

  // A callee's summary, as made here: under the locks Held at the call; its
  // fields reached through Field when it was called on a field of *this.
  void merge(const CalleeAccesses &Inner, const DeclSet &Held, const FieldDecl *Field = nullptr) {
    Out.Mentions.insert(Out.Mentions.end(), Inner.Mentions.begin(), Inner.Mentions.end());
    for (const ValueDecl *O : Inner.Orders)
      order(O);
    for (CalleeAccess A : Inner.Accesses) {
      A.Locks.insert(Held.begin(), Held.end());
      if (Field && isa<FieldDecl>(A.Var) && !A.Through)
        A.Through = Field;
      Out.Accesses.push_back(std::move(A));
    }
  }

  void order(const ValueDecl *D) {
    if (llvm::find(Out.Orders, D) == Out.Orders.end()) {
      Out.Orders.push_back(D);
      Out.Mentions.push_back(D);
    }
  }

  // memberAccesses(): `f_.m()` on a field of *this whose class (not std's)
  // has a body for m: what m touches in f_, as fields reached through f_,
  // under the locks held here and those m takes. Not followed (false): no
  // body, virtual, Opaque, or reached again.
  bool intoFieldMember(const Stmt *S, const ValueDecl *D) {
    const auto *Field = dyn_cast<FieldDecl>(D);
    const Stmt *P = Parents.lookup(S);
    while (P && isa<ImplicitCastExpr>(P))
      P = Parents.lookup(P);
    const auto *ME = dyn_cast_or_null<MemberExpr>(P);
    const auto *MC = ME ? dyn_cast_or_null<CXXMemberCallExpr>(Parents.lookup(ME)) : nullptr;
    const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
    const FunctionDecl *Sub = nullptr;
    if (!Field || ME->isArrow() || !MD || MD->isStatic() || MD->getParent()->isInStdNamespace() ||
        MD->getParent()->isLambda() || isa<CXXDestructorDecl>(MD) || Field->getType()->isReferenceType() ||
        Field->getType()->isPointerType())
      return false;
    if (MD->isVirtual() && !MD->hasAttr<FinalAttr>() && !MD->getParent()->hasAttr<FinalAttr>())
      return false;
    if (!MD->hasBody(Sub) || !Sub->getBody() || Sub == Def ||
        Sub->getASTContext().getSourceManager().isInSystemHeader(Sub->getLocation()))
      return false;
    const CalleeAccesses &Inner = Cache.memberAccesses(Sub, Field->getType()->getAsCXXRecordDecl());
    if (Inner.Opaque)
      return false;
    DeclSet Held = Reader.locksAt(MC, Def->getBody());
    Held.insert(Required.begin(), Required.end());
    Out.Mentions.push_back(Field);
    merge(Inner, Held, Field);
    // The arguments are this body's own expressions: walk them.
    for (const Expr *Arg : MC->arguments())
      collect(Arg);
    return true;
  }

  // memberAccesses(): a member called on *this, to any depth (memoised;
  // reached again while being summarised: Opaque). A virtual member may be
  // overridden: Opaque, unless it or its class is final.
  void intoMember(const CXXMemberCallExpr *MC) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const FunctionDecl *Sub = nullptr;
    if (!MD || MD->isStatic())
      return;
    if (MD->getParent()->isInStdNamespace() || MD->getParent()->isLambda())
      return; // a std base class's member (enable_shared_from_this...): as a helper, it touches no field of ours
    if (MD->isVirtual() && Dynamic && Dynamic->hasDefinition())
      if (const CXXMethodDecl *Over = MD->getCorrespondingMethodInClass(Dynamic, /*MayBeBase=*/true);
          Over && !Over->isPureVirtual())
        MD = Over;
    if (MD->isVirtual() && Dynamic && !MD->isPureVirtual() && MD->hasBody(Sub) && Sub->getBody()) {
      // the final overrider in the complete object's class: known
    } else if ((MD->isVirtual() && !MD->hasAttr<FinalAttr>() && !MD->getParent()->hasAttr<FinalAttr>()) ||
        !MD->hasBody(Sub) || !Sub->getBody()) {
      Out.Opaque = true;
      return;
    }
    if (Sub == Def)
      return; // direct recursion: the same accesses, under at least the same locks
    DeclSet Held = Reader.locksAt(MC, Def->getBody());
    Held.insert(Required.begin(), Required.end());
    for (const Expr *Arg : requiredArgs(*MD))
      if (const ValueDecl *M = Reader.mutexOf(Arg))
        Held.insert(M);
    const CalleeAccesses &Inner = Cache.memberAccesses(Sub, Dynamic);
    Out.Opaque |= Inner.Opaque;
    merge(Inner, Held);
  }

  // A helper this callee calls (the second level): what it touches, under
  // the locks held at the call and those its REQUIRES() names.
  void intoCallee(const CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    const FunctionDecl *Sub = nullptr;
    if (!F || F->isInStdNamespace() || !F->hasBody(Sub) || !Sub->getBody() || Sub == Def || spawnExpr(Call))
      return; // Sub == Def: recursion, cut
    if (const auto *MD = dyn_cast<CXXMethodDecl>(F); MD && MD->getParent()->isLambda())
      return; // a lambda's body: its captures are not this function's
    if (F->getDeclContext()->isStdNamespace() ||
        Sub->getASTContext().getSourceManager().isInSystemHeader(Sub->getLocation()))
      return;
    DeclSet Held = Reader.locksAt(Call, Def->getBody());
    Held.insert(Required.begin(), Required.end());
    for (const Expr *Arg : requiredArgs(*F))
      if (const ValueDecl *M = Reader.mutexOf(Arg))
        Held.insert(M);
    bool OnThis = false;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      OnThis = isThis(MC->getImplicitObjectArgument());
    const CalleeAccesses &Inner = Cache.sharedAccesses(Sub, ThisShared && OnThis, /*Deep=*/false);
    merge(Inner, Held);
  }
};

} // namespace

const CalleeAccesses &SummaryCache::sharedAccesses(const FunctionDecl *Def, bool ThisShared, bool Deep) {
  auto Key = std::make_tuple(Def, ThisShared, Deep);
  if (auto It = P->Accesses.find(Key); It != P->Accesses.end())
    return It->second;
  CalleeAccesses Result;
  DeclSet Required;
  Collector C(*this, Def, ThisShared, Deep, Result, Required);
  indexParents(Def->getBody(), nullptr, C.Parents);
  for (const Expr *Arg : requiredArgs(*Def))
    if (const ValueDecl *M = C.Reader.mutexOf(Arg))
      Required.insert(M);
  C.collect(Def->getBody());
  // Deep walks ask for shallow ones of other functions only: no cycle, and
  // std::map keeps the references handed out valid.
  return P->Accesses[Key] = std::move(Result);
}

const CalleeAccesses &SummaryCache::memberAccesses(const FunctionDecl *Def, const CXXRecordDecl *Dynamic,
                                                    int Self) {
  const Impl::MemberKey Key{Def, Dynamic, Self};
  if (auto It = P->MemberAccesses.find(Key); It != P->MemberAccesses.end())
    return It->second;
  static const CalleeAccesses Unknown = [] {
    CalleeAccesses U;
    U.Opaque = true;
    return U;
  }();
  static const CalleeAccesses Nothing;
  // A cycle (A calls B calls A): the inner A answers nothing, and every frame
  // above the outermost one of the cycle is partial (SummaryCacheImpl.h).
  auto Depends = [&](unsigned Frame) {
    if (!P->MemberLow.empty())
      P->MemberLow.back() = std::min(P->MemberLow.back(), Frame);
  };
  if (auto It = llvm::find(P->MemberStack, Key); It != P->MemberStack.end()) {
    Depends(static_cast<unsigned>(It - P->MemberStack.begin()));
    return Nothing;
  }
  if (auto It = P->MemberPartial.find(Key); It != P->MemberPartial.end()) {
    Depends(It->second.second);
    return It->second.first;
  }
  if (P->MemberStack.empty())
    P->MemberWalks = 0;
  // Bounded: a class whose members call each other in many ways is Opaque
  // past this many walks for one request (and not memoised as such).
  constexpr unsigned MaxWalks = 2000;
  const ParmVarDecl *SelfParam = Self >= 0 ? Def->getParamDecl(static_cast<unsigned>(Self)) : nullptr;
  if (!Def->getBody() || ++P->MemberWalks > MaxWalks || P->MemberStack.size() > 64)
    return Unknown;
  const auto Frame = static_cast<unsigned>(P->MemberStack.size());
  P->MemberStack.push_back(Key);
  P->MemberLow.push_back(Frame);
  CalleeAccesses Result;
  DeclSet Required;
  // Deep: the helpers (not members of *this) it calls, one level down, for globals.
  Collector C(*this, Def, /*ThisShared=*/true, /*Deep=*/true, Result, Required, /*Members=*/true, Dynamic,
              SelfParam);
  indexParents(Def->getBody(), nullptr, C.Parents);
  for (const Expr *Arg : requiredArgs(*Def))
    if (const ValueDecl *M = C.Reader.mutexOf(Arg))
      Required.insert(M);
  // A constructor's initialisers or a destructor run on an object no other
  // thread can reach: not asked for.
  C.collect(Def->getBody());
  const unsigned Low = P->MemberLow.back();
  P->MemberStack.pop_back();
  P->MemberLow.pop_back();
  if (Low < Frame) { // partial until frame Low ends
    Depends(Low);
    auto &Slot = P->MemberPartial[Key];
    Slot = {std::move(Result), Low};
    return Slot.first;
  }
  for (auto It = P->MemberPartial.begin(); It != P->MemberPartial.end();)
    It = It->second.second >= Frame ? P->MemberPartial.erase(It) : std::next(It);
  return P->MemberAccesses[Key] = std::move(Result);
}

const std::vector<ParamUse> &SummaryCache::paramAccesses(const FunctionDecl *Def, unsigned Param) {
  auto Key = std::make_pair(Def, Param);
  if (auto It = P->ParamUses.find(Key); It != P->ParamUses.end())
    return It->second;
  std::vector<ParamUse> Result;
  const ParmVarDecl *PD = Def->getParamDecl(Param);
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  indexParents(Def->getBody(), nullptr, Parents);
  std::vector<const DeclRefExpr *> Uses;
  std::vector<const Stmt *> Work{Def->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == PD)
      Uses.push_back(DRE);
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  for (const DeclRefExpr *U : Uses) {
    ParamUse Use;
    ThreadReader Reader([&](const Stmt *S) { return Parents.lookup(S); },
                        [&](const ValueDecl *D) { Use.Mentions.push_back(D); },
                        [this](const FunctionDecl *F, unsigned I) { return writesThroughParam(F, I); });
    if (auto A = Reader.accessOf(U, PD, Def->getBody()))
      Use.Access = CalleeAccess{A->Var, A->Write, A->Element, A->Locks};
    Result.push_back(std::move(Use));
  }
  return P->ParamUses[Key] = std::move(Result);
}

} // namespace borrowck
