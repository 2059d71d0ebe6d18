// The thread dataflow and the thread-outlives-borrow check on hand-built facts (no Clang):
// member spawns joined on some paths, borrows through pointers, and the cached analysis.
#include "HandBuilt.h"
#include "checks/Checks.h"

#include <gtest/gtest.h>

using namespace borrowck;

namespace borrowck {
void checkThreadOutlivesBorrow(CheckContext &, std::vector<Finding> &); // from the generated table
}

namespace {

// Entry 0 -> 1 -> {2, 3} -> 4 -> exit 5. `w` (variable 0) is a local object whose start()
// stored a thread borrowing it in the member `w.worker` (handle 0).
FunctionFacts diamond() {
  FunctionFacts F = test::diamondFunction();
  SharedVar W;
  W.Name = "w";
  W.Local = true;
  F.Threads.Vars.push_back(W);
  ThreadHandle H;
  H.Name = "w.worker";
  F.Threads.Handles.push_back(H);
  SpawnSite S;
  S.Call = Span{"in.cc", 10, 19};
  S.Callable = S.Call;
  S.Api = "std::thread";
  ThreadBorrow B;
  B.Var = 0;
  B.At = Span{"in.cc", 2, 6};
  B.AsThis = true;
  S.Borrows.push_back(B);
  MemberSpawn M;
  M.Method = "start";
  M.Class = "Worker";
  M.Field = "worker";
  M.Escape = Span{"in.cc", 1, 2};
  S.Member = M;
  F.Threads.Spawns.push_back(S);
  ThreadFact Spawn{ThreadFactKind::Spawn};
  Spawn.Spawn = 0;
  Spawn.Handle = 0;
  Spawn.Where = S.Call;
  F.Threads.Blocks[1].push_back(Spawn);
  ThreadFact End{ThreadFactKind::VarEnd};
  End.Var = 0;
  End.Where = Span{"in.cc", 40, 41};
  F.Threads.Blocks[4].push_back(End);
  return F;
}

ThreadFact join(uint32_t Handle) {
  ThreadFact J{ThreadFactKind::Join};
  J.Handle = Handle;
  return J;
}

std::vector<Finding> check(const FunctionFacts &F) {
  AnalysisOptions O;
  CheckContext C(F, O);
  std::vector<Finding> Out;
  checkThreadOutlivesBorrow(C, Out);
  return Out;
}

} // namespace

TEST(ThreadAnalysis, MemberThreadNotJoinedIsDefinite) {
  FunctionFacts F = diamond();
  std::vector<Finding> Out = check(F);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Subject, "w");
  EXPECT_EQ(Out[0].Certainty, Confidence::Definite);
  const Event *Spawned = Out[0].find(EventKind::Spawned);
  ASSERT_NE(Spawned, nullptr);
  EXPECT_EQ(Spawned->Detail, "start");
  const Event *Escaped = Out[0].find(EventKind::Escaped);
  ASSERT_NE(Escaped, nullptr);
  EXPECT_EQ(Escaped->TypeName, "member");
  EXPECT_EQ(Escaped->Place, "worker");
  EXPECT_EQ(Escaped->Detail, "Worker");
  EXPECT_EQ(Out[0].find(EventKind::Borrowed)->Detail, "this");
}

TEST(ThreadAnalysis, MemberThreadJoinedOnOneArmIsPossible) {
  FunctionFacts F = diamond();
  F.Threads.Blocks[2].push_back(join(0)); // w.stop() on one arm only
  std::vector<Finding> Out = check(F);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Certainty, Confidence::Maybe);
}

TEST(ThreadAnalysis, MemberThreadJoinedOnBothArmsIsQuiet) {
  FunctionFacts F = diamond();
  F.Threads.Blocks[2].push_back(join(0));
  F.Threads.Blocks[3].push_back(join(0));
  EXPECT_TRUE(check(F).empty());
}

TEST(ThreadAnalysis, BorrowThroughAPointerOnSomePathsIsPossible) {
  FunctionFacts F = diamond();
  F.Threads.Spawns[0].Member.reset();
  ThreadBorrow &B = F.Threads.Spawns[0].Borrows[0];
  B.AsThis = false;
  B.Maybe = true;
  B.Via = "p";
  std::vector<Finding> Out = check(F);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Certainty, Confidence::Maybe); // the thread surely runs; `p` may point elsewhere
  const Event *Borrowed = Out[0].find(EventKind::Borrowed);
  ASSERT_NE(Borrowed, nullptr);
  EXPECT_EQ(Borrowed->Detail, "p");
  EXPECT_TRUE(Borrowed->Partial);
}

TEST(ThreadAnalysis, CheckContextComputesTheDataflowOnce) {
  FunctionFacts F = diamond();
  AnalysisOptions O;
  CheckContext C(F, O);
  const ThreadAnalysis *A = &C.threads();
  const DataflowResult<ThreadState> *R = &C.threadStates();
  EXPECT_EQ(A, &C.threads());
  EXPECT_EQ(R, &C.threadStates());
  ASSERT_TRUE(R->Converged);
  EXPECT_TRUE(R->In[4].MayRun.test(0));
  EXPECT_TRUE(R->In[4].MustRun.test(0));
  EXPECT_TRUE(C.converged());
}
