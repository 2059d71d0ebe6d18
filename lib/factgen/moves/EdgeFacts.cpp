// Facts on edges: the non-null side of a null test of a smart pointer, and
// edges from try bodies to their handlers.
#include "factgen/moves/MoveBuilder.h"

namespace borrowck::moves {

// Clang's CFG (without AddEHEdges, which would split every block at each call
// and add an edge to the exit from each, for the loan analysis too) leaves the
// handlers unreachable. For the move analysis, let every block of a try body,
// and every block entering one, reach the try's dispatch block: a move in the
// try body may reach a use in a handler, at best "possibly".
void Builder::addThrowEdges(const CFG &Cfg, FunctionFacts &Out) const {
  llvm::DenseMap<const CXXTryStmt *, unsigned> Dispatch;
  for (const CFGBlock *B : Cfg)
    if (const auto *T = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt()))
      Dispatch[T] = B->getBlockID();
  if (Dispatch.empty())
    return;
  FlowGraph G = Out.Graph;
  auto AddEdge = [&](unsigned From, unsigned To) {
    if (!llvm::is_contained(G.Succs[From], To)) {
      G.Succs[From].push_back(To);
      G.Preds[To].push_back(From);
    }
  };
  for (const CFGBlock *B : Cfg) {
    const CXXTryStmt *T = nullptr;
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if ((T = enclosingTry(S->getStmt())))
          break;
    if (!T && B->getTerminatorStmt())
      T = enclosingTry(B->getTerminatorStmt());
    auto It = T ? Dispatch.find(T) : Dispatch.end();
    if (It == Dispatch.end())
      continue;
    AddEdge(B->getBlockID(), It->second);
    Out.ThrowEdges.insert({B->getBlockID(), It->second});
    for (const CFGBlock::AdjacentBlock &P : B->preds())
      if (const CFGBlock *PB = P.getReachableBlock())
        AddEdge(PB->getBlockID(), It->second);
  }
  Out.MoveGraph = std::move(G);
}

std::optional<std::pair<PlaceId, bool>> Builder::nullTest(const Expr *Cond) {
  const Expr *E = Cond->IgnoreParenImpCasts();
  // static_cast<bool>(p), bool(p), (bool)p: the same test as `if (p)`
  // (assert(p) expands to static_cast<bool>(p) ? ... : __assert_fail(...)).
  while (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
    if (!Cast->getType()->isBooleanType())
      break;
    E = Cast->getSubExpr()->IgnoreParenImpCasts();
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
    auto R = nullTest(UO->getSubExpr());
    if (R)
      R->second = !R->second;
    return R;
  }
  const Expr *Object = nullptr;
  bool NonNullWhenTrue = true;
  auto IsNull = [](const Expr *X) {
    X = X->IgnoreParenImpCasts();
    return isa<CXXNullPtrLiteralExpr>(X) || isa<GNUNullExpr>(X) ||
           (isa<IntegerLiteral>(X) && cast<IntegerLiteral>(X)->getValue() == 0);
  };
  auto Compare = [&](const Expr *L, const Expr *R, bool Eq) {
    if (IsNull(R))
      Object = L;
    else if (IsNull(L))
      Object = R;
    NonNullWhenTrue = !Eq;
  };
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    if (const auto *MD = MC->getMethodDecl(); MD && Model.methodEffect(MD) == MethodEffect::NullCheck)
      Object = MC->getImplicitObjectArgument();
  } else if (const auto *RW = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    // C++20 rewrites p != nullptr as !(p == nullptr).
    auto D = RW->getDecomposedForm();
    if (D.Opcode == BO_EQ || D.Opcode == BO_NE)
      Compare(D.LHS, D.RHS, D.Opcode == BO_EQ);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isEqualityOp()) {
    Compare(BO->getLHS(), BO->getRHS(), BO->getOpcode() == BO_EQ);
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
             OC && OC->getNumArgs() == 2 &&
             (OC->getOperator() == OO_EqualEqual || OC->getOperator() == OO_ExclaimEqual)) {
    Compare(OC->getArg(0), OC->getArg(1), OC->getOperator() == OO_EqualEqual);
  }
  if (!Object)
    return std::nullopt;
  // p.get() == nullptr tests p.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Object->IgnoreParenImpCasts()))
    if (const auto *MD = MC->getMethodDecl(); MD && Model.methodEffect(MD) == MethodEffect::NullCheck)
      Object = MC->getImplicitObjectArgument();
  Object = Object->IgnoreParenImpCasts();
  const Expr *Start = Object;
  while (const auto *ME = dyn_cast<MemberExpr>(Start))
    Start = ME->getBase()->IgnoreParenImpCasts();
  auto PK = placeAt(Start);
  if (!PK || PK->first->IgnoreParenImpCasts() != Object)
    return std::nullopt;
  auto It = PlaceIds.find(PK->second);
  if (It == PlaceIds.end() || Places[It->second].Kind != ValueKind::SmartPointer)
    return std::nullopt;
  return std::make_pair(It->second, NonNullWhenTrue);
}

} // namespace borrowck::moves
