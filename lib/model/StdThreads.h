// What the standard library's threading types and functions are, as tables:
// thread handles, containers of them, mutexes and lock guards, types that
// synchronise by themselves, the names of the members that lock, join, wait
// or detach, std::async / std::ref / std::move, and Clang's thread-safety
// capability attributes on a user's own mutexes. The thread fact generators
// ask here instead of spelling std names themselves.
#pragma once

#include "facts/ThreadFacts.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace clang {
class CXXMethodDecl;
class CallExpr;
class Expr;
} // namespace clang

namespace borrowck::stdthreads {

// The std class (or enum) a type names ("thread", "vector"), or empty.
llvm::StringRef stdClass(clang::QualType T);

// ---- handles
// std::thread, std::jthread, std::future / std::shared_future.
std::optional<HandleKind> handleKind(clang::QualType T);
// The element type of a std container of threads / futures (for maps, the
// mapped type: `std::map<int, std::thread>`); IsMap says which.
std::optional<HandleKind> containerOfHandles(clang::QualType T, bool *IsMap = nullptr);
// The API a spawn of this kind is reported as ("std::thread", "std::jthread", "std::async").
llvm::StringRef spawnApi(HandleKind K);

// ---- locks
// A mutex: std's, or a class annotated CAPABILITY("mutex").
bool isMutex(clang::QualType T);
// A lock guard: std's, or a class annotated SCOPED_CAPABILITY.
bool isGuard(clang::QualType T);
// std::defer_lock / std::try_to_lock given to a guard: it does not lock yet.
bool isDeferTag(clang::QualType T);
// Types whose member functions synchronise by themselves (atomics, mutexes,
// guards, handles, once_flag, condition variables, latches, promises...).
bool isSynchronised(clang::QualType T);
// An object threads order each other through (an atomic, a condition
// variable, a latch, barrier or semaphore): a thread's writes before it
// stores or signals one happen before another thread's reads after it
// loads or waits on the same one.
bool ordersThreads(clang::QualType T);

// What a member function does to the mutex or guard it is called on.
enum class LockOp { None, Lock, Unlock };
// lock() / unlock() / lock_shared() / unlock_shared(), or ACQUIRE() / RELEASE().
LockOp memberLockOp(const clang::CXXMethodDecl &MD);
// try_lock() and friends, or TRY_ACQUIRE(): the then-branch of `if (m.try_lock())` holds m.
bool isTryLock(const clang::CXXMethodDecl &MD);
// owns_lock() or `explicit operator bool`: the guard holds its mutex.
bool isOwnsLock(const clang::CXXMethodDecl &MD);
// The capability arguments of a function's ACQUIRE(m) / RELEASE(m) / REQUIRES(m).
llvm::SmallVector<const clang::Expr *, 2> acquiredArgs(const clang::FunctionDecl &F);
llvm::SmallVector<const clang::Expr *, 2> releasedArgs(const clang::FunctionDecl &F);
llvm::SmallVector<const clang::Expr *, 2> requiredArgs(const clang::FunctionDecl &F);
// Declared GUARDED_BY / PT_GUARDED_BY.
bool isGuardedBy(const clang::Decl &D);

// ---- std functions
bool isStdMove(const clang::FunctionDecl *F);     // std::move
bool isStdRef(const clang::FunctionDecl *F);      // std::ref, std::cref
bool isStdAsync(const clang::FunctionDecl *F);    // std::async
bool isStdLock(const clang::FunctionDecl *F);     // std::lock(m1, m2, ...)
bool isStdCallOnce(const clang::FunctionDecl *F); // std::call_once(flag, f)
// A launch policy, `std::async(std::launch::async, f)`'s first argument.
bool isLaunchPolicy(clang::QualType T);

// ---- member names (on handles and containers)
bool isJoin(llvm::StringRef Member);          // join(), get(), wait()
bool isDetach(llvm::StringRef Member);        // detach()
bool isEmplace(llvm::StringRef Member);       // emplace_back / emplace / emplace_front
// push_back, emplace_back, push_front, emplace, insert (and push when WithPush).
bool isInsertion(llvm::StringRef Member, bool WithPush);
// at / front / back: one element of a container.
bool isElementAccess(llvm::StringRef Member);
// A member of a std container that [container.reqmts.dataraces] says to
// treat as const for data races, even when called on a non-const object
// (`m.find(k)`, `v.begin()`, `s.size()`): a read of the container.
bool constForDataRaces(const clang::CXXMethodDecl *MD);
// A contiguous sequence whose elements a thread may touch one by one (arrays,
// vector, array, deque, span, basic_string).
bool isSequence(clang::QualType T);
// The mapped value of a map's element (`p.second`).
bool isMappedValue(llvm::StringRef Member);

} // namespace borrowck::stdthreads
