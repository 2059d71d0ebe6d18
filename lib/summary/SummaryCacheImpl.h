// Internal to the summary layer: the memo tables of SummaryCache.
#pragma once

#include "summary/SummaryCache.h"
#include "summary/MemberThreads.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseSet.h"

#include <map>

namespace borrowck {

// std::map, not DenseMap: callers hold a summary while computing others (a
// call's arguments are evaluated with its summary in hand), and a DenseMap
// moves its elements when it grows (found by ASan on LLVM's headers).
struct SummaryCache::Impl {
  std::map<const clang::FunctionDecl *, Summary> Done;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
  std::map<const clang::FunctionDecl *, std::vector<Mutation>> Mutations;
  ThreadMemo Threads; // memberThreads()
};

} // namespace borrowck
