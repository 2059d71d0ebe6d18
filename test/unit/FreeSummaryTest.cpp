// The free facet (summary/Frees.h): what a function frees that its caller
// still holds, on every path or some, and whether it also resets the pointer.
#include "Snippet.h"
#include "summary/Frees.h"
#include "summary/SummaryCache.h"

#include <gtest/gtest.h>

using namespace borrowck;

namespace {

std::unique_ptr<test::Snippet> parse(const std::string &Body) {
  auto T = std::make_unique<test::Snippet>();
  return T->parse("#include <cstdlib>\n", Body) ? std::move(T) : nullptr;
}

TEST(FreeSummary, Parameters) {
  auto T = parse("struct N { int v; };\n"
                 "void del(N *p) { delete p; }\n"
                 "void cfree(void *p) { std::free(p); }\n"
                 "void some(N *p, bool b) { if (b) delete p; }\n"
                 "void nullchk(N *p) { if (!p) return; delete p; }\n"
                 "void early(N *p, bool b) { if (b) return; delete p; }\n"
                 "void reset(N *&p) { delete p; p = nullptr; }\n"
                 "void byval(N *p) { delete p; p = nullptr; }\n"
                 "void fwd(N *q) { del(q); }\n"
                 "int reads(N *p) { return p->v; }\n"
                 "void rec(N *p, int k) { if (k) rec(p, k - 1); }\n");
  ASSERT_TRUE(T);
  SummaryCache &S = T->Cache;
  EXPECT_EQ(S.frees(T->fn("del")).Params[0].How, FreeHow::Always);
  EXPECT_EQ(S.frees(T->fn("cfree")).Params[0].How, FreeHow::Always);
  EXPECT_EQ(S.frees(T->fn("some")).Params[0].How, FreeHow::Sometimes);
  EXPECT_EQ(S.frees(T->fn("some")).Params[1].How, FreeHow::No);
  EXPECT_EQ(S.frees(T->fn("nullchk")).Params[0].How, FreeHow::Always);
  EXPECT_EQ(S.frees(T->fn("early")).Params[0].How, FreeHow::Sometimes);
  EXPECT_TRUE(S.frees(T->fn("reset")).Params[0].Resets);
  EXPECT_FALSE(S.frees(T->fn("byval")).Params[0].Resets); // its own copy
  EXPECT_EQ(S.frees(T->fn("fwd")).Params[0].How, FreeHow::Always);
  EXPECT_FALSE(S.frees(T->fn("reads")).any());
  EXPECT_FALSE(S.frees(T->fn("rec")).any());
}

TEST(FreeSummary, FieldsOfThis) {
  auto T = parse("struct F { int *buf_ = nullptr; int *other_ = nullptr;\n"
                 "  void close() { delete[] buf_; }\n"
                 "  void close_reset() { delete[] buf_; buf_ = nullptr; }\n"
                 "  void shutdown() { close(); }\n"
                 "  int read() const { return buf_[0]; }\n"
                 "  int twice() { return read() + *other_; } };\n");
  ASSERT_TRUE(T);
  SummaryCache &S = T->Cache;
  const auto *Buf = llvm::cast<clang::FieldDecl>(T->var("F::buf_"));
  const auto *Other = llvm::cast<clang::FieldDecl>(T->var("F::other_"));
  const FreeSummary &C = S.frees(T->fn("F::close"));
  ASSERT_EQ(C.Fields.count(Buf), 1u);
  EXPECT_EQ(C.Fields.at(Buf).How, FreeHow::Always);
  EXPECT_FALSE(C.Fields.at(Buf).Resets);
  EXPECT_TRUE(S.frees(T->fn("F::close_reset")).Fields.at(Buf).Resets);
  EXPECT_EQ(S.frees(T->fn("F::shutdown")).Fields.at(Buf).How, FreeHow::Always);
  EXPECT_EQ(S.frees(T->fn("F::read")).ReadsThrough, (std::set<const clang::FieldDecl *>{Buf}));
  EXPECT_EQ(S.frees(T->fn("F::twice")).ReadsThrough, (std::set<const clang::FieldDecl *>{Buf, Other}));
}

// A field given to a `T *&` parameter or whose address is taken may get a new
// object there: it counts as reset, as an assignment does.
TEST(FreeSummary, FieldsHandedOnMayBeReset) {
  auto T = parse("void alloc(int *&p);\n"
                 "void alloc2(int **p);\n"
                 "void look(int *const &p);\n"
                 "struct F { int *buf_ = nullptr;\n"
                 "  void by_ref() { delete[] buf_; alloc(buf_); }\n"
                 "  void by_addr() { delete[] buf_; alloc2(&buf_); }\n"
                 "  void by_const_ref() { delete[] buf_; look(buf_); } };\n");
  ASSERT_TRUE(T);
  SummaryCache &S = T->Cache;
  const auto *Buf = llvm::cast<clang::FieldDecl>(T->var("F::buf_"));
  EXPECT_TRUE(S.frees(T->fn("F::by_ref")).Fields.at(Buf).Resets);
  EXPECT_TRUE(S.frees(T->fn("F::by_addr")).Fields.at(Buf).Resets);
  EXPECT_FALSE(S.frees(T->fn("F::by_const_ref")).Fields.at(Buf).Resets);
}

TEST(FreeSummary, LambdaCaptures) {
  auto T = parse("struct N { int v; };\n"
                 "void f() { N *n = new N; auto k = [n] { delete n; }; k(); }\n");
  ASSERT_TRUE(T);
  const auto *K = llvm::dyn_cast_or_null<clang::VarDecl>(T->var("f::k"));
  ASSERT_NE(K, nullptr);
  const clang::FunctionDecl *Call = K->getType()->getAsCXXRecordDecl()->getLambdaCallOperator();
  ASSERT_NE(Call, nullptr);
  const FreeSummary &S = T->Cache.frees(Call);
  ASSERT_EQ(S.Captures.size(), 1u);
  EXPECT_EQ(S.Captures.begin()->second.How, FreeHow::Always);
  EXPECT_EQ(S.Captures.begin()->first, T->var("f::n"));
}

} // namespace
