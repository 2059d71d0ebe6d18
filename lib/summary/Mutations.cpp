// Facet: what a function defined in the translation unit does to the
// containers its non-const reference parameters refer to (the strongest
// invalidation among its member calls on them, directly or through helpers).
#include "summary/SummaryCache.h"
#include "summary/SummaryCacheImpl.h"
#include "summary/Mutations.h"

#include "ast/Wrappers.h"

#include "model/TypeModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace borrowck {

// The strongest invalidation of the container D that Body performs: member
// calls on it, and helpers it is passed to by non-const reference. Lambdas
// nested in Body run later, if ever: not counted.
SummaryCache::Mutation scanMutations(const Stmt *Body, const VarDecl *D, const TypeModel &Model,
                                          SummaryCache &Summaries) {
  SummaryCache::Mutation Best;
  auto Consider = [&](TypeModel::Invalidation W, llvm::StringRef Method) {
    if (TypeModel::strength(W) > TypeModel::strength(static_cast<TypeModel::Invalidation>(Best.What))) {
      Best.What = static_cast<uint8_t>(W);
      Best.Method = Method.str();
    }
  };
  std::vector<const Stmt *> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr>(S))
      continue;
    for (const Stmt *C : S->children())
      Work.push_back(C);
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      continue;
    const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
    if (!F)
      continue;
    const auto *MD = dyn_cast<CXXMethodDecl>(F);
    const Expr *Obj = nullptr;
    unsigned First = 0;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      Obj = MC->getImplicitObjectArgument();
    else if (MD && isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() >= 1 && MD->isImplicitObjectMemberFunction()) {
      Obj = Call->getArg(0);
      First = 1;
    }
    if (MD && Obj && referencedVar(Obj) == D) {
      TypeModel::Invalidation W = Model.invalidation(MD);
      Consider(W, MD->getOverloadedOperator() == OO_PlusEqual ? "operator+="
                  : MD->getOverloadedOperator() == OO_Equal   ? "operator="
                  : MD->getOverloadedOperator() == OO_Subscript ? "operator[]"
                  : MD->getIdentifier()                       ? MD->getName()
                                                              : "");
    }
    if (!F->getDefinition() || (MD && MD->getParent()->isInStdNamespace()) || F->isInStdNamespace())
      continue;
    const std::vector<SummaryCache::Mutation> &Sub = Summaries.mutations(F, Model);
    for (unsigned I = First; I < Call->getNumArgs(); ++I)
      if (referencedVar(Call->getArg(I)) == D && I - First < Sub.size() && Sub[I - First].What)
        Consider(static_cast<TypeModel::Invalidation>(Sub[I - First].What), Sub[I - First].Method);
  }
  return Best;
}

const std::vector<SummaryCache::Mutation> &
SummaryCache::mutations(const FunctionDecl *F, const TypeModel &Model) {
  F = F->getCanonicalDecl();
  if (auto It = P->Mutations.find(F); It != P->Mutations.end())
    return It->second;
  static const std::vector<Mutation> None;
  const FunctionDecl *Def = nullptr;
  const Stmt *Body = F->getBody(Def);
  if (!Body || !Def)
    return None;
  P->Mutations[F].resize(F->getNumParams()); // recursion sees no mutation yet
  std::vector<Mutation> Out(F->getNumParams());
  for (unsigned I = 0; I < Def->getNumParams(); ++I) {
    const ParmVarDecl *PV = Def->getParamDecl(I);
    QualType T = PV->getType();
    if (!T->isLValueReferenceType() || T->getPointeeType().isConstQualified() ||
        Model.ownership(T->getPointeeType()) != TypeModel::Ownership::Owner)
      continue;
    Out[I] = scanMutations(Body, PV, Model, *this);
  }
  return P->Mutations[F] = std::move(Out);
}


} // namespace borrowck
