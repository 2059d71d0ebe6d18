// Facet helpers for mutations (summary/Mutations.cpp).
#pragma once

#include "summary/SummaryCache.h"

namespace clang {
class Stmt;
class VarDecl;
} // namespace clang

namespace borrowck {

// The strongest invalidation of the container D that Body performs: member
// calls on it, and helpers it is passed to by non-const reference. Lambdas
// nested in Body run later, if ever: not counted. (A call of a local lambda
// applies this to the lambda's body.)
SummaryCache::Mutation scanMutations(const clang::Stmt *Body, const clang::VarDecl *D,
                                     const TypeModel &Model, SummaryCache &Summaries);

} // namespace borrowck
