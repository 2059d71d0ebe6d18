// What the standard library's and the C library's functions do to borrows and
// memory, as tables: allocation and deallocation, and which arguments a std
// function's result borrows. Where a newcomer adds a std function effect.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <initializer_list>

namespace clang {
class FunctionDecl;
}

namespace borrowck {

// A function of the C library (global, std:: or extern "C") with one of these names.
bool isCFunction(const clang::FunctionDecl *F, std::initializer_list<llvm::StringRef> Names);
// malloc, calloc, realloc, aligned_alloc, strdup, strndup: a new heap object.
bool isAllocation(const clang::FunctionDecl *F);
// free (not realloc: it frees its argument only when it succeeds, and the usual
// `q = realloc(p, n); if (!q) free(p);` is correct).
bool isDeallocation(const clang::FunctionDecl *F);

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

} // namespace borrowck
