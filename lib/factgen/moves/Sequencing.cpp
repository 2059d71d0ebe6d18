// The order of a call's arguments. C++ evaluates the arguments of a call (and
// of a constructor called with parentheses) in an unspecified order, so in
//   h(std::move(a), a.size());   f(a.get(), std::move(a));
// `a` may or may not be moved when the other argument reads it: a possible use
// after move, whichever argument is written first. The move itself has
// happened by the time the callee runs, so a use the callee makes, through the
// object of a member call or a reference parameter, follows it:
//   a.bar(consume(std::move(a)));   g(std::move(a), a)  // g(A, const A&)
// is a definite use after move. Braced initialisers are evaluated left to
// right and are left as they are.
#include "factgen/moves/MoveBuilder.h"

#include <set>

namespace borrowck::moves {
namespace {

constexpr int ObjectArg = -1; // the object of a member call, or a call operator's callee

// A call whose arguments are evaluated in an unspecified order.
bool unsequencedArguments(const Stmt *S) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    return !CE->isListInitialization() && !CE->isStdInitListInitialization() && CE->getNumArgs() > 1;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S))
    return OC->getOperator() == OO_Call;
  return isa<CallExpr>(S) && !isa<CUDAKernelCallExpr>(S);
}

// Which argument of the call Call the direct child Child is.
std::optional<int> argumentIndex(const Stmt *Call, const Stmt *Child) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (CE->getArg(I) == Child)
        return static_cast<int>(I);
    return std::nullopt;
  }
  const auto *CE = cast<CallExpr>(Call);
  if (CE->getCallee() == Child)
    return ObjectArg;
  unsigned First = 0;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE); OC && OC->getOperator() == OO_Call) {
    if (CE->getNumArgs() && CE->getArg(0) == Child)
      return ObjectArg;
    First = 1;
  }
  for (unsigned I = First; I < CE->getNumArgs(); ++I)
    if (CE->getArg(I) == Child)
      return static_cast<int>(I);
  return std::nullopt;
}

} // namespace

void Builder::orderArguments() {
  // The calls around S, innermost first, with the argument S is in; up to the
  // statement, never into a lambda's body.
  auto Around = [&](const Stmt *S) {
    llvm::SmallVector<std::pair<const Stmt *, int>, 4> Out;
    for (const Stmt *Child = S, *P = parentOf(S); P && isa<Expr>(P) && !isa<LambdaExpr>(P);
         Child = P, P = parentOf(P))
      if (unsequencedArguments(P))
        if (auto I = argumentIndex(P, Child))
          Out.emplace_back(P, *I);
    return Out;
  };
  auto Related = [&](PlaceId A, PlaceId B) {
    auto Under = [&](PlaceId X, PlaceId Up) {
      for (; X != NoPlace; X = Places[X].Parent)
        if (X == Up)
          return true;
      return false;
    };
    return Under(A, B) || Under(B, A);
  };

  struct At {
    const Stmt *Element;
    size_t Index;
  };
  std::vector<At> MovesAt, UsesAt;
  for (auto &[Element, Facts] : AtElement)
    for (size_t I = 0; I < Facts.size(); ++I) {
      if (Facts[I].Kind == FactKind::Move)
        MovesAt.push_back({Element, I});
      else if (Facts[I].Kind == FactKind::Use && ExprAt[Element][I])
        UsesAt.push_back({Element, I});
    }
  if (MovesAt.empty() || UsesAt.empty())
    return;

  struct Relocation {
    At From;
    const Stmt *To;
  };
  std::vector<Relocation> Relocations;
  std::vector<std::pair<At, Fact>> Copies; // an unsequenced copy of a move, before a use
  std::set<std::pair<const Stmt *, size_t>> RelocatedUses, RelocatedMoves;
  for (const At &M : MovesAt) {
    // The move takes effect at its consumer, inside an argument of the call.
    auto MoveCalls = Around(M.Element);
    if (MoveCalls.empty())
      continue;
    const Fact MF = AtElement[M.Element][M.Index];
    for (const At &U : UsesAt) {
      const Fact &UF = AtElement[U.Element][U.Index];
      const Expr *UE = ExprAt[U.Element][U.Index];
      if (!Related(MF.Place, UF.Place))
        continue;
      auto UseCalls = Around(UE);
      for (auto [Call, MI] : MoveCalls) {
        auto It = llvm::find_if(UseCalls, [&](auto &C) { return C.first == Call; });
        if (It == UseCalls.end() || It->second == MI || !Elements.count(Call))
          continue;
        int UI = It->second;
        if (MI == ObjectArg)
          break; // `std::move(a).f(a.size())`: the object is evaluated first, and only named
        // What the callee itself sees: its object, or what a reference parameter binds.
        bool AtCall = UI == ObjectArg;
        if (!AtCall) {
          const Expr *Arg = isa<CXXConstructExpr>(Call) ? cast<CXXConstructExpr>(Call)->getArg(UI)
                                                        : cast<CallExpr>(Call)->getArg(UI);
          const ParmVarDecl *Param = paramFor(cast<Expr>(Call), Arg);
          AtCall = Param && Param->getType()->isReferenceType() && strip(Arg) == UE;
        }
        if (AtCall) {
          if (U.Element != Call && RelocatedUses.insert({U.Element, U.Index}).second)
            Relocations.push_back({U, Call});
        } else {
          Fact Copy = MF;
          Copy.Unsequenced = true;
          Copies.push_back({U, Copy});
          if (M.Element != Call && RelocatedMoves.insert({M.Element, M.Index}).second)
            Relocations.push_back({M, Call});
        }
        break; // the innermost call both are arguments of decides
      }
    }
  }

  // Copies first (they insert before a use), then relocations, which remove
  // facts: both by descending index so earlier indices stay valid.
  std::stable_sort(Copies.begin(), Copies.end(), [](const auto &A, const auto &B) {
    return A.first.Element < B.first.Element ||
           (A.first.Element == B.first.Element && A.first.Index > B.first.Index);
  });
  for (auto &[U, Copy] : Copies) {
    auto &Facts = AtElement[U.Element];
    auto &Exprs = ExprAt[U.Element];
    Facts.insert(Facts.begin() + U.Index, Copy);
    Exprs.insert(Exprs.begin() + U.Index, nullptr);
    for (Relocation &R : Relocations)
      if (R.From.Element == U.Element && R.From.Index >= U.Index)
        ++R.From.Index;
  }
  std::stable_sort(Relocations.begin(), Relocations.end(), [](const Relocation &A, const Relocation &B) {
    return A.From.Element < B.From.Element ||
           (A.From.Element == B.From.Element && A.From.Index > B.From.Index);
  });
  for (const Relocation &R : Relocations) {
    auto &Facts = AtElement[R.From.Element];
    auto &Exprs = ExprAt[R.From.Element];
    Fact F = Facts[R.From.Index];
    const Expr *E = Exprs[R.From.Index];
    Facts.erase(Facts.begin() + R.From.Index);
    Exprs.erase(Exprs.begin() + R.From.Index);
    AtElement[R.To].push_back(std::move(F));
    ExprAt[R.To].push_back(E);
  }
}

} // namespace borrowck::moves
