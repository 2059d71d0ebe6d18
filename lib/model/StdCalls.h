// What the standard library's and the C library's functions do to borrows and
// memory, as tables: allocation and deallocation, and which arguments a std
// function's result borrows. Where a newcomer adds a std function effect.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <initializer_list>

namespace clang {
class CXXMethodDecl;
class FunctionDecl;
} // namespace clang

namespace borrowck {

// A function of the C library (global, std:: or extern "C") with one of these names.
bool isCFunction(const clang::FunctionDecl *F, std::initializer_list<llvm::StringRef> Names);
// malloc, calloc, realloc, aligned_alloc, strdup, strndup: a new heap object.
bool isAllocation(const clang::FunctionDecl *F);
// free (not realloc: it frees its argument only when it succeeds, and the usual
// `q = realloc(p, n); if (!q) free(p);` is correct).
bool isDeallocation(const clang::FunctionDecl *F);

// std functions that take a `T&` only to look at it or refer to it, never
// writing a new value (as_const, forward, addressof, ref, begin, size, ...).
bool stdTakesReferenceOnlyToLook(const clang::FunctionDecl *F);

// A function in namespace std with one of these names.
bool isStdName(const clang::FunctionDecl *F, std::initializer_list<llvm::StringRef> Names);

// Which arguments the result of a std function borrows, when a table says so.
enum class StdResultBorrow {
  Unknown,         // not in the table: ask the attributes, the owner rule or the body
  ReferenceParams, // std::min, max, clamp: every reference parameter
  FirstParam,      // std::move, forward, as_const, addressof, begin, end, data, get, ...
  Nothing,         // unique_ptr::release(): hands ownership over, borrows nothing
};
StdResultBorrow stdResultBorrow(const clang::FunctionDecl *F);

// std::exchange, std::move (only; TypeModel::isMoveFunction adds forward).
bool isStdExchange(const clang::FunctionDecl *F);
bool isStdMoveOnly(const clang::FunctionDecl *F);

// The member functions the loan rules know by name (of any class; the caller
// checks the object's type: a smart pointer's reset, a container's erase).
enum class MemberKind {
  Other,
  Reset,   // smart pointer reset(): frees what it owned, may adopt a new pointer
  Release, // unique_ptr release(): gives ownership up without freeing
  Erase,   // erase(it): on a node-based container, ends `it`'s element only
  Insert,  // insert(pos, first, last)
  Assign,  // assign(first, last)
  Length,  // size, length, empty, size_bytes, max_size: a view's own length, not what it views
};
MemberKind memberKind(const clang::CXXMethodDecl *MD);

// vector / deque insert(pos, first, last) and assign(first, last): the
// standard requires iterators into another container ([sequence.reqmts]).
bool requiresForeignIterators(const clang::CXXMethodDecl *MD);

// std::make_shared, allocate_shared (and the _for_overwrite forms): a new
// object whose only owner is the shared_ptr returned.
bool isStdMakeShared(const clang::FunctionDecl *F);
// A std::shared_ptr member that looks at or ends this owner's share without
// giving the object to another owner: get, operator*, operator->, operator[],
// use_count, unique, operator bool, owner_before, reset (not swap, copies, moves).
bool stdSharedMemberKeepsSole(const clang::CXXMethodDecl *MD);

} // namespace borrowck
