// Loan facts: Flows of loans between origins: initialisation, assignment, captures, lifetime_capture_by.
#include "factgen/loans/LoanFactBuilder.h"

using namespace clang;

namespace borrowck {

void LoanFactBuilder::fill(const Sources &S, LoanFact &F) {
  for (const Sources::Site &L : S.Loans) {
    StorageId St = storageFor(L);
    auto Key = std::make_pair(St, L.At);
    auto It = LoanAt.find(Key);
    LoanId Id;
    if (It != LoanAt.end()) {
      Id = It->second;
    } else {
      std::optional<Span> At = L.At ? Spans.range(L.At->getSourceRange())
                                    : Spans.token(L.Var->getLocation());
      if (!At)
        continue;
      Id = static_cast<LoanId>(Out.Loans.size());
      Out.Loans.push_back(Loan{St, *At, hintFor(L.Via, L.ViaCapture), L.Contents, L.Contents && L.Iterator});
      Out.Loans.back().Mutable = L.At && MutableSites.count(L.At);
      // The pointee of a smart pointer: of a member, it goes where the whole
      // goes; of a shared_ptr, other owners may keep it alive.
      Out.Loans.back().MemberPointee = L.MemberPointee;
      Out.Loans.back().ElementPointee = L.ElementPointee;
      Out.Loans.back().ElementKey = L.ElementKey;
      Out.Loans.back().NodeElement = L.NodeElement;
      Out.Loans.back().Shared = L.Pointee == TypeModel::Smart::Shared &&
                                (L.MemberPointee || !L.Var || !soleSharedOwner(L.Var));
      LoanAt[Key] = Id;
    }
    std::vector<LoanId> &Into = L.Maybe ? F.MayLoans : F.Loans;
    if (std::find(Into.begin(), Into.end(), Id) == Into.end())
      Into.push_back(Id);
  }
  for (const VarDecl *V : S.MaybeVars) {
    auto It = Origins.find(V);
    OriginId O = It != Origins.end() ? It->second : originFor(V);
    if (std::find(F.MaySrcs.begin(), F.MaySrcs.end(), O) == F.MaySrcs.end())
      F.MaySrcs.push_back(O);
  }
  for (const VarDecl *V : S.Vars) {
    auto It = Origins.find(V);
    OriginId O = It != Origins.end() ? It->second : originFor(V);
    if (std::find(F.Srcs.begin(), F.Srcs.end(), O) == F.Srcs.end())
      F.Srcs.push_back(O);
  }
}

// `std::exchange(p, v)` read by its consumer (the old value of p): now p
// holds v. Emitted after the consumer's own fact, so it reads p first.
void LoanFactBuilder::afterExchange(uint32_t Block, const Expr *E) {
  if (!E)
    return;
  const auto *Call = dyn_cast<CallExpr>(skipWrappers(E)->IgnoreParenImpCasts());
  const auto *F = Call ? dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()) : nullptr;
  if (!F || !isStdExchange(F) || Call->getNumArgs() != 2)
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Call->getArg(0))->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !holds(V->getType().getNonReferenceType()) || V->getType()->isReferenceType() ||
      !V->hasLocalStorage() || DRE->refersToEnclosingVariableOrCapture())
    return;
  Sources Src = Ev.valueOf(Call->getArg(1));
  if (Src.noLoans() && unknownPointer(V->getType(), Call->getArg(1)))
    Src.add(pointee(nullptr, Call->getArg(1)));
  flow(Block, originFor(V), Src, /*Kill=*/true, Call);
}

// Is the value of Init read through a borrow (`*it`, `v[i]`, `p[i]`, a call
// returning a reference), rather than copied from a variable or made?
bool LoanFactBuilder::readsThrough(const Expr *Init) const {
  const Expr *E = Init;
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = skipWrappers(E)->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
        CE && CE->getConstructor() && CE->getConstructor()->isCopyOrMoveConstructor() &&
        CE->getNumArgs() >= 1) {
      E = CE->getArg(0);
      continue;
    }
    break;
  }
  if (!E)
    return false;
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Deref;
  if (isa<ArraySubscriptExpr>(E))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return Call->isGLValue() &&
           !TypeModel::isMoveFunction(dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()));
  return false;
}

void LoanFactBuilder::flow(uint32_t Block, OriginId Dst, const Sources &S, bool Kill,
                           const Stmt *Where, bool ReadThrough, bool Element) {
  LoanFact F{LoanFactKind::Flow};
  F.Dst = Dst;
  F.Kill = Kill;
  F.ReadThrough = ReadThrough;
  F.Element = Element || ReadThrough;
  fill(S, F);
  if (!Kill && F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
    return;
  // Name an allocation after the first variable it is stored in.
  for (LoanId L : F.Loans)
    if (Storage &St = Out.Storages[Out.Loans[L].Of]; isFreeable(St.Kind) && St.Name.empty())
      St.Name = Out.Origins[Dst].Name;
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

std::optional<Span> LoanFactBuilder::statementEnd(const Stmt *S) const {
  // Climb to the full statement, and point at its `;` when it has one.
  const Stmt *Top = S;
  for (const Stmt *P = Parents.parentOf(Top); P && (isa<Expr>(P) || isa<DeclStmt>(P));
       P = Parents.parentOf(P))
    Top = P;
  if (const Stmt *P = Parents.parentOf(Top); P && isa<ReturnStmt>(P))
    Top = P;
  SourceLocation End = Top->getEndLoc();
  const SourceManager &SM = Ctx.getSourceManager();
  if (isa<Expr>(Top) || isa<ReturnStmt>(Top)) {
    std::optional<Token> Next = Lexer::findNextToken(End, SM, Ctx.getLangOpts());
    if (Next && Next->is(tok::semi))
      return Spans.token(Next->getLocation());
  }
  return Spans.token(End);
}

std::optional<Span> LoanFactBuilder::scopeEnd(const Stmt *Trigger, const VarDecl *V) const {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Trigger))
    return Spans.token(CS->getRBracLoc());
  if (Trigger)
    return Spans.token(Trigger->getBeginLoc());
  return Spans.token(V->getLocation());
}

void LoanFactBuilder::handleAssignment(uint32_t Block, const Expr *LHS, const Expr *RHS,
                                       const Stmt *Op) {
  const Expr *L = skipWrappers(LHS)->IgnoreImpCasts();
  auto RHSSources = [&] {
    Sources S = Ev.valueOf(RHS);
    // optional<string_view> o; o = s;  std::function f; f = lambda: the
    // holder converts the owner into a borrow.
    if (S.empty() && RHS->isGLValue() &&
        Model.ownership(RHS->getType()) == TypeModel::Ownership::Owner && !holds(RHS->getType()))
      S = Ev.borrowOf(RHS);
    return S;
  };
  if (const auto *DRE = dyn_cast<DeclRefExpr>(L)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V || !holds(V->getType().getNonReferenceType()) || V->getType()->isReferenceType())
      return;
    if (V->hasLocalStorage() && !DRE->refersToEnclosingVariableOrCapture()) {
      Sources Src = RHSSources();
      if (Src.noLoans() && unknownPointer(V->getType(), RHS))
        Src.add(pointee(nullptr, RHS));
      flow(Block, originFor(V), Src, /*Kill=*/true, Op, readsThrough(RHS));
      afterExchange(Block, RHS);
    }
    else if (!V->hasLocalStorage())
      flow(Block, escapedOrigin(V, cast<Expr>(Op)), RHSSources(), /*Kill=*/true, Op);
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(L)) {
    if (!holds(ME->getType()))
      return;
    // Find the root of a .field chain.
    const Expr *Base = ME;
    while (const auto *M = dyn_cast<MemberExpr>(Base)) {
      if (M->isArrow() && !isa<CXXThisExpr>(skipWrappers(M->getBase())->IgnoreImpCasts()))
        return; // through a pointer: unknown
      Base = skipWrappers(M->getBase())->IgnoreImpCasts();
      if (isa<CXXThisExpr>(Base)) {
        // A field of *this outlives the call.
        flow(Block, escapedOrigin(ME->getMemberDecl(), cast<Expr>(Op)), RHSSources(),
             /*Kill=*/true, Op);
        return;
      }
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Base))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
          V && V->hasLocalStorage() && !DRE->refersToEnclosingVariableOrCapture())
        flow(Block, originFor(V), RHSSources(), /*Kill=*/false, Op);
  }
}

void LoanFactBuilder::handleCapture(uint32_t Block, const CXXMemberCallExpr *Call) {
  const auto *MD = Call->getMethodDecl();
  if (!MD || MD->isConst())
    return;
  const Expr *Obj = skipWrappers(Call->getImplicitObjectArgument())->IgnoreImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(Obj);
  if (!DRE)
    return;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || !holds(V->getType().getNonReferenceType()) ||
      Model.ownership(V->getType().getNonReferenceType()) != TypeModel::Ownership::Owner)
    return;
  // A std container's position argument is consumed by the call; a range's
  // iterators are read through (the elements copy `*first`); an owner moved
  // or copied into an element that is not a view stays the element's own.
  Sources S, Read;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const Expr *A = Call->getArg(I);
    TypeModel::ElementArg Role = Model.elementArg(MD, I, Call->getNumArgs());
    if (Role.What == TypeModel::ElementArg::Position)
      continue;
    if (Role.What == TypeModel::ElementArg::Range) {
      if (holds(A->getType()))
        Read.add(Ev.valueOf(A));
      continue;
    }
    if (holds(A->getType()))
      S.add(Ev.valueOf(A));
    else if (A->isGLValue() && Model.ownership(A->getType()) == TypeModel::Ownership::Owner &&
             (Role.What == TypeModel::ElementArg::Unknown || Role.BorrowsOwner))
      S.add(Ev.borrowOf(A)); // emplace_back(s) into a vector<string_view>
  }
  const bool Escapes = V->getType()->isReferenceType() || !V->hasLocalStorage() ||
                       DRE->refersToEnclosingVariableOrCapture();
  for (const Sources *Src : {&S, &Read}) {
    if (Src->empty())
      continue;
    flow(Block, Escapes ? escapedOrigin(V, Call) : originFor(V), *Src, /*Kill=*/false, Call,
         /*ReadThrough=*/Src == &Read);
  }
}

// The borrows flow into what the expression designates, kept alongside what
// it already holds: a local holder, or something that outlives the function.
void LoanFactBuilder::flowInto(uint32_t Block, const Expr *Target, const Sources &S,
                               const Stmt *Where, bool Kill) {
  const Expr *T = skipWrappers(Target)->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(T); UO && UO->getOpcode() == UO_Deref)
    T = skipWrappers(UO->getSubExpr())->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(T)) {
    flow(Block, escapedOrigin(&FD, cast<Expr>(Where), "*this"), S, /*Kill=*/false, Where);
    return;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(T);
  if (!DRE)
    return;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V)
    return;
  if (V->getType()->isReferenceType() || !V->hasLocalStorage() ||
      DRE->refersToEnclosingVariableOrCapture())
    flow(Block, escapedOrigin(V, cast<Expr>(Where)), S, /*Kill=*/false, Where);
  else if (holds(V->getType()))
    flow(Block, originFor(V), S, Kill, Where);
}

// [[clang::lifetime_capture_by(X)]] on a parameter: the argument's borrows
// are kept by X (another argument, the object, or global state).
void LoanFactBuilder::handleCaptureBy(uint32_t Block, const CallExpr *Call) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!F)
    return;
  const std::vector<std::vector<CaptureTarget>> &Captures = Summaries.captures(F, Model);
  CallParts Parts = splitCall(Call, F);
  const llvm::SmallVector<const Expr *, 4> &Args = Parts.Args;
  for (unsigned I = 0; I < Captures.size() && I < Args.size(); ++I) {
    if (Captures[I].empty())
      continue;
    Sources S = Ev.borrowedArgumentOf(Args[I], F->getParamDecl(I)->getType());
    if (S.noLoans())
      continue;
    // Inferred from the body: name the parameter, to offer the annotation.
    if (Captures[I].size() == 1 && Captures[I][0].Inferred)
      if (const FunctionDecl *Def = F->getDefinition(); Def && I < Def->getNumParams())
        for (auto &L : S.Loans)
          if (!L.Via) {
            L.Via = Def->getParamDecl(I);
            L.ViaCapture = true;
          }
    for (const CaptureTarget &T : Captures[I]) {
      if (T.What == CaptureTarget::Global) {
        // Kept somewhere that outlives the function.
        OriginId G = escapedOrigin(F, Call, F->getNameAsString());
        Out.Origins[G].GlobalState = true;
        flow(Block, G, S, /*Kill=*/false, Call);
        continue;
      }
      const Expr *Target = T.What == CaptureTarget::This ? Parts.Object
                           : T.Index < Args.size()        ? Args[T.Index]
                                                          : nullptr;
      // An inferred capture that overwrites the object's one borrow-holding
      // field (`attach(s)` setting `text_ = &s`): the old borrow ends.
      if (Target)
        flowInto(Block, Target, S, Call, /*Kill=*/T.Replaces);
    }
  }
}

} // namespace borrowck
