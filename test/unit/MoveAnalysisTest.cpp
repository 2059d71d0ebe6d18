// Facts, move dataflow and the use-after-move check on snippets parsed in memory.
#include "checks/Checks.h"
#include "ast/Spans.h"
#include "summary/SummaryCache.h"
#include "driver/AnalyzeFunction.h"
#include "driver/Functions.h"
#include "factgen/FactBuilder.h"
#include "model/TypeModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace borrowck;

namespace {

const char *const Prelude = "#include <memory>\n#include <string>\n#include <utility>\n#include <vector>\n";

struct Result {
  std::string Code;
  std::vector<std::pair<std::string, BuildStatus>> Status; // per collected function
  std::vector<FunctionFacts> Facts;                        // those that were built
  std::vector<Finding> Findings;
  bool Converged = true;

  BuildStatus status(const std::string &Fn) const {
    for (auto &[N, S] : Status)
      if (N == Fn)
        return S;
    ADD_FAILURE() << "no function " << Fn;
    return BuildStatus::NoBody;
  }
  const FunctionFacts *facts(const std::string &Fn) const {
    for (const FunctionFacts &F : Facts)
      if (F.Name == Fn)
        return &F;
    return nullptr;
  }
  std::string text(const Span &S) const { return Code.substr(S.Begin, S.End - S.Begin); }
  unsigned line(const Span &S) const {
    EXPECT_EQ(S.File, "input.cc");
    return 1 + std::count(Code.begin(), Code.begin() + S.Begin, '\n');
  }
  // 1-based line of the first occurrence of Needle.
  unsigned lineOf(std::string_view Needle) const {
    size_t Off = Code.find(Needle);
    EXPECT_NE(Off, std::string::npos) << Needle;
    return 1 + std::count(Code.begin(), Code.begin() + Off, '\n');
  }
  unsigned primaryLine(const Finding &F) const {
    const Event *E = F.primary();
    EXPECT_NE(E, nullptr);
    return E ? line(E->Where) : 0;
  }
};

// Parses Prelude + Body as input.cc and runs every check on every function, as the driver does.
Result analyse(const std::string &Body, AnalysisOptions Limits = {}) {
  Result R;
  R.Code = Prelude + Body;
  std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCodeWithArgs(
      R.Code, {"-std=c++20", "-w", "-resource-dir", BORROWCK_RESOURCE_DIR}, "input.cc");
  if (!AST || AST->getDiagnostics().hasErrorOccurred()) {
    ADD_FAILURE() << "snippet does not compile:\n" << Body;
    return R;
  }
  clang::ASTContext &Ctx = AST->getASTContext();
  SpanMaker Spans(Ctx.getSourceManager(), Ctx.getLangOpts(), "input.cc");
  TypeModel Model;
  SummaryCache Summaries;
  AnalyzeOptions Opts;
  Opts.Analysis = Limits;
  for (const clang::FunctionDecl *FD : collectFunctions(Ctx, Spans)) {
    FunctionAnalysis A = analyzeFunction(*FD, Ctx, Model, Spans, Summaries, Opts, R.Findings);
    R.Status.push_back({functionName(*FD), A.Status});
    if (A.Status != BuildStatus::Built)
      continue;
    R.Converged &= A.Converged;
    R.Facts.push_back(std::move(A.Facts));
  }
  return R;
}

std::vector<const Fact *> factsOf(const FunctionFacts &F, FactKind K, const std::string &Place) {
  std::vector<const Fact *> Out;
  for (const auto &B : F.Blocks)
    for (const Fact &Fa : B)
      if (Fa.Kind == K && F.Places[Fa.Place].Name == Place)
        Out.push_back(&Fa);
  return Out;
}

const Event *event(const Finding &F, EventKind K) {
  for (const Event &E : F.Events)
    if (E.Kind == K)
      return &E;
  return nullptr;
}

// ---------------------------------------------------------------- move dataflow on hand-built facts

// p (0) and its field p.name (1); 0 -> {1, 2} -> 3 -> 4, block 1 moves p.name,
// block 2 moves p.
FunctionFacts handBuilt() {
  FunctionFacts F;
  F.Places = {Place{NoPlace, "p", "Person"}, Place{0, "p.name", "std::string"}};
  F.Graph.Entry = 0;
  F.Graph.Exit = 4;
  F.Graph.Succs = {{1, 2}, {3}, {3}, {4}, {}};
  F.Graph.Preds = {{}, {0}, {0}, {1, 2}, {3}};
  F.Blocks.assign(5, {});
  F.Blocks[1].push_back(Fact{FactKind::Move, UseKind::Move, 1, {}});
  F.Blocks[2].push_back(Fact{FactKind::Move, UseKind::Move, 0, {}});
  return F;
}

TEST(MoveAnalysis, MaybeMovesIsUnionMayUnmovedIsUnion) {
  FunctionFacts F = handBuilt();
  F.Blocks[1].push_back(Fact{FactKind::Move, UseKind::Move, 0, {}}); // block 1 moves p too
  MoveAnalysis A(F);
  ASSERT_EQ(A.moves().size(), 3u);
  // Moves are numbered by the pre-order of their place: p's moves, then p.name's.
  const uint32_t NameMove = A.moveIndex(1, 0), PMove = A.moveIndex(1, 1), PMove2 = A.moveIndex(2, 0);
  EXPECT_EQ(PMove, 0u);
  EXPECT_EQ(PMove2, 1u);
  EXPECT_EQ(NameMove, 2u);
  EXPECT_EQ(A.moveFact(PMove2).Place, 0u);
  EXPECT_EQ(A.moveFact(NameMove).Place, 1u);
  auto R = runDataflow(F.Graph, A);
  ASSERT_TRUE(R.Converged);
  // Block 1's move of p supersedes its move of p.name: the latest move per path.
  EXPECT_EQ(R.In[3].MaybeMoves.count(), 2u);
  EXPECT_FALSE(R.In[3].MaybeMoves.test(NameMove));
  EXPECT_EQ(A.relatedMoves(R.In[3], 1), (std::vector<uint32_t>{PMove, PMove2})); // block order
  EXPECT_FALSE(R.In[3].MayUnmoved.test(0)); // p moved on both paths
  EXPECT_FALSE(R.In[3].MayUnmoved.test(1)); // p.name: itself on one path, with p on the other
  EXPECT_EQ(R.Out[4], R.In[3]);
}

TEST(MoveAnalysis, ReinitOfParentClearsFieldMovesButNotConversely) {
  FunctionFacts F = handBuilt();
  F.Blocks[3].push_back(Fact{FactKind::Reinit, UseKind::Borrow, 1, {}});
  MoveAnalysis A(F);
  auto R = runDataflow(F.Graph, A);
  const uint32_t NameMove = A.moveIndex(1, 0), PMove = A.moveIndex(2, 0);
  EXPECT_FALSE(R.Out[3].MaybeMoves.test(NameMove)); // the move of p.name
  EXPECT_TRUE(R.Out[3].MaybeMoves.test(PMove));     // the move of p survives p.name = ...
  EXPECT_TRUE(A.affects(R.Out[3], PMove, 0));        // ... for p
  EXPECT_FALSE(A.affects(R.Out[3], PMove, 1));       // but not for p.name
  EXPECT_TRUE(A.affects(R.In[3], PMove, 1));
  EXPECT_EQ(A.relatedMoves(R.Out[3], 1), (std::vector<uint32_t>{PMove}));

  F.Blocks[3].back().Place = 0;
  MoveAnalysis B(F);
  auto S = runDataflow(F.Graph, B);
  EXPECT_TRUE(S.Out[3].MaybeMoves.none());
  EXPECT_TRUE(S.Out[3].MayUnmoved.all());
}

TEST(MoveAnalysis, EdgeFactAppliesOnItsEdgeOnly) {
  FunctionFacts F = handBuilt();
  // Move p in the entry; the edge 0 -> 1 reinitialises it (the non-null side).
  F.Blocks[0].push_back(Fact{FactKind::Move, UseKind::Move, 0, {}});
  F.EdgeFacts[{0, 1}].push_back(Fact{FactKind::Reinit, UseKind::Borrow, 0, {}});
  MoveAnalysis A(F);
  auto R = runDataflow(F.Graph, A);
  uint32_t Entry = A.moveIndex(0, 0);
  EXPECT_TRUE(R.Out[0].MaybeMoves.test(Entry));
  EXPECT_FALSE(R.In[1].MaybeMoves.test(Entry));
  EXPECT_TRUE(R.In[1].MayUnmoved.test(0));
  EXPECT_TRUE(R.In[2].MaybeMoves.test(Entry));
  EXPECT_FALSE(R.In[2].MayUnmoved.test(0));
}

// ---------------------------------------------------------------- findings

TEST(UseAfterMove, StraightLineIsDefinite) {
  Result R = analyse(R"cc(
void sink(std::string);
std::size_t f() {
  std::string s = "x";
  sink(std::move(s));
  return s.size();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  const Finding &F = R.Findings[0];
  EXPECT_EQ(F.Rule, "use-after-move");
  EXPECT_EQ(F.Subject, "s");
  EXPECT_EQ(F.SubjectType, "std::string");
  EXPECT_EQ(F.SubjectKind, ValueKind::Owner);
  EXPECT_EQ(F.Certainty, Confidence::Definite);
  EXPECT_EQ(F.Use, UseKind::Borrow);
  EXPECT_FALSE(F.Partial);
  EXPECT_EQ(F.Kind, Behaviour::BreaksRustRulesOnly);
  EXPECT_EQ(R.primaryLine(F), R.lineOf("return s.size()"));
  EXPECT_EQ(R.text(F.primary()->Where), "s");
  ASSERT_NE(event(F, EventKind::Declared), nullptr);
  EXPECT_EQ(R.line(event(F, EventKind::Declared)->Where), R.lineOf("std::string s ="));
  const Event *M = event(F, EventKind::Moved);
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(R.text(M->Where), "std::move(s)");
  EXPECT_FALSE(M->PreviousIteration);
  EXPECT_EQ(event(F, EventKind::LoopHead), nullptr);
}

TEST(UseAfterMove, MovedOnOneBranchIsMaybe) {
  Result R = analyse(R"cc(
void sink(std::string);
void f(bool b) {
  std::string s = "x";
  if (b)
    sink(std::move(s));
  s.size();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Certainty, Confidence::Maybe);
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("s.size()"));
}

TEST(UseAfterMove, MovedOnBothBranchesIsDefinite) {
  Result R = analyse(R"cc(
void sink(std::string);
void f(bool b) {
  std::string s = "x";
  if (b)
    sink(std::move(s));
  else
    sink(std::move(s));
  s.size();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Certainty, Confidence::Definite);
  int Moves = 0;
  for (const Event &E : R.Findings[0].Events)
    Moves += E.Kind == EventKind::Moved;
  EXPECT_EQ(Moves, 2);
}

TEST(UseAfterMove, UseBeforeMoveInLoopIsPreviousIteration) {
  Result R = analyse(R"cc(
std::size_t f(std::vector<std::string> &v) {
  std::string s = "x";
  std::size_t n = 0;
  while (n < 10) {
    n += s.size();
    v.push_back(std::move(s));
  }
  return n;
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  const Finding &F = R.Findings[0];
  EXPECT_EQ(F.Certainty, Confidence::Maybe);
  EXPECT_EQ(F.Use, UseKind::Borrow);
  EXPECT_EQ(R.primaryLine(F), R.lineOf("n += s.size()"));
  const Event *M = event(F, EventKind::Moved);
  ASSERT_NE(M, nullptr);
  EXPECT_TRUE(M->PreviousIteration);
  const Event *L = event(F, EventKind::LoopHead);
  ASSERT_NE(L, nullptr);
  EXPECT_EQ(R.text(L->Where), "while");
}

TEST(UseAfterMove, MoveInLoopMovesAgain) {
  Result R = analyse(R"cc(
void f(std::vector<std::string> &v) {
  std::string s = "x";
  for (int i = 0; i < 3; ++i)
    v.push_back(std::move(s));
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  const Finding &F = R.Findings[0];
  EXPECT_EQ(F.Use, UseKind::Move);
  EXPECT_EQ(F.Certainty, Confidence::Maybe);
  EXPECT_EQ(R.text(F.primary()->Where), "std::move(s)");
  const Event *M = event(F, EventKind::Moved);
  ASSERT_NE(M, nullptr);
  EXPECT_TRUE(M->PreviousIteration);
  ASSERT_NE(event(F, EventKind::LoopHead), nullptr);
  EXPECT_EQ(R.text(event(F, EventKind::LoopHead)->Where), "for");
}

TEST(UseAfterMove, UseAfterLoopIsNotPreviousIteration) {
  Result R = analyse(R"cc(
void sink(std::string);
void f(int n) {
  std::string s = "x";
  for (int i = 0; i < n; ++i)
    if (i == 3) {
      sink(std::move(s));
      break;
    }
  s.size();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  const Finding &After = R.Findings[0];
  EXPECT_EQ(R.primaryLine(After), R.lineOf("s.size()"));
  EXPECT_EQ(After.Certainty, Confidence::Maybe);
  ASSERT_NE(event(After, EventKind::Moved), nullptr);
  EXPECT_FALSE(event(After, EventKind::Moved)->PreviousIteration);
  EXPECT_EQ(event(After, EventKind::LoopHead), nullptr);
}

TEST(UseAfterMove, MoveInLoopThenUseAfterLoopReportedOnceAtTheMove) {
  // As rustc: one error per set of moves; the move repeating in the loop comes first.
  Result R = analyse(R"cc(
void sink(std::string);
void f(int n) {
  std::string s = "x";
  for (int i = 0; i < n; ++i)
    if (i == 3)
      sink(std::move(s));
  s.size();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Use, UseKind::Move);
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("sink(std::move(s))"));
  ASSERT_NE(event(R.Findings[0], EventKind::Moved), nullptr);
  EXPECT_TRUE(event(R.Findings[0], EventKind::Moved)->PreviousIteration);
}

TEST(UseAfterMove, MoveInForIncrementIsPreviousIteration) {
  Result R = analyse(R"cc(
void sink(std::string);
std::size_t f() {
  std::string s = "x";
  std::size_t n = 0;
  for (int i = 0; i < 3; ++i, sink(std::move(s))) {
    n += s.size();
    s = "y";
  }
  return n;
}
)cc");
  // The move in the increment reaches the body's use only through the back edge.
  ASSERT_EQ(R.Findings.size(), 1u);
  const Finding &F = R.Findings[0];
  EXPECT_EQ(R.primaryLine(F), R.lineOf("n += s.size()"));
  EXPECT_EQ(F.Certainty, Confidence::Maybe);
  const Event *M = event(F, EventKind::Moved);
  ASSERT_NE(M, nullptr);
  EXPECT_TRUE(M->PreviousIteration);
  EXPECT_NE(event(F, EventKind::LoopHead), nullptr);
}

TEST(UseAfterMove, ReinitialisationEndsMovedState) {
  Result R = analyse(R"cc(
void sink(std::string);
void sink_ptr(std::unique_ptr<int>);
void fill(std::string &out);
void assigned() { std::string s = "x"; sink(std::move(s)); s = "y"; s.size(); }
void cleared() { std::string s = "x"; sink(std::move(s)); s.clear(); s.size(); }
void reset() { auto p = std::make_unique<int>(1); sink_ptr(std::move(p)); p.reset(new int(2)); *p = 3; }
void out_param() { std::string s = "x"; sink(std::move(s)); fill(s); s.size(); }
void in_loop(std::vector<std::string> &v) {
  std::string s;
  for (int i = 0; i < 3; ++i) { s = "item"; v.push_back(std::move(s)); }
}
void exchanged() { std::string s = "x"; sink(std::move(s)); auto old = std::exchange(s, "y"); s.size(); }
void self_move() { std::string s = "x"; s = std::move(s); s.size(); }
)cc");
  EXPECT_EQ(R.Status.size(), 7u);
  EXPECT_TRUE(R.Findings.empty()) << R.Findings.size() << " findings, first at line "
                                  << R.primaryLine(R.Findings[0]);
}

TEST(UseAfterMove, MutatingNonReinitMemberIsStillAUse) {
  Result R = analyse(R"cc(
void sink(std::string);
void f() { std::string s = "x"; sink(std::move(s)); s.append("y"); }
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Use, UseKind::Borrow);
}

TEST(UseAfterMove, TriviallyCopyableIsNotTracked) {
  Result R = analyse(R"cc(
struct Point { int x, y; };
int ints() { int i = 1; int j = std::move(i); return i + j; }
int points() { Point p{1, 2}; Point q = std::move(p); return p.x + q.y; }
)cc");
  EXPECT_EQ(R.status("ints"), BuildStatus::NothingToTrack);
  EXPECT_EQ(R.status("points"), BuildStatus::NothingToTrack);
  EXPECT_TRUE(R.Findings.empty());
}

TEST(UseAfterMove, StdMoveIntoConstRefOrRvalueBindingDoesNotMove) {
  Result R = analyse(R"cc(
void look(const std::string &);
void to_const_ref() { std::string s = "x"; look(std::move(s)); s.size(); }
void to_rvalue_var() { std::string s = "x"; auto &&r = std::move(s); s.size(); r.size(); }
void from_const() { const std::string s = "x"; std::string t = std::move(s); s.size(); }
)cc");
  EXPECT_EQ(R.status("to_const_ref"), BuildStatus::NothingToTrack);
  // `r` borrows `s` (a loan is tracked), but nothing is moved.
  EXPECT_EQ(R.status("from_const"), BuildStatus::NothingToTrack); // a copy
  EXPECT_TRUE(R.Findings.empty());
}

TEST(UseAfterMove, RvalueRefParameterConsumes) {
  Result R = analyse(R"cc(
void take(std::string &&);
void f() {
  std::string s = "x";
  take(std::move(s));
  s.size();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Certainty, Confidence::Definite);
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("s.size()"));
}

TEST(UseAfterMove, MoveAssignmentAndConditionalArms) {
  Result R = analyse(R"cc(
void assign() { std::string s = "x", t; t = std::move(s); s.size(); }
void arms(bool c) {
  std::string a = "a", b = "b";
  std::string t = c ? std::move(a) : std::move(b);
  a.size();
  b.size();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 3u);
  EXPECT_EQ(R.Findings[0].Certainty, Confidence::Definite);
  EXPECT_EQ(R.Findings[1].Subject, "a");
  EXPECT_EQ(R.Findings[1].Certainty, Confidence::Maybe); // each arm moves on its own branch
  EXPECT_EQ(R.Findings[2].Subject, "b");
  EXPECT_EQ(R.Findings[2].Certainty, Confidence::Maybe);
}

TEST(UseAfterMove, RangeForOverMovedContainer) {
  Result R = analyse(R"cc(
void sink(std::vector<int>);
int f(std::vector<int> v) {
  sink(std::move(v));
  int n = 0;
  for (int x : v)
    n += x;
  return n;
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Subject, "v");
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("for (int x : v)"));
}

TEST(UseAfterMove, CopyAndReturnAreUsesByValue) {
  Result R = analyse(R"cc(
void sink(std::string);
std::string copy() { std::string s = "x"; sink(std::move(s)); std::string t = s; return t; }
std::string ret() { std::string s = "x"; sink(std::move(s)); return s; }
)cc");
  ASSERT_EQ(R.Findings.size(), 2u);
  EXPECT_EQ(R.Findings[0].Use, UseKind::Copy);
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("std::string t = s"));
  EXPECT_EQ(R.Findings[1].Use, UseKind::Copy);
  EXPECT_EQ(R.primaryLine(R.Findings[1]), R.lineOf("return s;"));
}

TEST(UseAfterMove, PartialMove) {
  Result R = analyse(R"cc(
struct Person { std::string name; int age = 0; };
void greet(const Person &);
void field_then_whole() {
  Person p{"Ann", 30};
  std::string n = std::move(p.name);
  greet(p);
}
void whole_then_field() {
  Person p{"Ann", 30};
  Person q = std::move(p);
  p.name.size();
}
int other_field() { Person p{"Ann", 30}; std::string n = std::move(p.name); return p.age; }
void field_reassigned() { Person p; std::string n = std::move(p.name); p.name = "B"; greet(p); }
)cc");
  ASSERT_EQ(R.Findings.size(), 2u);
  const Finding &Part = R.Findings[0];
  EXPECT_EQ(R.primaryLine(Part), R.lineOf("greet(p);"));
  EXPECT_TRUE(Part.Partial);
  EXPECT_EQ(Part.Subject, "p");
  EXPECT_EQ(Part.Certainty, Confidence::Definite);
  const Event *M = event(Part, EventKind::Moved);
  ASSERT_NE(M, nullptr);
  EXPECT_TRUE(M->Partial);
  EXPECT_EQ(M->Place, "p.name");
  EXPECT_EQ(M->TypeName, "std::string");

  const Finding &Whole = R.Findings[1];
  EXPECT_EQ(R.primaryLine(Whole), R.lineOf("p.name.size()"));
  EXPECT_FALSE(Whole.Partial);
  EXPECT_EQ(Whole.Subject, "p");
  EXPECT_EQ(Whole.SubjectType, "Person");
  EXPECT_EQ(Whole.Certainty, Confidence::Definite);
}

// `p` moved whole on one branch and in part on the other, then used.
const char *const MixedMoves = R"cc(
struct Person { std::string name; int age = 0; };
void greet(const Person &);
void whole_first(bool c) {
  Person p;
  if (c) {
    Person q = std::move(p);
  } else {
    std::string n = std::move(p.name);
  }
  greet(p);
}
void part_first(bool c) {
  Person p;
  if (c) {
    std::string n = std::move(p.name);
  } else {
    Person q = std::move(p);
  }
  greet(p);
}
)cc";

TEST(UseAfterMove, MixedWholeAndPartialMoveNamesTheUsedValue) {
  Result R = analyse(MixedMoves);
  ASSERT_EQ(R.Findings.size(), 2u);
  EXPECT_EQ(R.Findings[1].Subject, "p");
  for (const Finding &F : R.Findings) {
    EXPECT_EQ(F.Subject, "p");
    EXPECT_EQ(F.SubjectType, "Person");
  }
}

TEST(UseAfterMove, MixedWholeAndPartialMoveOnEveryPathIsDefinite) {
  Result R = analyse(MixedMoves);
  ASSERT_EQ(R.Findings.size(), 2u);
  for (const Finding &F : R.Findings)
    EXPECT_EQ(F.Certainty, Confidence::Definite);
}

TEST(UseAfterMove, SmartPointerDerefIsUndefined) {
  Result R = analyse(R"cc(
struct W { int size = 0; void draw() const {} };
void retire(std::unique_ptr<W>);
void arrow() { auto p = std::make_unique<W>(); retire(std::move(p)); p->draw(); }
int star() { auto p = std::make_shared<W>(); auto q = std::move(p); return (*p).size; }
void look(const std::unique_ptr<W> &);
void borrow() { auto p = std::make_unique<W>(); retire(std::move(p)); look(p); }
)cc");
  ASSERT_EQ(R.Findings.size(), 3u);
  for (int I : {0, 1}) {
    const Finding &F = R.Findings[I];
    EXPECT_EQ(F.Use, UseKind::Deref);
    EXPECT_EQ(F.Kind, Behaviour::UndefinedInCxx);
    EXPECT_EQ(F.SubjectKind, ValueKind::SmartPointer);
    EXPECT_EQ(F.Certainty, Confidence::Definite);
  }
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("p->draw()"));
  EXPECT_EQ(R.Findings[0].SubjectType, "std::unique_ptr<W>");
  EXPECT_EQ(R.primaryLine(R.Findings[1]), R.lineOf("(*p).size"));
  EXPECT_EQ(R.Findings[1].SubjectType, "std::shared_ptr<W>");
  // Passing the null pointer by reference does not dereference it.
  EXPECT_EQ(R.Findings[2].Use, UseKind::Borrow);
  EXPECT_EQ(R.Findings[2].Kind, Behaviour::BreaksRustRulesOnly);
  EXPECT_EQ(R.Findings[2].SubjectKind, ValueKind::SmartPointer);
}

TEST(UseAfterMove, SmartPointerNullChecksAreFine) {
  Result R = analyse(R"cc(
struct W { bool ok() const { return true; } void draw() const {} };
void retire(std::unique_ptr<W>);
void if_p(std::unique_ptr<W> p) { retire(std::move(p)); if (p) p->draw(); }
void not_null(std::unique_ptr<W> p) { retire(std::move(p)); if (p != nullptr) p->draw(); }
void early_out(std::unique_ptr<W> p) { retire(std::move(p)); if (!p) return; p->draw(); }
void eq_null(std::unique_ptr<W> p) { retire(std::move(p)); if (p == nullptr) return; p->draw(); }
void get(std::unique_ptr<W> p) { retire(std::move(p)); if (p.get() != nullptr) p->draw(); }
void and_also(std::unique_ptr<W> p) { retire(std::move(p)); if (p && p->ok()) p->draw(); }
bool test_only(std::unique_ptr<W> p) { retire(std::move(p)); return p == nullptr; }
)cc");
  EXPECT_EQ(R.Facts.size(), 7u);
  for (const Finding &F : R.Findings)
    ADD_FAILURE() << "unexpected finding at line " << R.primaryLine(F);
}

TEST(UseAfterMove, LambdaInitCaptureMoves) {
  Result R = analyse(R"cc(
std::size_t f() {
  std::string s = "x";
  auto g = [t = std::move(s)] { return t.size(); };
  return g() + s.size();
}
std::size_t ok() {
  std::string s = "x";
  auto g = [s = std::move(s)] { return s.size(); };
  return g();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Subject, "s");
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("g() + s.size()"));
  ASSERT_NE(event(R.Findings[0], EventKind::Moved), nullptr);
  EXPECT_EQ(R.text(event(R.Findings[0], EventKind::Moved)->Where), "std::move(s)");
}

TEST(UseAfterMove, MoveInsideLambdaBody) {
  Result R = analyse(R"cc(
void sink(std::string);
void f() {
  std::string s = "x";
  auto g = [&] {
    sink(std::move(s));
    return s.size();
  };
  g();
}
)cc");
  bool SawLambda = false;
  for (auto &[Name, S] : R.Status)
    SawLambda |= Name == "lambda in f";
  EXPECT_TRUE(SawLambda);
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("return s.size()"));
}

TEST(UseAfterMove, MemberFieldMovedInMemberFunction) {
  Result R = analyse(R"cc(
class Inbox {
  std::vector<std::string> items_;
  std::string draft_;
public:
  std::vector<std::string> drain() {
    auto out = std::move(items_);
    if (items_.empty())
      return out;
    return out;
  }
  std::string send() {
    std::string sent = std::move(this->draft_);
    return sent + draft_;
  }
  std::vector<std::string> take() {
    auto out = std::move(items_);
    items_.clear();
    return out;
  }
};
)cc");
  ASSERT_EQ(R.Findings.size(), 2u);
  const Finding &Drain = R.Findings[0];
  EXPECT_EQ(Drain.Subject, "items_");
  EXPECT_EQ(Drain.SubjectType, "std::vector<std::string>");
  EXPECT_EQ(R.primaryLine(Drain), R.lineOf("items_.empty()"));
  ASSERT_NE(event(Drain, EventKind::Declared), nullptr);
  EXPECT_EQ(R.text(event(Drain, EventKind::Declared)->Where), "items_");
  const Finding &Send = R.Findings[1];
  EXPECT_EQ(Send.Subject, "draft_");
  EXPECT_EQ(R.primaryLine(Send), R.lineOf("sent + draft_"));
}

TEST(UseAfterMove, ConstructorInitializerMovesParameter) {
  Result R = analyse(R"cc(
struct Box {
  std::string a, b;
  explicit Box(std::string s) : a(std::move(s)), b(s) {}
};
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Subject, "s");
  EXPECT_EQ(R.Findings[0].Use, UseKind::Copy);
  EXPECT_EQ(R.text(R.Findings[0].primary()->Where), "s");
}

TEST(UseAfterMove, TemplateInstantiationIsAnalysed) {
  Result R = analyse(R"cc(
template <typename T> std::size_t consume(T t) {
  T u = std::move(t);
  return t.size() + u.size();
}
template <typename T> T twice(T t) { T u = std::move(t); return t + u; }
std::size_t use() { return consume(std::string("x")) + twice(2); }
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("return t.size()"));
  EXPECT_EQ(R.status("twice"), BuildStatus::NothingToTrack);
}

TEST(UseAfterMove, OneFindingPerMoveSetAtFirstUse) {
  Result R = analyse(R"cc(
void sink(std::string);
void f() {
  std::string s = "x";
  sink(std::move(s));
  s.size();
  s.empty();
  s.length();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("s.size()"));
}

TEST(UseAfterMove, DifferentMoveSetsAreSeparateFindings) {
  Result R = analyse(R"cc(
void sink(std::string);
void f() {
  std::string s = "x";
  sink(std::move(s));
  s.size();
  s = "y";
  sink(std::move(s));
  s.empty();
}
)cc");
  ASSERT_EQ(R.Findings.size(), 2u);
  EXPECT_EQ(R.primaryLine(R.Findings[0]), R.lineOf("s.size()"));
  EXPECT_EQ(R.primaryLine(R.Findings[1]), R.lineOf("s.empty()"));
}

TEST(UseAfterMove, DataflowBoundSkipsFunction) {
  const char *Code = R"cc(
void sink(std::string);
void f(int n) {
  std::string s = "x";
  for (int i = 0; i < n; ++i)
    s.size();
  sink(std::move(s));
  s.size();
}
)cc";
  Result Bounded = analyse(Code, AnalysisOptions{1});
  EXPECT_FALSE(Bounded.Converged);
  EXPECT_TRUE(Bounded.Findings.empty());
  Result Full = analyse(Code);
  EXPECT_TRUE(Full.Converged);
  EXPECT_EQ(Full.Findings.size(), 1u);
}

TEST(Checks, TableHasUseAfterMove) {
  bool Found = false;
  for (const CheckEntry &E : allChecks())
    Found |= E.Slug == "use-after-move" && E.Run;
  EXPECT_TRUE(Found);
}

// ---------------------------------------------------------------- facts

TEST(Facts, MoveIntoByValueParameter) {
  Result R = analyse(R"cc(
void sink(std::string);
void f() { std::string s = "x"; sink(std::move(s)); s.size(); }
)cc");
  const FunctionFacts *F = R.facts("f");
  ASSERT_NE(F, nullptr);
  ASSERT_EQ(F->Places.size(), 1u);
  EXPECT_EQ(F->Places[0].Name, "s");
  EXPECT_EQ(F->Places[0].TypeName, "std::string");
  EXPECT_EQ(F->Places[0].Kind, ValueKind::Owner);
  ASSERT_TRUE(F->Places[0].Declared.has_value());
  EXPECT_EQ(R.text(*F->Places[0].Declared), "s");
  auto Moves = factsOf(*F, FactKind::Move, "s");
  ASSERT_EQ(Moves.size(), 1u);
  EXPECT_EQ(Moves[0]->Use, UseKind::Move);
  EXPECT_EQ(R.text(Moves[0]->Where), "std::move(s)");
  EXPECT_FALSE(Moves[0]->Loop.has_value());
  EXPECT_EQ(factsOf(*F, FactKind::Init, "s").size(), 1u);
  auto Uses = factsOf(*F, FactKind::Use, "s");
  ASSERT_EQ(Uses.size(), 1u);
  EXPECT_EQ(Uses[0]->Use, UseKind::Borrow);
  EXPECT_EQ(R.line(Uses[0]->Where), R.lineOf("s.size()"));
  EXPECT_EQ(F->Graph.size(), F->Blocks.size());
}

TEST(Facts, ReinitForAssignmentClearAndOutParameter) {
  Result R = analyse(R"cc(
void sink(std::string);
void fill(std::string &out);
void f() {
  std::string s = "x";
  sink(std::move(s));
  s = "a";
  sink(std::move(s));
  s.clear();
  sink(std::move(s));
  fill(s);
}
)cc");
  const FunctionFacts *F = R.facts("f");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(factsOf(*F, FactKind::Move, "s").size(), 3u);
  auto Re = factsOf(*F, FactKind::Reinit, "s");
  ASSERT_EQ(Re.size(), 3u);
  std::vector<unsigned> Lines;
  for (const Fact *Fa : Re)
    Lines.push_back(R.line(Fa->Where));
  std::sort(Lines.begin(), Lines.end());
  EXPECT_EQ(Lines, (std::vector<unsigned>{R.lineOf("s = \"a\""), R.lineOf("s.clear()"),
                                          R.lineOf("fill(s)")}));
  EXPECT_TRUE(factsOf(*F, FactKind::Use, "s").empty());
  EXPECT_TRUE(R.Findings.empty());
}

TEST(Facts, DeclarationInLoopIsInitEachIteration) {
  Result R = analyse(R"cc(
void f(std::vector<std::string> &v) {
  for (int i = 0; i < 3; ++i) {
    std::string s = "x";
    v.push_back(std::move(s));
  }
}
void range(std::vector<std::string> &in, std::vector<std::string> &out) {
  for (std::string s : in)
    out.push_back(std::move(s));
}
)cc");
  const FunctionFacts *F = R.facts("f");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(factsOf(*F, FactKind::Init, "s").size(), 1u);
  auto Moves = factsOf(*F, FactKind::Move, "s");
  ASSERT_EQ(Moves.size(), 1u);
  ASSERT_TRUE(Moves[0]->Loop.has_value());
  EXPECT_EQ(R.text(*Moves[0]->Loop), "for");
  ASSERT_NE(R.facts("range"), nullptr);
  EXPECT_EQ(factsOf(*R.facts("range"), FactKind::Init, "s").size(), 1u);
  EXPECT_TRUE(R.Findings.empty());
}

TEST(Facts, EdgeFactForSmartPointerTest) {
  Result R = analyse(R"cc(
void retire(std::unique_ptr<int>);
void f(std::unique_ptr<int> p) {
  retire(std::move(p));
  if (p)
    *p = 1;
}
)cc");
  const FunctionFacts *F = R.facts("f");
  ASSERT_NE(F, nullptr);
  ASSERT_EQ(F->Places.size(), 1u);
  EXPECT_EQ(F->Places[0].Kind, ValueKind::SmartPointer);
  ASSERT_EQ(F->EdgeFacts.size(), 1u);
  auto &[Edge, Facts] = *F->EdgeFacts.begin();
  const auto &Succs = F->Graph.Succs[Edge.first];
  EXPECT_NE(std::find(Succs.begin(), Succs.end(), Edge.second), Succs.end());
  ASSERT_EQ(Facts.size(), 1u);
  EXPECT_EQ(Facts[0].Kind, FactKind::Reinit);
  EXPECT_EQ(Facts[0].Place, 0u);
  // The test only reads the value (a use(value) fact, a finding only against
  // an unsequenced move); the dereference is a real use.
  auto Uses = factsOf(*F, FactKind::Use, "p");
  ASSERT_EQ(Uses.size(), 2u);
  auto Count = [&](UseKind K) { return std::count_if(Uses.begin(), Uses.end(), [&](auto *U) { return U->Use == K; }); };
  EXPECT_EQ(Count(UseKind::Value), 1);
  EXPECT_EQ(Count(UseKind::Deref), 1);
  EXPECT_TRUE(R.Findings.empty());
}

TEST(Facts, FieldPlacesHaveParents) {
  Result R = analyse(R"cc(
struct Person { std::string name; int age = 0; };
void greet(const Person &);
void f() { Person p; std::string n = std::move(p.name); greet(p); }
)cc");
  const FunctionFacts *F = R.facts("f");
  ASSERT_NE(F, nullptr);
  PlaceId P = NoPlace, Name = NoPlace;
  for (PlaceId I = 0; I < F->Places.size(); ++I) {
    if (F->Places[I].Name == "p")
      P = I;
    if (F->Places[I].Name == "p.name")
      Name = I;
  }
  ASSERT_NE(P, NoPlace);
  ASSERT_NE(Name, NoPlace);
  EXPECT_EQ(F->Places[Name].Parent, P);
  EXPECT_TRUE(F->isPrefixOf(P, Name));
  EXPECT_FALSE(F->isPrefixOf(Name, P));
  EXPECT_EQ(factsOf(*F, FactKind::Move, "p.name").size(), 1u);
}

TEST(Facts, NothingOutsideMainFileIsCollected) {
  Result R = analyse("int f() { return 1; }\n");
  ASSERT_EQ(R.Status.size(), 1u);
  EXPECT_EQ(R.Status[0].first, "f");
  EXPECT_EQ(R.Status[0].second, BuildStatus::NothingToTrack);
}

} // namespace
