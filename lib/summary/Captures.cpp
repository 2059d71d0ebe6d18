// Facet: where a function keeps the borrows of its arguments, from
// [[clang::lifetime_capture_by(X)]] (model/Attributes.h reads it), or, for a
// member function without the attribute, inferred from its body: a member
// that stores a borrow of a parameter in a field of *this (`text_ = &s;`,
// `view_ = sv;`, `items_.push_back(&s);`) captures it by `this`.
#include "summary/SummaryCache.h"
#include "summary/SummaryCacheImpl.h"

#include "ast/Wrappers.h"
#include "model/TypeModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace borrowck {

namespace {

// A type that holds a borrow by itself: a pointer, or a view by the type
// model (std::string_view, std::span, [[gsl::Pointer]], configured views).
bool borrowType(QualType T, const TypeModel &Model) {
  T = T.getNonReferenceType();
  return T->isPointerType() || (T->isRecordType() && Model.ownership(T) == TypeModel::Ownership::View);
}

// The field of *this E designates (`text_`, `this->text_`).
const FieldDecl *thisField(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(skipWrappers(E)->IgnoreParenImpCasts());
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(ME->getMemberDecl());
}

// The parameter whose borrow E hands on: `&p` of a reference parameter, or
// the value of a pointer or view parameter (`p`, `std::string_view(p)`).
const ParmVarDecl *borrowedParam(const Expr *E, const TypeModel &Model) {
  E = skipCopies(E);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
      CE && CE->getNumArgs() == 1 && borrowType(CE->getType(), Model))
    E = skipCopies(CE->getArg(0)); // std::string_view(s)
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
    const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts());
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    return P && P->getType()->isReferenceType() ? P : nullptr;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  return P && !P->getType()->isReferenceType() && borrowType(P->getType(), Model) ? P : nullptr;
}

struct Store {
  const FieldDecl *Field = nullptr;
  bool Always = false; // a statement of the body itself, on every path
};

// Where Body stores a borrow of P in a field of *this.
void findStores(const Stmt *S, const ParmVarDecl *P, bool TopLevel, const TypeModel &Model,
                std::vector<Store> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  const Expr *E = dyn_cast<Expr>(S);
  if (E)
    E = skipWrappers(E);
  if (const auto *BO = E ? dyn_cast<BinaryOperator>(E) : nullptr; BO && BO->getOpcode() == BO_Assign) {
    if (const FieldDecl *Fd = thisField(BO->getLHS()); Fd && borrowType(Fd->getType(), Model) && borrowedParam(BO->getRHS(), Model) == P)
      Out.push_back({Fd, TopLevel});
  } else if (const auto *OC = E ? dyn_cast<CXXOperatorCallExpr>(E) : nullptr;
             OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
    if (const FieldDecl *Fd = thisField(OC->getArg(0)); Fd && borrowType(Fd->getType(), Model) && borrowedParam(OC->getArg(1), Model) == P)
      Out.push_back({Fd, TopLevel});
  } else if (const auto *MC = E ? dyn_cast<CXXMemberCallExpr>(E) : nullptr) {
    // `items_.push_back(&s)`: a container field of *this keeps it.
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const FieldDecl *Fd = thisField(MC->getImplicitObjectArgument());
    if (Fd && MD && MD->getIdentifier() &&
        llvm::StringSwitch<bool>(MD->getName())
            .Cases({"push_back", "emplace_back", "push_front", "emplace_front", "insert", "emplace", "push"}, true)
            .Default(false))
      for (const Expr *A : MC->arguments())
        if (borrowedParam(A, Model) == P) {
          Out.push_back({Fd, false}); // adds to what it keeps
          break;
        }
  }
  const bool Compound = isa<CompoundStmt>(S);
  for (const Stmt *C : S->children())
    findStores(C, P, TopLevel && Compound, Model, Out);
}

// Does any member of the class write Fd other than by storing a parameter's
// borrow: `cur_ = nullptr`, `ls_.erase(...)`, `ls_.clear()`? Then the object
// can let go of the borrow (`detach()`, a reset at the end of the member), which
// calls are not followed into: no capture is inferred.
bool releasedSomewhere(const CXXRecordDecl *RD, const FieldDecl *Fd, const TypeModel &Model) {
  std::vector<const Stmt *> Work;
  for (const CXXMethodDecl *M : RD->methods())
    if (const FunctionDecl *Def = M->getDefinition(); Def && Def->hasBody())
      Work.push_back(Def->getBody());
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    for (const Stmt *C : S->children())
      Work.push_back(C);
    const auto *E = dyn_cast<Expr>(S);
    if (!E)
      continue;
    auto StoresParam = [&](const Expr *RHS) { return borrowedParam(RHS, Model) != nullptr; };
    if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isAssignmentOp() && thisField(BO->getLHS()) == Fd &&
                                                      !StoresParam(BO->getRHS()))
      return true;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E); OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
                                                          thisField(OC->getArg(0)) == Fd && !StoresParam(OC->getArg(1)))
      return true;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E); MC && thisField(MC->getImplicitObjectArgument()) == Fd) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (MD && MD->getIdentifier() &&
          llvm::StringSwitch<bool>(MD->getName())
              .Cases({"erase", "clear", "pop_back", "pop_front", "pop", "remove", "remove_if", "resize",
                      "swap", "assign", "extract", "reset"},
                     true)
              .Default(false))
        return true;
    }
    // std::erase(ls_, l), std::erase_if, or the field handed to any other function by reference.
    if (const auto *CE = dyn_cast<CallExpr>(E); CE && !isa<CXXMemberCallExpr>(CE) && !isa<CXXOperatorCallExpr>(CE))
      for (const Expr *A : CE->arguments())
        if (thisField(A) == Fd)
          return true;
  }
  return false;
}

std::vector<CaptureTarget> inferredCaptures(const FunctionDecl *F, unsigned I, const TypeModel &Model) {
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  const FunctionDecl *Def = F->getDefinition();
  if (!MD || !MD->isImplicitObjectMemberFunction() || isa<CXXConstructorDecl>(MD) || !Def || !Def->hasBody() ||
      MD->getParent()->isLambda() || MD->getParent()->isInStdNamespace() ||
      Def->getASTContext().getSourceManager().isInSystemHeader(Def->getLocation()) ||
      I >= Def->getNumParams())
    return {};
  const ParmVarDecl *P = Def->getParamDecl(I);
  if (!P->getType()->isReferenceType() && !borrowType(P->getType(), Model))
    return {};
  std::vector<Store> Stores;
  findStores(Def->getBody(), P, /*TopLevel=*/true, Model, Stores);
  if (Stores.empty() || releasedSomewhere(MD->getParent(), Stores.front().Field, Model))
    return {};
  CaptureTarget T{CaptureTarget::This, 0};
  T.Inferred = true;
  T.Field = Stores.front().Field;
  // Overwritten on every path, and the object keeps borrows nowhere else.
  unsigned BorrowFields = 0;
  for (const FieldDecl *Fd : MD->getParent()->fields())
    BorrowFields += Fd->getType()->isReferenceType() || Model.holdsBorrow(Fd->getType());
  T.Replaces = Stores.size() == 1 && Stores.front().Always && BorrowFields == 1 &&
               MD->getParent()->getNumBases() == 0; // a base may hold borrows too
  return {T};
}

} // namespace

const std::vector<std::vector<CaptureTarget>> &SummaryCache::captures(const clang::FunctionDecl *F,
                                                                     const TypeModel &Model) {
  F = F->getCanonicalDecl();
  auto [It, New] = P->Captures.try_emplace(F);
  if (New) {
    It->second.resize(F->getNumParams());
    for (unsigned I = 0; I < F->getNumParams(); ++I) {
      It->second[I] = captureTargets(F, I);
      if (It->second[I].empty())
        It->second[I] = inferredCaptures(F, I, Model);
    }
  }
  return It->second;
}

} // namespace borrowck
