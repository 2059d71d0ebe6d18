// The initialisation dataflow and the uninitialized-use check on hand-built facts (no Clang).
#include "HandBuilt.h"
#include "checks/Checks.h"

#include <gtest/gtest.h>

using namespace borrowck;

namespace borrowck {
void checkUninitializedUse(CheckContext &, std::vector<Finding> &); // from the generated table
}

namespace {

// Entry 0 -> 1 -> {2, 3} -> 4 -> exit 5. Variable `s` has slots s.a (0) and s.b (1).
FunctionFacts diamond() {
  FunctionFacts F = test::diamondFunction();
  InitVar V;
  V.Name = "s";
  V.TypeName = "S";
  V.Declared = Span{"in.cc", 2, 3};
  V.FirstSlot = 0;
  V.NumSlots = 2;
  V.Aggregate = true;
  V.SlotNames = {"s.a", "s.b"};
  F.InitVars.push_back(V);
  F.NumInitSlots = 2;
  F.InitBlocks[1].push_back(InitFact{InitFactKind::Declare, 0, 0, 2, Span{}, {}});
  return F;
}

InitFact read(uint32_t First, uint32_t Count, uint32_t At, std::string What) {
  return InitFact{InitFactKind::Read, 0, First, Count, Span{"in.cc", At, At + 1}, std::move(What)};
}

std::vector<Finding> check(const FunctionFacts &F) {
  AnalysisOptions O;
  CheckContext C(F, O);
  std::vector<Finding> Out;
  checkUninitializedUse(C, Out);
  return Out;
}

} // namespace

TEST(InitAnalysis, MustAndMayAtAJoin) {
  FunctionFacts F = diamond();
  F.InitBlocks[2].push_back(InitFact{InitFactKind::Write, 0, 0, 1, Span{}, {}}); // s.a on one arm
  F.InitBlocks[3].push_back(InitFact{InitFactKind::Write, 0, 1, 1, Span{}, {}}); // s.b on the other
  InitAnalysis A(F);
  auto R = runDataflow(F.Graph, A);
  ASSERT_TRUE(R.Converged);
  EXPECT_FALSE(R.In[4].MustInit.test(0));
  EXPECT_FALSE(R.In[4].MustInit.test(1));
  EXPECT_TRUE(R.In[4].MayInit.test(0));
  EXPECT_TRUE(R.In[4].MayInit.test(1));
}

TEST(InitAnalysis, DefiniteWhenNoPathWrites) {
  FunctionFacts F = diamond();
  F.InitBlocks[2].push_back(InitFact{InitFactKind::Write, 0, 0, 1, Span{}, {}});
  F.InitBlocks[3].push_back(InitFact{InitFactKind::Write, 0, 0, 1, Span{}, {}});
  F.InitBlocks[4].push_back(read(0, 1, 40, "s.a")); // fine: s.a written on both arms
  F.InitBlocks[4].push_back(read(1, 1, 50, "s.b")); // never written
  std::vector<Finding> Out = check(F);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Certainty, Confidence::Definite);
  EXPECT_TRUE(Out[0].Partial);
  ASSERT_NE(Out[0].find(EventKind::Used), nullptr);
  EXPECT_EQ(Out[0].find(EventKind::Used)->Place, "s.b");
  EXPECT_EQ(Out[0].find(EventKind::Used)->Where.Begin, 50u);
}

TEST(InitAnalysis, PossibleAndOnePerVariable) {
  FunctionFacts F = diamond();
  F.InitBlocks[2].push_back(InitFact{InitFactKind::Write, 0, 0, 2, Span{}, {}});
  F.InitBlocks[4].push_back(read(1, 1, 60, "s.b"));
  F.InitBlocks[4].push_back(read(0, 1, 70, "s.a"));
  std::vector<Finding> Out = check(F);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Certainty, Confidence::Maybe);
  EXPECT_EQ(Out[0].find(EventKind::Used)->Where.Begin, 60u);
}

TEST(InitAnalysis, MaybeWriteMakesAReadPossible) {
  FunctionFacts F = diamond();
  InitFact Call{InitFactKind::MaybeWrite, 0, 0, 2, Span{"in.cc", 20, 30}, "get"};
  F.InitBlocks[1].push_back(Call);
  F.InitBlocks[4].push_back(read(0, 1, 80, "s.a"));
  std::vector<Finding> Out = check(F);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Certainty, Confidence::Maybe);
  const Event *E = Out[0].find(EventKind::MayNotWrite);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->Place, "get");
  EXPECT_TRUE(E->Value);
}

TEST(InitAnalysis, AnyElementOnlyWhenNothingWritten) {
  FunctionFacts F = diamond();
  InitFact R = read(0, 2, 90, "s[i]");
  R.AnyElement = true;
  F.InitBlocks[2].push_back(InitFact{InitFactKind::Write, 0, 0, 1, Span{}, {}});
  F.InitBlocks[4].push_back(R);
  EXPECT_TRUE(check(F).empty()); // one element may hold a value: which one is read is unknown
  FunctionFacts G = diamond();
  G.InitBlocks[4].push_back(R);
  std::vector<Finding> Out = check(G);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Certainty, Confidence::Definite);
}

TEST(InitAnalysis, ClangFindingWinsForTheSameVariable) {
  FunctionFacts F = diamond();
  F.InitBlocks[4].push_back(read(0, 1, 100, "s.a"));
  UninitRead U;
  U.Name = "s";
  U.Declared = Span{"in.cc", 2, 3};
  U.Use = Span{"in.cc", 100, 101};
  U.Always = true;
  F.UninitReads.push_back(U);
  EXPECT_EQ(check(F).size(), 1u);
}

// Heap memory: before its allocation and after its pointer moves on (Forget)
// its slots are "not ours", which a join with either state leaves to the other.
namespace {
FunctionFacts heap() {
  FunctionFacts F = test::diamondFunction();
  InitVar V;
  V.Name = "p";
  V.TypeName = "int";
  V.Declared = Span{"in.cc", 2, 3};
  V.FirstSlot = 0;
  V.NumSlots = 2;
  V.Aggregate = true;
  V.SlotNames = {"p[0]", "p[1]"};
  V.Heap = "new[]";
  F.InitVars.push_back(V);
  F.NumInitSlots = 2;
  return F;
}
} // namespace

TEST(InitAnalysis, HeapAllocatedOnOneArmIsDefinite) {
  FunctionFacts F = heap();
  F.InitBlocks[2].push_back(InitFact{InitFactKind::Declare, 0, 0, 2, Span{"in.cc", 10, 20}, {}});
  F.InitBlocks[4].push_back(read(1, 1, 90, "p[1]"));
  std::vector<Finding> Out = check(F);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Certainty, Confidence::Definite);
  EXPECT_EQ(Out[0].Allocation, "new[]");
  EXPECT_EQ(Out[0].find(EventKind::Declared)->Where.Begin, 10u); // the allocation
}

TEST(InitAnalysis, HeapNeverAllocatedOrForgottenIsQuiet) {
  FunctionFacts F = heap();
  F.InitBlocks[4].push_back(read(0, 1, 90, "p[0]"));
  EXPECT_TRUE(check(F).empty());
  FunctionFacts G = heap();
  G.InitBlocks[1].push_back(InitFact{InitFactKind::Declare, 0, 0, 2, Span{"in.cc", 10, 20}, {}});
  G.InitBlocks[2].push_back(InitFact{InitFactKind::Forget, 0, 0, 2, Span{}, {}});
  G.InitBlocks[3].push_back(InitFact{InitFactKind::Forget, 0, 0, 2, Span{}, {}});
  G.InitBlocks[4].push_back(read(0, 1, 90, "p[0]"));
  EXPECT_TRUE(check(G).empty());
}
