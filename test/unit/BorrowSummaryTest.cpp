// The AST layer's expression evaluator (ast/Evaluator.h: what an expression's
// value or the object it designates borrows) and the borrow facets of
// SummaryCache (result borrows, mutations through T&, lifetime_capture_by),
// on small snippets parsed with the real libstdc++ headers.
#include "Snippet.h"
#include "ast/Evaluator.h"
#include "model/StdCalls.h"
#include "model/TypeModel.h"
#include "summary/SummaryCache.h"

#include <gtest/gtest.h>

using namespace borrowck;

namespace {

const char *const Prelude = "#include <algorithm>\n#include <string>\n#include <string_view>\n"
                            "#include <vector>\n";

std::unique_ptr<test::Snippet> parse(const std::string &Body) {
  auto T = std::make_unique<test::Snippet>();
  return T->parse(Prelude, Body) ? std::move(T) : nullptr;
}

const clang::Expr *initOf(test::Snippet &T, const std::string &Var) {
  const auto *V = llvm::dyn_cast_or_null<clang::VarDecl>(T.var(Var));
  return V ? V->getInit() : nullptr;
}

// The variables a Sources' loans are of, in order ("x", "s"), with "~" for
// loans of what an owner holds, "?" for loans on some paths only.
std::vector<std::string> loanVars(const Sources &S) {
  std::vector<std::string> Out;
  for (const Sources::Site &L : S.Loans)
    Out.push_back((L.Var ? L.Var->getNameAsString() : std::string("<none>")) + (L.Contents ? "~" : "") +
                  (L.Maybe ? "?" : ""));
  return Out;
}

using Names = std::vector<std::string>;

// ------------------------------------------------------------ evaluator

TEST(Evaluator, AddressAndReferences) {
  auto T = parse("void f() { int x = 0; int *p = &x; int &r = x; int *q = p; }\n");
  ASSERT_TRUE(T);
  TypeModel Model;
  Evaluator Ev(*T->fn("f"), Model, T->Cache);
  EXPECT_EQ(loanVars(Ev.valueOf(initOf(*T, "f::p"))), (Names{"x"}));
  EXPECT_EQ(loanVars(Ev.borrowOf(initOf(*T, "f::r"))), (Names{"x"}));
  // A copy of a pointer holds what the pointer holds: no new loan, p's origin flows.
  Sources Q = Ev.valueOf(initOf(*T, "f::q"));
  EXPECT_TRUE(Q.Loans.empty());
  ASSERT_EQ(Q.Vars.size(), 1u);
  EXPECT_EQ(Q.Vars[0]->getName(), "p");
}

TEST(Evaluator, ViewsBorrowTheContents) {
  auto T = parse("void f() { std::string s = \"a\"; std::string_view v = s; const char *c = s.c_str();\n"
                 "  std::vector<int> w; auto it = w.begin(); int n = w.size(); }\n");
  ASSERT_TRUE(T);
  TypeModel Model;
  Evaluator Ev(*T->fn("f"), Model, T->Cache);
  EXPECT_EQ(loanVars(Ev.valueOf(initOf(*T, "f::v"))), (Names{"s~"}));
  EXPECT_EQ(loanVars(Ev.valueOf(initOf(*T, "f::c"))), (Names{"s~"}));
  Sources It = Ev.valueOf(initOf(*T, "f::it"));
  ASSERT_EQ(loanVars(It), (Names{"w~"}));
  EXPECT_TRUE(It.Loans[0].Iterator);
  EXPECT_TRUE(Ev.valueOf(initOf(*T, "f::n")).empty()); // an int holds no borrow
}

TEST(Evaluator, CallsFollowTheCalleeSummary) {
  auto T = parse("int &pick(int &a, int &b) { return a; }\n"
                 "const int &lo(const int &a, const int &b) { return std::min(a, b); }\n"
                 "void f() { int x = 0, y = 0; int &r = pick(x, y); const int &m = std::min(x, y);\n"
                 "  bool c = x > 0; int *p = c ? &x : &y; }\n");
  ASSERT_TRUE(T);
  TypeModel Model;
  Evaluator Ev(*T->fn("f"), Model, T->Cache);
  Sources R = Ev.borrowOf(initOf(*T, "f::r"));
  ASSERT_EQ(loanVars(R), (Names{"x"})); // not y: pick returns a
  ASSERT_NE(R.Loans[0].Via, nullptr);   // inferred through `a`: the lifetimebound hint
  EXPECT_EQ(R.Loans[0].Via->getName(), "a");
  // std::min may return either: both, on some paths only.
  EXPECT_EQ(loanVars(Ev.borrowOf(initOf(*T, "f::m"))), (Names{"x?", "y?"}));
  EXPECT_EQ(loanVars(Ev.valueOf(initOf(*T, "f::p"))), (Names{"x?", "y?"}));
}

// ------------------------------------------------------------ result borrows

TEST(ResultBorrows, AnnotationsTablesAndBodies) {
  auto T = parse("int &first(int &a [[clang::lifetimebound]], int &b);\n"
                 "int &second(int &a, int &b) { return b; }\n"
                 "int *none(int *a) { return new int(*a); }\n"
                 "struct Box { std::string s; const std::string &get() const { return s; }\n"
                 "  std::string_view view() const [[clang::lifetimebound]]; };\n"
                 "void use() { int x = 0; first(x, x); std::min(x, x); }\n");
  ASSERT_TRUE(T);
  TypeModel Model;
  const clang::FunctionDecl *First = nullptr, *Min = nullptr, *View = nullptr;
  for (const clang::Decl *D : T->ctx().getTranslationUnitDecl()->decls())
    if (const auto *F = llvm::dyn_cast<clang::FunctionDecl>(D); F && F->getName() == "first")
      First = F;
  ASSERT_NE(First, nullptr);
  const ResultBorrows &A = T->Cache.resultBorrows(First, Model);
  EXPECT_EQ(A.Params, (std::vector<bool>{true, false}));
  EXPECT_FALSE(A.Inferred);
  EXPECT_EQ(&T->Cache.resultBorrows(First, Model), &A); // memoised

  const ResultBorrows &B = T->Cache.resultBorrows(T->fn("second"), Model);
  EXPECT_EQ(B.Params, (std::vector<bool>{false, true}));
  EXPECT_TRUE(B.Inferred);
  EXPECT_EQ(T->Cache.resultBorrows(T->fn("none"), Model).Params, (std::vector<bool>{false}));

  const ResultBorrows &G = T->Cache.resultBorrows(T->fn("Box::get"), Model);
  EXPECT_TRUE(G.This);
  for (const clang::Decl *D : T->record("Box::get")->decls())
    if (const auto *M = llvm::dyn_cast<clang::CXXMethodDecl>(D); M && M->getIdentifier() && M->getName() == "view")
      View = M;
  ASSERT_NE(View, nullptr);
  EXPECT_TRUE(T->Cache.resultBorrows(View, Model).This); // lifetimebound on the object

  // std::min: every reference parameter (model/StdCalls.h's table).
  struct FindMin : clang::RecursiveASTVisitor<FindMin> {
    const clang::FunctionDecl *&Out;
    explicit FindMin(const clang::FunctionDecl *&Out) : Out(Out) {}
    bool VisitCallExpr(clang::CallExpr *C) {
      if (const auto *F = C->getDirectCallee(); F && F->isInStdNamespace() && F->getName() == "min")
        Out = F;
      return true;
    }
  } Finder(Min);
  Finder.TraverseDecl(const_cast<clang::FunctionDecl *>(T->fn("use")));
  ASSERT_NE(Min, nullptr);
  EXPECT_EQ(T->Cache.resultBorrows(Min, Model).Params, (std::vector<bool>{true, true}));
  EXPECT_FALSE(T->Cache.resultBorrows(Min, Model).Inferred); // from the table, not its body
  EXPECT_EQ(stdResultBorrow(Min), StdResultBorrow::ReferenceParams);
  EXPECT_EQ(stdResultBorrow(T->fn("second")), StdResultBorrow::Unknown);
}

TEST(ResultBorrows, RecursionAssumesNothing) {
  auto T = parse("int &loop(int &a, int &b, int n) { return n ? loop(b, a, n - 1) : a; }\n");
  ASSERT_TRUE(T);
  TypeModel Model;
  // a directly; b only through the recursive call, whose summary is cut.
  EXPECT_EQ(T->Cache.resultBorrows(T->fn("loop"), Model).Params, (std::vector<bool>{true, false, false}));
}

// ------------------------------------------------------------ mutations

TEST(Mutations, DirectThroughHelpersAndConst) {
  auto T = parse("void grow(std::vector<int> &v) { v.push_back(1); }\n"
                 "void outer(std::vector<int> &w, const std::vector<int> &c) { grow(w); }\n"
                 "void wipe(std::vector<int> &v) { wipe(v); v.clear(); }\n"
                 "void look(std::vector<int> &v) { (void)v.size(); }\n");
  ASSERT_TRUE(T);
  TypeModel Model;
  auto What = [&](const char *F, unsigned I) {
    return static_cast<TypeModel::Invalidation>(T->Cache.mutations(T->fn(F), Model).at(I).What);
  };
  EXPECT_EQ(What("grow", 0), TypeModel::Invalidation::Reallocates);
  EXPECT_EQ(T->Cache.mutations(T->fn("grow"), Model)[0].Method, "push_back");
  EXPECT_EQ(What("outer", 0), TypeModel::Invalidation::Reallocates); // through grow
  EXPECT_EQ(T->Cache.mutations(T->fn("outer"), Model)[0].Method, "push_back");
  EXPECT_EQ(What("outer", 1), TypeModel::Invalidation::None);        // const: never scanned
  EXPECT_EQ(What("wipe", 0), TypeModel::Invalidation::Destroys);     // the recursive call adds nothing
  EXPECT_EQ(What("look", 0), TypeModel::Invalidation::None);
}

// ------------------------------------------------------------ captures

TEST(Captures, LifetimeCaptureByTargets) {
  TypeModel Model;
  auto T = parse("void keep(std::string_view s [[clang::lifetime_capture_by(global)]]) {}\n"
                 "void put(std::vector<std::string_view> &v, std::string_view s [[clang::lifetime_capture_by(v)]]) {}\n"
                 "struct Set { std::vector<std::string_view> all;\n"
                 "  void add(std::string_view s [[clang::lifetime_capture_by(this)]]) {} };\n"
                 "void plain(std::string_view s) {}\n");
  ASSERT_TRUE(T);
  auto Targets = [&](const char *F, unsigned I) {
    std::vector<std::pair<int, unsigned>> Out;
    for (const CaptureTarget &C : T->Cache.captures(T->fn(F), Model).at(I))
      Out.push_back({C.What, C.Index});
    return Out;
  };
  using Pairs = std::vector<std::pair<int, unsigned>>;
  EXPECT_EQ(Targets("keep", 0), (Pairs{{CaptureTarget::Global, 0}}));
  EXPECT_EQ(Targets("put", 0), Pairs{});
  EXPECT_EQ(Targets("put", 1), (Pairs{{CaptureTarget::Param, 0}}));
  EXPECT_EQ(Targets("Set::add", 0), (Pairs{{CaptureTarget::This, 0}}));
  EXPECT_EQ(Targets("plain", 0), Pairs{});
  EXPECT_EQ(&T->Cache.captures(T->fn("keep"), Model), &T->Cache.captures(T->fn("keep"), Model)); // memoised
}

// Members without the attribute: inferred from stores into fields of *this.
TEST(Captures, InferredFromMemberBodies) {
  TypeModel Model;
  auto T = parse("struct P { const std::string *text_ = nullptr; int n_ = 0;\n"
                 "  void attach(const std::string &s) { text_ = &s; }\n"
                 "  void maybe(const std::string &s, bool c) { if (c) text_ = &s; }\n"
                 "  void read(const std::string &s) { n_ = s.size(); } };\n"
                 "struct L { std::string_view name_; std::vector<const int *> all_;\n"
                 "  void rename(std::string_view n) { name_ = n; }\n"
                 "  void add(const int &x) { all_.push_back(&x); } };\n"
                 "struct O { std::string name_; void rename(const std::string &n) { name_ = n; } };\n");
  ASSERT_TRUE(T);
  auto One = [&](const char *F) -> const CaptureTarget * {
    const auto &C = T->Cache.captures(T->fn(F), Model).at(0);
    return C.size() == 1 ? &C.front() : nullptr;
  };
  const CaptureTarget *A = One("P::attach");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->What, CaptureTarget::This);
  EXPECT_TRUE(A->Inferred);
  EXPECT_TRUE(A->Replaces); // on every path, the one borrow-holding field
  ASSERT_NE(One("P::maybe"), nullptr);
  EXPECT_FALSE(One("P::maybe")->Replaces); // under a condition
  EXPECT_EQ(One("P::read"), nullptr);      // reads only
  ASSERT_NE(One("L::rename"), nullptr);
  EXPECT_FALSE(One("L::rename")->Replaces); // L also keeps borrows in all_
  ASSERT_NE(One("L::add"), nullptr);
  EXPECT_EQ(One("O::rename"), nullptr); // a copy
}

} // namespace
