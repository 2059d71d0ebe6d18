// The parameter-write facet of SummaryCache: does a function write (or move
// from) the object its reference parameter I refers to? A non-const
// reference, and a forwarding reference deduced as one (`make_unique<T>(host)`:
// `Args&&` is `const char *&`), is a write only if the body writes through
// it: an assignment, ++/--, a non-const member call, taking its address,
// binding it to a non-const reference, returning it by non-const reference,
// or handing it to a callee (or constructor) that writes through its own
// parameter; std::forward and std::move pass the same object on (moving from
// it is a write). A const reference or a by-value parameter never writes.
// No body here, a C variadic parameter, or recursion: writes (conservative).
#include "model/StdCalls.h"
#include "model/StdThreads.h"
#include "summary/SummaryCacheImpl.h"
#include "summary/ThreadReader.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace borrowck {

namespace {

// Does the call or construction P write through the argument C?
bool writesThroughArg(SummaryCache &Cache, const FunctionDecl *G, const Expr *const *Args, unsigned NumArgs,
                      unsigned Offset, const Stmt *C) {
  if (!G)
    return true;
  for (unsigned J = 0; J < NumArgs; ++J) {
    if (Args[J] != C)
      continue;
    if (J < Offset)
      return true; // the object of a member operator: asked by the caller
    unsigned I = J - Offset;
    if (I >= G->getNumParams())
      return true; // C variadic
    QualType PT = G->getParamDecl(I)->getType();
    if (!PT->isReferenceType())
      return false; // a copy (a class type's copy is a CXXConstructExpr, met first)
    if (PT->isLValueReferenceType() && PT->getPointeeType().isConstQualified())
      return false;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(G); Ctor && Ctor->isMoveConstructor())
      return true; // moves from it
    return Cache.writesThroughParam(G, I);
  }
  return true;
}

// Is the use U (an lvalue designating the parameter's object) a write?
bool useWrites(SummaryCache &Cache, const Expr *U, const FunctionDecl *Def,
               const llvm::DenseMap<const Stmt *, const Stmt *> &Parents) {
  const Stmt *C = U;
  for (const Stmt *P = Parents.lookup(C); P; C = P, P = Parents.lookup(P)) {
    if (isa<ParenExpr>(P) || isa<FullExpr>(P))
      continue;
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(P)) {
      if (IC->getCastKind() == CK_LValueToRValue || IC->getCastKind() == CK_ArrayToPointerDecay)
        return IC->getCastKind() == CK_ArrayToPointerDecay; // a read; a decayed array may be written through
      continue; // NoOp (adding const), derived-to-base
    }
    if (const auto *EC = dyn_cast<ExplicitCastExpr>(P)) {
      if (!EC->getType()->isReferenceType() && !EC->isGLValue())
        return false; // a value conversion: a read
      if (EC->getTypeAsWritten()->isLValueReferenceType() &&
          EC->getTypeAsWritten()->getPointeeType().isConstQualified())
        return false; // static_cast<const T &>(x)
      continue;       // static_cast<T &&>(x) in std::move / forward: the same object
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P))
      return UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->isAssignmentOp() && BO->getLHS() == C;
    if (isa<ArraySubscriptExpr>(P))
      continue; // an element of it
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (ME->isArrow())
        return false; // reads the pointer
      if (isa<FieldDecl>(ME->getMemberDecl()))
        continue; // a field of it
      const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      return !MD || (!MD->isConst() && !MD->isStatic());
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *G = Call->getDirectCallee();
      if (G && (isStdName(G, {"forward", "move", "as_const"})) && Call->getNumArgs() == 1 &&
          Call->getArg(0) == C)
        continue; // the same object, passed on
      if (G && stdthreads::isStdRef(G))
        return !isStdName(G, {"cref"});
      unsigned Offset = 0;
      if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call); OC && isa<CXXMethodDecl>(G)) {
        if (OC->getNumArgs() > 0 && OC->getArg(0) == C) {
          const auto *MD = cast<CXXMethodDecl>(G);
          return !MD->isConst() && !MD->isStatic();
        }
        Offset = 1;
      }
      if (isa<CXXMemberCallExpr>(Call) && cast<CXXMemberCallExpr>(Call)->getImplicitObjectArgument() == C)
        return true; // through a member expression: met above
      return writesThroughArg(Cache, G, Call->getArgs(), Call->getNumArgs(), Offset, C);
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = CE->getConstructor();
      if (Ctor->isCopyConstructor() && Ctor->getParamDecl(0)->getType()->getPointeeType().isConstQualified())
        return false;
      return writesThroughArg(Cache, Ctor, CE->getArgs(), CE->getNumArgs(), 0, C);
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() == C) {
          QualType T = V->getType();
          return T->isReferenceType() && !(T->isLValueReferenceType() && T->getPointeeType().isConstQualified());
        }
      return true;
    }
    if (isa<ReturnStmt>(P)) {
      QualType R = Def->getReturnType();
      return R->isReferenceType() && !(R->isLValueReferenceType() && R->getPointeeType().isConstQualified());
    }
    if (isa<CXXDefaultArgExpr>(P) || isa<CompoundStmt>(P))
      return false; // evaluated and discarded
    return true; // anything else: not followed
  }
  return false;
}

} // namespace

bool SummaryCache::writesThroughParam(const FunctionDecl *F, unsigned I) {
  if (!F || I >= F->getNumParams())
    return true;
  QualType PT = F->getParamDecl(I)->getType();
  if (!PT->isReferenceType())
    return false;
  if (PT->isLValueReferenceType() && PT->getPointeeType().isConstQualified())
    return false;
  const FunctionDecl *Def = nullptr;
  if (!F->hasBody(Def) || !Def->getBody() || I >= Def->getNumParams())
    return true;
  auto Key = std::make_pair(Def, I);
  if (auto It = P->ParamWrites.find(Key); It != P->ParamWrites.end())
    return It->second;
  if (!P->ParamWritesInProgress.insert(Key).second)
    return true; // recursion: conservative (not memoised)
  const ParmVarDecl *PD = Def->getParamDecl(I);
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  indexParents(Def->getBody(), nullptr, Parents);
  std::vector<const Stmt *> Work{Def->getBody()};
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def)) // `name(std::move(s))`
    for (const CXXCtorInitializer *In : Ctor->inits())
      if (In->getInit() && In->isWritten()) {
        indexParents(In->getInit(), nullptr, Parents);
        Work.push_back(In->getInit());
      }
  bool Writes = false;
  while (!Work.empty() && !Writes) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &Cap : LE->captures())
        if (Cap.capturesVariable() && Cap.getCapturedVar() == PD && Cap.getCaptureKind() == LCK_ByRef)
          Writes = true; // captured by reference: the closure may write it later
      Work.push_back(LE->getBody());
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == PD)
      Writes = useWrites(*this, DRE, Def, Parents);
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  P->ParamWritesInProgress.erase(Key);
  return P->ParamWrites[Key] = Writes;
}

bool SummaryCache::readsParam(const FunctionDecl *F, unsigned I) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || !Def->getBody() || I >= Def->getNumParams())
    return false;
  auto Key = std::make_pair(Def, I);
  if (auto It = P->ParamReads.find(Key); It != P->ParamReads.end())
    return It->second;
  const ParmVarDecl *PD = Def->getParamDecl(I);
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  indexParents(Def->getBody(), nullptr, Parents);
  std::vector<const Stmt *> Work{Def->getBody()};
  bool Reads = false;
  while (!Work.empty() && !Reads) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == PD) {
      const Stmt *C = DRE, *Up = Parents.lookup(C);
      while (Up && isa<ParenExpr>(Up))
        C = Up, Up = Parents.lookup(Up);
      const auto *BO = dyn_cast_or_null<BinaryOperator>(Up);
      Reads = !(BO && BO->getOpcode() == BO_Assign && BO->getLHS() == C);
    }
    for (const Stmt *Ch : S->children())
      Work.push_back(Ch);
  }
  return P->ParamReads[Key] = Reads;
}

} // namespace borrowck
