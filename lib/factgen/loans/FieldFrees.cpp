// Loan facts: the pointee of a raw-pointer field of a local object that a
// member function frees (summary/Frees.h). `File f; f.close(); f.read();`:
// close() deletes f.buf_, read() reads through it. Each such (object, field)
// gets an origin "f.buf_" holding a loan of the storage it points to, issued
// where f is declared; a member call that frees the field frees that storage,
// one that reads through it uses it, the destructor at f's end frees it
// again, and a member that assigns the field gives it a new object. Only
// frees on every path through the member count (a flag-guarded `close()` or
// destructor is not reported): a possible miss, never a false alarm.
#include "factgen/loans/LoanFactBuilder.h"
#include "ast/FunctionName.h"

using namespace clang;

namespace borrowck {

namespace {

// The local object (not a reference, not static) a member is called on: `f.close()`.
const VarDecl *localObject(const Expr *Obj) {
  const auto *DRE = Obj ? dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()) : nullptr;
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || V->isStaticLocal() || V->getType()->isReferenceType() ||
      isa<ParmVarDecl>(V) || !V->getType()->getAsCXXRecordDecl() || DRE->refersToEnclosingVariableOrCapture())
    return nullptr;
  return V;
}

const FunctionDecl *definition(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || F->isInStdNamespace() || F->getDeclContext()->isStdNamespace() ||
      Def->getASTContext().getSourceManager().isInSystemHeader(Def->getLocation()))
    return nullptr;
  return Def;
}

} // namespace

const std::set<const FieldDecl *> *LoanFactBuilder::freedFields(const VarDecl *V) {
  if (!FieldFreesScanned) {
    FieldFreesScanned = true;
    llvm::SmallVector<const Stmt *, 64> Todo{FD.getBody()};
    while (!Todo.empty()) {
      const Stmt *S = Todo.pop_back_val();
      if (!S)
        continue;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
        if (const VarDecl *O = localObject(MC->getImplicitObjectArgument()))
          if (const FunctionDecl *Def = definition(MC->getMethodDecl()))
            for (const auto &[F, Of] : Summaries.frees(Def).Fields)
              if (Of.How == FreeHow::Always)
                FreedFields[O].insert(F);
      for (const Stmt *C : S->children())
        Todo.push_back(C);
    }
  }
  auto It = FreedFields.find(V);
  return It == FreedFields.end() ? nullptr : &It->second;
}

OriginId LoanFactBuilder::fieldOrigin(const VarDecl *V, const FieldDecl *F) {
  auto Key = std::make_pair(V, F);
  if (auto It = FieldOrigins.find(Key); It != FieldOrigins.end())
    return It->second;
  Origin O;
  O.Name = variableName(*V) + "." + F->getNameAsString();
  OriginId Id = static_cast<OriginId>(Out.Origins.size());
  Out.Origins.push_back(std::move(O));
  EscapeStores.emplace_back();
  return FieldOrigins[Key] = Id;
}

// A new object in V.F, made at Site (V's declaration, or a member assigning F).
void LoanFactBuilder::newFieldPointee(uint32_t Block, const VarDecl *V, const FieldDecl *F, const Stmt *Site) {
  auto Key = std::make_tuple(V, F, Site);
  StorageId St;
  if (auto It = FieldStorages.find(Key); It != FieldStorages.end()) {
    St = It->second;
  } else {
    Storage S;
    S.Kind = StorageKind::Pointee;
    S.Name = variableName(*V) + "." + F->getNameAsString();
    S.Declared = Spans.range(Site->getSourceRange());
    St = static_cast<StorageId>(Out.Storages.size());
    Out.Storages.push_back(std::move(S));
    FieldStorages[Key] = St;
  }
  LoanId L;
  if (auto It = FieldLoans.find(Key); It != FieldLoans.end()) {
    L = It->second;
  } else {
    std::optional<Span> At = Spans.range(Site->getSourceRange());
    if (!At)
      return;
    L = static_cast<LoanId>(Out.Loans.size());
    Out.Loans.push_back(Loan{St, *At});
    FieldLoans[Key] = L;
  }
  LoanFact Fl{LoanFactKind::Flow};
  Fl.Dst = fieldOrigin(V, F);
  Fl.Kill = true;
  Fl.Loans.push_back(L);
  if (auto W = Spans.range(Site->getSourceRange()))
    Fl.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(Fl));
}

void LoanFactBuilder::declareFieldPointees(uint32_t Block, const VarDecl *V, const Stmt *Decl) {
  if (const auto *Fields = freedFields(V))
    for (const FieldDecl *F : *Fields)
      newFieldPointee(Block, V, F, Decl);
}

// What a member (or the destructor, at Where) does to the tracked fields of V.
void LoanFactBuilder::fieldEffects(uint32_t Block, const VarDecl *V, const FunctionDecl *Member, const Stmt *Site,
                                   std::optional<Span> Where) {
  const auto *Fields = freedFields(V);
  const FunctionDecl *Def = definition(Member);
  if (!Fields || !Def)
    return;
  const FreeSummary &Sum = Summaries.frees(Def);
  for (const FieldDecl *F : *Fields) {
    const OriginId O = fieldOrigin(V, F);
    if (Sum.ReadsThrough.count(F)) {
      LoanFact U{LoanFactKind::Use};
      U.Dst = O;
      if (Where)
        U.Where = *Where;
      Out.LoanBlocks[Block].push_back(std::move(U));
    }
    auto It = Sum.Fields.find(F);
    if (It == Sum.Fields.end())
      continue;
    if (It->second.How == FreeHow::Always) {
      LoanFact Fr{LoanFactKind::Free};
      Fr.Srcs.push_back(O);
      Fr.Name = Out.Origins[O].Name;
      Fr.Inner = Def->getQualifiedNameAsString();
      if (Where)
        Fr.Where = *Where;
      Out.LoanBlocks[Block].push_back(std::move(Fr));
    }
    if (It->second.Resets)
      newFieldPointee(Block, V, F, Site);
  }
}

void LoanFactBuilder::memberCallOnLocal(uint32_t Block, const CXXMemberCallExpr *MC) {
  if (const VarDecl *V = localObject(MC->getImplicitObjectArgument()); V && MC->getMethodDecl())
    fieldEffects(Block, V, MC->getMethodDecl(), MC, Spans.range(MC->getSourceRange()));
}

void LoanFactBuilder::destroyLocal(uint32_t Block, const VarDecl *V, std::optional<Span> Where) {
  if (!freedFields(V))
    return;
  if (const CXXRecordDecl *RD = V->getType()->getAsCXXRecordDecl(); RD && RD->getDestructor())
    fieldEffects(Block, V, RD->getDestructor(), nullptr, Where);
}

// `*f.buf_`, `f.buf_[i]`, `f.buf_->n` in this function: a use of the pointee.
void LoanFactBuilder::fieldUse(uint32_t Block, const MemberExpr *ME) {
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  const VarDecl *V = ME->isArrow() ? nullptr : localObject(ME->getBase());
  if (!F || !V)
    return;
  auto It = FieldOrigins.find({V, F});
  if (It == FieldOrigins.end())
    return;
  const Stmt *Child;
  const Stmt *P = Parents.semanticParent(ME, Child);
  const bool Through = (isa_and_nonnull<UnaryOperator>(P) && cast<UnaryOperator>(P)->getOpcode() == UO_Deref) ||
                       (isa_and_nonnull<ArraySubscriptExpr>(P) && cast<ArraySubscriptExpr>(P)->getBase() == Child) ||
                       (isa_and_nonnull<MemberExpr>(P) && cast<MemberExpr>(P)->isArrow());
  if (!Through)
    return;
  LoanFact U{LoanFactKind::Use};
  U.Dst = It->second;
  if (auto W = Spans.range(ME->getSourceRange()))
    U.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(U));
}

} // namespace borrowck
