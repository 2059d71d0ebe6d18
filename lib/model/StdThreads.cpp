#include "model/StdThreads.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace borrowck::stdthreads {

namespace {

bool oneOf(llvm::StringRef N, std::initializer_list<llvm::StringRef> Names) {
  for (llvm::StringRef X : Names)
    if (N == X)
      return true;
  return false;
}

bool isStdFunction(const FunctionDecl *F, std::initializer_list<llvm::StringRef> Names) {
  return F && F->getIdentifier() && F->isInStdNamespace() && oneOf(F->getName(), Names);
}

// A class annotated as a capability (`class CAPABILITY("mutex") Mutex`) or,
// for guards, as a scoped capability (`class SCOPED_CAPABILITY MutexLock`).
template <typename A> bool annotated(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->hasAttr<A>();
}

template <typename A> llvm::SmallVector<const Expr *, 2> attrArgs(const FunctionDecl &F) {
  llvm::SmallVector<const Expr *, 2> Out;
  for (const auto *At : F.specific_attrs<A>())
    for (const Expr *Arg : At->args())
      Out.push_back(Arg);
  return Out;
}

} // namespace

llvm::StringRef stdClass(QualType T) {
  T = T.getNonReferenceType();
  const TagDecl *RD = T->getAsTagDecl(); // classes, and enums such as std::launch
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return {};
  return RD->getName();
}

std::optional<HandleKind> handleKind(QualType T) {
  llvm::StringRef N = stdClass(T);
  if (N == "thread")
    return HandleKind::Thread;
  if (N == "jthread")
    return HandleKind::JThread;
  if (N == "future" || N == "shared_future")
    return HandleKind::Future;
  return std::nullopt;
}

std::optional<HandleKind> containerOfHandles(QualType T, bool *IsMap) {
  T = T.getNonReferenceType();
  const auto *CT = T->getAsCXXRecordDecl();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(CT);
  if (!Spec || !Spec->isInStdNamespace())
    return std::nullopt;
  llvm::StringRef N = Spec->getName();
  unsigned Element = 0;
  if (oneOf(N, {"map", "unordered_map", "multimap", "unordered_multimap"}))
    Element = 1;
  else if (!oneOf(N, {"vector", "deque", "list", "array"}))
    return std::nullopt;
  if (IsMap)
    *IsMap = Element == 1;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() <= Element || Args[Element].getKind() != TemplateArgument::Type)
    return std::nullopt;
  return handleKind(Args[Element].getAsType());
}

llvm::StringRef spawnApi(HandleKind K) {
  switch (K) {
  case HandleKind::Thread:
    return "std::thread";
  case HandleKind::JThread:
    return "std::jthread";
  case HandleKind::Future:
    return "std::async";
  }
  return "";
}

bool isMutex(QualType T) {
  if (annotated<CapabilityAttr>(T))
    return true;
  return llvm::StringSwitch<bool>(stdClass(T))
      .Cases({"mutex", "recursive_mutex", "timed_mutex", "recursive_timed_mutex", "shared_mutex",
              "shared_timed_mutex"},
             true)
      .Default(false);
}

bool isGuard(QualType T) {
  if (annotated<ScopedLockableAttr>(T))
    return true;
  return llvm::StringSwitch<bool>(stdClass(T))
      .Cases({"lock_guard", "scoped_lock", "unique_lock", "shared_lock"}, true)
      .Default(false);
}

bool isDeferTag(QualType T) {
  llvm::StringRef N = stdClass(T);
  return N == "defer_lock_t" || N == "try_to_lock_t";
}

bool constForDataRaces(const CXXMethodDecl *MD) {
  if (!MD || !MD->getIdentifier() || !MD->getParent()->isInStdNamespace())
    return false;
  return oneOf(MD->getName(), {"begin", "end", "rbegin", "rend", "cbegin", "cend", "front", "back", "data",
                               "find", "lower_bound", "upper_bound", "equal_range", "at", "count",
                               "contains", "size", "empty"});
}

bool ordersThreads(QualType T) {
  T = T.getNonReferenceType();
  while (const auto *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  llvm::StringRef N = stdClass(T);
  return N.starts_with("atomic") || T->isAtomicType() ||
         oneOf(N, {"condition_variable", "condition_variable_any", "latch", "barrier", "counting_semaphore"});
}

bool isSynchronised(QualType T) {
  T = T.getNonReferenceType();
  while (const auto *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  if (isMutex(T) || isGuard(T) || handleKind(T) || containerOfHandles(T))
    return true;
  llvm::StringRef N = stdClass(T);
  return N.starts_with("atomic") ||
         oneOf(N, {"once_flag", "condition_variable", "condition_variable_any", "latch", "barrier",
                   "counting_semaphore", "promise", "packaged_task", "stop_source", "stop_token"}) ||
         T->isAtomicType();
}

LockOp memberLockOp(const CXXMethodDecl &MD) {
  if (MD.hasAttr<AcquireCapabilityAttr>())
    return LockOp::Lock;
  if (MD.hasAttr<ReleaseCapabilityAttr>())
    return LockOp::Unlock;
  llvm::StringRef N = MD.getIdentifier() ? MD.getName() : "";
  if (oneOf(N, {"lock", "lock_shared"}))
    return LockOp::Lock;
  if (oneOf(N, {"unlock", "unlock_shared"}))
    return LockOp::Unlock;
  return LockOp::None;
}

bool isTryLock(const CXXMethodDecl &MD) {
  llvm::StringRef N = MD.getIdentifier() ? MD.getName() : "";
  return MD.hasAttr<TryAcquireCapabilityAttr>() ||
         oneOf(N, {"try_lock", "try_lock_shared", "try_lock_for", "try_lock_until",
                   "try_lock_shared_for", "try_lock_shared_until"});
}

bool isOwnsLock(const CXXMethodDecl &MD) {
  return (MD.getIdentifier() && MD.getName() == "owns_lock") || isa<CXXConversionDecl>(MD);
}

llvm::SmallVector<const Expr *, 2> acquiredArgs(const FunctionDecl &F) {
  return attrArgs<AcquireCapabilityAttr>(F);
}
llvm::SmallVector<const Expr *, 2> releasedArgs(const FunctionDecl &F) {
  return attrArgs<ReleaseCapabilityAttr>(F);
}
llvm::SmallVector<const Expr *, 2> requiredArgs(const FunctionDecl &F) {
  return attrArgs<RequiresCapabilityAttr>(F);
}

bool isGuardedBy(const Decl &D) { return D.hasAttr<GuardedByAttr>() || D.hasAttr<PtGuardedByAttr>(); }

bool isStdMove(const FunctionDecl *F) { return isStdFunction(F, {"move"}); }
bool isStdRef(const FunctionDecl *F) { return isStdFunction(F, {"ref", "cref"}); }
bool isStdAsync(const FunctionDecl *F) { return isStdFunction(F, {"async"}); }
bool isStdLock(const FunctionDecl *F) { return isStdFunction(F, {"lock"}); }
bool isStdCallOnce(const FunctionDecl *F) { return isStdFunction(F, {"call_once"}); }
bool isLaunchPolicy(QualType T) { return stdClass(T) == "launch"; }

bool isJoin(llvm::StringRef Member) { return oneOf(Member, {"join", "get", "wait"}); }
bool isDetach(llvm::StringRef Member) { return Member == "detach"; }
bool isEmplace(llvm::StringRef Member) {
  return oneOf(Member, {"emplace_back", "emplace", "emplace_front"});
}
bool isInsertion(llvm::StringRef Member, bool WithPush) {
  return oneOf(Member, {"push_back", "emplace_back", "push_front", "emplace", "insert"}) ||
         (WithPush && Member == "push");
}
bool isElementAccess(llvm::StringRef Member) { return oneOf(Member, {"at", "front", "back"}); }
bool isMappedValue(llvm::StringRef Member) { return Member == "second"; }

bool isSequence(QualType T) {
  T = T.getNonReferenceType();
  if (T->isArrayType())
    return true;
  return oneOf(stdClass(T), {"vector", "array", "deque", "span", "basic_string"});
}

} // namespace borrowck::stdthreads
