// The move facts of one function: the roots moved anywhere, then each
// occurrence of their places at its CFG element.
#include "factgen/moves/MoveBuilder.h"

namespace borrowck::moves {

bool Builder::buildMoveFacts(const CFG &Graph, FunctionFacts &Out) {
  const CFG *Cfg = &Graph;
  // Pass 1: which roots are moved at all? Only those get places and facts.
  for (const CFGBlock *B : *Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        Elements.insert(S->getStmt());
        const auto *Ex = dyn_cast<Expr>(S->getStmt());
        const Expr *Operand = Ex ? moveOperand(Ex) : nullptr;
        // `std::move(o).m` consumed by a move moves o.m.
        const MemberExpr *Member = Operand ? movedMember(Ex) : nullptr;
        if (!Operand || (!moveConsumer(Ex) && !(Member && moveConsumer(Member))) || unevaluated(Ex))
          continue;
        const Expr *O = strip(Operand);
        while (const auto *ME = dyn_cast<MemberExpr>(O)) {
          if (ME->isArrow() && !isa<CXXThisExpr>(strip(ME->getBase())))
            break;
          O = strip(ME->getBase());
        }
        if (const auto *DRE = dyn_cast<DeclRefExpr>(O)) {
          if (const ValueDecl *VD = localRoot(DRE->getDecl());
              VD && Model.movable(strip(Operand)->getType())) {
            TrackedRoots.insert(VD);
            // `static_cast<Base&&>(o)` (a defaulted move), `Base(std::move(o))`.
            bool Base = baseCastAbove(Ex) != nullptr;
            for (const Expr *I = Operand; !Base && I != DRE;) {
              if (const auto *C = dyn_cast<ImplicitCastExpr>(I)) {
                Base = C->getCastKind() == CK_DerivedToBase || C->getCastKind() == CK_UncheckedDerivedToBase;
                I = C->getSubExpr();
              } else if (const auto *P = dyn_cast<ParenExpr>(I)) {
                I = P->getSubExpr();
              } else {
                break;
              }
            }
            if (Base && strip(Operand) == DRE)
              BaseMovedRoots.insert(VD);
          }
        } else if (isa<CXXThisExpr>(O) && Model.movable(strip(Operand)->getType())) {
          TrackedRoots.insert(nullptr);
        }
      }
  if (TrackedRoots.empty())
    return false;

  // Pass 2: classify every occurrence of a tracked place.
  std::vector<std::pair<const Stmt *, const Stmt *>> ThisReinits; // (element, reinitialiser)
  for (const CFGBlock *B : *Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        if (const auto *This = dyn_cast<CXXThisExpr>(S->getStmt()); This && tracked(nullptr))
          if (const Stmt *R = thisReinit(This))
            ThisReinits.emplace_back(S->getStmt(), R);
        if (auto PK = placeAt(S->getStmt())) {
          auto &[PlaceExpr, Key] = *PK;
          if (unevaluated(PlaceExpr))
            continue;
          // Uses of trivially copyable fields of a moved object keep their value.
          if (!Key.Path.empty() && !Model.movable(PlaceExpr->getType()))
            continue;
          classify(S->getStmt(), PlaceExpr, Key, placeId(Key, PlaceExpr));
        }
      }
  // `*this = ...` and the like give every field a new value.
  for (auto [Element, R] : ThisReinits) {
    std::optional<Span> Where = Spans.range(R->getSourceRange());
    if (!Where)
      continue;
    const Stmt *At = Elements.count(R) ? R : Element;
    for (const auto &[K, Id] : PlaceIds)
      if (!K.Root && K.Path.size() == 1) {
        AtElement[At].push_back(Fact{FactKind::Reinit, UseKind::Borrow, Id, *Where, {}});
        ExprAt[At].push_back(nullptr);
      }
  }
  orderArguments();

  // Pass 3: lay the facts out per block, in element order.
  // A branch on `p` / `p != nullptr` for a smart pointer: on the non-null
  // side p holds a value again, so it cannot be the moved-from one.
  for (const CFGBlock *B : *Cfg) {
    const Expr *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    if (!Cond || B->succ_size() != 2)
      continue;
    auto Test = nullTest(Cond);
    if (!Test)
      continue;
    const CFGBlock *NonNull = *(B->succ_begin() + (Test->second ? 0 : 1));
    if (NonNull)
      Out.EdgeFacts[{B->getBlockID(), NonNull->getBlockID()}].push_back(
          Fact{FactKind::Reinit, UseKind::Borrow, Test->first, Span{}, {}});
  }
  addThrowEdges(*Cfg, Out);
  for (const CFGBlock *B : *Cfg) {
    unsigned Id = B->getBlockID();
    // A handler's exception declaration is initialised each time it is entered.
    if (const auto *Catch = dyn_cast_or_null<CXXCatchStmt>(B->getLabel()))
      if (const VarDecl *VD = Catch->getExceptionDecl(); VD && tracked(VD)) {
        PlaceKey K;
        K.Root = VD;
        if (auto It = PlaceIds.find(K); It != PlaceIds.end())
          Out.Blocks[Id].push_back(Fact{FactKind::Init, UseKind::Borrow, It->second, Span{}, {}});
      }
    for (const CFGElement &E : *B) {
      auto S = E.getAs<CFGStmt>();
      if (!S)
        continue;
      const Stmt *St = S->getStmt();
      if (const auto *DS = dyn_cast<DeclStmt>(St))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D)) {
            llvm::SmallVector<const ValueDecl *, 4> Roots{VD};
            if (const auto *DD = dyn_cast<DecompositionDecl>(VD))
              for (const BindingDecl *BD : DD->bindings())
                Roots.push_back(BD);
            for (const ValueDecl *Root : Roots) {
              if (!tracked(Root))
                continue;
              PlaceKey K;
              K.Root = Root;
              auto It = PlaceIds.find(K);
              if (It != PlaceIds.end())
                Out.Blocks[Id].push_back(
                    Fact{FactKind::Init, UseKind::Borrow, It->second, Span{}, {}});
            }
          }
      auto It = AtElement.find(St);
      if (It == AtElement.end())
        continue;
      // At one consumer, uses first, then moves, then reinitialisations:
      // `s = std::move(s)` leaves s assigned. A copy of another argument's
      // move (Unsequenced) comes before the use it may precede.
      auto Rank = [](const Fact &A) {
        return A.Unsequenced ? 0 : A.Kind == FactKind::Use ? 1 : A.Kind == FactKind::Move ? 2 : 3;
      };
      std::stable_sort(It->second.begin(), It->second.end(),
                       [&](const Fact &A, const Fact &B) { return Rank(A) < Rank(B); });
      for (Fact &F : It->second)
        Out.Blocks[Id].push_back(F);
    }
  }
  Out.Places = std::move(Places);
  return true;
}

} // namespace borrowck::moves
