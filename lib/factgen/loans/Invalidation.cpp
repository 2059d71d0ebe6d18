// Loan facts: Member calls that invalidate what points into a container, helpers that do it through T&, and calls given one container twice.
#include "factgen/loans/LoanFactBuilder.h"
#include "ast/Elements.h"

using namespace clang;

namespace borrowck {

// The storage whose contents the owner Obj designates holds: a local owner,
// or the Referent of a reference or of a field of *this. NoStorage when we
// cannot tell, or when nothing of it was borrowed (yet).
StorageId LoanFactBuilder::contentsStorage(const Expr *Obj) const {
  const Expr *E = skipWrappers(Obj)->IgnoreParenImpCasts();
  if (const FieldDecl *Fd = Ev.thisField(E))
    return RefStorage.lookup_or(Fd, NoStorage);
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  if (!DRE || DRE->refersToEnclosingVariableOrCapture())
    return NoStorage;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  return V ? contentsStorageOf(V) : NoStorage;
}

// The container an expression designates, for comparing arguments: a local
// owner of this function, or the Referent of a reference or field.
// The variable a plain value argument names, through references bound to
// variables: `x`, or `alias` after `int &alias = x;` (both name x).
static const VarDecl *namedVariable(const Expr *A) {
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(A)->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || DRE->refersToEnclosingVariableOrCapture())
    return nullptr;
  for (int Hops = 0; V->getType()->isReferenceType() && V->getInit() && Hops < 8; ++Hops) {
    const auto *To = dyn_cast<DeclRefExpr>(V->getInit()->IgnoreParenImpCasts());
    const auto *W = To ? dyn_cast<VarDecl>(To->getDecl()) : nullptr;
    if (!W)
      return nullptr; // bound to something else: not followed
    V = W;
  }
  return V;
}

const ValueDecl *LoanFactBuilder::containerOf(const Expr *Obj) const {
  const Expr *E = skipWrappers(Obj)->IgnoreParenImpCasts();
  if (const FieldDecl *Fd = Ev.thisField(E))
    return Fd;
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || DRE->refersToEnclosingVariableOrCapture())
    return nullptr;
  if (const VarDecl *W = Ev.boundOwner(V))
    return W;
  if (V->getType()->isReferenceType() && !Ev.extendsTemporary(V))
    return Ev.referentOf(V);
  return Ev.ownsStorage(V) && Model.ownership(V->getType()) == TypeModel::Ownership::Owner ? V : nullptr;
}

StorageId LoanFactBuilder::contentsStorageOf(const VarDecl *V) const {
  if (const VarDecl *W = Ev.boundOwner(V))
    V = W;
  if (V->getType()->isReferenceType() && !Ev.extendsTemporary(V)) {
    const ValueDecl *R = Ev.referentOf(V);
    return R ? RefStorage.lookup_or(R, NoStorage) : NoStorage;
  }
  return VarStorage.lookup_or(V, NoStorage);
}

// A mutating member call on an owner of this function: the borrows of its
// contents (elements, iterators, buffer) end here.
void LoanFactBuilder::invalidateContents(uint32_t Block, const CXXMethodDecl *MD, const Expr *Obj,
                                         const Expr *Where) {
  TypeModel::Invalidation What = Model.invalidation(MD);
  if (!Obj || What == TypeModel::Invalidation::None)
    return;
  expireContents(Block, contentsStorage(Obj), What,
                 MD->getOverloadedOperator() == OO_PlusEqual ? "operator+="
                 : MD->getIdentifier()                       ? MD->getName().str()
                                                             : "", // for the wording only
                 "", Where);
  // An insertion before the end of a vector or deque moves the later
  // elements to other indices.
  if (MD->getIdentifier() && !Out.LoanBlocks[Block].empty() && !TypeModel::nodeBased(Obj->getType()) &&
      llvm::StringSwitch<bool>(MD->getName())
          .Cases({"insert", "emplace", "insert_range", "push_front", "emplace_front", "prepend_range"}, true)
          .Default(false)) {
    LoanFact &Last = Out.LoanBlocks[Block].back();
    if (Last.Kind == LoanFactKind::Expire && Last.ContentsOnly && Last.Name == MD->getName())
      Last.Shifts = true;
  }
}

void LoanFactBuilder::expireContents(uint32_t Block, StorageId St, TypeModel::Invalidation What,
                                     std::string Name, std::string Inner, const Expr *Where,
                                     bool StrictOnly) {
  if (St == NoStorage || What == TypeModel::Invalidation::None)
    return; // nothing of it was borrowed
  LoanFact F{LoanFactKind::Expire};
  F.Dies = St;
  F.ContentsOnly = true;
  F.StrictOnly = StrictOnly;
  switch (What) {
  case TypeModel::Invalidation::Reallocates: F.Reason = EndReason::Reallocated; break;
  case TypeModel::Invalidation::Erases: F.Reason = EndReason::Erased; break;
  case TypeModel::Invalidation::Reassigns: F.Reason = EndReason::Reassigned; break;
  case TypeModel::Invalidation::Iterators:
    F.Reason = EndReason::IteratorsInvalidated;
    F.IteratorsOnly = true;
    break;
  case TypeModel::Invalidation::Rehashes:
    F.Reason = EndReason::Rehashed;
    F.IteratorsOnly = true;
    break;
  case TypeModel::Invalidation::MayDestroy:
    // Destroys the value only in a state not known here (the other optional
    // empty, another alternative): valid C++ otherwise; Rust's E0506.
    F.Reason = EndReason::Reassigned;
    F.StrictOnly = true;
    break;
  case TypeModel::Invalidation::AssignsInPlace:
    F.Reason = EndReason::Reassigned;
    F.StrictOnly = true;
    break;
  default: F.Reason = EndReason::Destroyed; break;
  }
  F.Name = std::move(Name);
  F.Inner = std::move(Inner);
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

void LoanFactBuilder::expireElement(uint32_t Block, const Expr *Container, const Expr *Key, EndReason Why,
                                    std::string Name, std::string Inner, const Expr *Where) {
  StorageId St = contentsStorage(Container);
  if (St == NoStorage)
    return; // nothing of it was borrowed
  LoanFact F{LoanFactKind::Expire};
  F.Dies = St;
  F.ContentsOnly = true;
  F.OneElement = true;
  F.ElementKey = constantKey(Key, Ctx);
  F.Reason = Why;
  F.Name = std::move(Name);
  F.Inner = std::move(Inner);
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

void LoanFactBuilder::replaceElement(uint32_t Block, const Expr *Element, std::string Inner, const Expr *Where) {
  const Expr *E = skipWrappers(Element)->IgnoreParenImpCasts();
  if (Model.smart(E->getType()) != TypeModel::Smart::Unique)
    return;
  ElementAccess A = elementAccess(E);
  if (A.Container && Model.ownership(A.Container->getType()) == TypeModel::Ownership::Owner)
    expireElement(Block, A.Container, A.Key, EndReason::ElementReplaced, spelling(E), std::move(Inner), Where);
}

// `x = 6;` or `++x` of a borrowed local scalar: valid C++ (the borrow sees the
// new value), Rust's E0506. Ends every loan of x, for --strict only.
void LoanFactBuilder::overwrite(uint32_t Block, const Expr *Target, const Expr *Where) {
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Target)->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || DRE->refersToEnclosingVariableOrCapture() || !Ev.ownsStorage(V) ||
      !V->getType()->isScalarType())
    return;
  endEveryBorrow(Block, V, EndReason::Reassigned, Where);
}

// Strict mode: every earlier borrow of the local V ends here (it is assigned
// to, or borrowed mutably), though C++ keeps them valid.
void LoanFactBuilder::endEveryBorrow(uint32_t Block, const VarDecl *V, EndReason Why, const Expr *Where) {
  auto It = VarStorage.find(V);
  if (It == VarStorage.end())
    return; // nothing borrowed it
  LoanFact F{LoanFactKind::Expire};
  F.Dies = It->second;
  F.ContentsOnly = true;
  F.Overwrite = true;
  F.StrictOnly = true;
  F.Reason = Why;
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// `int& b = x;` or `int* p = &x;` of a local: a mutable borrow, which ends
// every earlier borrow of x in Rust's discipline (E0499/E0502). Valid C++:
// for --strict only.
void LoanFactBuilder::mutableBorrow(uint32_t Block, const Expr *Of) {
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Of)->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!DRE) {
    // `int &r = v[0];`, `std::string &s = *o;`: a mutable borrow of the
    // contents (E0499 when a mutating call follows), not of the whole owner.
    MutableSites.insert(skipWrappers(Of)->IgnoreParenImpCasts());
    return;
  }
  if (!V || DRE->refersToEnclosingVariableOrCapture() || !Ev.ownsStorage(V))
    return;
  MutableSites.insert(DRE);
  endEveryBorrow(Block, V, EndReason::MutablyBorrowed, DRE);
}

// The local lambda a call designates (`grow()` of `auto grow = [&] {...};`).
static const LambdaExpr *calledLambda(const CallExpr *Call) {
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!OC || OC->getOperator() != OO_Call || OC->getNumArgs() < 1)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(OC->getArg(0))->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || V->getType()->isReferenceType() || !V->getInit())
    return nullptr;
  const Expr *I = skipWrappers(V->getInit())->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(I); CE && CE->getNumArgs() == 1)
    I = skipWrappers(CE->getArg(0))->IgnoreParenImpCasts();
  return dyn_cast<LambdaExpr>(I);
}

// Calls that mutate a container of this function while something else
// borrows it: helpers and lambdas that invalidate it, node-based erase(it),
// and one call given the same container twice.
void LoanFactBuilder::handleMutatingCall(uint32_t Block, const CallExpr *Call) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!F)
    return;
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  CallParts Parts = splitCall(Call, F);
  const llvm::SmallVector<const Expr *, 4> &Args = Parts.Args;
  const Expr *Object = Parts.Object;
  const std::string Callee = F->getIdentifier() ? F->getName().str() : "";

  // A lambda of this function that mutates what it captured by reference.
  if (const LambdaExpr *LE = calledLambda(Call)) {
    for (const LambdaCapture &C : LE->captures()) {
      if (C.getCaptureKind() != LCK_ByRef || !C.capturesVariable())
        continue;
      const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!V || Model.ownership(V->getType().getNonReferenceType()) != TypeModel::Ownership::Owner)
        continue;
      SummaryCache::Mutation M = scanMutations(LE->getBody(), V, Model, Summaries);
      if (M.What)
        expireContents(Block, contentsStorageOf(V), static_cast<TypeModel::Invalidation>(M.What),
                       spelling(Call->getArg(0)), M.Method, Call);
    }
    return;
  }

  // std::map::erase(k): the element with key k, and what its unique_ptr
  // owned; erase(it): the one `it` designates (which key: unknown).
  const bool NodeErase = MD && Object && memberKind(MD) == MemberKind::Erase && Args.size() == 1 &&
                         TypeModel::nodeBased(Object->getType());
  // The key erase(it) erases, when `it` comes from `m.find(K)`.
  auto KeyOf = [&](const Expr *A) -> const Expr * {
    if (Model.ownership(A->getType()) != TypeModel::Ownership::View)
      return A;
    ElementAccess E = iteratorElement(A, FD.getBody());
    return E.Container && containerOf(E.Container) == containerOf(Object) ? E.Key : nullptr;
  };
  auto NodesToo = [&](const Expr *Key) {
    // Only a constant key: `m.erase(y)` with `int &r = m[x]` is valid C++
    // unless x == y, which is not known here (a miss rather than a false alarm).
    if (Key && !constantKey(Key, Ctx).empty() && !Out.LoanBlocks[Block].empty() &&
        Out.LoanBlocks[Block].back().OneElement)
      Out.LoanBlocks[Block].back().NodeElements = true;
  };
  if (NodeErase) {
    const Expr *Key = KeyOf(Args[0]);
    expireElement(Block, Object, Key, EndReason::ElementErased, "erase", "", Call);
    NodesToo(Key);
  }
  // extract(k), extract(it): [container.node] the element moves into the
  // node handle; iterators to it end, references and pointers stay valid.
  if (MD && Object && MD->getIdentifier() && MD->getName() == "extract" && Args.size() == 1 &&
      TypeModel::nodeBased(Object->getType()) && MD->getParent()->isInStdNamespace()) {
    const Expr *Key = KeyOf(Args[0]);
    expireElement(Block, Object, Key, EndReason::ErasedElement, "extract", "", Call);
    NodesToo(Key);
    if (!Out.LoanBlocks[Block].empty() && Out.LoanBlocks[Block].back().Name == "extract")
      Out.LoanBlocks[Block].back().IteratorsOnly = true;
    return;
  }
  // std::map::erase(it) and the like: `it` designates the erased node.
  if (NodeErase && Model.ownership(Args[0]->getType()) == TypeModel::Ownership::View) {
    const Expr *A = skipWrappers(Args[0])->IgnoreParenImpCasts();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(A); CE && CE->getNumArgs() == 1)
      A = skipWrappers(CE->getArg(0))->IgnoreParenImpCasts(); // a copy, or iterator -> const_iterator
    const auto *DRE = dyn_cast<DeclRefExpr>(A);
    const auto *It = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    StorageId Of = contentsStorage(Object);
    if (It && !DRE->refersToEnclosingVariableOrCapture() && Origins.count(It) && Of != NoStorage) {
      auto [Pos, New] = ErasedStorage.try_emplace(Call, 0);
      if (New) {
        Storage St;
        St.Kind = StorageKind::Local;
        St.Name = Out.Storages[Of].Name;
        Pos->second = static_cast<StorageId>(Out.Storages.size());
        Out.Storages.push_back(std::move(St));
      }
      StorageId St = Pos->second;
      auto Key = std::make_pair(St, static_cast<const Expr *>(DRE));
      auto L = LoanAt.find(Key);
      LoanId Id;
      if (L != LoanAt.end()) {
        Id = L->second;
      } else if (auto At = Spans.range(DRE->getSourceRange())) {
        Id = static_cast<LoanId>(Out.Loans.size());
        Out.Loans.push_back(Loan{St, *At, std::nullopt, /*Contents=*/true, /*Iterator=*/true});
        LoanAt[Key] = Id;
      } else {
        return;
      }
      LoanFact Fl{LoanFactKind::Flow};
      Fl.Dst = Origins[It];
      Fl.Kill = true;
      Fl.Loans.push_back(Id);
      Out.LoanBlocks[Block].push_back(std::move(Fl));
      LoanFact Ex{LoanFactKind::Expire};
      Ex.Dies = St;
      Ex.ContentsOnly = true;
      Ex.Reason = EndReason::ErasedElement;
      Ex.Name = "erase";
      if (auto W = Spans.range(Call->getSourceRange()))
        Ex.Where = *W;
      Out.LoanBlocks[Block].push_back(std::move(Ex));
    }
    return;
  }

  // Which arguments are given mutably, and which container each designates.
  struct Arg {
    const Expr *E;
    const ValueDecl *Of; // the container: a local owner, or a Referent
    bool Mutable;
    std::string Param;
    bool Writes = false, Reads = false; // what the callee's body shows
  };
  llvm::SmallVector<Arg, 4> Designated;
  const bool StdCallee = F->isInStdNamespace() || (MD && MD->getParent()->isInStdNamespace());
  const std::vector<SummaryCache::Mutation> *Muts =
      !StdCallee && F->getDefinition() ? &Summaries.mutations(F, Model) : nullptr;
  for (unsigned I = 0; I < Args.size() && I < F->getNumParams(); ++I) {
    QualType PT = F->getParamDecl(I)->getType();
    const ValueDecl *Of = nullptr;
    const Expr *A = Args[I];
    bool Mutable = PT->isLValueReferenceType() && !PT->getPointeeType().isConstQualified();
    if (Model.ownership(A->getType()) == TypeModel::Ownership::Owner && PT->isReferenceType())
      Of = containerOf(A);
    else if (Model.ownership(A->getType()) == TypeModel::Ownership::View && A->getType()->isRecordType()) {
      // An iterator or view argument: the container it points into, when it
      // is made right here (`v.begin()`).
      const Expr *X = skipWrappers(A)->IgnoreParenImpCasts();
      if (const auto *CE = dyn_cast<CXXConstructExpr>(X); CE && CE->getNumArgs() == 1)
        X = skipWrappers(CE->getArg(0))->IgnoreParenImpCasts();
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(X))
        Of = containerOf(MC->getImplicitObjectArgument());
      Mutable = false;
    } else if (Model.ownership(A->getType()) == TypeModel::Ownership::Value && PT->isLValueReferenceType()) {
      // A plain value given by reference (`swap_xor(x, alias)`): the variable it names.
      Of = namedVariable(A);
    }
    std::string Param = F->getParamDecl(I)->getName().str();
    if (Muts && I < Muts->size() && (*Muts)[I].What) {
      const SummaryCache::Mutation &M = (*Muts)[I];
      expireContents(Block, contentsStorage(A), static_cast<TypeModel::Invalidation>(M.What), Callee,
                     M.Method, Call);
    }
    if (Of) {
      Designated.push_back({A, Of, Mutable, Param});
      // Plain values only: for containers, what invalidates them decides (and
      // `assign_from(v, v)`, a self-assignment, is fine).
      if (!StdCallee && F->hasBody() && Model.ownership(A->getType()) == TypeModel::Ownership::Value) {
        Designated.back().Writes = Mutable && Summaries.writesThroughParam(F, I);
        Designated.back().Reads = Summaries.readsParam(F, I);
      }
    }
  }
  // vector/deque insert(pos, first, last) and assign(first, last) require
  // iterators into another container ([sequence.reqmts]).
  bool Precondition = false;
  if (MD && Object && Model.invalidation(MD) != TypeModel::Invalidation::None) {
    Precondition = requiresForeignIterators(MD);
    if (Precondition) {
      if (memberKind(MD) == MemberKind::Insert && !Designated.empty() && Designated.front().E == Args.front())
        Designated.erase(Designated.begin()); // the position must point into *this
      if (const ValueDecl *Of = containerOf(Object))
        Designated.insert(Designated.begin(), {Object, Of, true, "*this"});
    }
  }
  // The call is given one container twice, once mutably: conflicting-borrows
  // decides whether that is a conflict (checks/ConflictingBorrows.cpp).
  bool Shared = false;
  for (const Arg &M : Designated)
    for (const Arg &O : Designated)
      Shared |= M.Mutable && &O != &M && O.Of == M.Of;
  auto CallSpan = Spans.range(Call->getSourceRange());
  if (!Shared || !CallSpan)
    return;
  ContainerCall CC;
  CC.Callee = Callee;
  CC.Precondition = Precondition;
  // rustc points at the callee's name for "later used by call".
  std::optional<Span> N;
  if (const auto *ME = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreImpCasts()))
    N = Spans.token(ME->getMemberLoc());
  else if (!Object)
    N = Spans.range(Call->getCallee()->IgnoreImpCasts()->getSourceRange());
  CC.Call = N ? *N : *CallSpan;
  for (const Arg &A : Designated) {
    auto Where = Spans.range(A.E->getSourceRange());
    if (!Where)
      return;
    ContainerArg CA;
    CA.Container = Ids.containerId(A.Of);
    CA.Name = A.Of->getNameAsString();
    CA.Arg = *Where;
    CA.Mutable = A.Mutable;
    CA.Param = A.Param;
    CA.Object = A.E == Object;
    CA.Writes = A.Writes;
    CA.Reads = A.Reads;
    // What the callee's summary says it does through this parameter.
    if (Muts)
      for (unsigned I = 0; I < Args.size() && I < Muts->size(); ++I)
        if (Args[I] == A.E && (*Muts)[I].What) {
          auto W = static_cast<TypeModel::Invalidation>((*Muts)[I].What);
          CA.Invalidates = TypeModel::strength(W) >= 2 && W != TypeModel::Invalidation::Reassigns;
          CA.Method = (*Muts)[I].Method;
        }
    CC.Args.push_back(std::move(CA));
  }
  Out.ContainerCalls.push_back(std::move(CC));
}

} // namespace borrowck
