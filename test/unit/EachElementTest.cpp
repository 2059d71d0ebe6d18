// ast/EachElement on the real libstdc++: which delete operands are one
// element of several, and when a loop deleting a container's elements frees
// one pointer twice because the initialiser stores it twice.
#include "Snippet.h"

#include "ast/EachElement.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;
using borrowck::test::Snippet;

namespace {

const char *Prelude = R"cpp(
#include <array>
#include <cstddef>
#include <map>
#include <vector>
struct N { int v; };
)cpp";

// The one delete expression of F.
const CXXDeleteExpr *deleteIn(const FunctionDecl *F) {
  struct Find : RecursiveASTVisitor<Find> {
    const CXXDeleteExpr *D = nullptr;
    bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
      D = E;
      return true;
    }
  } V;
  V.TraverseStmt(F->getBody());
  return V.D;
}

struct Loop {
  Snippet S;
  borrowck::ParentIndex Parents;
  const FunctionDecl *F = nullptr;
  const CXXDeleteExpr *D = nullptr;

  explicit Loop(const std::string &Body) {
    if (!S.parse(Prelude, Body))
      return;
    F = S.fn("f");
    D = F ? deleteIn(F) : nullptr;
    if (D)
      Parents.add(F->getBody(), nullptr);
  }
  borrowck::StoredTwice twice() {
    EXPECT_NE(D, nullptr);
    return D ? borrowck::storedTwice(D->getArgument(), D, F->getBody(), Parents, S.ctx()) : borrowck::StoredTwice{};
  }
  bool element() { return D && borrowck::isElementOperand(D->getArgument()); }
};

TEST(EachElement, RangeForOverAVectorStoringOnePointerTwice) {
  Loop L("void f() { N *p = new N, *q = new N; std::vector<N *> v{p, q, p}; for (N *e : v) delete e; }");
  auto T = L.twice();
  ASSERT_NE(T.Container, nullptr);
  EXPECT_EQ(T.Container->getName(), "v");
  EXPECT_EQ(T.Pointer->getName(), "p");
  EXPECT_FALSE(T.Maybe);
  EXPECT_FALSE(L.element()); // `e` itself: the loop variable, not a subscript
}

TEST(EachElement, IndexLoopOverAStdArray) {
  Loop L("void f() { N *p = new N; std::array<N *, 2> a{{p, p}}; for (std::size_t i = 0; i < a.size(); ++i) delete a[i]; }");
  auto T = L.twice();
  ASSERT_NE(T.Container, nullptr);
  EXPECT_EQ(T.Container->getName(), "a");
  EXPECT_TRUE(L.element());
}

TEST(EachElement, ConditionalElementIsPossible) {
  Loop L("void f(bool c) { N *p = new N, *q = new N; N *a[2] = {p, c ? p : q}; for (int i = 0; i != 2; i++) delete a[i]; }");
  auto T = L.twice();
  ASSERT_NE(T.Container, nullptr);
  EXPECT_TRUE(T.Maybe);
}

TEST(EachElement, DistinctPointersAreNotTwice) {
  Loop L("void f() { N *p = new N, *q = new N; std::vector<N *> v{p, q}; for (N *e : v) delete e; }");
  EXPECT_EQ(L.twice().Container, nullptr);
}

TEST(EachElement, ContainerChangedAfterItsInitialiser) {
  Loop L("void f() { N *p = new N; std::vector<N *> v{p, p}; v.pop_back(); for (N *e : v) delete e; }");
  EXPECT_EQ(L.twice().Container, nullptr);
}

TEST(EachElement, DeleteUnderAConditionOrWithABreak) {
  Loop A("void f(bool c) { N *p = new N; std::vector<N *> v{p, p}; for (N *e : v) if (c) delete e; }");
  EXPECT_EQ(A.twice().Container, nullptr);
  Loop B("void f() { N *p = new N; std::vector<N *> v{p, p}; for (N *e : v) { delete e; break; } }");
  EXPECT_EQ(B.twice().Container, nullptr);
}

TEST(EachElement, LoopOverPartOfTheElements) {
  Loop L("void f() { N *p = new N, *q = new N; std::vector<N *> v{p, q, p}; for (std::size_t i = 0; i < 2; ++i) delete v[i]; }");
  EXPECT_EQ(L.twice().Container, nullptr);
}

TEST(EachElement, ElementOperands) {
  EXPECT_TRUE(Loop("void f(std::vector<N *> &v) { delete v.back(); }").element());
  EXPECT_TRUE(Loop("void f(std::vector<N *> &v) { delete *v.begin(); }").element());
  EXPECT_TRUE(Loop("void f(std::map<int, N *> &m) { delete m.begin()->second; }").element());
  EXPECT_TRUE(Loop("void f(N **a, int i) { delete a[i]; }").element());
  EXPECT_FALSE(Loop("void f(N *p) { delete p; }").element());
  EXPECT_FALSE(Loop("void f(N **pp) { delete *pp; }").element());
}

} // namespace
