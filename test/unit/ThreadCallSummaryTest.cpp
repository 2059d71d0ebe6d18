// The summary facets behind the thread rules' precision on real code (issue
// 14): what a member function called on a shared object touches of it
// (memberAccesses), whether a function writes through a reference parameter
// (writesThroughParam), what a lambda joins (callableJoins), which classes are
// scope guards (runsCallableOnDestroy), and joins of threads moved out of a
// member into a local (memberThreads).
#include <set>
#include "Snippet.h"
#include "summary/MemberThreads.h"
#include "summary/SharedAccesses.h"
#include "summary/SummaryCache.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <gtest/gtest.h>

using namespace borrowck;

namespace {

const char *const Prelude = "#include <atomic>\n#include <functional>\n#include <list>\n#include <memory>\n"
                            "#include <mutex>\n#include <thread>\n#include <vector>\n";

std::unique_ptr<test::Snippet> parse(const std::string &Body) {
  auto T = std::make_unique<test::Snippet>();
  return T->parse(Prelude, Body) ? std::move(T) : nullptr;
}

// ------------------------------------------------------------ member accesses

TEST(MemberAccesses, AtomicsOnlyIsNoAccess) {
  auto T = parse("struct Counter { std::atomic<int> c{0}; std::atomic<bool> on{false};\n"
                 "  void inc() { c.fetch_add(1); on = true; }\n"
                 "  bool ready() const { return on; } };\n");
  ASSERT_TRUE(T);
  const CalleeAccesses &I = T->Cache.memberAccesses(T->fn("Counter::inc"));
  EXPECT_FALSE(I.Opaque);
  EXPECT_TRUE(I.Accesses.empty());
  EXPECT_TRUE(T->Cache.memberAccesses(T->fn("Counter::ready")).Accesses.empty());
  EXPECT_EQ(&T->Cache.memberAccesses(T->fn("Counter::inc")), &I); // memoised
}

TEST(MemberAccesses, FieldsUnderTheObjectsOwnMutex) {
  auto T = parse("struct Locked { std::mutex m; int n = 0; int k = 0;\n"
                 "  void inc() { std::lock_guard<std::mutex> g(m); ++n; }\n"
                 "  void half() { { std::lock_guard<std::mutex> g(m); ++n; } ++k; }\n"
                 "  int read() const { return n; } };\n");
  ASSERT_TRUE(T);
  const clang::ValueDecl *M = T->var("Locked::m"), *N = T->var("Locked::n"), *K = T->var("Locked::k");
  const CalleeAccesses &I = T->Cache.memberAccesses(T->fn("Locked::inc"));
  ASSERT_EQ(I.Accesses.size(), 1u);
  EXPECT_EQ(I.Accesses[0].Var, N);
  EXPECT_TRUE(I.Accesses[0].Write);
  EXPECT_EQ(I.Accesses[0].Locks, (DeclSet{M}));
  const CalleeAccesses &H = T->Cache.memberAccesses(T->fn("Locked::half"));
  ASSERT_EQ(H.Accesses.size(), 2u);
  EXPECT_EQ(H.Accesses[1].Var, K);
  EXPECT_TRUE(H.Accesses[1].Locks.empty()); // the unprotected field
  // A const member's reads are accesses too (`n` reads as `const int` there).
  const CalleeAccesses &R = T->Cache.memberAccesses(T->fn("Locked::read"));
  ASSERT_EQ(R.Accesses.size(), 1u);
  EXPECT_FALSE(R.Accesses[0].Write);
  EXPECT_TRUE(R.Accesses[0].Locks.empty());
}

TEST(MemberAccesses, ThroughMembersOnThisAndWhatCannotBeFollowed) {
  auto T = parse("void take(void *);\n"
                 "struct S { std::mutex m; int n = 0;\n"
                 "  void bump() { ++n; }\n"
                 "  void locked() { std::lock_guard<std::mutex> g(m); bump(); }\n"
                 "  void elsewhere();\n"
                 "  void calls_elsewhere() { elsewhere(); }\n"
                 "  void hands_on() { take(this); }\n"
                 "  virtual void v() {}\n"
                 "  void calls_virtual() { v(); }\n"
                 "  void rec(int k) { ++n; if (k) rec(k - 1); } };\n");
  ASSERT_TRUE(T);
  const CalleeAccesses &L = T->Cache.memberAccesses(T->fn("S::locked"));
  EXPECT_FALSE(L.Opaque);
  ASSERT_EQ(L.Accesses.size(), 1u);
  EXPECT_EQ(L.Accesses[0].Var, T->var("S::n"));
  EXPECT_EQ(L.Accesses[0].Locks, (DeclSet{T->var("S::m")})); // held at the call of bump()
  EXPECT_TRUE(T->Cache.memberAccesses(T->fn("S::calls_elsewhere")).Opaque);
  EXPECT_TRUE(T->Cache.memberAccesses(T->fn("S::hands_on")).Opaque);
  EXPECT_TRUE(T->Cache.memberAccesses(T->fn("S::calls_virtual")).Opaque);
  const CalleeAccesses &Rec = T->Cache.memberAccesses(T->fn("S::rec"));
  EXPECT_FALSE(Rec.Opaque); // direct recursion: the same accesses
  EXPECT_EQ(Rec.Accesses.size(), 1u);
}

TEST(MemberAccesses, MutualRecursionIsFollowed) {
  auto T = parse("struct S { int n = 0; int m = 0;\n"
                 "  void a(int k) { ++n; if (k) b(k - 1); }\n"
                 "  void b(int k) { m = 1; if (k) a(k - 1); } };\n");
  ASSERT_TRUE(T);
  auto Fields = [&](const CalleeAccesses &I) {
    std::set<std::string> Out;
    for (const CalleeAccess &A : I.Accesses)
      Out.insert(A.Var->getNameAsString() + (A.Write ? "=" : ""));
    return Out;
  };
  const CalleeAccesses &A = T->Cache.memberAccesses(T->fn("S::a"));
  EXPECT_FALSE(A.Opaque);
  EXPECT_EQ(Fields(A), (std::set<std::string>{"n=", "m="}));
  // b was partial while a was being summarised: asked now, it is whole.
  const CalleeAccesses &B = T->Cache.memberAccesses(T->fn("S::b"));
  EXPECT_FALSE(B.Opaque);
  EXPECT_EQ(Fields(B), (std::set<std::string>{"n=", "m="}));
}

TEST(MemberAccesses, ThisHandedToAHelper) {
  auto T = parse("struct S;\n"
                 "template <class X> void ref(X &x) { x.inc(); }\n"
                 "template <class X> void ptr(X *x) { x->k = 2; }\n"
                 "S *kept;\n"
                 "void keep(S &s) { kept = &s; }\n"
                 "struct S { int n = 0; int k = 0;\n"
                 "  void inc() { ++n; }\n"
                 "  void by_ref() { ref(*this); }\n"
                 "  void by_ptr() { ptr(this); }\n"
                 "  void kept_away() { keep(*this); } };\n");
  ASSERT_TRUE(T);
  const CalleeAccesses &R = T->Cache.memberAccesses(T->fn("S::by_ref"));
  EXPECT_FALSE(R.Opaque);
  ASSERT_EQ(R.Accesses.size(), 1u);
  EXPECT_EQ(R.Accesses[0].Var, T->var("S::n"));
  const CalleeAccesses &P = T->Cache.memberAccesses(T->fn("S::by_ptr"));
  EXPECT_FALSE(P.Opaque);
  ASSERT_EQ(P.Accesses.size(), 1u);
  EXPECT_EQ(P.Accesses[0].Var, T->var("S::k"));
  EXPECT_TRUE(P.Accesses[0].Write);
  EXPECT_TRUE(T->Cache.memberAccesses(T->fn("S::kept_away")).Opaque);
}

TEST(MemberAccesses, RequiresCapabilityHoldsTheMutex) {
  auto T = parse("struct __attribute__((capability(\"mutex\"))) Mu { void lock(); void unlock(); };\n"
                 "struct S { Mu mu; int n = 0;\n"
                 "  void inc() __attribute__((requires_capability(mu))) { ++n; } };\n");
  ASSERT_TRUE(T);
  const CalleeAccesses &I = T->Cache.memberAccesses(T->fn("S::inc"));
  ASSERT_EQ(I.Accesses.size(), 1u);
  EXPECT_EQ(I.Accesses[0].Locks, (DeclSet{T->var("S::mu")}));
}

// ------------------------------------------------------------ parameter writes

TEST(ParamWrites, ReadsAndWrites) {
  auto T = parse("struct C { C(const char *h, int p) : h(h), p(p) {} const char *h; int p; };\n"
                 "void assigns(int &x) { x = 1; }\n"
                 "int reads(int &x) { return x + 1; }\n"
                 "void forwards_read(int &x) { reads(x); }\n"
                 "void forwards_write(int &x) { assigns(x); }\n"
                 "template <class T> void fwd(T &&t) { C c(std::forward<T>(t), 1); (void)c; }\n"
                 "void use_fwd(const char *h) { fwd(h); }\n"
                 "void moves(std::vector<int> &v) { std::vector<int> w = std::move(v); }\n"
                 "void mutates(std::vector<int> &v) { v.push_back(1); }\n"
                 "std::size_t looks(std::vector<int> &v) { return v.size(); }\n"
                 "void address(int &x) { int *p = &x; *p = 2; }\n"
                 "void declared(int &x);\n"
                 "void calls_declared(int &x) { declared(x); }\n"
                 "void byvalue(int x) { x = 2; }\n"
                 "void cref(const int &x) {}\n");
  ASSERT_TRUE(T);
  SummaryCache &S = T->Cache;
  EXPECT_TRUE(S.writesThroughParam(T->fn("assigns"), 0));
  EXPECT_FALSE(S.writesThroughParam(T->fn("reads"), 0));
  EXPECT_FALSE(S.writesThroughParam(T->fn("forwards_read"), 0));
  EXPECT_TRUE(S.writesThroughParam(T->fn("forwards_write"), 0));
  EXPECT_TRUE(S.writesThroughParam(T->fn("moves"), 0));
  EXPECT_TRUE(S.writesThroughParam(T->fn("mutates"), 0));
  EXPECT_FALSE(S.writesThroughParam(T->fn("looks"), 0));
  EXPECT_TRUE(S.writesThroughParam(T->fn("address"), 0));
  EXPECT_TRUE(S.writesThroughParam(T->fn("calls_declared"), 0)); // declared() has no body: conservative
  EXPECT_FALSE(S.writesThroughParam(T->fn("byvalue"), 0)); // a copy
  EXPECT_FALSE(S.writesThroughParam(T->fn("cref"), 0));
}

// The instantiations a call names: make_unique<C>(h, 2) with an lvalue `h`
// deduces `const char *&`, forwarded to C's by-value parameter: a read.
struct CalleeOf : clang::RecursiveASTVisitor<CalleeOf> {
  std::string Name;
  const clang::FunctionDecl *Found = nullptr;
  bool VisitCallExpr(clang::CallExpr *C) {
    if (const auto *F = C->getDirectCallee(); F && F->getIdentifier() && F->getName() == Name)
      Found = F;
    return true;
  }
};

TEST(ParamWrites, MakeUniqueForwardsToAByValueParameter) {
  auto T = parse("struct C { C(const char *h, int p) : h(h), p(p) {} const char *h; int p; };\n"
                 "struct M { M(std::string &s) : s(std::move(s)) {} std::string s; };\n"
                 "void f(const char *h, std::string &s) {\n"
                 "  auto c = std::make_unique<C>(h, 2); auto m = std::make_unique<M>(s); }\n");
  ASSERT_TRUE(T);
  CalleeOf V;
  V.Name = "make_unique";
  V.TraverseDecl(T->ctx().getTranslationUnitDecl());
  ASSERT_TRUE(V.Found);
  // The last make_unique visited is make_unique<M>(s): M's constructor moves from it.
  EXPECT_TRUE(T->Cache.writesThroughParam(V.Found, 0));
  const clang::FunctionDecl *First = nullptr;
  for (const clang::FunctionDecl *F : V.Found->getPrimaryTemplate()->specializations())
    if (F->getNumParams() == 2)
      First = F;
  ASSERT_TRUE(First);
  EXPECT_FALSE(T->Cache.writesThroughParam(First, 0)); // const char *&, copied into C
}

// ------------------------------------------------------------ callable joins

struct LambdaCalls : clang::RecursiveASTVisitor<LambdaCalls> {
  const clang::SourceManager *SM = nullptr;
  std::vector<const clang::LambdaExpr *> Lambdas; // the snippet's own
  bool VisitLambdaExpr(clang::LambdaExpr *L) {
    if (SM->isInMainFile(L->getBeginLoc()))
      Lambdas.push_back(L);
    return true;
  }
};

TEST(CallableJoins, UnconditionalJoinableAndLoops) {
  auto T = parse("void f(bool c) {\n"
                 "  std::thread t; std::vector<std::thread> ts; std::thread u;\n"
                 "  auto a = [&] { t.join(); };\n"
                 "  auto b = [&] { if (t.joinable()) t.join(); for (auto &x : ts) x.join(); };\n"
                 "  auto d = [&] { if (c) u.join(); };\n"
                 "  auto e = [&] { [&] { u.join(); }; };\n"
                 "}\n");
  ASSERT_TRUE(T);
  LambdaCalls V;
  V.SM = &T->ctx().getSourceManager();
  V.TraverseDecl(T->ctx().getTranslationUnitDecl());
  ASSERT_EQ(V.Lambdas.size(), 5u);
  auto Joins = [&](unsigned I) { return T->Cache.callableJoins(V.Lambdas[I]->getCallOperator()); };
  const auto *Tv = llvm::cast<clang::VarDecl>(T->var("f::t"));
  const auto *Ts = llvm::cast<clang::VarDecl>(T->var("f::ts"));
  EXPECT_EQ(Joins(0), (std::set<const clang::VarDecl *>{Tv}));
  EXPECT_EQ(Joins(1), (std::set<const clang::VarDecl *>{Tv, Ts}));
  EXPECT_TRUE(Joins(2).empty()); // under another condition: the thread may still run
  EXPECT_TRUE(Joins(3).empty()); // a nested lambda: not called here
}

TEST(Guards, DestructorCallsAHeldCallable) {
  auto T = parse("struct scope_exit { explicit scope_exit(std::function<void()> &&f) : fn(std::move(f)) {}\n"
                 "  ~scope_exit() { if (on) fn(); } std::function<void()> fn; bool on = true; };\n"
                 "template <class F> struct Guard { F f; ~Guard() { run(); } void run() { f(); } };\n"
                 "struct Plain { std::function<void()> fn; ~Plain() {} };\n"
                 "void g() { auto l = [] {}; Guard<decltype(l)> G{l}; scope_exit s([] {}); Plain p; }\n");
  ASSERT_TRUE(T);
  EXPECT_TRUE(T->Cache.runsCallableOnDestroy(T->record("scope_exit::~scope_exit")));
  EXPECT_FALSE(T->Cache.runsCallableOnDestroy(T->record("Plain::~Plain")));
  const auto *G = llvm::cast<clang::VarDecl>(T->var("g::G"));
  EXPECT_TRUE(T->Cache.runsCallableOnDestroy(G->getType()->getAsCXXRecordDecl())); // one member down
}

// ------------------------------------------------------------ moved out, then joined

TEST(MemberThreads, JoinAfterMovingTheMemberIntoALocal) {
  auto T = parse("struct Pool { std::mutex m; std::list<std::thread> dyn; std::vector<std::thread> fixed;\n"
                 "  std::thread one;\n"
                 "  void shutdown() { std::list<std::thread> rest;\n"
                 "    { std::lock_guard<std::mutex> g(m); rest = std::move(dyn); }\n"
                 "    for (auto &t : rest) if (t.joinable()) t.join(); }\n"
                 "  void swapped() { std::vector<std::thread> v; v.swap(fixed); for (auto &t : v) t.join(); }\n"
                 "  void moved_one() { std::thread t = std::move(one); t.join(); }\n"
                 "  void not_joined() { std::list<std::thread> rest = std::move(dyn); } };\n");
  ASSERT_TRUE(T);
  auto Joins = [&](const char *F) { return T->Cache.memberThreads(T->fn(F), *T->Spans).Joins; };
  using Fields = std::set<const clang::FieldDecl *>;
  EXPECT_EQ(Joins("Pool::shutdown"), (Fields{llvm::cast<clang::FieldDecl>(T->var("Pool::dyn"))}));
  EXPECT_EQ(Joins("Pool::swapped"), (Fields{llvm::cast<clang::FieldDecl>(T->var("Pool::fixed"))}));
  EXPECT_EQ(Joins("Pool::moved_one"), (Fields{llvm::cast<clang::FieldDecl>(T->var("Pool::one"))}));
  EXPECT_TRUE(Joins("Pool::not_joined").empty());
}

} // namespace
