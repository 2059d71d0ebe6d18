// Internal to the summary layer: the memo tables of SummaryCache.
#pragma once

#include "summary/SummaryCache.h"
#include "summary/MemberThreads.h"
#include "summary/SharedAccesses.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseSet.h"

#include <map>
#include <set>
#include <tuple>

namespace borrowck {

// std::map, not DenseMap: callers hold a summary while computing others (a
// call's arguments are evaluated with its summary in hand), and a DenseMap
// moves its elements when it grows (found by ASan on LLVM's headers).
struct SummaryCache::Impl {
  std::map<const clang::FunctionDecl *, ResultBorrows> Done;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
  std::map<const clang::FunctionDecl *, std::vector<Mutation>> Mutations;
  std::map<const clang::FunctionDecl *, std::vector<std::vector<CaptureTarget>>> Captures;
  std::map<std::pair<const clang::FunctionDecl *, unsigned>, OutParamWrites> OutParams; // outParamWrites()
  ThreadMemo Threads; // memberThreads()
  std::map<std::tuple<const clang::FunctionDecl *, bool, bool>, CalleeAccesses> Accesses; // sharedAccesses()
  std::map<std::pair<const clang::FunctionDecl *, unsigned>, std::vector<ParamUse>> ParamUses;
  std::map<std::pair<const clang::FunctionDecl *, const clang::CXXRecordDecl *>, CalleeAccesses>
      MemberAccesses; // memberAccesses()
  std::set<std::pair<const clang::FunctionDecl *, const clang::CXXRecordDecl *>> MemberAccessesInProgress;
  std::map<std::pair<const clang::FunctionDecl *, unsigned>, bool> ParamWrites; // writesThroughParam()
  std::set<std::pair<const clang::FunctionDecl *, unsigned>> ParamWritesInProgress;
  std::map<const clang::FunctionDecl *, std::set<const clang::VarDecl *>> CallableJoins; // callableJoins()
  std::map<const clang::CXXRecordDecl *, bool> Guards; // runsCallableOnDestroy()
};

} // namespace borrowck
