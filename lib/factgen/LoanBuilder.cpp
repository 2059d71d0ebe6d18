// Loan facts: which storage each borrow-holding value borrows, and where the
// storage ends.
#include "factgen/LoanBuilder.h"
#include "factgen/FactIds.h"
#include "ast/Calls.h"
#include "ast/Evaluator.h"
#include "ast/Spans.h"
#include "ast/Wrappers.h"
#include "model/StdCalls.h"
#include "model/TypeModel.h"
#include "summary/Mutations.h"
#include "summary/SummaryCache.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"

#include <map>

using namespace clang;

namespace borrowck {

// ---------------------------------------------------------------- builder

namespace {

class LoanFactBuilder {
public:
  LoanFactBuilder(const FunctionDecl &FD, ASTContext &Ctx, const TypeModel &Model,
                  const SpanMaker &Spans, const CFG &Cfg, const ParentIndex &Parents,
                  SummaryCache &Summaries, FactIds &Ids, FunctionFacts &Out)
      : FD(FD), Ctx(Ctx), Model(Model), Spans(Spans), Cfg(Cfg), Parents(Parents),
        Summaries(Summaries), Out(Out), Ev(FD, Model, Summaries), Ids(Ids), Origins(Ids.Origins),
        VarStorage(Ids.VarStorage) {}

  bool run();

private:
  // Use: reads through the borrow; Pass: hands it to a function we cannot
  // see into; Touch: uses the holder without reading through it (v.size()).
  enum class UseVerdict { Use, Pass, Touch, NotUse };

  OriginId originFor(const VarDecl *V);
  OriginId escapedOrigin(const ValueDecl *D, const Expr *StoreSite, std::string Name = "");
  StorageId storageFor(const VarDecl *V);
  StorageId storageFor(const CXXBindTemporaryExpr *T, const Expr *Site);
  StorageId storageFor(const Sources::Site &Site);
  StorageId storageForTrivial(const MaterializeTemporaryExpr *MTE);
  // Trivially destructible temporaries: the element that ends their full
  // expression, and their storage.
  llvm::DenseMap<const Stmt *, llvm::SmallVector<StorageId, 1>> TrivialEnds;
  llvm::DenseMap<const MaterializeTemporaryExpr *, StorageId> TrivialStorage;
  // A loan of the unknown object a pointer points to: a pointer parameter, or
  // a pointer variable set from a call whose result we cannot follow.
  Sources pointee(const VarDecl *Param, const Expr *At);
  bool unknownPointer(QualType T, const Expr *Init) const;
  void handleFree(uint32_t Block, const Expr *Operand, const Expr *Where);
  void handleAdopt(uint32_t Block, const Expr *Operand, const Expr *Where, StorageId Owner);
  StorageId localStorage(const Expr *E);
  void invalidateUnique(uint32_t Block, const Expr *Obj, EndReason Why, const Expr *Where);
  void invalidateContents(uint32_t Block, const CXXMethodDecl *MD, const Expr *Obj, const Expr *Where);
  StorageId contentsStorage(const Expr *Obj) const;
  StorageId contentsStorageOf(const VarDecl *V) const;
  const ValueDecl *containerOf(const Expr *Obj) const;
  void expireContents(uint32_t Block, StorageId St, TypeModel::Invalidation What, std::string Name,
                      std::string Inner, const Expr *Where, bool StrictOnly = false);
  void handleMutatingCall(uint32_t Block, const CallExpr *Call);
  void overwrite(uint32_t Block, const Expr *Target, const Expr *Where);
  void mutableBorrow(uint32_t Block, const Expr *Of);
  void endEveryBorrow(uint32_t Block, const VarDecl *V, EndReason Why, const Expr *Where);
  llvm::DenseSet<const Expr *> MutableSites; // where a `T&`/`T*` to a local is taken
  void handleCall(uint32_t Block, const CallExpr *Call);
  void handleCaptureBy(uint32_t Block, const CallExpr *Call);
  void flowInto(uint32_t Block, const Expr *Target, const Sources &S, const Stmt *Where);
  std::string spelling(const Expr *E) const;
  std::optional<LifetimeBoundHint> hintFor(const ParmVarDecl *P) const;
  // Convert evaluated sources into a Flow/Return fact's loans and origins.
  void fill(const Sources &S, LoanFact &F);
  void flow(uint32_t Block, OriginId Dst, const Sources &S, bool Kill, const Stmt *Where,
            bool ReadThrough = false, bool Element = false);
  bool readsThrough(const Expr *Init) const;
  void afterExchange(uint32_t Block, const Expr *E);
  void handleStmt(uint32_t Block, const Stmt *S);
  void handleAssignment(uint32_t Block, const Expr *LHS, const Expr *RHS, const Stmt *Op);
  void handleCapture(uint32_t Block, const CXXMemberCallExpr *Call);
  UseVerdict useOf(const DeclRefExpr *DRE) const;
  std::optional<Span> scopeEnd(const Stmt *Trigger, const VarDecl *V) const;
  std::optional<Span> statementEnd(const Stmt *S) const;
  bool holds(QualType T) const { return Model.holdsBorrow(T); }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const TypeModel &Model;
  const SpanMaker &Spans;
  const CFG &Cfg;
  const ParentIndex &Parents;
  SummaryCache &Summaries;
  FunctionFacts &Out;
  Evaluator Ev;

  FactIds &Ids;
  llvm::DenseMap<const VarDecl *, OriginId> &Origins;        // FactIds: one owner
  llvm::DenseMap<const ValueDecl *, OriginId> Escaped;
  llvm::DenseMap<const VarDecl *, StorageId> &VarStorage;    // FactIds
  llvm::DenseMap<const CXXBindTemporaryExpr *, StorageId> TempStorage;
  llvm::DenseMap<const void *, StorageId> MemStorage; // allocation site or pointer parameter
  llvm::DenseMap<const ValueDecl *, StorageId> RefStorage; // Referent: by reference or field
  llvm::DenseMap<const CallExpr *, StorageId> ErasedStorage; // node erase(it): the erased node
  std::map<std::pair<StorageId, const Expr *>, LoanId> LoanAt;
  std::vector<std::optional<Span>> EscapeStores;
};

OriginId LoanFactBuilder::originFor(const VarDecl *V) {
  auto It = Origins.find(V);
  if (It != Origins.end())
    return It->second;
  Origin O;
  O.Name = V->getNameAsString();
  O.IsReference = V->getType()->isReferenceType();
  O.Kind = V->hasLocalStorage() ? OriginKind::Local : OriginKind::Escaped;
  OriginId Id = static_cast<OriginId>(Out.Origins.size());
  Out.Origins.push_back(std::move(O));
  EscapeStores.emplace_back();
  Origins[V] = Id;
  if (!V->hasLocalStorage())
    Escaped[V] = Id;
  return Id;
}

OriginId LoanFactBuilder::escapedOrigin(const ValueDecl *D, const Expr *StoreSite, std::string Name) {
  OriginId Id;
  auto It = Escaped.find(D);
  if (It != Escaped.end()) {
    Id = It->second;
  } else {
    Origin O;
    O.Kind = OriginKind::Escaped;
    O.Name = !Name.empty()       ? Name
             : isa<FieldDecl>(D) ? "this->" + D->getNameAsString()
                                 : D->getNameAsString();
    Id = static_cast<OriginId>(Out.Origins.size());
    Out.Origins.push_back(std::move(O));
    EscapeStores.emplace_back();
    Escaped[D] = Id;
  }
  if (StoreSite)
    EscapeStores[Id] = Spans.range(StoreSite->getSourceRange());
  return Id;
}

StorageId LoanFactBuilder::storageFor(const VarDecl *V) {
  auto It = VarStorage.find(V);
  if (It != VarStorage.end())
    return It->second;
  Storage St;
  St.Kind = isa<ParmVarDecl>(V) ? StorageKind::Parameter : StorageKind::Local;
  St.Name = V->getNameAsString();
  St.SmartOwner = !V->getType()->isReferenceType() && Model.smart(V->getType()) != TypeModel::Smart::None;
  St.Declared = Spans.token(V->getLocation());
  // A range-for's hidden `__range` extending a temporary: to the reader, that
  // temporary (`for (auto& x : make())`), which lives until the loop ends.
  if (V->isImplicit() && V->getType()->isReferenceType() && V->getInit())
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(skipWrappers(V->getInit()))) {
      St.Kind = StorageKind::Temporary;
      St.Name.clear();
      St.Declared = Spans.range(MTE->getSubExpr()->getSourceRange());
    }
  StorageId Id = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  VarStorage[V] = Id;
  return Id;
}

StorageId LoanFactBuilder::storageFor(const CXXBindTemporaryExpr *T, const Expr *Site) {
  auto It = TempStorage.find(T);
  if (It != TempStorage.end())
    return It->second;
  Storage St;
  St.Kind = StorageKind::Temporary;
  St.Declared = Spans.range((Site ? Site : T)->getSourceRange());
  StorageId Id = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  TempStorage[T] = Id;
  return Id;
}

StorageId LoanFactBuilder::storageFor(const Sources::Site &L) {
  if (L.Kind == StorageKind::Referent) {
    auto [It, New] = RefStorage.try_emplace(L.Referent, 0);
    if (!New)
      return It->second;
    Storage St;
    St.Kind = StorageKind::Referent;
    St.Name = L.Referent->getNameAsString();
    St.Declared = Spans.token(L.Referent->getLocation());
    It->second = static_cast<StorageId>(Out.Storages.size());
    Out.Storages.push_back(std::move(St));
    return It->second;
  }
  if (!isFreeable(L.Kind))
    return L.Var ? storageFor(L.Var) : L.Trivial ? storageForTrivial(L.Trivial) : storageFor(L.Temp, L.At);
  const void *Key = L.Var ? static_cast<const void *>(L.Var) : static_cast<const void *>(L.At);
  auto It = MemStorage.find(Key);
  if (It != MemStorage.end())
    return It->second;
  Storage St;
  St.Kind = L.Kind;
  if (L.Var) {
    St.Name = L.Var->getNameAsString();
    St.Declared = Spans.token(L.Var->getLocation());
  } else {
    St.Declared = Spans.range(L.At->getSourceRange());
  }
  StorageId Id = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  MemStorage[Key] = Id;
  return Id;
}

StorageId LoanFactBuilder::storageForTrivial(const MaterializeTemporaryExpr *MTE) {
  auto It = TrivialStorage.find(MTE);
  if (It != TrivialStorage.end())
    return It->second;
  Storage St;
  St.Kind = StorageKind::Temporary;
  St.Declared = Spans.range(MTE->getSubExpr()->getSourceRange());
  StorageId Id = static_cast<StorageId>(Out.Storages.size());
  Out.Storages.push_back(std::move(St));
  TrivialStorage[MTE] = Id;
  // The full expression's root: the outermost expression, declaration or
  // return statement around it.
  const Stmt *Root = MTE;
  for (const Stmt *P = Parents.parentOf(Root); P && (isa<Expr>(P) || isa<DeclStmt>(P) || isa<ReturnStmt>(P));
       P = Parents.parentOf(P)) {
    Root = P;
    if (!isa<Expr>(P))
      break;
  }
  TrivialEnds[Root].push_back(Id);
  return Id;
}

Sources LoanFactBuilder::pointee(const VarDecl *Param, const Expr *At) {
  Sources S;
  Sources::Site P;
  P.Var = Param;
  P.At = At;
  P.Kind = StorageKind::Pointee;
  S.Loans.push_back(P);
  return S;
}

// A raw pointer set from something we cannot follow (a call, a field, a
// global): its target is unknown, but delete/free() of it still ends it.
bool LoanFactBuilder::unknownPointer(QualType T, const Expr *Init) const {
  if (!T->isPointerType() || T->isFunctionPointerType() || !Init)
    return false;
  if (Init->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return false;
  const Expr *I = skipWrappers(Init)->IgnoreParenImpCasts();
  return isa<CallExpr>(I) || isa<MemberExpr>(I) || isa<DeclRefExpr>(I);
}

std::optional<LifetimeBoundHint> LoanFactBuilder::hintFor(const ParmVarDecl *P) const {
  if (!P || !P->getIdentifier())
    return std::nullopt;
  const auto *F = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!F || !F->getIdentifier() || F->getTemplateInstantiationPattern())
    return std::nullopt; // a template's instantiation: the pattern is where to write it
  SourceLocation End = Lexer::getLocForEndOfToken(P->getLocation(), 0, Ctx.getSourceManager(),
                                                  Ctx.getLangOpts());
  std::optional<Span> At = Spans.token(End);
  if (!At)
    return std::nullopt; // not in the main file
  At->End = At->Begin;
  return LifetimeBoundHint{*At, F->getNameAsString(), P->getNameAsString()};
}

std::string LoanFactBuilder::spelling(const Expr *E) const {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  llvm::StringRef T = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
  if (T.empty() || T.size() > 40)
    return "";
  return T.str();
}

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
      Out.Loans.push_back(Loan{St, *At, hintFor(L.Via), L.Contents, L.Contents && L.Iterator});
      Out.Loans.back().Mutable = L.At && MutableSites.count(L.At);
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
  if (!F || !F->isInStdNamespace() || !F->getIdentifier() || F->getName() != "exchange" ||
      Call->getNumArgs() != 2)
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

// What does an occurrence of a borrow-holding variable do with its borrow?
LoanFactBuilder::UseVerdict LoanFactBuilder::useOf(const DeclRefExpr *DRE) const {
  const auto *V = cast<VarDecl>(DRE->getDecl());
  const bool RefToOwner = V->getType()->isReferenceType() &&
                          !holds(V->getType()->getPointeeType());
  const Stmt *C = DRE;
  // Once the expression reads through the borrow (`*it`, `v[i]`, `it->x`), a
  // comparison, a condition or an assignment reads or writes the target.
  bool Through = false;
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    const Stmt *Child;
    const Stmt *P = Parents.semanticParent(C, Child);
    if (!P)
      return UseVerdict::Use;
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() &&
                                                   skipWrappers(VD->getInit()) == skipWrappers(cast<Expr>(Child)))
          return VD->getType()->isReferenceType() || holds(VD->getType()) ? UseVerdict::NotUse
                                                                          : UseVerdict::Use;
      return UseVerdict::Use;
    }
    if (isa<ReturnStmt>(P))
      return returnsReference(&FD) || holds(FD.getReturnType()) ? UseVerdict::NotUse
                                                                 : UseVerdict::Use;
    if (const auto *For = dyn_cast<ForStmt>(P); For && Child == For->getInc())
      return UseVerdict::Use; // `++it` of a class iterator: advances through the container
    if (isa<IfStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) || isa<ForStmt>(P))
      return Through ? UseVerdict::Use : UseVerdict::NotUse; // a null test, or a read
    if (isa<LambdaExpr>(P))
      return UseVerdict::NotUse; // captured: flows into the closure
    if (isa<CXXDeleteExpr>(P))
      return UseVerdict::NotUse; // the Free fact checks it
    if (const auto *Call = dyn_cast<CallExpr>(P);
        Call && !isa<CXXMemberCallExpr>(Call) && Call->getNumArgs() >= 1 &&
        skipWrappers(Call->getArg(0)) == skipWrappers(cast<Expr>(Child)) &&
        isDeallocation(dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl())))
      return UseVerdict::NotUse;
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->isAssignmentOp()) {
        if ((Through || RefToOwner) && !(Child == BO->getRHS() && holds(BO->getLHS()->getType())))
          return UseVerdict::Use; // `*it = x`, `x = *it`, `r = x` of an `int& r`: writes or reads the target
        return UseVerdict::NotUse; // overwritten, or copied into another variable
      }
      if (BO->isComparisonOp() || BO->isLogicalOp() || BO->getOpcode() == BO_Comma)
        return Through && BO->getOpcode() != BO_Comma ? UseVerdict::Use : UseVerdict::NotUse;
      if (BO->isAdditiveOp()) {
        C = P;
        continue;
      }
      return UseVerdict::Use;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      switch (UO->getOpcode()) {
      case UO_LNot:
      case UO_PreInc:
      case UO_PreDec:
      case UO_PostInc:
      case UO_PostDec:
        return UseVerdict::NotUse;
      case UO_AddrOf:
        C = P;
        continue;
      default:
        return UseVerdict::Use;
      }
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      if (Child == CO->getCond())
        return UseVerdict::NotUse;
      C = P;
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      if (holds(CE->getType())) {
        C = P;
        continue;
      }
      return UseVerdict::Use;
    }
    if (isa<InitListExpr>(P) || isa<CXXParenListInitExpr>(P)) {
      if (holds(cast<Expr>(P)->getType())) {
        C = P;
        continue;
      }
      return UseVerdict::Use;
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P)) {
      if (Cast->getType()->isVoidType())
        return UseVerdict::NotUse; // `(void)p;` silences a warning, reads nothing
      C = P;
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (ME->isArrow())
        return UseVerdict::Use;
      const auto *Method = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      if (!Method) { // a field of a struct holding borrows
        if (holds(ME->getType()) || ME->getType()->isReferenceType()) {
          C = P;
          continue;
        }
        return UseVerdict::Use;
      }
      const Stmt *CallP = Parents.parentOf(ME);
      const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(CallP);
      if (!Call)
        return UseVerdict::Use;
      // A view's own length does not read what it views.
      if (Model.ownership(ME->getBase()->getType()) == TypeModel::Ownership::View &&
          Method->getIdentifier() &&
          llvm::StringSwitch<bool>(Method->getName())
              .Cases({"size", "length", "empty", "size_bytes", "max_size"}, true)
              .Default(false))
        return UseVerdict::Touch;
      if (Call->isGLValue() || holds(Call->getType())) {
        Through |= Call->isGLValue(); // `v.front()`, `it->first`: designates the target
        C = Call; // the result carries the borrow: its use is the use
        continue;
      }
      // Bookkeeping on a container of borrows (size(), push_back(), clear())
      // does not read through them; a call of a closure does.
      if (!RefToOwner && Model.ownership(ME->getBase()->getType()) == TypeModel::Ownership::Owner &&
          Method->getOverloadedOperator() != OO_Call)
        return UseVerdict::NotUse;
      return UseVerdict::Use;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
      OverloadedOperatorKind Op = OC->getOperator();
      if (Op == OO_EqualEqual || Op == OO_ExclaimEqual || Op == OO_Less || Op == OO_Greater ||
          Op == OO_LessEqual || Op == OO_GreaterEqual || Op == OO_Spaceship) {
        // Comparing class iterators or views reads them (comparing an
        // invalidated iterator is undefined); comparing raw pointers is not.
        const bool ViewOperand = Model.ownership(cast<Expr>(Child)->getType()) ==
                                     TypeModel::Ownership::View &&
                                 cast<Expr>(Child)->getType()->isRecordType();
        return Through || ViewOperand ? UseVerdict::Use : UseVerdict::NotUse;
      }
      bool IsObject = OC->getNumArgs() > 0 && skipWrappers(OC->getArg(0)) == skipWrappers(cast<Expr>(Child));
      if (Op == OO_Equal)
        return UseVerdict::NotUse; // assigned to, or copied from into another holder
      if (OC->isGLValue() || holds(OC->getType())) {
        Through |= Op == OO_Star || Op == OO_Arrow || Op == OO_Subscript;
        C = P; // *it, v[i], it + 1: the result carries the borrow
        continue;
      }
      if (IsObject && Op != OO_Call && !RefToOwner &&
          Model.ownership(OC->getArg(0)->getType()) == TypeModel::Ownership::Owner)
        return UseVerdict::NotUse;
      return UseVerdict::Use;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      // Passed to a function whose result borrows it: follow the result.
      if ((Call->isGLValue() || holds(Call->getType()))) {
        if (const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl())) {
          const ResultBorrows &S = Summaries.resultBorrows(F, Model);
          for (unsigned I = 0; I < Call->getNumArgs() && I < S.Params.size(); ++I)
            if (S.Params[I] && skipWrappers(Call->getArg(I)) == skipWrappers(cast<Expr>(Child))) {
              C = P;
              goto next;
            }
        }
      }
      // An element read through the borrow and passed by value (`use(*it)`,
      // `use(r)` of an `int&`): the read happens here.
      if (const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()))
        for (unsigned I = 0; I < Call->getNumArgs() && I < F->getNumParams(); ++I)
          if (skipWrappers(Call->getArg(I))->IgnoreImpCasts() ==
                  skipWrappers(cast<Expr>(Child))->IgnoreImpCasts() &&
              !F->getParamDecl(I)->getType()->isReferenceType() &&
              !holds(F->getParamDecl(I)->getType()) && (Through || RefToOwner))
            return UseVerdict::Use;
      // The C and C++ libraries read what they are given (puts(p), strlen(p)).
      if (const Decl *Callee = Call->getCalleeDecl();
          Callee && Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
        return UseVerdict::Use;
      return UseVerdict::Pass;
    }
    return UseVerdict::Use;
  next:;
  }
  return UseVerdict::Use;
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
  Sources S;
  for (const Expr *A : Call->arguments()) {
    if (holds(A->getType()))
      S.add(Ev.valueOf(A));
    else if (A->isGLValue() && Model.ownership(A->getType()) == TypeModel::Ownership::Owner)
      S.add(Ev.borrowOf(A)); // emplace_back(s) into a vector<string_view>
  }
  if (S.empty())
    return;
  if (V->getType()->isReferenceType() || !V->hasLocalStorage() ||
      DRE->refersToEnclosingVariableOrCapture())
    flow(Block, escapedOrigin(V, Call), S, /*Kill=*/false, Call);
  else
    flow(Block, originFor(V), S, /*Kill=*/false, Call);
}

void LoanFactBuilder::handleFree(uint32_t Block, const Expr *Operand, const Expr *Where) {
  if (Operand->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return;
  LoanFact F{LoanFactKind::Free};
  fill(Ev.valueOf(Operand), F);
  if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
    return;
  F.Name = spelling(skipWrappers(Operand)->IgnoreParenImpCasts());
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// The storage of a local variable E names (a smart pointer), if any.
StorageId LoanFactBuilder::localStorage(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(E)->IgnoreParenImpCasts());
  if (!DRE || DRE->refersToEnclosingVariableOrCapture())
    return NoStorage;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || !Ev.ownsStorage(V))
    return NoStorage;
  return storageFor(V);
}

void LoanFactBuilder::handleAdopt(uint32_t Block, const Expr *Operand, const Expr *Where,
                                  StorageId Owner) {
  const Expr *Op = skipWrappers(Operand)->IgnoreParenImpCasts();
  // Ownership handed over from another owner (`a.release()`) or a fresh
  // allocation: a new owner of memory nobody else owns.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Op))
    if (const auto *MD = MC->getMethodDecl();
        MD && MD->getIdentifier() && MD->getName() == "release")
      return;
  LoanFact F{LoanFactKind::Adopt};
  F.Dies = Owner;
  fill(Ev.valueOf(Operand), F);
  if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
    return;
  F.Name = spelling(Op);
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// A std::unique_ptr variable of this function that frees its object here:
// every borrow of the object (`u.get()`, `*u`) dies.
void LoanFactBuilder::invalidateUnique(uint32_t Block, const Expr *Obj, EndReason Why,
                                       const Expr *Where) {
  if (Model.smart(Obj->getType()) != TypeModel::Smart::Unique)
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(skipWrappers(Obj)->IgnoreParenImpCasts());
  if (!DRE)
    return;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || !VarStorage.count(V) || DRE->refersToEnclosingVariableOrCapture())
    return; // nothing borrowed it (yet)
  LoanFact F{LoanFactKind::Expire};
  F.Dies = VarStorage[V];
  F.Reason = Why;
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
}

// The borrows flow into what the expression designates, kept alongside what
// it already holds: a local holder, or something that outlives the function.
void LoanFactBuilder::flowInto(uint32_t Block, const Expr *Target, const Sources &S,
                               const Stmt *Where) {
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
    flow(Block, originFor(V), S, /*Kill=*/false, Where);
}

// [[clang::lifetime_capture_by(X)]] on a parameter: the argument's borrows
// are kept by X (another argument, the object, or global state).
void LoanFactBuilder::handleCaptureBy(uint32_t Block, const CallExpr *Call) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!F)
    return;
  const std::vector<std::vector<CaptureTarget>> &Captures = Summaries.captures(F);
  CallParts Parts = splitCall(Call, F);
  const llvm::SmallVector<const Expr *, 4> &Args = Parts.Args;
  for (unsigned I = 0; I < Captures.size() && I < Args.size(); ++I) {
    if (Captures[I].empty())
      continue;
    Sources S = Ev.borrowedArgumentOf(Args[I], F->getParamDecl(I)->getType());
    if (S.noLoans())
      continue;
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
      if (Target)
        flowInto(Block, Target, S, Call);
    }
  }
}

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
  default: F.Reason = EndReason::Destroyed; break;
  }
  F.Name = std::move(Name);
  F.Inner = std::move(Inner);
  if (auto W = Spans.range(Where->getSourceRange()))
    F.Where = *W;
  Out.LoanBlocks[Block].push_back(std::move(F));
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

static bool nodeBased(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(RD->getName())
      .Cases({"map", "multimap", "set", "multiset", "unordered_map", "unordered_multimap",
              "unordered_set", "unordered_multiset", "list"},
             true)
      .Default(false);
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

  // std::map::erase(it) and the like: `it` designates the erased node.
  if (MD && Object && Callee == "erase" && Args.size() == 1 && nodeBased(Object->getType()) &&
      Model.ownership(Args[0]->getType()) == TypeModel::Ownership::View) {
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
    }
    std::string Param = F->getParamDecl(I)->getName().str();
    if (Muts && I < Muts->size() && (*Muts)[I].What) {
      const SummaryCache::Mutation &M = (*Muts)[I];
      expireContents(Block, contentsStorage(A), static_cast<TypeModel::Invalidation>(M.What), Callee,
                     M.Method, Call);
    }
    if (Of)
      Designated.push_back({A, Of, Mutable, Param});
  }
  // vector/deque insert(pos, first, last) and assign(first, last) require
  // iterators into another container ([sequence.reqmts]).
  bool Precondition = false;
  if (MD && Object && (Callee == "insert" || Callee == "assign") && Model.invalidation(MD) != TypeModel::Invalidation::None) {
    const auto *RD = MD->getParent();
    Precondition = RD->getIdentifier() && (RD->getName() == "vector" || RD->getName() == "deque");
    if (Precondition) {
      if (Callee == "insert" && !Designated.empty() && Designated.front().E == Args.front())
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

void LoanFactBuilder::handleCall(uint32_t Block, const CallExpr *Call) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!F)
    return;
  handleCaptureBy(Block, Call);
  // A discarded `std::exchange(p, v);` statement.
  if (const Stmt *P = Parents.parentOf(Call); P && (isa<CompoundStmt>(P) || (isa<ExprWithCleanups>(P) &&
                                                      isa_and_nonnull<CompoundStmt>(Parents.parentOf(P)))))
    afterExchange(Block, Call);
  if (isDeallocation(F) && Call->getNumArgs() >= 1) {
    handleFree(Block, Call->getArg(0), Call);
    return;
  }
  // std::move(u) that really moves: the unique_ptr hands its object on.
  // std::move(v) of a container that really moves: its elements go with it.
  const bool Unique = Call->getNumArgs() == 1 && Model.smart(Call->getArg(0)->getType()) == TypeModel::Smart::Unique;
  const bool Container = Call->getNumArgs() == 1 && !Unique &&
                         Model.smart(Call->getArg(0)->getType()) == TypeModel::Smart::None &&
                         Model.ownership(Call->getArg(0)->getType()) == TypeModel::Ownership::Owner;
  if (F->isInStdNamespace() && F->getIdentifier() && F->getName() == "move" && (Unique || Container)) {
    const Stmt *C = Call;
    for (unsigned Depth = 0; Depth < 8; ++Depth) {
      const Stmt *P = Parents.parentOf(C);
      if (!P)
        return;
      if (isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
          isa<CXXBindTemporaryExpr>(P) || isa<ParenExpr>(P)) {
        C = P;
        continue;
      }
      bool Moves = false;
      if (const auto *CE = dyn_cast<CXXConstructExpr>(P))
        Moves = CE->getConstructor() && !CE->getConstructor()->isCopyConstructor();
      else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
        Moves = OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 && OC->getArg(1) == C;
      if (Moves && Unique)
        invalidateUnique(Block, Call->getArg(0), EndReason::MovedOut, Call);
      if (Moves && Container) {
        // Into a local owner, the elements live on where they are (valid C++;
        // Rust's E0505 all the same); into a by-value parameter or a
        // temporary, they die with it unless the callee keeps them.
        bool IntoLocal = false;
        if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
          IntoLocal = referencedVar(skipWrappers(OC->getArg(0))) != nullptr;
        else if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parents.parentOf(P)))
          IntoLocal = DS->isSingleDecl() && isa<VarDecl>(DS->getSingleDecl()) &&
                      !cast<VarDecl>(DS->getSingleDecl())->isStaticLocal();
        else if (const auto *Parent = Parents.parentOf(P); Parent && isa<ExprWithCleanups>(Parent))
          if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parents.parentOf(Parent)))
            IntoLocal = DS->isSingleDecl();
        StorageId St = contentsStorage(Call->getArg(0));
        if (St != NoStorage) {
          LoanFact Ex{LoanFactKind::Expire};
          Ex.Dies = St;
          Ex.ContentsOnly = true;
          Ex.Reason = EndReason::MovedAway;
          Ex.StrictOnly = IntoLocal;
          Ex.Name = "std::move";
          if (auto W = Spans.range(Call->getSourceRange()))
            Ex.Where = *W;
          Out.LoanBlocks[Block].push_back(std::move(Ex));
        }
      }
      return;
    }
  }
}

void LoanFactBuilder::handleStmt(uint32_t Block, const Stmt *S) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *V = dyn_cast<VarDecl>(D);
      if (!V)
        continue;
      QualType T = V->getType();
      const Expr *Init = V->getInit();
      if (T->isReferenceType()) {
        if (!Init)
          continue;
        // Bound anew (a loop runs the declaration again): what was borrowed
        // through it before designates another object.
        if (auto It = RefStorage.find(V); It != RefStorage.end()) {
          LoanFact F{LoanFactKind::Forget};
          F.Dies = It->second;
          Out.LoanBlocks[Block].push_back(std::move(F));
        }
        // A range-for over a temporary view (`for (auto& b : buckets())`): the
        // hidden `__range` extends the view, and what the loop borrows is what
        // the view borrows, not the view object.
        const bool RangeOfView = V->isImplicit() && isa<MaterializeTemporaryExpr>(skipWrappers(Init)) &&
                                 T->getPointeeType()->isRecordType() &&
                                 Model.ownership(T->getPointeeType()) != TypeModel::Ownership::Owner;
        Sources Src = RangeOfView || Ev.extendsTemporary(V) ? Sources() : Ev.borrowOf(Init);
        if (holds(T->getPointeeType()))
          Src.add(Ev.valueOf(Init));
        if (T->isLValueReferenceType() && !T->getPointeeType().isConstQualified())
          mutableBorrow(Block, Init);
        // `auto& p = *it;`: a reference to one element of several.
        flow(Block, originFor(V), Src, /*Kill=*/true, DS, /*ReadThrough=*/false,
             /*Element=*/holds(T->getPointeeType()) && readsThrough(Init));
      } else if (holds(T)) {
        if (const auto *UO = Init ? dyn_cast<UnaryOperator>(skipWrappers(Init)->IgnoreParenImpCasts()) : nullptr;
            UO && UO->getOpcode() == UO_AddrOf && T->isPointerType() &&
            !T->getPointeeType().isConstQualified())
          mutableBorrow(Block, UO->getSubExpr());
        Sources Src = Init ? Ev.valueOf(Init) : Sources();
        if (Src.noLoans() && !V->isStaticLocal() && unknownPointer(T, Init))
          Src.add(pointee(nullptr, Init));
        if (V->isStaticLocal())
          flow(Block, escapedOrigin(V, Init), Src, /*Kill=*/true, DS);
        else
          flow(Block, originFor(V), Src, /*Kill=*/true, DS, Init && readsThrough(Init));
        afterExchange(Block, Init);
      }
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      handleAssignment(Block, BO->getLHS(), BO->getRHS(), BO);
    if (BO->isAssignmentOp())
      overwrite(Block, BO->getLHS(), BO);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      overwrite(Block, UO->getSubExpr(), UO);
    return;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
      invalidateUnique(Block, OC->getArg(0), EndReason::Reassigned, OC);
      handleAssignment(Block, OC->getArg(0), OC->getArg(1), OC);
    }
    if (OC->getNumArgs() >= 1)
      invalidateContents(Block, dyn_cast_or_null<CXXMethodDecl>(OC->getCalleeDecl()), OC->getArg(0),
                         OC);
    handleMutatingCall(Block, OC);
    handleCaptureBy(Block, OC);
    return;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (MD && Obj && MD->getIdentifier() && MD->getName() == "reset" &&
        Model.smart(Obj->getType()) != TypeModel::Smart::None) {
      invalidateUnique(Block, Obj, EndReason::Reset, MC);
      if (MC->getNumArgs() >= 1 && MC->getArg(0)->getType()->isPointerType())
        handleAdopt(Block, MC->getArg(0), MC,
                    // A shared_ptr's copies may keep the object alive: only a
                    // unique_ptr surely frees what it adopted when it ends.
                    Model.smart(Obj->getType()) == TypeModel::Smart::Unique ? localStorage(Obj) : NoStorage);
      return;
    }
    if (MD && Obj && MD->getIdentifier() && MD->getName() == "release" &&
        Model.smart(Obj->getType()) == TypeModel::Smart::Unique) {
      if (StorageId St = localStorage(Obj); St != NoStorage) {
        LoanFact F{LoanFactKind::Release};
        F.Dies = St;
        if (auto W = Spans.range(MC->getSourceRange()))
          F.Where = *W;
        Out.LoanBlocks[Block].push_back(std::move(F));
      }
      return;
    }
    handleCapture(Block, MC);
    handleCaptureBy(Block, MC);
    invalidateContents(Block, MD, Obj, MC);
    handleMutatingCall(Block, MC);
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    // std::unique_ptr<T> u(raw), std::shared_ptr<T>(raw): takes ownership.
    if (Model.smart(CE->getType()) != TypeModel::Smart::None && CE->getNumArgs() >= 1 &&
        CE->getArg(0)->getType()->isPointerType() &&
        !CE->getArg(0)->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
      // The variable it initialises, if any: `std::unique_ptr<T> u(raw);`.
      StorageId Owner = NoStorage;
      const Stmt *C = CE;
      for (const Stmt *P = Parents.parentOf(C); P; C = P, P = Parents.parentOf(P)) {
        if (const auto *DS = dyn_cast<DeclStmt>(P)) {
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D);
                V && V->getInit() && skipWrappers(V->getInit()) == skipWrappers(cast<Expr>(C)) &&
                Ev.ownsStorage(V) && Model.smart(CE->getType()) == TypeModel::Smart::Unique)
              Owner = storageFor(V);
          break;
        }
        if (!isa<Expr>(P))
          break;
      }
      handleAdopt(Block, CE->getArg(0), CE, Owner);
      afterExchange(Block, CE->getArg(0));
    }
    return;
  }
  if (const auto *DE = dyn_cast<CXXDeleteExpr>(S)) {
    handleFree(Block, DE->getArgument(), DE);
    afterExchange(Block, DE->getArgument()); // delete std::exchange(p, nullptr);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    handleCall(Block, Call);
    handleMutatingCall(Block, Call);
    return;
  }
  if (const auto *R = dyn_cast<ReturnStmt>(S)) {
    const Expr *E = R->getRetValue();
    if (!E)
      return;
    Sources Src;
    if (returnsReference(&FD)) {
      Src = Ev.borrowOf(E);
      if (holds(FD.getReturnType()->getPointeeType()))
        Src.add(Ev.valueOf(E));
    } else if (holds(FD.getReturnType())) {
      Src = Ev.valueOf(E);
    } else {
      return;
    }
    LoanFact F{LoanFactKind::Return};
    fill(Src, F);
    if (F.Loans.empty() && F.Srcs.empty() && F.MayLoans.empty() && F.MaySrcs.empty())
      return;
    if (auto W = Spans.range(E->getSourceRange()))
      F.Where = *W;
    Out.LoanBlocks[Block].push_back(std::move(F));
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return;
    auto It = Origins.find(V);
    if (It == Origins.end() || Out.Origins[It->second].Kind != OriginKind::Local)
      return;
    UseVerdict U = useOf(DRE);
    if (U == UseVerdict::NotUse)
      return;
    LoanFact F{LoanFactKind::Use};
    F.Dst = It->second;
    F.Deref = U == UseVerdict::Use;
    F.PassedOn = U == UseVerdict::Pass;
    if (auto W = Spans.range(DRE->getSourceRange()))
      F.Where = *W;
    Out.LoanBlocks[Block].push_back(std::move(F));
  }
}

bool LoanFactBuilder::run() {
  Out.ReturnsReference = returnsReference(&FD) || FD.getReturnType()->isPointerType();
  for (const ParmVarDecl *P : FD.parameters())
    Out.HasBorrowedParameter |= P->getType()->isReferenceType() || P->getType()->isPointerType() ||
                                Model.ownership(P->getType()) == TypeModel::Ownership::View;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD); MD && !MD->isStatic())
    Out.HasBorrowedParameter = true;

  // Origins are created as declarations, assignments and captures are seen;
  // uses need them to exist, so go over the elements twice.
  for (int Pass = 0; Pass < 2; ++Pass) {
    if (Pass == 1) {
      if (Out.Origins.empty() && Out.Loans.empty())
        return !Out.ContainerCalls.empty();
      for (auto &B : Out.LoanBlocks)
        B.clear();
      Out.ContainerCalls.clear();
      Out.Loans.clear();
      LoanAt.clear();
    }
    // A raw pointer parameter points to an object we know nothing about, but
    // which delete/free() in this function would end.
    for (const ParmVarDecl *P : FD.parameters())
      if (QualType T = P->getType(); T->isPointerType() && !T->isFunctionPointerType())
        flow(Cfg.getEntry().getBlockID(), originFor(P), pointee(P, nullptr), /*Kill=*/true, FD.getBody());
    for (const CFGBlock *B : Cfg) {
      uint32_t Id = B->getBlockID();
      for (const CFGElement &E : *B) {
        if (auto S = E.getAs<CFGStmt>()) {
          handleStmt(Id, S->getStmt());
          if (auto It = TrivialEnds.find(S->getStmt()); It != TrivialEnds.end())
            for (StorageId St : It->second) {
              LoanFact F{LoanFactKind::Expire};
              F.Dies = St;
              if (auto W = statementEnd(S->getStmt()))
                F.Where = *W;
              Out.LoanBlocks[Id].push_back(std::move(F));
            }
        } else if (auto LE = E.getAs<CFGLifetimeEnds>()) {
          const VarDecl *V = LE->getVarDecl();
          if (!Ev.ownsStorage(V) && !VarStorage.count(V))
            continue;
          LoanFact F{LoanFactKind::Expire};
          F.Dies = storageFor(V);
          if (auto W = scopeEnd(LE->getTriggerStmt(), V))
            F.Where = *W;
          Out.LoanBlocks[Id].push_back(std::move(F));
        } else if (auto TD = E.getAs<CFGTemporaryDtor>()) {
          const CXXBindTemporaryExpr *BTE = TD->getBindTemporaryExpr();
          auto It = TempStorage.find(BTE);
          if (It == TempStorage.end())
            continue;
          LoanFact F{LoanFactKind::Expire};
          F.Dies = It->second;
          if (auto W = statementEnd(BTE))
            F.Where = *W;
          Out.LoanBlocks[Id].push_back(std::move(F));
        }
      }
    }
  }

  // By-value parameters end when the function returns (the CFG has no
  // lifetime-end for them): what escaped must not hold their loans.
  if (!Escaped.empty())
    for (const ParmVarDecl *P : FD.parameters()) {
      auto It = VarStorage.find(P);
      if (It == VarStorage.end())
        continue;
      LoanFact F{LoanFactKind::Expire};
      F.Dies = It->second;
      const auto *Body = dyn_cast_or_null<CompoundStmt>(FD.getBody());
      if (auto W = Body ? Spans.token(Body->getRBracLoc()) : Spans.token(P->getLocation()))
        F.Where = *W;
      Out.LoanBlocks[Out.Graph.Exit].push_back(std::move(F));
    }
  // What globals and fields of *this hold is used after the function returns.
  for (const auto &[D, O] : Escaped) {
    LoanFact F{LoanFactKind::Use};
    F.Dst = O;
    F.Deref = false;
    if (EscapeStores[O])
      F.Where = *EscapeStores[O];
    Out.LoanBlocks[Out.Graph.Exit].push_back(std::move(F));
  }
  return !Out.Loans.empty();
}

} // namespace

bool buildLoanFacts(const FunctionDecl &FD, ASTContext &Ctx, const TypeModel &Model,
                    const SpanMaker &Spans, const CFG &Cfg, const ParentIndex &Parents,
                    SummaryCache &Summaries, FactIds &Ids, FunctionFacts &Out) {
  return LoanFactBuilder(FD, Ctx, Model, Spans, Cfg, Parents, Summaries, Ids, Out).run();
}

} // namespace borrowck

