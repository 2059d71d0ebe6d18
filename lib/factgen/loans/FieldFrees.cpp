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
#include "ast/Elements.h"
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

// The fields a class's destructor frees on every path.
std::set<const FieldDecl *> destructorFrees(SummaryCache &Summaries, const CXXRecordDecl *RD) {
  std::set<const FieldDecl *> Out;
  if (const CXXDestructorDecl *D = RD ? RD->getDestructor() : nullptr)
    for (const auto &[F, Of] : Summaries.frees(D).Fields)
      if (Of.How == FreeHow::Always)
        Out.insert(F);
  return Out;
}

// A compiler-written copy or move (constructor or assignment) of a class: it
// copies raw pointers member-wise. "copy constructor", ... or empty.
std::string implicitCopy(const CXXMethodDecl *M) {
  if (!M || M->isUserProvided() || M->isDeleted())
    return "";
  if (const auto *C = dyn_cast<CXXConstructorDecl>(M))
    return C->isCopyConstructor() ? "copy constructor" : C->isMoveConstructor() ? "move constructor" : "";
  return M->isCopyAssignmentOperator() ? "copy assignment"
         : M->isMoveAssignmentOperator() ? "move assignment" : "";
}

// `a`, `std::move(a)`: the local object copied from.
const VarDecl *copiedLocal(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
                                               Call->getDirectCallee()->isInStdNamespace() &&
                                               Call->getDirectCallee()->getIdentifier() &&
                                               Call->getDirectCallee()->getName() == "move")
    E = Call->getArg(0)->IgnoreParenImpCasts();
  return localObject(E);
}

} // namespace

std::optional<LoanFactBuilder::FieldCopy> LoanFactBuilder::copyOf(const Stmt *S) {
  const CXXMethodDecl *M = nullptr;
  const VarDecl *To = nullptr, *From = nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(S); DS && DS->isSingleDecl()) {
    const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
    const Expr *Init = V && V->getInit() ? V->getInit()->IgnoreImplicit() : nullptr;
    const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Init);
    if (CE && CE->getNumArgs() == 1 && V->hasLocalStorage() && !V->isStaticLocal() &&
        !V->getType()->isReferenceType()) {
      M = CE->getConstructor();
      To = V;
      From = copiedLocal(CE->getArg(0));
    }
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S); OC && OC->getOperator() == OO_Equal &&
                                                              OC->getNumArgs() == 2) {
    M = dyn_cast_or_null<CXXMethodDecl>(OC->getCalleeDecl());
    To = localObject(OC->getArg(0));
    From = copiedLocal(OC->getArg(1));
  }
  std::string How = implicitCopy(M);
  if (How.empty() || !To || !From || To == From)
    return std::nullopt;
  std::set<const FieldDecl *> Fields = destructorFrees(Summaries, M->getParent());
  for (auto It = Fields.begin(); It != Fields.end();)
    It = (*It)->getType()->isPointerType() ? std::next(It) : Fields.erase(It);
  if (Fields.empty())
    return std::nullopt;
  return FieldCopy{To, From, std::move(How), M->getParent()->getNameAsString(), std::move(Fields)};
}

const std::set<const FieldDecl *> *LoanFactBuilder::freedFields(const VarDecl *V) {
  if (!FieldFreesScanned) {
    FieldFreesScanned = true;
    llvm::SmallVector<const Stmt *, 64> Todo{FD.getBody()};
    while (!Todo.empty()) {
      const Stmt *S = Todo.pop_back_val();
      if (!S)
        continue;
      if (auto C = copyOf(S))
        for (const FieldDecl *F : C->Fields) { // two owners: both destructors free
          FreedFields[C->To].insert(F);
          FreedFields[C->From].insert(F);
        }
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
        if (const VarDecl *O = localObject(MC->getImplicitObjectArgument()))
          for (const auto &[F, Of] : Summaries.frees(MC->getMethodDecl()).Fields)
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
  FieldCurrent[{V, F}] = St;
  if (std::optional<LoanId> L = fieldLoan(V, F, Site, St, nullptr))
    fieldFlow(Block, V, F, Site, *L, std::nullopt);
}

// The loan of St issued at Site for (V, F), once per pass; Copy: made by that copy.
std::optional<LoanId> LoanFactBuilder::fieldLoan(const VarDecl *V, const FieldDecl *F, const Stmt *Site, StorageId St,
                                                 const FieldCopy *Copy) {
  auto Key = std::make_tuple(V, F, Site);
  if (auto It = FieldLoans.find(Key); It != FieldLoans.end())
    return It->second;
  std::optional<Span> At = Spans.range(Site->getSourceRange());
  if (!At)
    return std::nullopt;
  Loan Lo{St, *At};
  if (Copy) {
    Lo.CopyOf = Copy->Class;
    Lo.CopyHow = Copy->How;
  }
  const auto L = static_cast<LoanId>(Out.Loans.size());
  Out.Loans.push_back(std::move(Lo));
  return FieldLoans[Key] = L;
}

// V.F := the loan L (issued here), or := what From.F holds.
void LoanFactBuilder::fieldFlow(uint32_t Block, const VarDecl *V, const FieldDecl *F, const Stmt *Site,
                                std::optional<LoanId> L, std::optional<OriginId> From) {
  LoanFact Fl{LoanFactKind::Flow};
  Fl.Dst = fieldOrigin(V, F);
  Fl.Kill = true;
  if (L)
    Fl.Loans.push_back(*L);
  if (From)
    Fl.Srcs.push_back(*From);
  if (auto W = Spans.range(Site->getSourceRange()))
    Fl.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(Fl));
}

void LoanFactBuilder::declareFieldPointees(uint32_t Block, const VarDecl *V, const Stmt *Decl) {
  const auto *Fields = freedFields(V);
  if (!Fields)
    return;
  std::optional<FieldCopy> C = copyOf(Decl);
  for (const FieldDecl *F : *Fields)
    if (!C || C->To != V || !C->Fields.count(F))
      newFieldPointee(Block, V, F, Decl);
  if (C && C->To == V)
    copyFields(Block, *C, Decl);
}

// `File b = a;`, `b = a;` by the implicit copy: b's fields point where a's
// do, through a loan that remembers the copy.
void LoanFactBuilder::copyFields(uint32_t Block, const FieldCopy &C, const Stmt *Site) {
  for (const FieldDecl *F : C.Fields) {
    auto Cur = FieldCurrent.find({C.From, F});
    if (Cur == FieldCurrent.end())
      continue;
    std::optional<LoanId> L = fieldLoan(C.From, F, Site, Cur->second, &C);
    if (!L)
      continue;
    // The copy loan issued once (issuing it again would forget its other
    // holders, as for a new allocation), then copied into the new owner.
    fieldFlow(Block, C.From, F, Site, *L, std::nullopt);
    fieldFlow(Block, C.To, F, Site, std::nullopt, fieldOrigin(C.From, F));
    FieldCurrent[{C.To, F}] = Cur->second;
  }
}

void LoanFactBuilder::assignFields(uint32_t Block, const CXXOperatorCallExpr *OC) {
  if (std::optional<FieldCopy> C = copyOf(OC))
    copyFields(Block, *C, OC);
}

// What a member (or the destructor, at Where) does to the tracked fields of V.
void LoanFactBuilder::fieldEffects(uint32_t Block, const VarDecl *V, const FunctionDecl *Member, const Stmt *Site,
                                   std::optional<Span> Where) {
  const auto *Fields = freedFields(V);
  if (!Fields || !Member)
    return;
  const FreeSummary &Sum = Summaries.frees(Member);
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
      Fr.Inner = Member->getQualifiedNameAsString();
      if (Where)
        Fr.Where = *Where;
      Out.LoanBlocks[Block].push_back(std::move(Fr));
    }
    if (It->second.Resets)
      newFieldPointee(Block, V, F, Site);
  }
}

void LoanFactBuilder::memberCallOnLocal(uint32_t Block, const CXXMemberCallExpr *MC) {
  if (const VarDecl *V = localObject(MC->getImplicitObjectArgument()); V && MC->getMethodDecl()) {
    fieldEffects(Block, V, MC->getMethodDecl(), MC, Spans.range(MC->getSourceRange()));
    elementFrees(Block, V, MC);
  }
}

// `reg.drop(1)` erasing `items_[k]`: frees what element 1 of `reg.items_` owned
// (the loans of other constant keys stay; of unknown ones, may end). On some
// paths through the member only: "possible".
void LoanFactBuilder::elementFrees(uint32_t Block, const VarDecl *V, const CXXMemberCallExpr *MC) {
  for (const auto &[Fd, E] : Summaries.frees(MC->getMethodDecl()).Elements) {
    if (E.How == FreeHow::No)
      continue;
    LoanFact F{LoanFactKind::Expire};
    F.Dies = elementsStorage(V, Fd);
    F.Reason = EndReason::ElementErased;
    F.OneElement = !E.All || E.How == FreeHow::Sometimes;
    F.SomePaths = E.How == FreeHow::Sometimes;
    if (!E.All)
      F.ElementKey = E.Key.Param >= 0 && static_cast<unsigned>(E.Key.Param) < MC->getNumArgs()
                         ? constantKey(MC->getArg(E.Key.Param), Ctx)
                         : E.Key.Constant;
    F.Name = Out.Storages[F.Dies].Name;
    F.Inner = MC->getMethodDecl()->getQualifiedNameAsString();
    if (auto W = Spans.range(MC->getSourceRange()))
      F.Where = *W;
    Out.LoanBlocks[Block].push_back(std::move(F));
  }
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
