// Loan facts and the loan/liveness analysis, queried at marked points.
//
// Two kinds of tests:
//  - LoanAnalysisJoin / LoanAnalysisTransfer: the analysis on hand-built FunctionFacts, no Clang;
//  - LoanFacts: snippets parsed in memory with the real libstdc++, facts built as the
//    driver builds them, the dataflow run, and the state read at `/*@name*/` markers.
//
// The marker rule (deterministic, see Snippet::at):
//  1. A marker `/*@name*/` stands for the offset M just past its closing `*/`. Put it right
//     before a statement that makes a loan fact: a declaration or assignment of a
//     borrow-holding variable, a use of one, delete/free(), release(), reset(), or the `}`
//     that ends a variable with a borrowed storage.
//  2. The anchor is the loan fact, over every block the dataflow reached, whose `Where` is in
//     the snippet and starts at the smallest offset >= M. If facts at that smallest offset
//     sit in more than one block the marker is ambiguous and the test fails (move the marker).
//  3. The state at the marker is the anchor block's entry state with the block's facts applied
//     in order (as Lifetimes.cpp's replay does) up to, not including, the first fact in block
//     order whose `Where` starts at or after M. Facts with no position in the snippet never
//     stop the replay.
// So the state is the one "just before the statement after the marker", on every path that
// reaches it.
//
// Storages are named as the queries return them: a local or parameter by its name,
// "temporary", "heap", and "*p" for the unknown object a pointer p points to (Pointee).
// Queries return sorted lists with one entry per loan (two loans of x give {"x", "x"}).
#include "analysis/LoanAnalysis.h"
#include "ast/Spans.h"
#include "summary/SummaryCache.h"
#include "checks/Checks.h"
#include "driver/AnalyzeFunction.h"
#include "driver/Functions.h"
#include "factgen/FactBuilder.h"
#include "model/TypeModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

using namespace borrowck;

namespace {

using Names = std::vector<std::string>;

std::string describe(const FunctionFacts &F, StorageId St) {
  const Storage &S = F.Storages[St];
  switch (S.Kind) {
  case StorageKind::Temporary: return "temporary";
  case StorageKind::Heap: return "heap";
  case StorageKind::Pointee: return "*" + S.Name;
  case StorageKind::Referent: return "&" + S.Name;
  case StorageKind::Local:
  case StorageKind::Parameter: return S.Name;
  }
  return "?";
}

const char *kindName(LoanFactKind K) {
  switch (K) {
  case LoanFactKind::Flow: return "flow";
  case LoanFactKind::Use: return "use";
  case LoanFactKind::Expire: return "expire";
  case LoanFactKind::Return: return "return";
  case LoanFactKind::Free: return "free";
  case LoanFactKind::Adopt: return "adopt";
  case LoanFactKind::Forget: return "forget";
  case LoanFactKind::Release: return "release";
  }
  return "?";
}

// The state at one point, with queries by origin and storage names.
struct Point {
  const FunctionFacts *F = nullptr;
  LoanState S;
  bool Valid = false;

  std::optional<OriginId> origin(const std::string &Name) const {
    std::optional<OriginId> Found;
    for (OriginId O = 0; O < F->Origins.size(); ++O)
      if (F->Origins[O].Name == Name) {
        if (Found) {
          ADD_FAILURE() << "two origins named " << Name;
          return std::nullopt;
        }
        Found = O;
      }
    if (!Found)
      ADD_FAILURE() << "no origin named " << Name;
    return Found;
  }
  Names loans(const llvm::BitVector &Bits) const {
    Names Out;
    for (unsigned L : Bits.set_bits())
      Out.push_back(describe(*F, F->Loans[L].Of));
    std::sort(Out.begin(), Out.end());
    return Out;
  }
  Names storages(const llvm::BitVector &Bits) const {
    Names Out;
    for (unsigned St : Bits.set_bits())
      Out.push_back(describe(*F, St));
    std::sort(Out.begin(), Out.end());
    return Out;
  }
  Names perOrigin(const std::vector<llvm::BitVector> &V, const std::string &Origin) const {
    if (!Valid)
      return {"<no state>"};
    auto O = origin(Origin);
    return O ? loans(V[*O]) : Names{"<no origin " + Origin + ">"};
  }
  Names mayHold(const std::string &O) const { return perOrigin(S.MayHold, O); }
  Names mustHold(const std::string &O) const { return perOrigin(S.MustHold, O); }
  Names mayHoldDead(const std::string &O) const { return perOrigin(S.MayDeadHeld, O); }
  Names mustHoldDead(const std::string &O) const { return perOrigin(S.MustDeadHeld, O); }
  Names mayDead() const { return Valid ? loans(S.MayDead) : Names{"<no state>"}; }
  Names mustDead() const { return Valid ? loans(S.MustDead) : Names{"<no state>"}; }
  Names mayAdopted() const { return Valid ? storages(S.MayAdopted) : Names{"<no state>"}; }
  Names mustAdopted() const { return Valid ? storages(S.MustAdopted) : Names{"<no state>"}; }
};

const char *const Prelude = "#include <memory>\n#include <string>\n#include <string_view>\n"
                            "#include <utility>\n#include <vector>\n";

struct Snippet {
  std::string Code;
  std::unique_ptr<FunctionFacts> F;
  std::unique_ptr<LoanAnalysis> A;
  DataflowResult<LoanState> R;
  std::vector<Finding> Findings; // every check, on this function only
  std::map<std::string, uint32_t> Markers;

  explicit operator bool() const { return F && A; }

  // The kind of the storage the queries call Name (it must be unique).
  std::optional<StorageKind> kind(const std::string &Name) const {
    std::optional<StorageKind> K;
    for (StorageId St = 0; St < F->Storages.size(); ++St)
      if (describe(*F, St) == Name) {
        if (K) {
          ADD_FAILURE() << "two storages named " << Name;
          return std::nullopt;
        }
        K = F->Storages[St].Kind;
      }
    return K;
  }
  const Storage *storage(const std::string &Name) const {
    for (const Storage &S : F->Storages)
      if (S.Name == Name)
        return &S;
    return nullptr;
  }
  size_t count(std::string_view Rule) const {
    return std::count_if(Findings.begin(), Findings.end(),
                         [&](const Finding &Fi) { return Fi.Rule == Rule; });
  }

  std::string dump() const {
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    OS << "facts of " << F->Name << ":\n";
    for (uint32_t B = 0; B < F->LoanBlocks.size(); ++B) {
      OS << "  block " << B << (R.Reached[B] ? "" : " (unreached)") << " ->";
      for (uint32_t S : F->Graph.Succs[B])
        OS << " " << S;
      OS << "\n";
      for (const LoanFact &Fa : F->LoanBlocks[B]) {
        OS << "    " << kindName(Fa.Kind);
        if (Fa.Kind == LoanFactKind::Flow || Fa.Kind == LoanFactKind::Use)
          OS << " " << F->Origins[Fa.Dst].Name << (Fa.Kill ? " :=" : "");
        if (Fa.Kind == LoanFactKind::Expire || Fa.Kind == LoanFactKind::Release)
          OS << " " << describe(*F, Fa.Dies);
        for (LoanId L : Fa.Loans)
          OS << " loan(" << describe(*F, F->Loans[L].Of) << ")";
        for (LoanId L : Fa.MayLoans)
          OS << " mayloan(" << describe(*F, F->Loans[L].Of) << ")";
        for (OriginId O : Fa.Srcs)
          OS << " src(" << F->Origins[O].Name << ")";
        for (OriginId O : Fa.MaySrcs)
          OS << " maysrc(" << F->Origins[O].Name << ")";
        if (Fa.Where.File == "input.cc")
          OS << " @" << Fa.Where.Begin << " `"
             << Code.substr(Fa.Where.Begin, std::min<uint32_t>(Fa.Where.End - Fa.Where.Begin, 30))
             << "`";
        OS << "\n";
      }
    }
    for (auto &[N, M] : Markers)
      OS << "  marker " << N << " @" << M << "\n";
    return Out;
  }

  // The state at a marker: see the rule at the top of this file.
  Point at(const std::string &Name) const {
    Point P;
    P.F = F.get();
    auto It = Markers.find(Name);
    if (It == Markers.end()) {
      ADD_FAILURE() << "no marker " << Name;
      return P;
    }
    const uint32_t M = It->second;
    auto After = [&](const LoanFact &Fa) { return Fa.Where.File == "input.cc" && Fa.Where.Begin >= M; };
    uint32_t Best = UINT32_MAX;
    std::set<uint32_t> Blocks;
    for (uint32_t B = 0; B < F->LoanBlocks.size(); ++B) {
      if (!R.Reached[B])
        continue;
      for (const LoanFact &Fa : F->LoanBlocks[B])
        if (After(Fa)) {
          if (Fa.Where.Begin < Best) {
            Best = Fa.Where.Begin;
            Blocks.clear();
          }
          if (Fa.Where.Begin == Best)
            Blocks.insert(B);
        }
    }
    if (Blocks.size() != 1) {
      ADD_FAILURE() << "marker " << Name << ": "
                    << (Blocks.empty() ? "no loan fact after it" : "ambiguous (several blocks)")
                    << "\n"
                    << dump();
      return P;
    }
    uint32_t B = *Blocks.begin();
    P.S = R.In[B];
    for (uint32_t I = 0; I < F->LoanBlocks[B].size() && !After(F->LoanBlocks[B][I]); ++I)
      A->apply(B, I, P.S);
    P.Valid = true;
    return P;
  }
};

// Parses Prelude + Body as input.cc, builds the facts of function Fn (with one
// SummaryCache for the translation unit) and runs every check on it, as the
// driver does (analyzeFunction), then the loan dataflow for the tests to read.
Snippet analyse(const std::string &Body, const std::string &Fn = "f") {
  Snippet Sn;
  Sn.Code = Prelude + Body;
  for (size_t Pos = Sn.Code.find("/*@"); Pos != std::string::npos; Pos = Sn.Code.find("/*@", Pos + 1)) {
    size_t End = Sn.Code.find("*/", Pos);
    std::string Name = Sn.Code.substr(Pos + 3, End - Pos - 3);
    EXPECT_FALSE(Sn.Markers.count(Name)) << "marker " << Name << " twice";
    Sn.Markers[Name] = static_cast<uint32_t>(End + 2);
  }
  std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCodeWithArgs(
      Sn.Code, {"-std=c++20", "-w", "-resource-dir", BORROWCK_RESOURCE_DIR}, "input.cc");
  if (!AST || AST->getDiagnostics().hasErrorOccurred()) {
    ADD_FAILURE() << "snippet does not compile:\n" << Body;
    return Sn;
  }
  clang::ASTContext &Ctx = AST->getASTContext();
  SpanMaker Spans(Ctx.getSourceManager(), Ctx.getLangOpts(), "input.cc");
  TypeModel Model;
  SummaryCache Summaries;
  for (const clang::FunctionDecl *FD : collectFunctions(Ctx, Spans)) {
    if (functionName(*FD) != Fn)
      continue;
    FunctionAnalysis A = analyzeFunction(*FD, Ctx, Model, Spans, Summaries, AnalyzeOptions{},
                                         Sn.Findings);
    if (A.Status != BuildStatus::Built) {
      ADD_FAILURE() << "function " << Fn << " not built (status " << static_cast<int>(A.Status) << ")";
      return Sn;
    }
    Sn.F = std::make_unique<FunctionFacts>(std::move(A.Facts));
    break;
  }
  if (!Sn.F) {
    ADD_FAILURE() << "no function " << Fn;
    return Sn;
  }
  Sn.A = std::make_unique<LoanAnalysis>(*Sn.F);
  Sn.R = runDataflow(Sn.F->Graph, *Sn.A);
  EXPECT_TRUE(Sn.R.Converged);
  return Sn;
}

// ---------------------------------------------------------------- hand-built facts

struct Hand {
  FunctionFacts F;
  StorageId storage(const std::string &Name, StorageKind K = StorageKind::Local) {
    Storage S;
    S.Kind = K;
    S.Name = Name;
    F.Storages.push_back(S);
    return static_cast<StorageId>(F.Storages.size() - 1);
  }
  LoanId loan(StorageId St) {
    F.Loans.push_back(Loan{St, {}});
    return static_cast<LoanId>(F.Loans.size() - 1);
  }
  OriginId origin(const std::string &Name) {
    Origin O;
    O.Name = Name;
    F.Origins.push_back(O);
    return static_cast<OriginId>(F.Origins.size() - 1);
  }
  void graph(uint32_t N, std::vector<std::pair<uint32_t, uint32_t>> Edges, uint32_t Exit) {
    F.Graph.Entry = 0;
    F.Graph.Exit = Exit;
    F.Graph.Succs.assign(N, {});
    F.Graph.Preds.assign(N, {});
    for (auto [A, B] : Edges) {
      F.Graph.Succs[A].push_back(B);
      F.Graph.Preds[B].push_back(A);
    }
    F.LoanBlocks.assign(N, {});
  }
  void flow(uint32_t B, OriginId Dst, std::vector<LoanId> Loans, std::vector<OriginId> Srcs = {},
            bool Kill = true, std::vector<LoanId> MayLoans = {}) {
    LoanFact Fa{LoanFactKind::Flow};
    Fa.Dst = Dst;
    Fa.Kill = Kill;
    Fa.Loans = std::move(Loans);
    Fa.Srcs = std::move(Srcs);
    Fa.MayLoans = std::move(MayLoans);
    F.LoanBlocks[B].push_back(Fa);
  }
  void expire(uint32_t B, StorageId St, EndReason Why = EndReason::ScopeEnd) {
    LoanFact Fa{LoanFactKind::Expire};
    Fa.Dies = St;
    Fa.Reason = Why;
    F.LoanBlocks[B].push_back(Fa);
  }
  void free(uint32_t B, std::vector<OriginId> Srcs) {
    LoanFact Fa{LoanFactKind::Free};
    Fa.Srcs = std::move(Srcs);
    F.LoanBlocks[B].push_back(Fa);
  }
  void adopt(uint32_t B, StorageId Owner, std::vector<OriginId> Srcs) {
    LoanFact Fa{LoanFactKind::Adopt};
    Fa.Dies = Owner;
    Fa.Srcs = std::move(Srcs);
    F.LoanBlocks[B].push_back(Fa);
  }
  void release(uint32_t B, StorageId Owner) {
    LoanFact Fa{LoanFactKind::Release};
    Fa.Dies = Owner;
    F.LoanBlocks[B].push_back(Fa);
  }
  // Runs the analysis; the state at the entry (In) or exit (Out) of a block.
  DataflowResult<LoanState> run() {
    A = std::make_unique<LoanAnalysis>(F);
    auto R = runDataflow(F.Graph, *A);
    EXPECT_TRUE(R.Converged);
    return R;
  }
  Point point(const LoanState &S) const {
    Point P;
    P.F = &F;
    P.S = S;
    P.Valid = true;
    return P;
  }
  std::unique_ptr<LoanAnalysis> A;
};

// A diamond 0 -> {1, 2} -> 3 with storages x, y and origins p, q.
struct Diamond : Hand {
  StorageId X, Y;
  LoanId LX, LY;
  OriginId P, Q;
  Diamond() {
    graph(4, {{0, 1}, {0, 2}, {1, 3}, {2, 3}}, 3);
    X = storage("x");
    Y = storage("y");
    LX = loan(X);
    LY = loan(Y);
    P = origin("p");
    Q = origin("q");
  }
};

TEST(LoanAnalysisJoin, MayIsUnionMustIsIntersection) {
  Diamond D;
  D.flow(1, D.P, {D.LX});
  D.flow(2, D.P, {D.LY});
  auto R = D.run();
  Point J = D.point(R.In[3]);
  EXPECT_EQ(J.mayHold("p"), (Names{"x", "y"}));
  EXPECT_EQ(J.mustHold("p"), Names{});
  EXPECT_EQ(D.point(R.Out[1]).mustHold("p"), Names{"x"});
  EXPECT_EQ(D.point(R.Out[2]).mustHold("p"), Names{"y"});
}

TEST(LoanAnalysisJoin, SameLoanOnBothPathsIsMust) {
  Diamond D;
  D.flow(0, D.P, {D.LY});
  D.flow(1, D.P, {D.LX});
  D.flow(2, D.P, {D.LX}, {}, /*Kill=*/false); // adds x to y
  auto R = D.run();
  Point J = D.point(R.In[3]);
  EXPECT_EQ(J.mayHold("p"), (Names{"x", "y"}));
  EXPECT_EQ(J.mustHold("p"), Names{"x"});
}

TEST(LoanAnalysisJoin, DeadOnBothPathsIsMustDead) {
  Diamond D;
  D.flow(0, D.P, {D.LX});
  D.expire(1, D.X);
  D.expire(2, D.X);
  auto R = D.run();
  Point J = D.point(R.In[3]);
  EXPECT_EQ(J.mayHoldDead("p"), Names{"x"});
  EXPECT_EQ(J.mustHoldDead("p"), Names{"x"});
  EXPECT_EQ(J.mustDead(), Names{"x"});
  EXPECT_EQ(J.mayHoldDead("q"), Names{});
}

TEST(LoanAnalysisJoin, DeadOnOnePathIsMayDeadOnly) {
  Diamond D;
  D.flow(0, D.P, {D.LX});
  D.expire(1, D.X);
  auto R = D.run();
  Point J = D.point(R.In[3]);
  EXPECT_EQ(J.mayHold("p"), Names{"x"});
  EXPECT_EQ(J.mustHold("p"), Names{"x"});
  EXPECT_EQ(J.mayDead(), Names{"x"});
  EXPECT_EQ(J.mustDead(), Names{});
  EXPECT_EQ(J.mayHoldDead("p"), Names{"x"});
  EXPECT_EQ(J.mustHoldDead("p"), Names{});
}

// The linked-list walk (`next = head->next; delete head; head = next;`): the loan is dead on
// one path, where q holds it, and alive on the other, where p holds it afresh. At the join p
// may hold the loan and the loan may be dead, but p holds no dead loan.
TEST(LoanAnalysisJoin, DeadLoansDoNotMixAcrossPaths) {
  Diamond D;
  D.flow(1, D.Q, {D.LX});
  D.expire(1, D.X);
  D.flow(2, D.P, {D.LX});
  auto R = D.run();
  Point J = D.point(R.In[3]);
  EXPECT_EQ(J.mayHold("p"), Names{"x"});
  EXPECT_EQ(J.mayDead(), Names{"x"});
  EXPECT_EQ(J.mayHoldDead("p"), Names{});
  EXPECT_EQ(J.mustHoldDead("p"), Names{});
  EXPECT_EQ(J.mayHoldDead("q"), Names{"x"});
  EXPECT_EQ(J.mustHoldDead("q"), Names{});
}

TEST(LoanAnalysisTransfer, MayLoansAndMaySrcsCountForMayOnly) {
  Hand H;
  H.graph(2, {{0, 1}}, 1);
  StorageId X = H.storage("x"), Y = H.storage("y");
  LoanId LX = H.loan(X), LY = H.loan(Y);
  OriginId P = H.origin("p"), Q = H.origin("q");
  H.flow(0, Q, {LY});
  H.flow(0, P, {}, {}, true, {LX});
  LoanFact Fa{LoanFactKind::Flow};
  Fa.Dst = P;
  Fa.Kill = false;
  Fa.MaySrcs = {Q};
  H.F.LoanBlocks[0].push_back(Fa);
  auto R = H.run();
  Point O = H.point(R.Out[0]);
  EXPECT_EQ(O.mayHold("p"), (Names{"x", "y"}));
  EXPECT_EQ(O.mustHold("p"), Names{});
  EXPECT_EQ(O.mustHold("q"), Names{"y"});
}

TEST(LoanAnalysisTransfer, ReborrowRevivesForTheNewHolderOnly) {
  Hand H;
  H.graph(2, {{0, 1}}, 1);
  StorageId X = H.storage("x");
  LoanId LX = H.loan(X);
  OriginId P = H.origin("p"), Q = H.origin("q");
  H.flow(0, Q, {LX});
  H.expire(0, X);
  H.flow(0, P, {LX}); // the same borrow expression, in a later iteration
  auto R = H.run();
  Point O = H.point(R.Out[0]);
  EXPECT_EQ(O.mayDead(), Names{});
  EXPECT_EQ(O.mayHoldDead("p"), Names{});
  EXPECT_EQ(O.mustHoldDead("q"), Names{"x"}); // q still points to the old x
}

TEST(LoanAnalysisTransfer, LoopHeadMayHoldPreviousIteration) {
  // 0 -> 1 -> 2 -> 1, 1 -> 3. Block 2 borrows x into p, then x ends.
  Hand H;
  H.graph(4, {{0, 1}, {1, 2}, {2, 1}, {1, 3}}, 3);
  StorageId X = H.storage("x");
  LoanId LX = H.loan(X);
  OriginId P = H.origin("p");
  H.flow(0, P, {});
  H.flow(2, P, {LX});
  H.expire(2, X);
  auto R = H.run();
  Point Head = H.point(R.In[1]);
  EXPECT_EQ(Head.mayHold("p"), Names{"x"});
  EXPECT_EQ(Head.mustHold("p"), Names{});
  EXPECT_EQ(Head.mayHoldDead("p"), Names{"x"});
  EXPECT_EQ(Head.mustHoldDead("p"), Names{});
  Point Body = H.point(R.Out[2]);
  EXPECT_EQ(Body.mustHoldDead("p"), Names{"x"});
}

TEST(LoanAnalysisTransfer, FreeKillsEveryAlias) {
  Hand H;
  H.graph(2, {{0, 1}}, 1);
  StorageId Mem = H.storage("p", StorageKind::Heap);
  LoanId L = H.loan(Mem);
  OriginId P = H.origin("p"), Q = H.origin("q");
  H.flow(0, P, {L});
  H.flow(0, Q, {}, {P});
  H.free(0, {P});
  auto R = H.run();
  Point O = H.point(R.Out[0]);
  EXPECT_EQ(O.mustHoldDead("q"), Names{"heap"});
  EXPECT_EQ(O.mustHoldDead("p"), Names{"heap"});
  EXPECT_EQ(R.Out[0].DiedAt[L], 0u); // the Free fact is event 0
  EXPECT_EQ(H.A->expire(0).Kind, LoanFactKind::Free);
}

TEST(LoanAnalysisTransfer, OwnerEndFreesWhatItAdoptedUnlessReleased) {
  for (bool Release : {false, true}) {
    Hand H;
    H.graph(2, {{0, 1}}, 1);
    StorageId U = H.storage("u");
    StorageId Mem = H.storage("p", StorageKind::Heap);
    LoanId L = H.loan(Mem);
    OriginId P = H.origin("p");
    H.flow(0, P, {L});
    H.adopt(0, U, {P});
    if (Release)
      H.release(0, U);
    H.expire(0, U);
    auto R = H.run();
    Point O = H.point(R.Out[0]);
    EXPECT_EQ(O.mayAdopted(), Names{}) << Release;
    EXPECT_EQ(O.mustHoldDead("p"), Release ? Names{} : Names{"heap"});
  }
}

// ---------------------------------------------------------------- snippets

TEST(LoanFacts, BorrowMayAndMustHold) {
  Snippet S = analyse(R"cc(
void use(int *);
void f() {
  int x = 1;
  /*@before*/ int *p = &x;
  /*@after*/ use(p);
}
)cc");
  ASSERT_TRUE(S);
  EXPECT_EQ(S.at("before").mayHold("p"), Names{}) << S.dump();
  Point A = S.at("after");
  EXPECT_EQ(A.mayHold("p"), Names{"x"}) << S.dump();
  EXPECT_EQ(A.mustHold("p"), Names{"x"});
  EXPECT_EQ(A.mayHoldDead("p"), Names{});
  EXPECT_EQ(S.kind("x"), StorageKind::Local);
}

TEST(LoanFacts, BorrowOfParameterAndPointee) {
  Snippet S = analyse(R"cc(
void use(int *);
void f(int x, int *a) {
  int *p = &x;
  int *q = a;
  /*@a*/ use(p);
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mustHold("p"), Names{"x"}) << S.dump();
  EXPECT_EQ(A.mustHold("q"), Names{"*a"});
  EXPECT_EQ(A.mustHold("a"), Names{"*a"});
  EXPECT_EQ(S.kind("x"), StorageKind::Parameter);
  EXPECT_EQ(S.kind("*a"), StorageKind::Pointee);
}

TEST(LoanFacts, ReassignmentKills) {
  Snippet S = analyse(R"cc(
int f() {
  int x = 1, y = 2;
  int *p = &x;
  /*@a*/ p = &y;
  /*@b*/ return *p;
}
)cc");
  ASSERT_TRUE(S);
  EXPECT_EQ(S.at("a").mustHold("p"), Names{"x"}) << S.dump();
  Point B = S.at("b");
  EXPECT_EQ(B.mayHold("p"), Names{"y"});
  EXPECT_EQ(B.mustHold("p"), Names{"y"});
}

TEST(LoanFacts, BranchesMayBothMustNone) {
  Snippet S = analyse(R"cc(
int f(bool c) {
  int x = 1, y = 2;
  int *p;
  if (c)
    p = &x;
  else
    p = &y;
  /*@a*/ return *p;
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mayHold("p"), (Names{"x", "y"})) << S.dump();
  EXPECT_EQ(A.mustHold("p"), Names{});
}

TEST(LoanFacts, BorrowOnOneBranchOnly) {
  Snippet S = analyse(R"cc(
int f(bool c) {
  int x = 1, y = 2;
  int *p = &y;
  if (c)
    p = &x;
  /*@a*/ return *p;
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mayHold("p"), (Names{"x", "y"})) << S.dump();
  EXPECT_EQ(A.mustHold("p"), Names{});
}

TEST(LoanFacts, TernaryMayBothMustNone) {
  Snippet S = analyse(R"cc(
void use(int *);
void f(bool c) {
  int x = 1, y = 2;
  int *p = nullptr;
  p = c ? &x : &y;
  /*@a*/ use(p);
  int *q = c ? &x : &x;
  /*@b*/ use(q);
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mayHold("p"), (Names{"x", "y"})) << S.dump();
  EXPECT_EQ(A.mustHold("p"), Names{});
  // Two borrows of x, one in each arm: p holds one of them, each only "may".
  Point B = S.at("b");
  EXPECT_EQ(B.mayHold("q"), (Names{"x", "x"}));
  EXPECT_EQ(B.mustHold("q"), Names{});
}

TEST(LoanFacts, LoopHeadMayHoldPreviousIterationNotMust) {
  Snippet S = analyse(R"cc(
void use(int *);
void f(int n) {
  int x = 1;
  int *p = nullptr;
  for (int i = 0; i < n; ++i) {
    /*@head*/ use(p);
    p = &x;
    /*@borrowed*/ use(p);
  }
  /*@after*/ use(p);
}
)cc");
  ASSERT_TRUE(S);
  Point Head = S.at("head");
  EXPECT_EQ(Head.mayHold("p"), Names{"x"}) << S.dump();
  EXPECT_EQ(Head.mustHold("p"), Names{});
  EXPECT_EQ(Head.mayHoldDead("p"), Names{});
  EXPECT_EQ(S.at("borrowed").mustHold("p"), Names{"x"});
  Point After = S.at("after");
  EXPECT_EQ(After.mayHold("p"), Names{"x"});
  EXPECT_EQ(After.mustHold("p"), Names{});
}

TEST(LoanFacts, ScopeEndMakesTheLoanDead) {
  Snippet S = analyse(R"cc(
void use(int *);
void f() {
  int *p = nullptr;
  {
    int x = 1;
    p = &x;
    /*@inside*/ use(p);
  }
  /*@outside*/ use(p);
}
)cc");
  ASSERT_TRUE(S);
  Point In = S.at("inside");
  EXPECT_EQ(In.mustHold("p"), Names{"x"}) << S.dump();
  EXPECT_EQ(In.mayHoldDead("p"), Names{});
  EXPECT_EQ(In.mayDead(), Names{});
  Point Out = S.at("outside");
  EXPECT_EQ(Out.mustHold("p"), Names{"x"});
  EXPECT_EQ(Out.mayHoldDead("p"), Names{"x"});
  EXPECT_EQ(Out.mustHoldDead("p"), Names{"x"});
  EXPECT_EQ(Out.mustDead(), Names{"x"});
  EXPECT_EQ(S.count("borrow-outlives-owner"), 1u);
}

TEST(LoanFacts, LoopScopeEndDeadReborrowRevives) {
  Snippet S = analyse(R"cc(
void use(int *);
void f(int n) {
  int *p = nullptr;
  for (int i = 0; i < n; ++i) {
    int x = i;
    /*@head*/ use(p);
    p = &x;
    /*@borrowed*/ use(p);
  }
  /*@after*/ use(p);
}
)cc");
  ASSERT_TRUE(S);
  // From the previous iteration: p may hold x, dead since the body's `}`.
  Point Head = S.at("head");
  EXPECT_EQ(Head.mayHold("p"), Names{"x"}) << S.dump();
  EXPECT_EQ(Head.mustHold("p"), Names{});
  EXPECT_EQ(Head.mayHoldDead("p"), Names{"x"});
  EXPECT_EQ(Head.mustHoldDead("p"), Names{});
  // Borrowed again: alive.
  Point Borrowed = S.at("borrowed");
  EXPECT_EQ(Borrowed.mustHold("p"), Names{"x"});
  EXPECT_EQ(Borrowed.mayHoldDead("p"), Names{});
  EXPECT_EQ(Borrowed.mayDead(), Names{});
  // After the loop: dead if the loop ran, nothing if it did not.
  Point After = S.at("after");
  EXPECT_EQ(After.mayHoldDead("p"), Names{"x"});
  EXPECT_EQ(After.mustHoldDead("p"), Names{});
}

TEST(LoanFacts, LifetimeBoundCall) {
  Snippet S = analyse(R"cc(
const int &pick(const int &a [[clang::lifetimebound]], const int &b);
void use(const int &);
void f() {
  int x = 1, y = 2;
  const int &r = pick(x, y);
  /*@a*/ use(r);
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mayHold("r"), Names{"x"}) << S.dump();
  EXPECT_EQ(A.mustHold("r"), Names{"x"});
}

TEST(LoanFacts, SummaryInferredFromBody) {
  Snippet S = analyse(R"cc(
const int &first(const int &a, const int &b) { return a; }
int *either(int *a, int *b, bool c) { return c ? a : b; }
void use(const int &);
void f(bool c) {
  int x = 1, y = 2;
  const int &r = first(x, y);
  int *e = either(&x, &y, c);
  /*@a*/ use(r);
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mayHold("r"), Names{"x"}) << S.dump();
  EXPECT_EQ(A.mustHold("r"), Names{"x"});
  // Borrows from both arguments: one or the other.
  EXPECT_EQ(A.mayHold("e"), (Names{"x", "y"}));
  EXPECT_EQ(A.mustHold("e"), Names{});
}

TEST(LoanFacts, TemporaryInViewDiesAtEndOfFullExpression) {
  Snippet S = analyse(R"cc(
std::string make();
void use(std::string_view);
void f() {
  std::string_view v = make();
  /*@a*/ use(v);
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mayHold("v"), Names{"temporary"}) << S.dump();
  EXPECT_EQ(A.mustHold("v"), Names{"temporary"});
  EXPECT_EQ(A.mayHoldDead("v"), Names{"temporary"});
  EXPECT_EQ(A.mustHoldDead("v"), Names{"temporary"});
  EXPECT_EQ(S.kind("temporary"), StorageKind::Temporary);
  EXPECT_EQ(S.count("borrow-of-temporary"), 1u);
}

TEST(LoanFacts, LifetimeExtendedTemporaryDoesNotDie) {
  Snippet S = analyse(R"cc(
std::string make();
void use(const std::string &);
void f() {
  const std::string &r = make();
  const std::string &q = r;
  /*@a*/ use(q);
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  // The reference owns the temporary it extends, as `std::string r = make();`
  // would: its storage is r's own; what r holds is the temporary's value
  // (nothing), and a reference bound to r borrows r.
  EXPECT_EQ(A.mustHold("r"), Names{}) << S.dump();
  EXPECT_EQ(A.mustHold("q"), Names{"r"}) << S.dump();
  EXPECT_EQ(A.mayHoldDead("q"), Names{});
  EXPECT_EQ(A.mayDead(), Names{});
  EXPECT_EQ(S.kind("r"), StorageKind::Local);
  EXPECT_EQ(S.count("borrow-of-temporary"), 0u);
}

TEST(LoanFacts, DeleteKillsEveryAlias) {
  Snippet S = analyse(R"cc(
void use(int *);
void f() {
  int *p = new int;
  int *q = p;
  /*@before*/ delete p;
  /*@after*/ use(q);
}
)cc");
  ASSERT_TRUE(S);
  Point B = S.at("before");
  EXPECT_EQ(B.mustHold("q"), Names{"heap"}) << S.dump();
  EXPECT_EQ(B.mayHoldDead("q"), Names{});
  Point A = S.at("after");
  EXPECT_EQ(A.mustHold("q"), Names{"heap"});
  EXPECT_EQ(A.mustHoldDead("q"), Names{"heap"});
  EXPECT_EQ(A.mustHoldDead("p"), Names{"heap"});
  EXPECT_EQ(S.kind("heap"), StorageKind::Heap);
  EXPECT_EQ(S.count("use-after-free"), 1u);
}

TEST(LoanFacts, DeleteThenNullHoldsNothing) {
  Snippet S = analyse(R"cc(
void use(int *);
void f() {
  int *p = new int;
  delete p;
  p = nullptr;
  /*@a*/ use(p);
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mayHold("p"), Names{}) << S.dump();
  EXPECT_EQ(A.mayHoldDead("p"), Names{});
  EXPECT_EQ(A.mustDead(), Names{"heap"}); // the memory is gone, nothing points to it
  EXPECT_EQ(S.count("use-after-free"), 0u);
}

TEST(LoanFacts, UniquePtrGetThenResetIsDead) {
  Snippet S = analyse(R"cc(
void use(int *);
void f() {
  auto u = std::make_unique<int>(1);
  int *raw = u.get();
  /*@a*/ use(raw);
  u.reset();
  /*@b*/ use(raw);
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mustHold("raw"), Names{"u"}) << S.dump();
  EXPECT_EQ(A.mayHoldDead("raw"), Names{});
  Point B = S.at("b");
  EXPECT_EQ(B.mustHoldDead("raw"), Names{"u"});
  ASSERT_NE(S.storage("u"), nullptr);
  EXPECT_TRUE(S.storage("u")->SmartOwner);
  ASSERT_EQ(S.count("use-after-free"), 1u);
  for (const Finding &Fi : S.Findings)
    if (Fi.Rule == "use-after-free")
      EXPECT_EQ(Fi.Reason, EndReason::Reset);
}

TEST(LoanFacts, AdoptionThenReleaseClearsAdoption) {
  const char *Code = R"cc(
void f() {
  int *p = new int;
  std::unique_ptr<int> u(p);
  /*@adopted*/ RELEASE;
  /*@freed*/ delete p;
}
)cc";
  auto With = [&](const std::string &Release) {
    std::string C = Code;
    C.replace(C.find("RELEASE"), 7, Release);
    return C;
  };
  Snippet S = analyse(With("u.release()"));
  ASSERT_TRUE(S);
  Point A = S.at("adopted");
  EXPECT_EQ(A.mayAdopted(), Names{"heap"}) << S.dump();
  EXPECT_EQ(A.mustAdopted(), Names{"heap"});
  Point F = S.at("freed");
  EXPECT_EQ(F.mayAdopted(), Names{});
  EXPECT_EQ(F.mustAdopted(), Names{});
  EXPECT_EQ(S.count("double-free"), 0u);

  // Without release() the delete frees what u owns: the check fires (the test can fail).
  Snippet T = analyse(With("use(p)").insert(0, "void use(int *);\n"));
  ASSERT_TRUE(T);
  EXPECT_EQ(T.at("freed").mustAdopted(), Names{"heap"}) << T.dump();
  EXPECT_GE(T.count("double-free"), 1u);
}

// The walk that made dead loans per origin: head may hold the freed node and, from the
// previous iteration, the next one; only the next one is what it holds there, alive.
TEST(LoanFacts, LinkedListWalkHoldsNoDeadLoan) {
  Snippet S = analyse(R"cc(
struct Node { Node *next; };
void f(Node *head) {
  while (head) {
    /*@a*/ Node *next = head->next;
    delete head;
    head = next;
  }
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mayHold("head"), (Names{"*head", "*next"})) << S.dump();
  EXPECT_EQ(A.mustHold("head"), Names{});
  EXPECT_EQ(A.mayDead(), Names{"*head"});
  EXPECT_EQ(A.mayHoldDead("head"), Names{});
  EXPECT_EQ(S.count("use-after-free"), 0u);
  EXPECT_EQ(S.count("double-free"), 0u);
}

TEST(LoanFacts, MarkerBeforeScopeEnd) {
  // The state just before `}`: the Expire fact is the anchor.
  Snippet S = analyse(R"cc(
void use(int *);
void f() {
  int *p = nullptr;
  {
    int x = 1;
    p = &x;
  /*@end*/ }
  use(p);
}
)cc");
  ASSERT_TRUE(S);
  Point E = S.at("end");
  EXPECT_EQ(E.mustHold("p"), Names{"x"}) << S.dump();
  EXPECT_EQ(E.mayDead(), Names{});
}

// ---------------------------------------------------------------- regressions
// Bugs these tests found in the analysis, fixed: DiedAt is no longer reset when a loan is
// issued again, and adoption is tracked per adopting owner (MayOwned/MustOwned).

// A loan issued again (the same `&x` in the next iteration) is alive again for its new holder,
// and the analysis correctly keeps it dead for an origin that still holds the previous
// iteration's loan. But DiedAt is per loan, not per (origin, loan): the re-issue resets it to
// NotDead, and borrow-outlives-owner / use-after-free skip every dead-held loan without a
// DiedAt, so the dangling read is not reported:
//   for (...) { int x = i; int *p = &x; s += *q; q = p; }   // silent; with `q = &x` after
//                                                             // the read it is reported
TEST(LoanFacts, ReissuedLoanStaysDeadForItsOldHolder) {
  Snippet S = analyse(R"cc(
int f(int n) {
  int *q = nullptr;
  int s = 0;
  for (int i = 0; i < n; ++i) {
    int x = i;
    int *p = &x;
    /*@a*/ s += *q;
    q = p;
  }
  return s;
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  EXPECT_EQ(A.mayHold("q"), Names{"x"}) << S.dump();
  EXPECT_EQ(A.mayHoldDead("q"), Names{"x"});
  EXPECT_EQ(A.mustHoldDead("q"), Names{});
  EXPECT_EQ(A.mayHoldDead("p"), Names{});
  EXPECT_EQ(A.mayDead(), Names{}); // the current loan of x is alive
}

TEST(LoanRegressions, ReissuedLoanOldHolderIsNotReported) {
  Snippet S = analyse(R"cc(
int f(int n) {
  int *q = nullptr;
  int s = 0;
  for (int i = 0; i < n; ++i) {
    int x = i;
    int *p = &x;
    /*@a*/ s += *q;
    q = p;
  }
  return s;
}
)cc");
  ASSERT_TRUE(S);
  Point A = S.at("a");
  bool Known = false;
  for (LoanId L = 0; L < S.F->Loans.size(); ++L)
    if (describe(*S.F, S.F->Loans[L].Of) == "x")
      Known |= A.S.DiedAt[L] != LoanAnalysis::NotDead;
  EXPECT_TRUE(Known) << "where x's old loan died is lost";
  EXPECT_EQ(S.count("borrow-outlives-owner"), 1u);
}

// Adoption by different owners on two paths: the join keeps MustAdopted (an intersection over
// storages, whoever the owner) but AdoptedBy from whichever predecessor came first. So after
//   if (c) a.reset(p); else b.reset(p);  a.reset();  use(p);
// p is either definitely freed (use-after-free reported as definite although on the else path
// a never owned it) or not freed at all (silent although it is freed on the then path),
// depending only on the order of the branches.
void adoptedOnTwoPaths(Hand &H, bool AFirst) {
  H.graph(4, {{0, 1}, {0, 2}, {1, 3}, {2, 3}}, 3);
  StorageId A = H.storage("a"), B = H.storage("b");
  StorageId Mem = H.storage("p", StorageKind::Heap);
  LoanId L = H.loan(Mem);
  OriginId P = H.origin("p");
  H.flow(0, P, {L});
  H.adopt(1, AFirst ? A : B, {P});
  H.adopt(2, AFirst ? B : A, {P});
  H.expire(3, A, EndReason::Reset);
}

TEST(LoanRegressions, AdoptionByDifferentOwnersOnTwoPathsHandBuilt) {
  for (bool AFirst : {true, false}) {
    Hand H;
    adoptedOnTwoPaths(H, AFirst);
    auto R = H.run();
    Point O = H.point(R.Out[3]);
    EXPECT_EQ(O.mayHoldDead("p"), Names{"heap"}) << AFirst;
    EXPECT_EQ(O.mustHoldDead("p"), Names{}) << AFirst;
  }
}

TEST(LoanRegressions, AdoptionByDifferentOwnersOnTwoPaths) {
  for (const char *Branches : {"a.reset(p);\n  else\n    b.reset(p);",
                               "b.reset(p);\n  else\n    a.reset(p);"}) {
    std::string Code = R"cc(
void use(int *);
void f(bool c) {
  int *p = new int;
  std::unique_ptr<int> a, b;
  if (c)
    BRANCHES
  a.reset();
  /*@a*/ use(p);
}
)cc";
    Code.replace(Code.find("BRANCHES"), 8, Branches);
    Snippet S = analyse(Code);
    ASSERT_TRUE(S);
    Point A = S.at("a");
    EXPECT_EQ(A.mayHoldDead("p"), Names{"heap"}) << S.dump();
    EXPECT_EQ(A.mustHoldDead("p"), Names{});
    EXPECT_EQ(S.count("use-after-free"), 1u);
    for (const Finding &Fi : S.Findings)
      if (Fi.Rule == "use-after-free")
        EXPECT_EQ(Fi.Certainty, Confidence::Maybe);
  }
}

} // namespace
