// Internal to the loan fact generator (factgen/loans/*.cpp): the builder of one
// function's loan facts, which storage each borrow-holding value borrows and
// where the storage ends. Entry point: factgen/LoanBuilder.h.
#pragma once

#include "factgen/LoanBuilder.h"
#include "factgen/FactIds.h"
#include "ast/Calls.h"
#include "ast/Evaluator.h"
#include "ast/Spans.h"
#include "ast/Wrappers.h"
#include "model/StdCalls.h"
#include "model/TypeModel.h"
#include "summary/Frees.h"
#include "summary/Mutations.h"

#include "clang/AST/ParentMap.h"

#include <memory>
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
#include <memory>
#include <set>
#include <tuple>

namespace borrowck {

using namespace clang; // internal to factgen/loans/: written against the AST throughout

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
  // ElementValue: reads the pointer value of an element of a container or
  // array (`v[i] != nullptr`), not what it points to.
  enum class UseVerdict { Use, Pass, Touch, ElementValue, NotUse };

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
  // Via: the function that frees it (a callee of this one), Maybe: on some
  // of its paths only.
  void handleFree(uint32_t Block, const Expr *Operand, const Expr *Where, std::string Via = "",
                  bool Maybe = false);
  // Element: the value is one element of several (Ev: `v[i]`, `*it`): which
  // one it frees is unknown.
  void freeSources(uint32_t Block, const Sources &S, std::string Name, const Expr *Where, std::string Via,
                   bool Maybe, bool Element = false);
  // A call of a function whose body frees what the caller passes or captured (summary/Frees.h).
  void handleCalleeFrees(uint32_t Block, const CallExpr *Call, const FunctionDecl *F);
  bool freedByCallee(const CallExpr *Call, const Expr *Arg) const;
  // The raw-pointer fields of local objects that members free (FieldFrees.cpp).
  const std::set<const FieldDecl *> *freedFields(const VarDecl *V);
  OriginId fieldOrigin(const VarDecl *V, const FieldDecl *F);
  void newFieldPointee(uint32_t Block, const VarDecl *V, const FieldDecl *F, const Stmt *Site);
  void declareFieldPointees(uint32_t Block, const VarDecl *V, const Stmt *Decl);
  void fieldEffects(uint32_t Block, const VarDecl *V, const FunctionDecl *Member, const Stmt *Site,
                    std::optional<Span> Where);
  void memberCallOnLocal(uint32_t Block, const CXXMemberCallExpr *MC);
  // Members freeing unique_ptr elements of a container field of a local object (FieldFrees.cpp).
  StorageId elementsStorage(const VarDecl *V, const FieldDecl *F);
  void elementFrees(uint32_t Block, const VarDecl *V, const CXXMemberCallExpr *MC);
  std::map<std::pair<const VarDecl *, const FieldDecl *>, StorageId> ElementStorages;
  void destroyLocal(uint32_t Block, const VarDecl *V, std::optional<Span> Where);
  void fieldUse(uint32_t Block, const MemberExpr *ME);
  struct FieldCopy {
    const VarDecl *To, *From;
    std::string How, Class;
    std::set<const FieldDecl *> Fields; // the raw-pointer fields the destructor frees
    bool IntoContainer = false;         // To is a local std container: `v.push_back(a)`
  };
  // The element class of V, a local std sequence container used only through
  // its members (not returned, passed or moved): its destructor destroys the
  // elements where V ends.
  const CXXRecordDecl *localContainerOf(const VarDecl *V);
  // The object a member is called on or a field read from, when its fields
  // are tracked: a local object, a parameter referring to one (`File &f`, or
  // `File *f` never reassigned), or *this (a stand-in declaration named
  // `this`). Only locals are destroyed here.
  const VarDecl *objectOf(const Expr *Obj);
  const VarDecl *thisObject();
  std::string fieldName(const VarDecl *V, const FieldDecl *F) const;
  // At entry: what the tracked fields of parameters and *this point to.
  void declareEntryFieldPointees(uint32_t Block);
  // `delete f.buf_`, `delete[] buf_`: a free of a tracked field's pointee.
  // `buf_ = new char[n]`, `&f.buf_`, `open(f.buf_)` by reference: the field
  // may hold another object from here on.
  void fieldReassigned(uint32_t Block, const Stmt *S);
  bool fieldFree(uint32_t Block, const Expr *Operand, const Expr *Where, const std::string &Via, bool Maybe);
  std::optional<FieldCopy> copyOf(const Stmt *S);
  void copyFields(uint32_t Block, const FieldCopy &C, const Stmt *Site);
  std::optional<LoanId> fieldLoan(const VarDecl *V, const FieldDecl *F, const Stmt *Site, StorageId St,
                                  const FieldCopy *Copy);
  void fieldFlow(uint32_t Block, const VarDecl *V, const FieldDecl *F, const Stmt *Site, std::optional<LoanId> L,
                 std::optional<OriginId> From, bool Kill = true);
  void assignFields(uint32_t Block, const CXXOperatorCallExpr *OC);
  std::map<std::pair<const VarDecl *, const FieldDecl *>, StorageId> FieldCurrent;
  bool FieldFreesScanned = false;
  std::map<const VarDecl *, std::set<const FieldDecl *>> FreedFields;
  std::map<const VarDecl *, const CXXRecordDecl *> LocalContainers;
  const VarDecl *ThisDecl = nullptr;
  std::unique_ptr<clang::ParentMap> BodyParents; // for onSomePaths (summary/Paths.h)
  bool ThisMade = false;
  std::map<const ParmVarDecl *, bool> StablePointers;
  std::map<std::pair<const VarDecl *, const FieldDecl *>, OriginId> FieldOrigins;
  std::map<std::tuple<const VarDecl *, const FieldDecl *, const Stmt *>, StorageId> FieldStorages;
  std::map<std::tuple<const VarDecl *, const FieldDecl *, const Stmt *>, LoanId> FieldLoans; // per pass
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
  // One element of a local container ends what its unique_ptr owned: `v[0] = ...`,
  // `v[0].reset()` (ElementReplaced), `m.erase(k)` (ElementErased). Key: the
  // element's key or index expression, null when unknown.
  void expireElement(uint32_t Block, const Expr *Container, const Expr *Key, EndReason Why, std::string Name,
                     std::string Inner, const Expr *Where);
  // `v[0] = ...` / `v[0].reset()` of a unique_ptr element: Element is `v[0]`.
  void replaceElement(uint32_t Block, const Expr *Element, std::string Inner, const Expr *Where);
  void overwrite(uint32_t Block, const Expr *Target, const Expr *Where);
  void mutableBorrow(uint32_t Block, const Expr *Of);
  void endEveryBorrow(uint32_t Block, const VarDecl *V, EndReason Why, const Expr *Where);
  llvm::DenseSet<const Expr *> MutableSites; // where a `T&`/`T*` to a local is taken
  void handleCall(uint32_t Block, const CallExpr *Call);
  void handleCaptureBy(uint32_t Block, const CallExpr *Call);
  void flowInto(uint32_t Block, const Expr *Target, const Sources &S, const Stmt *Where,
                bool Kill = false);
  std::string spelling(const Expr *E) const;
  std::optional<LifetimeBoundHint> hintFor(const ParmVarDecl *P, bool CaptureByThis = false) const;
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
  // A std::shared_ptr local that surely is its object's only owner (Pointees.cpp).
  bool soleSharedOwner(const VarDecl *V);
  llvm::DenseMap<const VarDecl *, bool> SoleShared;

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

} // namespace borrowck
