#include "factgen/FactBuilder.h"
#include "ast/Spans.h"
#include "summary/SummaryCache.h"

#include "factgen/FactIds.h"
#include "factgen/InitBuilder.h"
#include "factgen/LoanBuilder.h"
#include "factgen/ThreadBuilder.h"
#include "ast/ParentIndex.h"
#include "model/TypeModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

#include <map>
#include <vector>

using namespace clang;

namespace borrowck {

// ---------------------------------------------------------------- helpers

namespace {

// A place as the AST names it: a root (a variable, or null for *this) and
// a path of fields.
struct PlaceKey {
  const ValueDecl *Root = nullptr;
  llvm::SmallVector<const FieldDecl *, 2> Path;
  bool operator<(const PlaceKey &O) const {
    if (Root != O.Root)
      return Root < O.Root;
    return std::lexicographical_compare(Path.begin(), Path.end(), O.Path.begin(), O.Path.end());
  }
};

class Builder {
public:
  Builder(const FunctionDecl &FD, ASTContext &Ctx, const TypeModel &Model, const SpanMaker &Spans,
          SummaryCache &Summaries)
      : FD(FD), Ctx(Ctx), Model(Model), Spans(Spans), Summaries(Summaries) {}

  BuildStatus run(const BuildLimits &Limits, FunctionFacts &Out);
  bool buildMoveFacts(const CFG &Cfg, FunctionFacts &Out);

private:
  struct Pending {
    Fact F;
    const Stmt *Consumer; // where the fact takes effect; null: at the operand
  };

  const Stmt *parentOf(const Stmt *S) const { return Parents.parentOf(S); }
  const Stmt *semanticParent(const Stmt *S, const Stmt *&Child) const {
    return Parents.semanticParent(S, Child);
  }
  static const Expr *strip(const Expr *E) { return E->IgnoreParenImpCasts(); }

  // If E is the start of a place expression (a variable or `this`), the
  // outermost expression of the place and its key.
  std::optional<std::pair<const Expr *, PlaceKey>> placeAt(const Stmt *S) const;
  // The operand of a std::move-like cast, if E is one.
  static const Expr *moveOperand(const Expr *E);
  // Where the value of the move cast M is consumed by a move (constructor,
  // assignment, rvalue-reference parameter); null when it is not a move.
  const Stmt *moveConsumer(const Expr *M) const;
  const Stmt *consumerOf(const Stmt *Parent, const Stmt *Child) const;
  const ParmVarDecl *paramFor(const Expr *Call, const Stmt *Arg) const;
  void classify(const Stmt *Element, const Expr *PlaceExpr, PlaceId P);
  // Passing an argument to Param gives the callee the chance to write a new value.
  bool outParameter(const ParmVarDecl *Param) const;
  // If `this` (not a field access through it) is reinitialised as a whole
  // here, the expression that does it: `*this = ...`, `std::swap(*this, o)`,
  // `swap(o)`, `this->restart()` for a [[clang::reinitializes]] member.
  const Stmt *thisReinit(const CXXThisExpr *This) const;
  PlaceId placeId(const PlaceKey &K, const Expr *PlaceExpr);
  std::optional<Span> loopKeyword(const Stmt *S) const;
  // If Cond tests a tracked smart pointer against null, its place and
  // whether the pointer is non-null when Cond is true.
  std::optional<std::pair<PlaceId, bool>> nullTest(const Expr *Cond);
  bool tracked(const ValueDecl *Root) const { return TrackedRoots.count(Root); }
  // D if it can be a tracked root: a local variable or parameter, or a
  // structured binding of a local (`auto& [a, b] = p;` tracks a and b).
  static const ValueDecl *localRoot(const ValueDecl *D) {
    if (const auto *VD = dyn_cast_or_null<VarDecl>(D))
      return VD->hasLocalStorage() ? VD : nullptr;
    if (const auto *BD = dyn_cast_or_null<BindingDecl>(D))
      if (const auto *DD = dyn_cast_or_null<VarDecl>(BD->getDecomposedDecl());
          DD && DD->hasLocalStorage())
        return BD;
    return nullptr;
  }
  // Inside noexcept(...), sizeof, alignof, typeid of a non-polymorphic
  // operand or a requires-expression: never evaluated, so neither a move nor a use.
  bool unevaluated(const Stmt *S) const;
  // The innermost try statement whose try block (not handler) contains S.
  const CXXTryStmt *enclosingTry(const Stmt *S) const;
  // Edges from try bodies to their handlers, for the move analysis.
  void addThrowEdges(const CFG &Cfg, FunctionFacts &Out) const;

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const TypeModel &Model;
  const SpanMaker &Spans;
  SummaryCache &Summaries;

  ParentIndex Parents;
  llvm::DenseSet<const Stmt *> Elements;
  llvm::DenseSet<const ValueDecl *> TrackedRoots; // null = this
  std::map<PlaceKey, PlaceId> PlaceIds;
  std::vector<Place> Places;
  // Facts waiting for their consumer element, and facts due at an element.
  llvm::DenseMap<const Stmt *, std::vector<Fact>> AtElement;
};

std::optional<std::pair<const Expr *, PlaceKey>> Builder::placeAt(const Stmt *S) const {
  PlaceKey K;
  const Expr *E = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    const ValueDecl *VD = localRoot(DRE->getDecl());
    if (!VD || !tracked(VD))
      return std::nullopt;
    K.Root = VD;
    E = DRE;
  } else if (isa<CXXThisExpr>(S)) {
    if (!tracked(nullptr))
      return std::nullopt;
    const Stmt *Child;
    const auto *ME = dyn_cast_or_null<MemberExpr>(semanticParent(S, Child));
    if (!ME || !isa<FieldDecl>(ME->getMemberDecl()))
      return std::nullopt; // a use of *this as a whole is not tracked
    K.Root = nullptr;
    K.Path.push_back(cast<FieldDecl>(ME->getMemberDecl()));
    E = ME;
  } else {
    return std::nullopt;
  }
  // Extend through `.field` accesses: p.name, this->data_.inner
  for (;;) {
    const Stmt *Child;
    const auto *ME = dyn_cast_or_null<MemberExpr>(semanticParent(E, Child));
    if (!ME || ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
      break;
    K.Path.push_back(cast<FieldDecl>(ME->getMemberDecl()));
    E = ME;
  }
  return std::make_pair(E, K);
}

bool Builder::unevaluated(const Stmt *S) const {
  for (const Stmt *P = parentOf(S); P; S = P, P = parentOf(P)) {
    if (isa<CXXNoexceptExpr>(P) || isa<RequiresExpr>(P))
      return true;
    if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(P); U && !U->isArgumentType() &&
                                                                 U->getKind() != UETT_VecStep)
      return true;
    if (const auto *T = dyn_cast<CXXTypeidExpr>(P);
        T && !T->isTypeOperand() && !T->isPotentiallyEvaluated())
      return true;
  }
  return false;
}

const CXXTryStmt *Builder::enclosingTry(const Stmt *S) const {
  for (const Stmt *P = parentOf(S); P; S = P, P = parentOf(P))
    if (const auto *T = dyn_cast<CXXTryStmt>(P); T && S == T->getTryBlock())
      return T;
  return nullptr;
}

// Clang's CFG (without AddEHEdges, which would split every block at each call
// and add an edge to the exit from each, for the loan analysis too) leaves the
// handlers unreachable. For the move analysis, let every block of a try body,
// and every block entering one, reach the try's dispatch block: a move in the
// try body may reach a use in a handler, at best "possibly".
void Builder::addThrowEdges(const CFG &Cfg, FunctionFacts &Out) const {
  llvm::DenseMap<const CXXTryStmt *, unsigned> Dispatch;
  for (const CFGBlock *B : Cfg)
    if (const auto *T = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt()))
      Dispatch[T] = B->getBlockID();
  if (Dispatch.empty())
    return;
  FlowGraph G = Out.Graph;
  auto AddEdge = [&](unsigned From, unsigned To) {
    if (!llvm::is_contained(G.Succs[From], To)) {
      G.Succs[From].push_back(To);
      G.Preds[To].push_back(From);
    }
  };
  for (const CFGBlock *B : Cfg) {
    const CXXTryStmt *T = nullptr;
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if ((T = enclosingTry(S->getStmt())))
          break;
    if (!T && B->getTerminatorStmt())
      T = enclosingTry(B->getTerminatorStmt());
    auto It = T ? Dispatch.find(T) : Dispatch.end();
    if (It == Dispatch.end())
      continue;
    AddEdge(B->getBlockID(), It->second);
    Out.ThrowEdges.insert({B->getBlockID(), It->second});
    for (const CFGBlock::AdjacentBlock &P : B->preds())
      if (const CFGBlock *PB = P.getReachableBlock())
        AddEdge(PB->getBlockID(), It->second);
  }
  Out.MoveGraph = std::move(G);
}

const Expr *Builder::moveOperand(const Expr *E) {
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (CE->getNumArgs() == 1 && CE->isXValue() &&
        TypeModel::isMoveFunction(dyn_cast_or_null<FunctionDecl>(CE->getCalleeDecl())))
      return CE->getArg(0);
    return nullptr;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    if (Cast->isXValue() && Cast->getTypeAsWritten()->isRValueReferenceType())
      return Cast->getSubExpr();
  return nullptr;
}

const ParmVarDecl *Builder::paramFor(const Expr *Call, const Stmt *Arg) const {
  auto Find = [&](auto Args) -> int {
    int I = 0;
    for (const Expr *A : Args) {
      if (A == Arg || strip(A) == strip(cast<Expr>(Arg)))
        return I;
      ++I;
    }
    return -1;
  };
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    int I = Find(CE->arguments());
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (I < 0 || !Ctor || unsigned(I) >= Ctor->getNumParams())
      return nullptr;
    return Ctor->getParamDecl(I);
  }
  if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    int I = Find(CE->arguments());
    const auto *F = dyn_cast_or_null<FunctionDecl>(CE->getCalleeDecl());
    if (I < 0 || !F)
      return nullptr;
    // A member operator's object is argument 0 and has no parameter.
    if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(F) &&
        !cast<CXXMethodDecl>(F)->isExplicitObjectMemberFunction()) {
      if (I == 0)
        return nullptr;
      --I;
    }
    if (unsigned(I) >= F->getNumParams())
      return nullptr;
    return F->getParamDecl(I);
  }
  return nullptr;
}

const Stmt *Builder::moveConsumer(const Expr *M) const {
  const Stmt *Child;
  const Stmt *P = semanticParent(M, Child);
  // c ? std::move(a) : std::move(b) is consumed where the conditional is,
  // but each arm moves only on its own branch: the move takes effect there.
  bool InArm = false;
  while (const auto *CO = dyn_cast_or_null<AbstractConditionalOperator>(P)) {
    if (Child == CO->getCond())
      return nullptr;
    InArm = true;
    P = semanticParent(CO, Child);
  }
  const Stmt *Consumer = consumerOf(P, Child);
  return Consumer && InArm ? M : Consumer;
}

const Stmt *Builder::consumerOf(const Stmt *P, const Stmt *Child) const {
  if (!P)
    return nullptr;
  if (isa<ReturnStmt>(P))
    return P;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
    const ParmVarDecl *Param = paramFor(CE, Child);
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Param && Param->getType()->isRValueReferenceType() && Ctor && !Ctor->isTrivial())
      return CE;
    return nullptr;
  }
  if (isa<CallExpr>(P)) {
    const ParmVarDecl *Param = paramFor(cast<Expr>(P), Child);
    if (!Param || !Param->getType()->isRValueReferenceType())
      return nullptr;
    if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(cast<CallExpr>(P)->getCalleeDecl()))
      if (MD->isTrivial())
        return nullptr;
    return P;
  }
  return nullptr;
}

std::optional<Span> Builder::loopKeyword(const Stmt *S) const {
  for (const Stmt *P = parentOf(S); P; P = parentOf(P))
    if (isa<ForStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) || isa<CXXForRangeStmt>(P))
      return Spans.token(P->getBeginLoc());
  return std::nullopt;
}

PlaceId Builder::placeId(const PlaceKey &K, const Expr *PlaceExpr) {
  auto It = PlaceIds.find(K);
  if (It != PlaceIds.end())
    return It->second;
  PlaceId Parent = NoPlace;
  if (K.Path.size() > (K.Root ? 0u : 1u)) {
    PlaceKey PK = K;
    PK.Path.pop_back();
    const Expr *Base = cast<MemberExpr>(PlaceExpr)->getBase();
    Parent = placeId(PK, Base->IgnoreParenImpCasts());
  }
  Place Pl;
  Pl.Parent = Parent;
  PrintingPolicy PP = Ctx.getPrintingPolicy();
  PP.SuppressTagKeyword = true;
  QualType T;
  if (K.Path.empty()) {
    Pl.Name = K.Root->getNameAsString();
    T = K.Root->getType();
    if (Spans.inMainFile(K.Root->getLocation()))
      Pl.Declared = Spans.token(K.Root->getLocation());
  } else {
    Pl.Name = Parent == NoPlace ? std::string() : Places[Parent].Name + ".";
    Pl.Name += K.Path.back()->getNameAsString();
    T = K.Path.back()->getType();
    if (!K.Root && K.Path.size() == 1 && Spans.inMainFile(K.Path.back()->getLocation()))
      Pl.Declared = Spans.token(K.Path.back()->getLocation());
  }
  // Name the type as written, except for `auto` and library-internal
  // aliases (__detail::__unique_ptr_t<W>, shared_ptr<_NonArray<int>>): there,
  // the type itself (std::unique_ptr<W>) reads better.
  QualType Plain = T.getNonReferenceType().getUnqualifiedType();
  Pl.TypeName = Plain.getAsString(PP);
  bool Reserved = false;
  for (size_t I = 0; I + 1 < Pl.TypeName.size(); ++I)
    if (Pl.TypeName[I] == '_' && (Pl.TypeName[I + 1] == '_' || isupper(Pl.TypeName[I + 1])) &&
        (I == 0 || !isalnum(static_cast<unsigned char>(Pl.TypeName[I - 1]))))
      Reserved = true;
  // Library traits (`std::tuple_element<1, std::pair<...>>::type`, the type
  // of a tuple-like structured binding) read worse than what they name.
  bool Trait = llvm::StringRef(Pl.TypeName).ends_with("::type");
  if (Reserved || Trait || T->getContainedAutoType() ||
      Plain->getAs<SubstTemplateTypeParmType>()) {
    Pl.TypeName = Plain.getCanonicalType().getAsString(PP);
    // The canonical type has lost the standard aliases: put the usual ones back.
    static const std::pair<const char *, const char *> Aliases[] = {
        {"std::basic_string<char>", "std::string"},
        {"std::basic_string<wchar_t>", "std::wstring"},
        {"std::basic_string<char8_t>", "std::u8string"},
        {"std::basic_string<char16_t>", "std::u16string"},
        {"std::basic_string<char32_t>", "std::u32string"},
        {"std::basic_string_view<char>", "std::string_view"},
        {"std::basic_string_view<wchar_t>", "std::wstring_view"},
        {"std::basic_ostream<char>", "std::ostream"},
        {"std::basic_istream<char>", "std::istream"},
        {"std::basic_stringstream<char>", "std::stringstream"},
        {"std::basic_ostringstream<char>", "std::ostringstream"},
        {"std::basic_istringstream<char>", "std::istringstream"},
    };
    for (auto [Long, Short] : Aliases)
      for (size_t At; (At = Pl.TypeName.find(Long)) != std::string::npos;)
        Pl.TypeName.replace(At, strlen(Long), Short);
  }
  std::optional<Movable> VK = Model.movable(T);
  Pl.Kind = VK == Movable::SmartPointer ? ValueKind::SmartPointer : ValueKind::Owner;
  Pl.MovedFrom = TypeModel::movedFromState(T);
  PlaceId Id = static_cast<PlaceId>(Places.size());
  Places.push_back(std::move(Pl));
  PlaceIds.emplace(K, Id);
  return Id;
}

// Decide what the place expression PlaceExpr (found at CFG element Element)
// does, and schedule the fact at the element where it takes effect.
void Builder::classify(const Stmt *Element, const Expr *PlaceExpr, PlaceId P) {
  std::optional<Span> Where = Spans.range(PlaceExpr->getSourceRange());
  if (!Where)
    return;
  const bool Smart = Places[P].Kind == ValueKind::SmartPointer;
  auto Schedule = [&](const Stmt *Consumer, Fact F) {
    const Stmt *At = Consumer && Elements.count(Consumer) ? Consumer : Element;
    AtElement[At].push_back(std::move(F));
  };
  auto Use = [&](UseKind K) { Schedule(Element, Fact{FactKind::Use, K, P, *Where, {}}); };
  auto Reinit = [&](const Stmt *Consumer) {
    Schedule(Consumer, Fact{FactKind::Reinit, UseKind::Borrow, P, *Where, {}});
  };

  const Stmt *Child;
  const Stmt *Parent = semanticParent(PlaceExpr, Child);
  if (!Parent)
    return Use(UseKind::Borrow);

  // The operand of std::move / static_cast<T&&>.
  if (const auto *PE = dyn_cast<Expr>(Parent); PE && moveOperand(PE)) {
    if (const Stmt *Consumer = moveConsumer(PE)) {
      std::optional<Span> MoveSpan = Spans.range(PE->getSourceRange());
      Schedule(Consumer, Fact{FactKind::Move, UseKind::Move, P, MoveSpan.value_or(*Where),
                              loopKeyword(PE)});
      return;
    }
    // std::move into a const T& or a T&& variable binds, it does not move.
    return Use(UseKind::Borrow);
  }

  // A method call on the place: s.size(), s.clear(), p.get(), p.reset().
  if (const auto *ME = dyn_cast<MemberExpr>(Parent)) {
    // o.count for a static data member, o.f() for a static member function,
    // o.Enumerator: the object is not read.
    const ValueDecl *Member = ME->getMemberDecl();
    if (isa<VarDecl>(Member) || isa<EnumConstantDecl>(Member))
      return;
    const auto *MD = dyn_cast<CXXMethodDecl>(Member);
    if (!MD)
      return Use(UseKind::Borrow);
    if (MD->isStatic())
      return;
    switch (Model.methodEffect(MD)) {
    case MethodEffect::Reinit:
      return Reinit(parentOf(ME));
    case MethodEffect::NullCheck:
      return;
    case MethodEffect::Use:
      return Use(Smart && ME->isArrow() ? UseKind::Deref : UseKind::Borrow);
    }
  }

  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Parent)) {
    OverloadedOperatorKind Op = OC->getOperator();
    bool IsObject = OC->getNumArgs() > 0 && strip(OC->getArg(0)) == strip(cast<Expr>(Child));
    if (IsObject && isa_and_nonnull<CXXMethodDecl>(OC->getCalleeDecl())) {
      const auto *MD = cast<CXXMethodDecl>(OC->getCalleeDecl());
      if (Model.methodEffect(MD) == MethodEffect::Reinit)
        return Reinit(OC);
      if (Smart && (Op == OO_Arrow || Op == OO_Star))
        return Use(UseKind::Deref);
      return Use(UseKind::Borrow);
    }
    if (Smart && (Op == OO_EqualEqual || Op == OO_ExclaimEqual || Op == OO_Less ||
                  Op == OO_Greater || Op == OO_LessEqual || Op == OO_GreaterEqual ||
                  Op == OO_Spaceship))
      return; // comparing a moved-from smart pointer with null is well-defined
  }

  if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
    if (BO->isAssignmentOp() && strip(BO->getLHS()) == strip(cast<Expr>(Child)))
      return Reinit(BO);

  if (isa<CallExpr>(Parent) || isa<CXXConstructExpr>(Parent)) {
    const ParmVarDecl *Param = paramFor(cast<Expr>(Parent), Child);
    if (Param) {
      QualType PT = Param->getType();
      // An out-parameter: passing by non-const lvalue reference gives the
      // callee the chance to write a new value (std::getline, swap).
      if (outParameter(Param))
        return Reinit(Parent);
      if (!PT->isReferenceType() || isa<CXXConstructExpr>(Parent))
        return Use(isa<CXXConstructExpr>(Parent) ? UseKind::Copy : UseKind::Borrow);
    }
    return Use(UseKind::Borrow);
  }

  if (isa<ReturnStmt>(Parent))
    return Use(UseKind::Copy);
  return Use(UseKind::Borrow);
}

bool Builder::outParameter(const ParmVarDecl *Param) const {
  QualType PT = Param->getType();
  if (!PT->isLValueReferenceType() || PT->getPointeeType().isConstQualified())
    return false;
  const auto *F = dyn_cast<FunctionDecl>(Param->getDeclContext());
  if (!F)
    return true;
  // A forwarding reference (`T&&` with T deduced, `auto&&`) that became T&
  // for an lvalue argument accepts anything: it borrows, it does not promise
  // to write a new value.
  if (F->getPrimaryTemplate())
    if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern()) {
      unsigned I = Param->getFunctionScopeIndex();
      if (I < Pattern->getNumParams())
        if (const auto *RR = Pattern->getParamDecl(I)->getType()->getAs<RValueReferenceType>()) {
          QualType Pointee = RR->getPointeeType();
          if (!Pointee.hasLocalQualifiers() && Pointee->getAs<TemplateTypeParmType>())
            return false;
        }
    }
  // Standard functions that take T& only to look at it or to refer to it.
  if (F->isInStdNamespace() && F->getIdentifier())
    return !llvm::StringSwitch<bool>(F->getName())
                .Cases({"as_const", "forward", "addressof", "ref", "cref", "begin", "end"}, true)
                .Cases({"cbegin", "cend", "rbegin", "rend", "crbegin", "crend", "size"}, true)
                .Cases({"ssize", "data", "empty", "get", "back_inserter", "front_inserter"}, true)
                .Cases({"inserter", "make_move_iterator", "launder", "visit"}, true)
                .Default(false);
  return true;
}

const Stmt *Builder::thisReinit(const CXXThisExpr *This) const {
  const Stmt *Child;
  const Stmt *P = semanticParent(This, Child);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P); UO && UO->getOpcode() == UO_Deref) {
    // *this: assigned, swapped, passed as an out-parameter, (*this).f().
    P = semanticParent(UO, Child);
    if (!P)
      return nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->isAssignmentOp() && strip(BO->getLHS()) == UO ? BO : nullptr;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P);
        OC && OC->getNumArgs() > 0 && strip(OC->getArg(0)) == UO &&
        isa_and_nonnull<CXXMethodDecl>(OC->getCalleeDecl()))
      return Model.methodEffect(cast<CXXMethodDecl>(OC->getCalleeDecl())) == MethodEffect::Reinit
                 ? OC
                 : nullptr;
    if (isa<CallExpr>(P) || isa<CXXConstructExpr>(P)) {
      const ParmVarDecl *Param = paramFor(cast<Expr>(P), Child);
      return Param && outParameter(Param) ? P : nullptr;
    }
  }
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(P))
    if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
        MD && !MD->isStatic() && Model.methodEffect(MD) == MethodEffect::Reinit)
      return parentOf(ME);
  return nullptr;
}

std::optional<std::pair<PlaceId, bool>> Builder::nullTest(const Expr *Cond) {
  const Expr *E = Cond->IgnoreParenImpCasts();
  // static_cast<bool>(p), bool(p), (bool)p: the same test as `if (p)`
  // (assert(p) expands to static_cast<bool>(p) ? ... : __assert_fail(...)).
  while (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
    if (!Cast->getType()->isBooleanType())
      break;
    E = Cast->getSubExpr()->IgnoreParenImpCasts();
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
    auto R = nullTest(UO->getSubExpr());
    if (R)
      R->second = !R->second;
    return R;
  }
  const Expr *Object = nullptr;
  bool NonNullWhenTrue = true;
  auto IsNull = [](const Expr *X) {
    X = X->IgnoreParenImpCasts();
    return isa<CXXNullPtrLiteralExpr>(X) || isa<GNUNullExpr>(X) ||
           (isa<IntegerLiteral>(X) && cast<IntegerLiteral>(X)->getValue() == 0);
  };
  auto Compare = [&](const Expr *L, const Expr *R, bool Eq) {
    if (IsNull(R))
      Object = L;
    else if (IsNull(L))
      Object = R;
    NonNullWhenTrue = !Eq;
  };
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    if (const auto *MD = MC->getMethodDecl(); MD && Model.methodEffect(MD) == MethodEffect::NullCheck)
      Object = MC->getImplicitObjectArgument();
  } else if (const auto *RW = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    // C++20 rewrites p != nullptr as !(p == nullptr).
    auto D = RW->getDecomposedForm();
    if (D.Opcode == BO_EQ || D.Opcode == BO_NE)
      Compare(D.LHS, D.RHS, D.Opcode == BO_EQ);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isEqualityOp()) {
    Compare(BO->getLHS(), BO->getRHS(), BO->getOpcode() == BO_EQ);
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
             OC && OC->getNumArgs() == 2 &&
             (OC->getOperator() == OO_EqualEqual || OC->getOperator() == OO_ExclaimEqual)) {
    Compare(OC->getArg(0), OC->getArg(1), OC->getOperator() == OO_EqualEqual);
  }
  if (!Object)
    return std::nullopt;
  // p.get() == nullptr tests p.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Object->IgnoreParenImpCasts()))
    if (const auto *MD = MC->getMethodDecl(); MD && Model.methodEffect(MD) == MethodEffect::NullCheck)
      Object = MC->getImplicitObjectArgument();
  Object = Object->IgnoreParenImpCasts();
  const Expr *Start = Object;
  while (const auto *ME = dyn_cast<MemberExpr>(Start))
    Start = ME->getBase()->IgnoreParenImpCasts();
  auto PK = placeAt(Start);
  if (!PK || PK->first->IgnoreParenImpCasts() != Object)
    return std::nullopt;
  auto It = PlaceIds.find(PK->second);
  if (It == PlaceIds.end() || Places[It->second].Kind != ValueKind::SmartPointer)
    return std::nullopt;
  return std::make_pair(It->second, NonNullWhenTrue);
}

BuildStatus Builder::run(const BuildLimits &Limits, FunctionFacts &Out) {
  Stmt *Body = FD.getBody();
  if (!Body)
    return BuildStatus::NoBody;

  CFG::BuildOptions BO;
  BO.AddImplicitDtors = true;
  BO.AddTemporaryDtors = true;
  BO.AddLifetime = true;
  BO.AddInitializers = true;
  BO.setAllAlwaysAdd();
  std::unique_ptr<CFG> Cfg = CFG::buildCFG(&FD, Body, &Ctx, BO);
  if (!Cfg)
    return BuildStatus::NoCFG;
  if (Cfg->size() > Limits.MaxBlocks)
    return BuildStatus::TooLarge;

  Parents.add(Body, nullptr);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
    for (const CXXCtorInitializer *I : Ctor->inits())
      Parents.add(I->getInit(), nullptr);

  Out.Name = functionName(FD);
  Out.Graph.Entry = Cfg->getEntry().getBlockID();
  Out.Graph.Exit = Cfg->getExit().getBlockID();
  unsigned N = Cfg->getNumBlockIDs();
  Out.Graph.Succs.assign(N, {});
  Out.Graph.Preds.assign(N, {});
  Out.Blocks.assign(N, {});
  Out.LoanBlocks.assign(N, {});
  for (const CFGBlock *B : *Cfg)
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      if (const CFGBlock *SB = S.getReachableBlock()) {
        Out.Graph.Succs[B->getBlockID()].push_back(SB->getBlockID());
        Out.Graph.Preds[SB->getBlockID()].push_back(B->getBlockID());
      }

  FactIds Ids;
  bool Loans = buildLoanFacts(FD, Ctx, Model, Spans, *Cfg, Parents, Summaries, Ids, Out);
  bool Moves = buildMoveFacts(*Cfg, Out);
  bool Inits = buildInitFacts(FD, Ctx, Spans, *Cfg, Parents, Out);
  bool Threads = buildThreadFacts(FD, Ctx, Spans, *Cfg, Summaries, Ids, Out);
  return Loans || Moves || Inits || Threads ? BuildStatus::Built : BuildStatus::NothingToTrack;
}

bool Builder::buildMoveFacts(const CFG &Graph, FunctionFacts &Out) {
  const CFG *Cfg = &Graph;
  // Pass 1: which roots are moved at all? Only those get places and facts.
  for (const CFGBlock *B : *Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        Elements.insert(S->getStmt());
        const auto *Ex = dyn_cast<Expr>(S->getStmt());
        const Expr *Operand = Ex ? moveOperand(Ex) : nullptr;
        if (!Operand || !moveConsumer(Ex) || unevaluated(Ex))
          continue;
        const Expr *O = strip(Operand);
        while (const auto *ME = dyn_cast<MemberExpr>(O)) {
          if (ME->isArrow() && !isa<CXXThisExpr>(strip(ME->getBase())))
            break;
          O = strip(ME->getBase());
        }
        if (const auto *DRE = dyn_cast<DeclRefExpr>(O)) {
          if (const ValueDecl *VD = localRoot(DRE->getDecl());
              VD && Model.movable(strip(Operand)->getType()))
            TrackedRoots.insert(VD);
        } else if (isa<CXXThisExpr>(O) && Model.movable(strip(Operand)->getType())) {
          TrackedRoots.insert(nullptr);
        }
      }
  if (TrackedRoots.empty())
    return false;

  // Pass 2: classify every occurrence of a tracked place.
  std::vector<std::pair<const Stmt *, const Stmt *>> ThisReinits; // (element, reinitialiser)
  for (const CFGBlock *B : *Cfg)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        if (const auto *This = dyn_cast<CXXThisExpr>(S->getStmt()); This && tracked(nullptr))
          if (const Stmt *R = thisReinit(This))
            ThisReinits.emplace_back(S->getStmt(), R);
        if (auto PK = placeAt(S->getStmt())) {
          auto &[PlaceExpr, Key] = *PK;
          if (unevaluated(PlaceExpr))
            continue;
          // Uses of trivially copyable fields of a moved object keep their value.
          if (!Key.Path.empty() && !Model.movable(PlaceExpr->getType()))
            continue;
          classify(S->getStmt(), PlaceExpr, placeId(Key, PlaceExpr));
        }
      }
  // `*this = ...` and the like give every field a new value.
  for (auto [Element, R] : ThisReinits) {
    std::optional<Span> Where = Spans.range(R->getSourceRange());
    if (!Where)
      continue;
    const Stmt *At = Elements.count(R) ? R : Element;
    for (const auto &[K, Id] : PlaceIds)
      if (!K.Root && K.Path.size() == 1)
        AtElement[At].push_back(Fact{FactKind::Reinit, UseKind::Borrow, Id, *Where, {}});
  }

  // Pass 3: lay the facts out per block, in element order.
  // A branch on `p` / `p != nullptr` for a smart pointer: on the non-null
  // side p holds a value again, so it cannot be the moved-from one.
  for (const CFGBlock *B : *Cfg) {
    const Expr *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    if (!Cond || B->succ_size() != 2)
      continue;
    auto Test = nullTest(Cond);
    if (!Test)
      continue;
    const CFGBlock *NonNull = *(B->succ_begin() + (Test->second ? 0 : 1));
    if (NonNull)
      Out.EdgeFacts[{B->getBlockID(), NonNull->getBlockID()}].push_back(
          Fact{FactKind::Reinit, UseKind::Borrow, Test->first, Span{}, {}});
  }
  addThrowEdges(*Cfg, Out);
  for (const CFGBlock *B : *Cfg) {
    unsigned Id = B->getBlockID();
    // A handler's exception declaration is initialised each time it is entered.
    if (const auto *Catch = dyn_cast_or_null<CXXCatchStmt>(B->getLabel()))
      if (const VarDecl *VD = Catch->getExceptionDecl(); VD && tracked(VD)) {
        PlaceKey K;
        K.Root = VD;
        if (auto It = PlaceIds.find(K); It != PlaceIds.end())
          Out.Blocks[Id].push_back(Fact{FactKind::Init, UseKind::Borrow, It->second, Span{}, {}});
      }
    for (const CFGElement &E : *B) {
      auto S = E.getAs<CFGStmt>();
      if (!S)
        continue;
      const Stmt *St = S->getStmt();
      if (const auto *DS = dyn_cast<DeclStmt>(St))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D)) {
            llvm::SmallVector<const ValueDecl *, 4> Roots{VD};
            if (const auto *DD = dyn_cast<DecompositionDecl>(VD))
              for (const BindingDecl *BD : DD->bindings())
                Roots.push_back(BD);
            for (const ValueDecl *Root : Roots) {
              if (!tracked(Root))
                continue;
              PlaceKey K;
              K.Root = Root;
              auto It = PlaceIds.find(K);
              if (It != PlaceIds.end())
                Out.Blocks[Id].push_back(
                    Fact{FactKind::Init, UseKind::Borrow, It->second, Span{}, {}});
            }
          }
      auto It = AtElement.find(St);
      if (It == AtElement.end())
        continue;
      // At one consumer, uses first, then moves, then reinitialisations:
      // `s = std::move(s)` leaves s assigned, `f(std::move(s), s)` is unsequenced.
      std::stable_sort(It->second.begin(), It->second.end(), [](const Fact &A, const Fact &B) {
        return static_cast<int>(A.Kind == FactKind::Use ? 0 : A.Kind == FactKind::Move ? 1 : 2) <
               static_cast<int>(B.Kind == FactKind::Use ? 0 : B.Kind == FactKind::Move ? 1 : 2);
      });
      for (Fact &F : It->second)
        Out.Blocks[Id].push_back(F);
    }
  }
  Out.Places = std::move(Places);
  return true;
}

} // namespace

BuildStatus buildFunctionFacts(const FunctionDecl &FD, ASTContext &Ctx, const TypeModel &Model,
                               const SpanMaker &Spans, const BuildLimits &Limits,
                               FunctionFacts &Out, SummaryCache *Summaries) {
  SummaryCache Local;
  return Builder(FD, Ctx, Model, Spans, Summaries ? *Summaries : Local).run(Limits, Out);
}

} // namespace borrowck

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/Support/Regex.h"

namespace borrowck {

namespace {
// Which files' function bodies are analysed: the main file's, and with
// --header-filter those of every file whose name matches (decided once per file).
class FileFilter {
public:
  FileFilter(const SourceManager &SM, const SpanMaker &Spans, const llvm::Regex *HeaderFilter)
      : SM(SM), Spans(Spans), HeaderFilter(HeaderFilter) {}
  bool wanted(SourceLocation L) {
    if (Spans.inMainFile(L))
      return true;
    if (!HeaderFilter || L.isInvalid())
      return false;
    FileID F = SM.getFileID(SM.getExpansionLoc(L));
    auto [It, New] = Cache.try_emplace(F, false);
    if (New)
      if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(F))
        It->second = HeaderFilter->match(FE->getName());
    return It->second;
  }
  bool headers() const { return HeaderFilter != nullptr; }

private:
  const SourceManager &SM;
  const SpanMaker &Spans;
  const llvm::Regex *HeaderFilter;
  llvm::DenseMap<FileID, bool> Cache;
};

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(FileFilter &Files) : Files(Files) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    add(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    add(LE->getCallOperator());
    // A generic lambda's call operator is a template: analyse the
    // instantiations (the driver reports a finding shared by several once).
    if (FunctionTemplateDecl *T = LE->getDependentCallOperator())
      for (FunctionDecl *Spec : T->specializations())
        add(Spec);
    return true;
  }
  // Namespaces span files: look inside, and walk only the declarations of
  // the files that are analysed.
  void traverseWanted(Decl *D) {
    if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(D)) {
      for (Decl *Inner : cast<DeclContext>(D)->decls())
        traverseWanted(Inner);
      return;
    }
    if (Files.wanted(D->getLocation()))
      TraverseDecl(D);
  }
  std::vector<const FunctionDecl *> Found;

private:
  void add(const FunctionDecl *FD) {
    if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        FD->isInvalidDecl() || !Files.wanted(FD->getLocation()) || !Seen.insert(FD).second)
      return;
    Found.push_back(FD);
  }
  FileFilter &Files;
  llvm::DenseSet<const FunctionDecl *> Seen;
};
} // namespace

std::vector<const FunctionDecl *> collectFunctions(ASTContext &Ctx, const SpanMaker &Spans,
                                                   const llvm::Regex *HeaderFilter) {
  // Walk only the main file's top-level declarations (and with a header filter,
  // the matching headers'): the whole standard library would cost more than the
  // analysis itself.
  FileFilter Files(Ctx.getSourceManager(), Spans, HeaderFilter);
  Collector C(Files);
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    if (Files.headers())
      C.traverseWanted(D);
    else if (Spans.inMainFile(D->getLocation()))
      C.TraverseDecl(D);
  }
  return std::move(C.Found);
}

std::string functionName(const FunctionDecl &FD) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD); MD && MD->getParent()->isLambda())
    return "lambda in " + (isa<FunctionDecl>(MD->getParent()->getDeclContext())
                               ? cast<FunctionDecl>(MD->getParent()->getDeclContext())
                                     ->getQualifiedNameAsString()
                               : std::string("file scope"));
  return FD.getQualifiedNameAsString();
}

} // namespace borrowck
