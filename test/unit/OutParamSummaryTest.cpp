// The out-parameter facet of SummaryCache (summary/OutParams.cpp): does a
// function write through its pointer / reference parameter on every path that
// returns, on some, or never? On snippets parsed in memory.
#include "summary/OutParams.h"
#include "summary/SummaryCache.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace borrowck;
using W = SummaryCache::OutParamWrites;

namespace {

const char *Code = R"cpp(
void all(int *p, bool c) { if (c) *p = 1; else *p = 2; }
void some(int *p, bool c) { if (c) *p = 1; }
void never(int *p) { int y = *p; (void)y; }
void helper(int *p) { *p = 0; }
void viaHelper(int *p) { helper(p); }
void recursive(int *p, int n) { if (n > 0) { recursive(p, n - 1); return; } *p = n; }
void recursiveNoWrite(int *p, int n) { if (n > 0) recursiveNoWrite(nullptr, n - 1); }
void nullChecked(int *p) { if (!p) return; *p = 1; }
void nullCheckedEq(int *p) { if (p == nullptr) return; p[0] = 1; }
void refSome(int &r, bool c) { if (c) r = 1; }
void refAll(int &r) { r = 1; }
void refRead(int &r) { int y = r; (void)y; }
void throws(int *p, bool c) { if (c) throw 1; *p = 1; }
[[noreturn]] void fail();
void noreturnCall(int *p, bool c) { if (c) fail(); *p = 1; }
void loop(int *p, int n) { for (int i = 0; i < n; ++i) *p = i; }
void declared(int *p);
void constPointee(const int *p) { (void)p; }
void readThrough(int *p) { int y = *p + 1; (void)y; }
struct S { virtual void v(int *p) { *p = 1; } };
)cpp";

class OutParamSummaryTest : public ::testing::Test {
protected:
  void SetUp() override {
    AST = clang::tooling::buildASTFromCodeWithArgs(
        Code, {"-std=c++20", "-w", "-resource-dir", BORROWCK_RESOURCE_DIR}, "input.cc");
    ASSERT_TRUE(AST);
    ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  }
  const clang::FunctionDecl *fn(const std::string &Name) {
    clang::ASTContext &Ctx = AST->getASTContext();
    for (const clang::Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      if (const auto *FD = llvm::dyn_cast<clang::FunctionDecl>(D); FD && FD->getNameAsString() == Name)
        return FD;
      if (const auto *RD = llvm::dyn_cast<clang::CXXRecordDecl>(D))
        for (const clang::CXXMethodDecl *MD : RD->methods())
          if (MD->getNameAsString() == Name)
            return MD;
    }
    ADD_FAILURE() << "no function " << Name;
    return nullptr;
  }
  W writes(const std::string &Name, unsigned I = 0) {
    return Summaries.outParamWrites(fn(Name), I, AST->getASTContext());
  }
  std::unique_ptr<clang::ASTUnit> AST;
  SummaryCache Summaries;
};

TEST_F(OutParamSummaryTest, WritesOnAllPaths) {
  EXPECT_EQ(writes("all"), W::Always);
  EXPECT_EQ(writes("refAll"), W::Always);
  EXPECT_EQ(writes("helper"), W::Always);
}

TEST_F(OutParamSummaryTest, WritesOnSomePaths) {
  EXPECT_EQ(writes("some"), W::Sometimes);
  EXPECT_EQ(writes("refSome"), W::Sometimes);
  EXPECT_EQ(writes("loop"), W::Sometimes); // the body may not run
}

TEST_F(OutParamSummaryTest, NeverWrites) {
  EXPECT_EQ(writes("never"), W::Never);
  EXPECT_EQ(writes("refRead"), W::Never);
  EXPECT_EQ(writes("readThrough"), W::Never);
}

// Handing the pointer on counts as a write: the summary only under-claims.
TEST_F(OutParamSummaryTest, ThroughAHelper) { EXPECT_EQ(writes("viaHelper"), W::Always); }

// The facet reads the callee's own body only: recursion terminates, and a
// recursive call passing the parameter on counts as a write.
TEST_F(OutParamSummaryTest, Recursion) {
  EXPECT_EQ(writes("recursive"), W::Always);
  EXPECT_EQ(writes("recursiveNoWrite"), W::Never);
}

// The null side of a test of the pointer, a throw and a noreturn call do not
// return to a caller that passed `&x`.
TEST_F(OutParamSummaryTest, PathsThatDoNotConcernTheCaller) {
  EXPECT_EQ(writes("nullChecked"), W::Always);
  EXPECT_EQ(writes("nullCheckedEq"), W::Always);
  EXPECT_EQ(writes("throws"), W::Always);
  EXPECT_EQ(writes("noreturnCall"), W::Always);
}

TEST_F(OutParamSummaryTest, Unknown) {
  EXPECT_EQ(writes("declared"), W::Unknown);     // no body
  EXPECT_EQ(writes("constPointee"), W::Unknown); // not an out-parameter
  EXPECT_EQ(writes("some", 1), W::Unknown);      // bool c
  EXPECT_EQ(writes("some", 5), W::Unknown);      // no such parameter
  EXPECT_EQ(writes("v"), W::Unknown);            // virtual
  EXPECT_EQ(Summaries.outParamWrites(nullptr, 0, AST->getASTContext()), W::Unknown);
}

// Memoised: the cached answer is the computed one, asked again or not.
TEST_F(OutParamSummaryTest, Memoised) {
  clang::ASTContext &Ctx = AST->getASTContext();
  for (const char *Name : {"all", "some", "never", "viaHelper", "recursive", "nullChecked"}) {
    W First = writes(Name);
    EXPECT_EQ(writes(Name), First) << Name;
    EXPECT_EQ(computeOutParamWrites(fn(Name), 0, Ctx), First) << Name;
  }
}

} // namespace
