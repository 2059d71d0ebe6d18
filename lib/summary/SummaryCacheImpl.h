// Internal to the summary layer: the memo tables of SummaryCache.
#pragma once

#include "summary/SummaryCache.h"
#include "summary/MemberThreads.h"
#include "summary/SharedAccesses.h"
#include "summary/Frees.h"

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
  // memberAccesses(): (member or helper, complete-object class, the helper's
  // parameter that is *this, or -1 for a member's own `this`).
  using MemberKey = std::tuple<const clang::FunctionDecl *, const clang::CXXRecordDecl *, int>;
  std::map<MemberKey, CalleeAccesses> MemberAccesses;
  // Members reached again while being summarised (A calls B calls A): the
  // inner A adds nothing the outer A does not have (the same accesses under
  // more locks), so it answers empty; what was summarised meanwhile is
  // partial until the outermost frame of the cycle ends (Low: the lowest
  // frame a walk depended on), kept in Partial and dropped then.
  std::vector<MemberKey> MemberStack;
  std::vector<unsigned> MemberLow;
  std::map<MemberKey, std::pair<CalleeAccesses, unsigned>> MemberPartial;
  unsigned MemberWalks = 0; // bound on the walks for one outermost request
  std::map<std::pair<const clang::FunctionDecl *, unsigned>, bool> ParamWrites; // writesThroughParam()
  std::set<std::pair<const clang::FunctionDecl *, unsigned>> ParamWritesInProgress;
  std::map<std::pair<const clang::FunctionDecl *, unsigned>, bool> ParamReads; // readsParam()
  std::map<const clang::FunctionDecl *, std::set<const clang::VarDecl *>> CallableJoins; // callableJoins()
  std::map<const clang::CXXRecordDecl *, bool> Guards; // runsCallableOnDestroy()
  std::map<const clang::FunctionDecl *, FreeSummary> Frees; // frees()
  std::set<const clang::FunctionDecl *> FreesInProgress;
  std::map<const clang::FunctionDecl *, ElementResult> ElementResults; // elementResult()
};

} // namespace borrowck
