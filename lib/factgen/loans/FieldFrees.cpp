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
#include "summary/Paths.h"

#include "clang/AST/ParentMap.h"

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

// The constructor copying an element into a container from an lvalue (copy)
// or an rvalue (move, when declared; else the copy). Null when the class
// does not declare it: the implicit one, or "" when it is not member-wise.
std::string elementCopy(const CXXRecordDecl *RD, bool Rvalue) {
  if (Rvalue)
    for (const CXXConstructorDecl *C : RD->ctors())
      if (C->isMoveConstructor())
        return implicitCopy(C);
  for (const CXXConstructorDecl *C : RD->ctors())
    if (C->isCopyConstructor())
      return implicitCopy(C);
  return RD->hasUserDeclaredCopyConstructor() || RD->hasUserDeclaredMoveConstructor() ? "" : "copy constructor";
}

bool isStdMove(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  return Call && Call->getNumArgs() == 1 && Call->getDirectCallee() && Call->getDirectCallee()->isInStdNamespace() &&
         Call->getDirectCallee()->getIdentifier() && Call->getDirectCallee()->getName() == "move";
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
  const CXXRecordDecl *RD = M ? M->getParent() : nullptr;
  std::string How = implicitCopy(M);
  bool Into = false;
  // `v.push_back(a)`, `v.emplace_back(std::move(a))`, `v.insert(pos, a)`: the
  // container's new element is a member-wise copy of a.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S); MC && MC->getNumArgs() && MC->getMethodDecl() &&
                                                       MC->getMethodDecl()->getIdentifier()) {
    StringRef Name = MC->getMethodDecl()->getName();
    const VarDecl *V = localObject(MC->getImplicitObjectArgument());
    const Expr *Arg = MC->getArg(MC->getNumArgs() - 1);
    if (V && (Name == "push_back" || Name == "emplace_back" || Name == "push_front" || Name == "emplace_front" ||
              Name == "insert" || Name == "emplace"))
      if (const CXXRecordDecl *Elem = localContainerOf(V)) {
        From = copiedLocal(Arg);
        if (From && From->getType()->getAsCXXRecordDecl() == Elem) {
          RD = Elem;
          How = elementCopy(Elem, isStdMove(Arg));
          To = V;
          Into = true;
        }
      }
  }
  if (How.empty() || !To || !From || To == From || !RD)
    return std::nullopt;
  std::set<const FieldDecl *> Fields = destructorFrees(Summaries, RD);
  for (auto It = Fields.begin(); It != Fields.end();)
    It = (*It)->getType()->isPointerType() ? std::next(It) : Fields.erase(It);
  if (Fields.empty())
    return std::nullopt;
  return FieldCopy{To, From, std::move(How), RD->getNameAsString(), std::move(Fields), Into};
}

const CXXRecordDecl *LoanFactBuilder::localContainerOf(const VarDecl *V) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(V->getType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || !Spec->getIdentifier() || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  StringRef Name = Spec->getName();
  if (Name != "vector" && Name != "deque" && Name != "list" && Name != "forward_list")
    return nullptr;
  const CXXRecordDecl *Elem = Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  if (!Elem)
    return nullptr;
  auto [It, New] = LocalContainers.try_emplace(V, Elem);
  if (!New)
    return It->second;
  // Only through its members (`v.push_back(a)`, `v[0]`, `for (auto &e : v)`).
  llvm::SmallVector<const Stmt *, 64> Todo{FD.getBody()};
  while (!Todo.empty()) {
    const Stmt *S = Todo.pop_back_val();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V) {
      const Stmt *P = Parents.parentOf(DRE);
      while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P)))
        P = Parents.parentOf(P);
      const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P);
      const auto *DS = dyn_cast_or_null<DeclStmt>(P);
      bool Member = isa_and_nonnull<MemberExpr>(P) || (OC && OC->getOperator() == OO_Subscript) ||
                    (DS && DS->isSingleDecl() && DS->getSingleDecl()->isImplicit()); // a range-for's range
      if (!Member)
        return It->second = nullptr;
    }
    for (const Stmt *C : S->children())
      Todo.push_back(C);
  }
  return Elem;
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
        if (const VarDecl *O = objectOf(MC->getImplicitObjectArgument()))
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
  O.Name = fieldName(V, F);
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
    S.Name = fieldName(V, F);
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
                                std::optional<LoanId> L, std::optional<OriginId> From, bool Kill) {
  LoanFact Fl{LoanFactKind::Flow};
  Fl.Dst = fieldOrigin(V, F);
  Fl.Kill = Kill;
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
  if (localContainerOf(V))
    return; // a container starts empty: its elements come from copies
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
    fieldFlow(Block, C.To, F, Site, std::nullopt, fieldOrigin(C.From, F), /*Kill=*/!C.IntoContainer);
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
  if (std::optional<FieldCopy> C = copyOf(MC))
    return copyFields(Block, *C, MC);
  if (const VarDecl *V = objectOf(MC->getImplicitObjectArgument()); V && MC->getMethodDecl())
    fieldEffects(Block, V, MC->getMethodDecl(), MC, Spans.range(MC->getSourceRange()));
  if (const VarDecl *V = localObject(MC->getImplicitObjectArgument()); V && MC->getMethodDecl())
    elementFrees(Block, V, MC); // element loans are made for local objects only
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
  if (isa<ParmVarDecl>(V) || V == ThisDecl || !freedFields(V))
    return;
  if (const CXXRecordDecl *Elem = localContainerOf(V)) { // the elements' destructors
    if (Elem->getDestructor())
      fieldEffects(Block, V, Elem->getDestructor(), nullptr, Where);
    return;
  }
  if (const CXXRecordDecl *RD = V->getType()->getAsCXXRecordDecl(); RD && RD->getDestructor())
    fieldEffects(Block, V, RD->getDestructor(), nullptr, Where);
}

// `*f.buf_`, `f.buf_[i]`, `f.buf_->n` in this function: a use of the pointee.
void LoanFactBuilder::fieldUse(uint32_t Block, const MemberExpr *ME) {
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  const VarDecl *V = objectOf(ME->getBase());
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

const VarDecl *LoanFactBuilder::thisObject() {
  if (!ThisMade) {
    ThisMade = true;
    const auto *MD = dyn_cast<CXXMethodDecl>(&FD);
    if (MD && MD->isInstance() && !MD->getParent()->isLambda())
      ThisDecl = ImplicitParamDecl::Create(Ctx, const_cast<CXXMethodDecl *>(MD), MD->getLocation(),
                                           &Ctx.Idents.get("this"), MD->getThisType(), ImplicitParamKind::CXXThis);
  }
  return ThisDecl;
}

const VarDecl *LoanFactBuilder::objectOf(const Expr *Obj) {
  if (!Obj)
    return nullptr;
  const Expr *E = Obj->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return thisObject();
  if (const VarDecl *V = localObject(E))
    return V;
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  if (!P || P->getDeclContext() != &FD || DRE->refersToEnclosingVariableOrCapture())
    return nullptr;
  QualType T = P->getType();
  if (T->isReferenceType()) {
    T = T.getNonReferenceType();
  } else if (T->isPointerType()) {
    T = T->getPointeeType();
    // A pointer parameter names one object only while it is not reassigned.
    auto [It, New] = StablePointers.try_emplace(P, true);
    if (New) {
      llvm::SmallVector<const Stmt *, 64> Todo{FD.getBody()};
      while (!Todo.empty() && It->second) {
        const Stmt *S = Todo.pop_back_val();
        if (!S)
          continue;
        if (const auto *R = dyn_cast<DeclRefExpr>(S); R && R->getDecl() == P) {
          const Stmt *Up = Parents.parentOf(R);
          while (Up && isa<ParenExpr>(Up))
            Up = Parents.parentOf(Up);
          const auto *BO = dyn_cast_or_null<BinaryOperator>(Up);
          const auto *UO = dyn_cast_or_null<UnaryOperator>(Up);
          if ((BO && BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == R) ||
              (UO && (UO->getOpcode() == UO_AddrOf || UO->isIncrementDecrementOp())))
            It->second = false;
        }
        for (const Stmt *C : S->children())
          Todo.push_back(C);
      }
    }
    if (!It->second)
      return nullptr;
  } else {
    return nullptr; // by value: the callee's own copy, destroyed by the caller
  }
  return T->getAsCXXRecordDecl() ? P : nullptr;
}

std::string LoanFactBuilder::fieldName(const VarDecl *V, const FieldDecl *F) const {
  if (V == ThisDecl)
    return "this->" + F->getNameAsString();
  bool Arrow = isa<ParmVarDecl>(V) && V->getType()->isPointerType();
  return variableName(*V) + (Arrow ? "->" : ".") + F->getNameAsString();
}

void LoanFactBuilder::declareEntryFieldPointees(uint32_t Block) {
  std::vector<const VarDecl *> Objects;
  for (const ParmVarDecl *P : FD.parameters())
    Objects.push_back(P);
  if (const VarDecl *T = thisObject())
    Objects.push_back(T);
  for (const VarDecl *V : Objects) {
    if (V != ThisDecl && !V->getType()->isReferenceType() && !V->getType()->isPointerType())
      continue;
    if (const auto *Fields = freedFields(V))
      for (const FieldDecl *F : *Fields)
        newFieldPointee(Block, V, F, FD.getBody());
  }
}

bool LoanFactBuilder::fieldFree(uint32_t Block, const Expr *Operand, const Expr *Where, const std::string &Via,
                                bool Maybe) {
  const auto *ME = dyn_cast<MemberExpr>(Operand->IgnoreParenImpCasts());
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  const VarDecl *V = F ? objectOf(ME->getBase()) : nullptr;
  if (!V)
    return false;
  auto It = FieldOrigins.find({V, F});
  if (It == FieldOrigins.end())
    return false;
  // As for members: a free on some paths only (`if (open_) delete[] data_;`,
  // a flag release() clears) is not counted; a null test of the field is.
  if (!BodyParents)
    BodyParents = std::make_unique<ParentMap>(const_cast<Stmt *>(FD.getBody()));
  if (onSomePaths(Where, *BodyParents, FD.getBody(), F))
    return true;
  LoanFact Fr{LoanFactKind::Free};
  (Maybe ? Fr.MaySrcs : Fr.Srcs).push_back(It->second);
  Fr.Name = Out.Origins[It->second].Name;
  Fr.Inner = Via;
  if (auto W = Spans.range(Where->getSourceRange()))
    Fr.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(Fr));
  return true;
}

void LoanFactBuilder::fieldReassigned(uint32_t Block, const Stmt *S) {
  auto Field = [&](const Expr *E) -> void {
    const auto *ME = E ? dyn_cast<MemberExpr>(E->IgnoreParens()) : nullptr;
    const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    const VarDecl *V = F ? objectOf(ME->getBase()) : nullptr;
    if (V && FieldOrigins.count({V, F}))
      newFieldPointee(Block, V, F, S);
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
    Field(BO->getLHS());
  else if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && UO->getOpcode() == UO_AddrOf)
    Field(UO->getSubExpr());
  else if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
      for (unsigned I = 0; I + Offset < Call->getNumArgs() && I < Callee->getNumParams(); ++I) {
        QualType T = Callee->getParamDecl(I)->getType();
        if (T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified())
          Field(Call->getArg(I + Offset));
      }
    }
}

} // namespace borrowck
