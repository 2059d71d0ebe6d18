// A generic worklist dataflow engine over a FlowGraph.
//
// Contract for an Analysis:
//   using State = ...;                          // copyable, ==
//   static constexpr bool Forward = true|false;
//   State bottom() const;                       // state of a block not reached yet
//   State boundary() const;                     // state at Entry (forward) / Exit (backward)
//   void join(State &Into, const State &From) const; // must be monotone, commutative
//   State transfer(uint32_t Block, State In) const;  // in -> out (in flow direction)
// and optionally, for facts that hold on one edge only (the true side of `if (p)`):
//   void transferEdge(uint32_t From, uint32_t To, State &S) const;
// The engine visits blocks in reverse post-order (forward) or post-order
// (backward), re-queues successors whose input changed, and stops after
// MaxVisits block visits, reporting Converged = false.
#pragma once

#include "facts/Facts.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace borrowck {

template <typename State> struct DataflowResult {
  std::vector<State> In;  // at block entry, in flow direction
  std::vector<State> Out; // at block exit, in flow direction
  std::vector<bool> Reached;
  bool Converged = true;
  uint64_t Visits = 0;
};

// Blocks in reverse post-order from Start following Next edges.
inline std::vector<uint32_t> reversePostOrder(const FlowGraph &G, bool Forward) {
  const auto &Next = Forward ? G.Succs : G.Preds;
  uint32_t Start = Forward ? G.Entry : G.Exit;
  std::vector<uint32_t> Post;
  std::vector<uint8_t> Seen(G.size(), 0);
  std::vector<std::pair<uint32_t, size_t>> Stack;
  if (Start < G.size()) {
    Stack.push_back({Start, 0});
    Seen[Start] = 1;
  }
  while (!Stack.empty()) {
    auto &[B, I] = Stack.back();
    if (I < Next[B].size()) {
      uint32_t N = Next[B][I++];
      if (!Seen[N]) {
        Seen[N] = 1;
        Stack.push_back({N, 0});
      }
    } else {
      Post.push_back(B);
      Stack.pop_back();
    }
  }
  return {Post.rbegin(), Post.rend()};
}

template <typename Analysis>
DataflowResult<typename Analysis::State> runDataflow(const FlowGraph &G, const Analysis &A,
                                                     uint64_t MaxVisits = 1'000'000) {
  using State = typename Analysis::State;
  constexpr bool Fwd = Analysis::Forward;
  const auto &Prev = Fwd ? G.Preds : G.Succs;
  const auto &Next = Fwd ? G.Succs : G.Preds;
  uint32_t Start = Fwd ? G.Entry : G.Exit;

  DataflowResult<State> R;
  R.In.assign(G.size(), A.bottom());
  R.Out.assign(G.size(), A.bottom());
  R.Reached.assign(G.size(), false);

  std::vector<uint32_t> Order = reversePostOrder(G, Fwd);
  std::vector<uint32_t> Rank(G.size(), UINT32_MAX);
  for (uint32_t I = 0; I < Order.size(); ++I)
    Rank[Order[I]] = I;

  // A deque seeded in RPO; a block is re-queued only when not already queued.
  std::deque<uint32_t> Work(Order.begin(), Order.end());
  std::vector<uint8_t> Queued(G.size(), 0);
  for (uint32_t B : Order)
    Queued[B] = 1;

  while (!Work.empty()) {
    if (R.Visits >= MaxVisits) {
      R.Converged = false;
      break;
    }
    ++R.Visits;
    uint32_t B = Work.front();
    Work.pop_front();
    Queued[B] = 0;

    State In = A.bottom();
    bool Any = false;
    if (B == Start) {
      In = A.boundary();
      Any = true;
    }
    for (uint32_t P : Prev[B]) {
      if (!R.Reached[P])
        continue;
      const State *From = &R.Out[P];
      State Edge;
      if constexpr (requires(State &S) { A.transferEdge(P, B, S); }) {
        Edge = R.Out[P];
        if (Fwd)
          A.transferEdge(P, B, Edge);
        else
          A.transferEdge(B, P, Edge);
        From = &Edge;
      }
      if (!Any) {
        In = *From;
        Any = true;
      } else {
        A.join(In, *From);
      }
    }
    if (!Any)
      continue; // unreachable so far
    State Out = A.transfer(B, In);
    bool Changed = !R.Reached[B] || !(Out == R.Out[B]);
    R.In[B] = std::move(In);
    R.Reached[B] = true;
    if (!Changed)
      continue;
    R.Out[B] = std::move(Out);
    for (uint32_t N : Next[B])
      if (!Queued[N] && Rank[N] != UINT32_MAX) {
        Queued[N] = 1;
        Work.push_back(N);
      }
  }
  return R;
}

} // namespace borrowck
