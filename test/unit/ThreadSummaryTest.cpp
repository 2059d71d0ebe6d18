// The thread facets of SummaryCache, on small snippets parsed in memory with
// the real libstdc++ headers: what member functions do with threads that
// borrow *this (summary/MemberThreads.h) and what helpers called from a
// thread body touch of shared state (summary/SharedAccesses.h).
#include "Snippet.h"
#include "ast/Spans.h"
#include "summary/MemberThreads.h"
#include "summary/SharedAccesses.h"
#include "summary/SummaryCache.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

using namespace borrowck;

namespace {

const char *const Prelude = "#include <future>\n#include <mutex>\n#include <thread>\n";

struct TU : test::Snippet {
  const MethodSummary &threads(const std::string &Name) { return Cache.memberThreads(fn(Name), *Spans); }
};

std::unique_ptr<TU> parse(const std::string &Body) {
  auto T = std::make_unique<TU>();
  return T->parse(Prelude, Body) ? std::move(T) : nullptr;
}

// ------------------------------------------------------------ member threads

TEST(MemberThreads, DetachedThreadCapturingThis) {
  auto T = parse("struct Worker { int n = 0; int k = 0;\n"
                 "  void start() { std::thread([this] { ++n; }).detach(); } };\n");
  ASSERT_TRUE(T);
  const MethodSummary &S = T->threads("Worker::start");
  ASSERT_EQ(S.Starts.size(), 1u);
  const ThisThread &Th = S.Starts[0];
  EXPECT_TRUE(Th.Detached);
  EXPECT_EQ(Th.Field, nullptr);
  EXPECT_EQ(Th.Kind, HandleKind::Thread);
  EXPECT_EQ(Th.Api, "std::thread");
  EXPECT_TRUE(Th.BorrowAt.has_value());
  EXPECT_TRUE(Th.EscapeAt.has_value());
  EXPECT_EQ(Th.Uses, (std::set<const clang::FieldDecl *>{
                         llvm::cast<clang::FieldDecl>(T->var("Worker::n"))})); // not k
  EXPECT_FALSE(Th.UsesUnknown);
  EXPECT_TRUE(S.Joins.empty());
  EXPECT_FALSE(S.CallsUnknown);
  // Memoised: the same summary.
  EXPECT_EQ(&T->threads("Worker::start"), &S);
  // Not detached nor stored: a joined thread does not outlive the call.
  auto J = parse("struct W { int n; void run() { std::thread t([this] { ++n; }); t.join(); } };\n");
  ASSERT_TRUE(J);
  EXPECT_TRUE(J->threads("W::run").Starts.empty());
}

TEST(MemberThreads, DestructorThatJoins) {
  auto T = parse("struct Pool { std::thread t; int n = 0;\n"
                 "  void start() { t = std::thread([this] { n++; }); }\n"
                 "  ~Pool() { if (t.joinable()) t.join(); } };\n"
                 "struct Leaky { std::thread t; int n = 0;\n"
                 "  void start() { t = std::thread([this] { n++; }); }\n"
                 "  ~Leaky() { t.detach(); } };\n");
  ASSERT_TRUE(T);
  const auto *PoolT = llvm::cast<clang::FieldDecl>(T->var("Pool::t"));
  const MethodSummary &S = T->threads("Pool::start");
  ASSERT_EQ(S.Starts.size(), 1u);
  EXPECT_FALSE(S.Starts[0].Detached);
  EXPECT_EQ(S.Starts[0].Field, PoolT);
  EXPECT_EQ(T->threads("Pool::~Pool").Joins, (std::set<const clang::FieldDecl *>{PoolT}));
  const clang::FieldDecl *Late = nullptr;
  EXPECT_TRUE(T->Cache.joinedOnDestroy(T->record("Pool::start"), S.Starts[0], Late, *T->Spans));
  EXPECT_EQ(Late, nullptr);

  const MethodSummary &L = T->threads("Leaky::start");
  ASSERT_EQ(L.Starts.size(), 1u);
  EXPECT_TRUE(T->threads("Leaky::~Leaky").Joins.empty());
  EXPECT_FALSE(T->Cache.joinedOnDestroy(T->record("Leaky::start"), L.Starts[0], Late, *T->Spans));
}

TEST(MemberThreads, JThreadMemberOutlivedByALaterField) {
  // Members die in reverse order of declaration: `late` dies before the
  // jthread joins, `early` after.
  auto T = parse("struct A { int early = 0; std::jthread t; int late = 0;\n"
                 "  void start() { t = std::jthread([this] { early++; late++; }); } };\n"
                 "struct B { int early = 0; std::jthread t;\n"
                 "  void start() { t = std::jthread([this] { early++; }); } };\n");
  ASSERT_TRUE(T);
  const MethodSummary &A = T->threads("A::start");
  ASSERT_EQ(A.Starts.size(), 1u);
  EXPECT_EQ(A.Starts[0].Kind, HandleKind::JThread);
  const clang::FieldDecl *Late = nullptr;
  EXPECT_FALSE(T->Cache.joinedOnDestroy(T->record("A::start"), A.Starts[0], Late, *T->Spans));
  EXPECT_EQ(Late, T->var("A::late"));
  const MethodSummary &B = T->threads("B::start");
  ASSERT_EQ(B.Starts.size(), 1u);
  EXPECT_TRUE(T->Cache.joinedOnDestroy(T->record("B::start"), B.Starts[0], Late, *T->Spans));
  EXPECT_EQ(Late, nullptr);
}

TEST(MemberThreads, ThroughMembersAndRecursionCut) {
  auto T = parse("struct R { int n = 0;\n"
                 "  void a() { std::thread([this] { n++; }).detach(); b(); }\n"
                 "  void b() { a(); }\n"
                 "  void c() { d(); }\n"
                 "  void d();\n"
                 "  void e() { b(); } };\n");
  ASSERT_TRUE(T);
  // a() is in progress when b() reaches it again: b() sees an empty summary
  // (the cut) and is memoised so; a() keeps its own thread.
  EXPECT_EQ(T->threads("R::a").Starts.size(), 1u);
  EXPECT_TRUE(T->threads("R::b").Starts.empty());
  EXPECT_TRUE(T->threads("R::e").Starts.empty());
  // d() has no body here: whatever it joins is unknown.
  EXPECT_TRUE(T->threads("R::c").CallsUnknown);
  EXPECT_FALSE(T->threads("R::a").CallsUnknown);
}

// ----------------------------------------------------------- shared accesses

TEST(SharedAccesses, GlobalUnderLockGuardAndWithout) {
  auto T = parse("int g; std::mutex m;\n"
                 "void locked() { std::lock_guard<std::mutex> l(m); g++; }\n"
                 "void bare() { g = 1; }\n"
                 "int reads() { return g; }\n");
  ASSERT_TRUE(T);
  const clang::ValueDecl *G = T->var("g"), *M = T->var("m");
  const CalleeAccesses &L = T->Cache.sharedAccesses(T->fn("locked"), false, true);
  ASSERT_EQ(L.Accesses.size(), 1u);
  EXPECT_EQ(L.Accesses[0].Var, G);
  EXPECT_TRUE(L.Accesses[0].Write);
  EXPECT_FALSE(L.Accesses[0].Element);
  EXPECT_EQ(L.Accesses[0].Locks, (DeclSet{M}));
  // The order ids are handed out in: the variable, then the mutex its guard names.
  EXPECT_EQ(L.Mentions, (std::vector<const clang::ValueDecl *>{G, M}));
  EXPECT_EQ(&T->Cache.sharedAccesses(T->fn("locked"), false, true), &L); // memoised

  const CalleeAccesses &B = T->Cache.sharedAccesses(T->fn("bare"), false, true);
  ASSERT_EQ(B.Accesses.size(), 1u);
  EXPECT_TRUE(B.Accesses[0].Write);
  EXPECT_TRUE(B.Accesses[0].Locks.empty());
  const CalleeAccesses &R = T->Cache.sharedAccesses(T->fn("reads"), false, true);
  ASSERT_EQ(R.Accesses.size(), 1u);
  EXPECT_FALSE(R.Accesses[0].Write);
}

TEST(SharedAccesses, TwoCallsDeepUnderTheCallersLock) {
  auto T = parse("int g; std::mutex m;\n"
                 "void inner() { g++; }\n"
                 "void outer() { std::lock_guard<std::mutex> l(m); inner(); }\n"
                 "void deeper() { outer(); }\n");
  ASSERT_TRUE(T);
  const CalleeAccesses &O = T->Cache.sharedAccesses(T->fn("outer"), false, true);
  ASSERT_EQ(O.Accesses.size(), 1u);
  EXPECT_EQ(O.Accesses[0].Var, T->var("g"));
  EXPECT_EQ(O.Accesses[0].Locks, (DeclSet{T->var("m")}));
  // Shallow: the helpers it calls are not followed.
  EXPECT_TRUE(T->Cache.sharedAccesses(T->fn("outer"), false, false).Accesses.empty());
  // deeper -> outer -> inner is three levels: inner is past the bound.
  EXPECT_TRUE(T->Cache.sharedAccesses(T->fn("deeper"), false, true).Accesses.empty());
}

TEST(SharedAccesses, RecursionCut) {
  auto T = parse("int g;\n"
                 "void rec(int k) { g++; if (k) rec(k - 1); }\n");
  ASSERT_TRUE(T);
  // The recursive call is not entered again: one access, not two.
  EXPECT_EQ(T->Cache.sharedAccesses(T->fn("rec"), false, true).Accesses.size(), 1u);
}

TEST(SharedAccesses, FieldsOnlyWhenThisIsShared) {
  auto T = parse("struct S { int n = 0; std::atomic<int> a{0}; const int c = 1;\n"
                 "  void bump() { n++; a++; int x = c; (void)x; } };\n");
  ASSERT_TRUE(T);
  const CalleeAccesses &Sh = T->Cache.sharedAccesses(T->fn("S::bump"), true, true);
  ASSERT_EQ(Sh.Accesses.size(), 1u); // atomics synchronise, constants are not written
  EXPECT_EQ(Sh.Accesses[0].Var, T->var("S::n"));
  EXPECT_TRUE(T->Cache.sharedAccesses(T->fn("S::bump"), false, true).Accesses.empty());
}

TEST(SharedAccesses, ParameterUses) {
  auto T = parse("void w(int &x) { x = 1; }\n"
                 "void r(const int &x) { int y = x; (void)y; }\n"
                 "void both(int &x, int &y) { y = x; }\n");
  ASSERT_TRUE(T);
  const std::vector<ParamUse> &W = T->Cache.paramAccesses(T->fn("w"), 0);
  ASSERT_EQ(W.size(), 1u);
  ASSERT_TRUE(W[0].Access);
  EXPECT_TRUE(W[0].Access->Write);
  const std::vector<ParamUse> &R = T->Cache.paramAccesses(T->fn("r"), 0);
  ASSERT_EQ(R.size(), 1u);
  ASSERT_TRUE(R[0].Access);
  EXPECT_FALSE(R[0].Access->Write);
  const std::vector<ParamUse> &Y = T->Cache.paramAccesses(T->fn("both"), 1);
  ASSERT_EQ(Y.size(), 1u);
  EXPECT_TRUE(Y[0].Access->Write);
  EXPECT_FALSE(T->Cache.paramAccesses(T->fn("both"), 0)[0].Access->Write);
}

} // namespace
