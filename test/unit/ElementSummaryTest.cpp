// The element facets: which element of a container field of *this a member
// function's result points into (SummaryCache::elementResult,
// summary/Elements.cpp), and which elements a member frees
// (FreeSummary::Elements, summary/Frees.cpp).
#include "Snippet.h"
#include "summary/Frees.h"
#include "summary/SummaryCache.h"

#include <gtest/gtest.h>

using namespace borrowck;

namespace {

std::unique_ptr<test::Snippet> parse(const std::string &Body) {
  auto T = std::make_unique<test::Snippet>();
  return T->parse("#include <map>\n#include <memory>\n#include <string>\n#include <vector>\n", Body) ? std::move(T)
                                                                                                 : nullptr;
}

const char *Registry =
    "struct N { int v; };\n"
    "struct R {\n"
    "  std::map<int, std::unique_ptr<N>> items_;\n"
    "  std::vector<std::unique_ptr<N>> list_;\n"
    "  std::map<int, N *> raw_;\n"
    "  N *find(int k) { return items_[k].get(); }\n"
    "  N *lookup(const int &k) { auto it = items_.find(k); return it == items_.end() ? nullptr : it->second.get(); }\n"
    "  N *first() { return items_.at(7).get(); }\n"
    "  N *either(int a, int b, bool c) { return c ? items_[a].get() : items_[b].get(); }\n"
    "  N *mixed(int k, bool c) { return c ? items_[k].get() : list_[0].get(); }\n"
    "  N *moved(int k) { k = 2; return items_[k].get(); }\n"
    "  N *plain(int k) { return raw_[k]; }\n"
    "  N *take(int k) { return items_[k].release(); }\n"
    "  void drop(int k) { items_.erase(k); }\n"
    "  void drop_it() { items_.erase(items_.begin()); }\n"
    "  void drop_if(int k, bool b) { if (b) items_.erase(k); }\n"
    "  void all() { items_.clear(); }\n"
    "  void put(int k) { items_[k] = std::make_unique<N>(); }\n"
    "  void reset3() { items_[3].reset(); }\n"
    "  void make(int k) { if (!items_[k]) items_[k] = std::make_unique<N>(); }\n"
    "  void forget() { drop(5); }\n"
    "  void pass(int j) { drop(j); }\n"
    "  void grow() { list_.push_back(nullptr); raw_.erase(1); }\n"
    "};\n";

TEST(ElementSummary, Results) {
  auto T = parse(Registry);
  ASSERT_TRUE(T);
  SummaryCache &S = T->Cache;
  const auto *Items = llvm::cast<clang::FieldDecl>(T->var("R::items_"));
  EXPECT_EQ(S.elementResult(T->fn("R::find")).Field, Items);
  EXPECT_EQ(S.elementResult(T->fn("R::find")).Key.Param, 0);
  EXPECT_EQ(S.elementResult(T->fn("R::lookup")).Field, Items); // through `it`, the null arm aside
  EXPECT_EQ(S.elementResult(T->fn("R::lookup")).Key.Param, 0);
  EXPECT_EQ(S.elementResult(T->fn("R::first")).Key.Constant, "7");
  EXPECT_EQ(S.elementResult(T->fn("R::either")).Field, Items);
  EXPECT_FALSE(S.elementResult(T->fn("R::either")).Key.known()); // a or b
  EXPECT_EQ(S.elementResult(T->fn("R::mixed")).Field, nullptr); // two fields
  EXPECT_FALSE(S.elementResult(T->fn("R::moved")).Key.known()); // k is assigned
  EXPECT_EQ(S.elementResult(T->fn("R::plain")).Field, nullptr); // raw pointers: not owned
  EXPECT_EQ(S.elementResult(T->fn("R::take")).Field, nullptr);  // release() hands it over
}

TEST(ElementSummary, Frees) {
  auto T = parse(Registry);
  ASSERT_TRUE(T);
  SummaryCache &S = T->Cache;
  const auto *Items = llvm::cast<clang::FieldDecl>(T->var("R::items_"));
  auto Of = [&](const char *Fn) -> const ElementFree * {
    const FreeSummary &F = S.frees(T->fn(Fn));
    auto It = F.Elements.find(Items);
    return It == F.Elements.end() ? nullptr : &It->second;
  };
  ASSERT_TRUE(Of("R::drop"));
  EXPECT_EQ(Of("R::drop")->How, FreeHow::Always);
  EXPECT_FALSE(Of("R::drop")->All);
  EXPECT_EQ(Of("R::drop")->Key.Param, 0);
  ASSERT_TRUE(Of("R::drop_it"));
  EXPECT_FALSE(Of("R::drop_it")->Key.known()); // an iterator
  ASSERT_TRUE(Of("R::drop_if"));
  EXPECT_EQ(Of("R::drop_if")->How, FreeHow::Sometimes);
  ASSERT_TRUE(Of("R::all"));
  EXPECT_TRUE(Of("R::all")->All);
  ASSERT_TRUE(Of("R::put"));
  EXPECT_EQ(Of("R::put")->Key.Param, 0);
  ASSERT_TRUE(Of("R::reset3"));
  EXPECT_EQ(Of("R::reset3")->Key.Constant, "3");
  EXPECT_FALSE(Of("R::make")); // replaces only an empty element
  ASSERT_TRUE(Of("R::forget"));
  EXPECT_EQ(Of("R::forget")->Key.Constant, "5"); // through drop(5)
  ASSERT_TRUE(Of("R::pass"));
  EXPECT_EQ(Of("R::pass")->Key.Param, 0); // drop(j): j is pass's parameter 0
  EXPECT_TRUE(S.frees(T->fn("R::grow")).Elements.empty());
  EXPECT_FALSE(Of("R::find"));
}

} // namespace
