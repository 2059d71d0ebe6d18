// The generic worklist engine on hand-built graphs: no Clang involved.
#include "dataflow/Dataflow.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>

using namespace borrowck;

namespace {

FlowGraph graph(uint32_t N, std::vector<std::pair<uint32_t, uint32_t>> Edges, uint32_t Entry,
                uint32_t Exit) {
  FlowGraph G;
  G.Entry = Entry;
  G.Exit = Exit;
  G.Succs.assign(N, {});
  G.Preds.assign(N, {});
  for (auto [F, T] : Edges) {
    G.Succs[F].push_back(T);
    G.Preds[T].push_back(F);
  }
  return G;
}

// Reaching "gen" bits: may (union) or must (intersection), with per-block
// gen/kill masks and optional per-edge gen bits.
template <bool Must> struct GenKill {
  using State = uint64_t;
  static constexpr bool Forward = true;
  std::vector<uint64_t> Gen, Kill;
  State bottom() const { return Must ? ~0ull : 0; }
  State boundary() const { return 0; }
  void join(State &Into, const State &From) const {
    if (Must)
      Into &= From;
    else
      Into |= From;
  }
  State transfer(uint32_t B, State In) const { return (In & ~Kill[B]) | Gen[B]; }
};
using MayGen = GenKill<false>;
using MustGen = GenKill<true>;

struct EdgeGen : MayGen {
  std::map<std::pair<uint32_t, uint32_t>, uint64_t> OnEdge;
  void transferEdge(uint32_t From, uint32_t To, State &S) const {
    auto It = OnEdge.find({From, To});
    if (It != OnEdge.end())
      S |= It->second;
  }
};

// Backward liveness: a variable is a bit; live-in = use | (live-out & ~def).
struct Liveness {
  using State = uint64_t;
  static constexpr bool Forward = false;
  std::vector<uint64_t> Use, Def;
  State bottom() const { return 0; }
  State boundary() const { return 0; }
  void join(State &Into, const State &From) const { Into |= From; }
  State transfer(uint32_t B, State Out) const { return Use[B] | (Out & ~Def[B]); }
};

struct BackwardEdge : Liveness {
  std::pair<uint32_t, uint32_t> Edge;
  uint64_t Bits = 0;
  void transferEdge(uint32_t From, uint32_t To, State &S) const {
    if (std::pair(From, To) == Edge)
      S |= Bits;
  }
};

// Counts forever around a loop: never converges.
struct Counter {
  using State = uint64_t;
  static constexpr bool Forward = true;
  State bottom() const { return 0; }
  State boundary() const { return 0; }
  void join(State &Into, const State &From) const { Into = std::max(Into, From); }
  State transfer(uint32_t, State In) const { return In + 1; }
};

//   0
//  / \
// 1   2
//  \ /
//   3
FlowGraph diamond() { return graph(4, {{0, 1}, {0, 2}, {1, 3}, {2, 3}}, 0, 3); }

TEST(Dataflow, ReversePostOrderDiamond) {
  FlowGraph G = diamond();
  EXPECT_EQ(reversePostOrder(G, true), (std::vector<uint32_t>{0, 2, 1, 3}));
  EXPECT_EQ(reversePostOrder(G, false), (std::vector<uint32_t>{3, 2, 1, 0}));
}

TEST(Dataflow, ReversePostOrderSkipsUnreachableAndPutsLoopHeadFirst) {
  // 0 -> 1 -> 2 -> 1 (back edge), 2 -> 3; 4 -> 3 is unreachable.
  FlowGraph G = graph(5, {{0, 1}, {1, 2}, {2, 1}, {2, 3}, {4, 3}}, 0, 3);
  EXPECT_EQ(reversePostOrder(G, true), (std::vector<uint32_t>{0, 1, 2, 3}));
  // Backward from the exit, 4 is reached and 0 comes last.
  EXPECT_EQ(reversePostOrder(G, false), (std::vector<uint32_t>{3, 4, 2, 1, 0}));
}

TEST(Dataflow, ReversePostOrderOutOfRangeStart) {
  FlowGraph G = graph(2, {{0, 1}}, 0, 7);
  EXPECT_TRUE(reversePostOrder(G, false).empty());
  EXPECT_TRUE(reversePostOrder(FlowGraph{}, true).empty());
}

TEST(Dataflow, MayDiamondUnionsBranches) {
  MayGen A;
  A.Gen = {0b0001, 0b0010, 0b0100, 0b1000};
  A.Kill = {0, 0, 0b0001, 0};
  auto R = runDataflow(diamond(), A);
  EXPECT_TRUE(R.Converged);
  EXPECT_EQ(R.In[0], 0u);
  EXPECT_EQ(R.Out[0], 0b0001u);
  EXPECT_EQ(R.Out[1], 0b0011u);
  EXPECT_EQ(R.Out[2], 0b0100u);
  EXPECT_EQ(R.In[3], 0b0111u);
  EXPECT_EQ(R.Out[3], 0b1111u);
  EXPECT_EQ(R.Reached, (std::vector<bool>{true, true, true, true}));
  EXPECT_EQ(R.Visits, 4u); // acyclic, visited in RPO: once each
}

TEST(Dataflow, MustDiamondIntersectsBranches) {
  MustGen A;
  A.Gen = {0b001, 0b010, 0b110, 0};
  A.Kill = {0, 0, 0b001, 0};
  auto R = runDataflow(diamond(), A);
  EXPECT_TRUE(R.Converged);
  EXPECT_EQ(R.Out[1], 0b011u);
  EXPECT_EQ(R.Out[2], 0b110u);
  EXPECT_EQ(R.In[3], 0b010u); // only what both branches have
}

TEST(Dataflow, LoopBackEdgeReachesHeader) {
  // 0 -> 1 (header) -> 2 (body) -> 1, 1 -> 3 (exit).
  FlowGraph G = graph(4, {{0, 1}, {1, 2}, {2, 1}, {1, 3}}, 0, 3);
  MayGen May;
  May.Gen = {0b001, 0, 0b010, 0};
  May.Kill = {0, 0, 0, 0};
  auto R = runDataflow(G, May);
  EXPECT_TRUE(R.Converged);
  EXPECT_EQ(R.In[1], 0b011u); // the body's bit flows back to the header
  EXPECT_EQ(R.In[3], 0b011u);
  EXPECT_GT(R.Visits, 4u); // the header was re-visited

  MustGen Must;
  Must.Gen = May.Gen;
  Must.Kill = May.Kill;
  auto M = runDataflow(G, Must);
  EXPECT_TRUE(M.Converged);
  EXPECT_EQ(M.In[1], 0b001u); // the first iteration has not run the body yet
  EXPECT_EQ(M.In[2], 0b001u);
}

TEST(Dataflow, UnreachableBlockIsNotReachedAndContributesNothing) {
  // 4 -> 3 but nothing reaches 4.
  FlowGraph G = graph(5, {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {4, 3}}, 0, 3);
  MustGen A;
  A.Gen = {0b01, 0b10, 0b10, 0, 0};
  A.Kill = {0, 0, 0, 0, 0};
  auto R = runDataflow(G, A);
  EXPECT_TRUE(R.Converged);
  EXPECT_FALSE(R.Reached[4]);
  EXPECT_EQ(R.Out[4], A.bottom());
  EXPECT_EQ(R.In[4], A.bottom());
  EXPECT_EQ(R.In[3], 0b11u); // the never-reached block does not intersect it away
}

TEST(Dataflow, SelfLoopConverges) {
  FlowGraph G = graph(3, {{0, 1}, {1, 1}, {1, 2}}, 0, 2);
  MayGen A;
  A.Gen = {0b01, 0b10, 0};
  A.Kill = {0, 0, 0};
  auto R = runDataflow(G, A);
  EXPECT_TRUE(R.Converged);
  EXPECT_EQ(R.In[1], 0b11u); // includes its own output
  EXPECT_EQ(R.Out[2], 0b11u);
}

TEST(Dataflow, BackwardLiveness) {
  // 0: x = ...; 1: if: 2 uses x, 3 defines x; 4: uses y.  Exit 4.
  FlowGraph G = graph(5, {{0, 1}, {1, 2}, {1, 3}, {2, 4}, {3, 4}}, 0, 4);
  Liveness A;
  const uint64_t X = 1, Y = 2;
  A.Use = {0, 0, X, 0, Y};
  A.Def = {X, 0, 0, X, 0};
  auto R = runDataflow(G, A);
  EXPECT_TRUE(R.Converged);
  // In/Out are in flow direction: In = live at the block's end, Out = at its start.
  EXPECT_EQ(R.In[4], 0u);
  EXPECT_EQ(R.Out[4], Y);
  EXPECT_EQ(R.Out[2], X | Y);
  EXPECT_EQ(R.Out[3], Y);
  EXPECT_EQ(R.Out[1], X | Y);
  EXPECT_EQ(R.Out[0], Y);
  EXPECT_TRUE(R.Reached[0]);
}

TEST(Dataflow, BackwardLivenessAroundLoop) {
  // 0 -> 1 (header) -> 2 (body: uses x, defines y) -> 1, 1 -> 3 (exit, uses y).
  FlowGraph G = graph(4, {{0, 1}, {1, 2}, {2, 1}, {1, 3}}, 0, 3);
  Liveness A;
  A.Use = {0, 0, 1, 2};
  A.Def = {1, 0, 2, 0};
  auto R = runDataflow(G, A);
  EXPECT_TRUE(R.Converged);
  EXPECT_EQ(R.Out[1], 3u); // x for the body, y for the exit
  EXPECT_EQ(R.In[2], 3u);  // through the back edge
  EXPECT_EQ(R.Out[0], 2u); // x defined in 0, y still live
}

TEST(Dataflow, MaxVisitsBoundsDivergingAnalysis) {
  FlowGraph G = graph(3, {{0, 1}, {1, 1}, {1, 2}}, 0, 2);
  auto R = runDataflow(G, Counter{}, 50);
  EXPECT_FALSE(R.Converged);
  EXPECT_GE(R.Visits, 50u);
  EXPECT_LE(R.Visits, 51u);

  // The same analysis on an acyclic graph converges well under the bound.
  auto D = runDataflow(diamond(), Counter{}, 50);
  EXPECT_TRUE(D.Converged);
  EXPECT_EQ(D.Out[3], 3u);
}

TEST(Dataflow, MaxVisitsZeroVisitsNothing) {
  auto R = runDataflow(diamond(), MayGen{{1, 2, 4, 8}, {0, 0, 0, 0}}, 0);
  EXPECT_FALSE(R.Converged);
  EXPECT_EQ(R.Reached, (std::vector<bool>(4, false)));
}

TEST(Dataflow, TransferEdgeOnlyOnItsEdge) {
  EdgeGen A;
  A.Gen = {0b001, 0, 0, 0};
  A.Kill = {0, 0, 0, 0};
  A.OnEdge[{0, 1}] = 0b100;
  auto R = runDataflow(diamond(), A);
  EXPECT_TRUE(R.Converged);
  EXPECT_EQ(R.Out[0], 0b001u); // not in the source block's output
  EXPECT_EQ(R.In[1], 0b101u);
  EXPECT_EQ(R.In[2], 0b001u);
  EXPECT_EQ(R.In[3], 0b101u);
}

TEST(Dataflow, TransferEdgeBackwardUsesGraphEdgeDirection) {
  BackwardEdge A;
  A.Use = {0, 0, 0, 0};
  A.Def = {0, 0, 0, 0};
  A.Edge = {0, 2}; // the graph edge 0 -> 2, met as 2 -> 0 in flow direction
  A.Bits = 0b1;
  auto R = runDataflow(diamond(), A);
  EXPECT_TRUE(R.Converged);
  EXPECT_EQ(R.In[0], 0b1u);
  EXPECT_EQ(R.Out[2], 0u);
  EXPECT_EQ(R.In[1], 0u);
  EXPECT_EQ(R.In[2], 0u);
}

} // namespace
