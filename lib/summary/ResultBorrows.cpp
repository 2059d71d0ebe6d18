// Facet: which inputs a function's result borrows (ast/CalleeSummaries.h).
#include "summary/SummaryCache.h"
#include "summary/SummaryCacheImpl.h"

#include "ast/Calls.h"
#include "ast/Evaluator.h"
#include "model/Attributes.h"
#include "model/StdCalls.h"
#include "model/TypeModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace borrowck {

namespace {

// Flow-insensitive: what the function's returned values borrow from.
void inferFromBody(const FunctionDecl *F, const TypeModel &Model, SummaryCache &Summaries,
                   ResultBorrows &Out) {
  const FunctionDecl *Def = nullptr;
  const Stmt *Body = F->getBody(Def);
  if (!Body || !Def)
    return;
  Evaluator Ev(*Def, Model, Summaries);
  // Assignments to local borrow-holding variables, to follow them.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> Assigned;
  llvm::SmallVector<const Expr *, 4> Returned;
  std::vector<const Stmt *> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *R = dyn_cast<ReturnStmt>(S); R && R->getRetValue())
      Returned.push_back(R->getRetValue());
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
          Assigned[V].push_back(V->getInit());
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Assign)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          Assigned[V].push_back(BO->getRHS());
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  bool Ref = returnsReference(Def);
  llvm::DenseSet<const VarDecl *> Seen;
  std::vector<std::pair<const Expr *, bool>> Todo; // expression, as a borrow
  for (const Expr *E : Returned)
    Todo.push_back({E, Ref});
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *I : Ctor->inits())
      if (const FieldDecl *Field = I->getMember(); Field && Model.holdsBorrow(Field->getType()))
        Todo.push_back({I->getInit(), Field->getType()->isReferenceType()});
  while (!Todo.empty()) {
    auto [E, AsBorrow] = Todo.back();
    Todo.pop_back();
    Sources S = AsBorrow ? Ev.borrowOf(E) : Ev.valueOf(E);
    Out.This |= S.This;
    Out.ThisValue |= S.ThisValue;
    for (const FieldDecl *Fd : S.ThisFields)
      if (llvm::find(Out.ThisFields, Fd) == Out.ThisFields.end())
        Out.ThisFields.push_back(Fd);
    S.Vars.append(S.MaybeVars.begin(), S.MaybeVars.end());
    for (const VarDecl *V : S.Vars) {
      if (const auto *PV = dyn_cast<ParmVarDecl>(V)) {
        if (PV->getDeclContext() == Def && PV->getFunctionScopeIndex() < Out.Params.size())
          Out.Params[PV->getFunctionScopeIndex()] = true;
        continue;
      }
      if (!Seen.insert(V).second)
        continue;
      for (const Expr *A : Assigned.lookup(V))
        Todo.push_back({A, V->getType()->isReferenceType()});
    }
  }
}

} // namespace

const ResultBorrows &SummaryCache::resultBorrows(const FunctionDecl *F, const TypeModel &Model) {
  F = F->getCanonicalDecl();
  auto It = P->Done.find(F);
  if (It != P->Done.end())
    return It->second;
  static const ResultBorrows Empty;
  if (!P->InProgress.insert(F).second)
    return Empty; // recursion: assume nothing
  ResultBorrows S;
  S.Params.assign(F->getNumParams(), false);
  const FunctionDecl *Def = F->getDefinition() ? F->getDefinition() : F;
  for (unsigned I = 0; I < F->getNumParams(); ++I)
    S.Params[I] = paramIsLifetimeBound(F, I);
  S.This = thisIsLifetimeBound(F) || thisIsLifetimeBound(Def);

  QualType R = F->getReturnType();
  bool ResultBorrows = R->isReferenceType() || Model.holdsBorrow(R);
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  StdResultBorrow Std = stdResultBorrow(F);
  if (Std == StdResultBorrow::ReferenceParams) {
    for (unsigned I = 0; I < F->getNumParams(); ++I)
      S.Params[I] = F->getParamDecl(I)->getType()->isReferenceType();
  } else if (Std == StdResultBorrow::FirstParam) {
    if (F->getNumParams() >= 1)
      S.Params[0] = true;
  } else if (Std == StdResultBorrow::Nothing) {
    // unique_ptr::release(): hands ownership over, borrows nothing.
  } else if (MD && !MD->isStatic() && !isa<CXXConstructorDecl>(MD) && ResultBorrows) {
    // Members of std types, views and owners: the result borrows the object
    // (begin(), data(), c_str(), operator[], value(), get(), operator string_view).
    TypeModel::Ownership O =
        Model.ownership(QualType(MD->getASTContext().getCanonicalTypeDeclType(MD->getParent())));
    if (O != TypeModel::Ownership::Value || MD->getParent()->isInStdNamespace())
      S.This = true;
    else if (F->getDefinition() || F->isDefaulted())
      S.Inferred = true;
    else if (R->isReferenceType() || Model.ownership(R) == TypeModel::Ownership::View)
      S.This = !R->isPointerType(); // Rust's elision rule for &self, except raw pointers
  } else if (F->getDefinition() && ResultBorrows) {
    S.Inferred = true;
  } else if (isa<CXXConstructorDecl>(F) && F->getDefinition()) {
    S.Inferred = true;
  }
  if (S.Inferred)
    inferFromBody(F, Model, *this, S);
  P->InProgress.erase(F);
  return P->Done[F] = std::move(S);
}

} // namespace borrowck
