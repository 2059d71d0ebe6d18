// Forward dataflow over thread facts: which spawned threads may (must) still
// be running, which local handle may hold each, and where a thread escaped.
#pragma once

#include "dataflow/Dataflow.h"
#include "facts/Facts.h"

#include "llvm/ADT/BitVector.h"

namespace borrowck {

struct ThreadState {
  llvm::BitVector MayRun, MustRun;    // over spawns
  std::vector<llvm::BitVector> Holds; // per handle, over spawns: what it may hold
  std::vector<uint32_t> EscapedAt;    // per spawn: the Escape fact (numbered), or NotEscaped
  // Over spawns: since the spawn, on some path, the spawning thread touched an
  // ordering object (an atomic) the thread touches too (ThreadAccess::Orders).
  llvm::BitVector OrderedSince;
  bool operator==(const ThreadState &O) const {
    return MayRun == O.MayRun && MustRun == O.MustRun && Holds == O.Holds && EscapedAt == O.EscapedAt &&
           OrderedSince == O.OrderedSince;
  }
};

class ThreadAnalysis {
public:
  using State = ThreadState;
  static constexpr bool Forward = true;
  static constexpr uint32_t NotEscaped = UINT32_MAX;

  explicit ThreadAnalysis(const FunctionFacts &F);
  State bottom() const;
  State boundary() const { return bottom(); }
  void join(State &Into, const State &From) const;
  State transfer(uint32_t Block, State In) const;
  void apply(uint32_t Block, uint32_t Index, State &S) const;
  // The Escape facts, numbered for EscapedAt.
  const ThreadFact &escape(uint32_t I) const {
    return F.Threads.Blocks[Escapes[I].first][Escapes[I].second];
  }

private:
  const FunctionFacts &F;
  std::vector<std::pair<uint32_t, uint32_t>> Escapes;
  std::vector<std::vector<uint32_t>> EscapeIndex; // block -> fact -> escape number
};

} // namespace borrowck
