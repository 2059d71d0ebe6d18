// The free facet of SummaryCache: what a function frees that its caller
// still holds. A helper that deletes its parameter (`destroy_one(T *p)`,
// `release(T *&p)`), a lambda that deletes a pointer it captured, a member
// function that deletes a field of *this (`close()` deleting `buf_`), each
// directly or through the helpers and members it calls.
#pragma once

#include "ast/CalleeSummaries.h"

#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace clang {
class FieldDecl;
class ValueDecl;
} // namespace clang

namespace borrowck {

enum class FreeHow : uint8_t {
  No,
  Sometimes, // on some paths through the function only: a possible finding
  Always,    // on every path (a test of the pointer against null aside)
};

struct FreeOf {
  FreeHow How = FreeHow::No;
  // The function also assigns the pointer (`p = nullptr;` through a `T *&`,
  // `buf_ = nullptr;` after the delete): the caller's pointer no longer
  // holds the freed memory, so nothing dangles through it.
  bool Resets = false;
};

// What a member function does to the std::unique_ptr elements of a container
// field of *this (`items_.erase(k)`, `items_[k] = ...`, `items_.clear()`):
// it frees the objects they owned.
struct ElementFree {
  FreeHow How = FreeHow::No;
  bool All = false;  // every element (clear, assignment of the container)
  ElementKeyRef Key; // else the one element named so (unknown: any one)
};

struct FreeSummary {
  std::vector<FreeOf> Params;                          // per parameter
  std::map<const clang::ValueDecl *, FreeOf> Captures; // a lambda's call operator: captured variables
  std::map<const clang::FieldDecl *, FreeOf> Fields;   // a member function: fields of *this
  // A member function: the fields of *this it reads or writes through
  // (`*buf_`, `buf_[i]`, `buf_->n`), directly or in members it calls.
  std::set<const clang::FieldDecl *> ReadsThrough;
  // A member function: unique_ptr elements of container fields of *this it
  // erases, replaces or clears, directly or in members it calls.
  std::map<const clang::FieldDecl *, ElementFree> Elements;
  bool any() const;
};

inline FreeHow strongest(FreeHow A, FreeHow B) { return A > B ? A : B; }

} // namespace borrowck
