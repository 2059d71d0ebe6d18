// TypeModel::elementArg on the real libstdc++: which arguments of a
// container's inserting members are positions, range iterators, or (parts
// of) the new element, and whether an owner given there is borrowed.
#include "model/TypeModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

using namespace clang;
using borrowck::TypeModel;
using Arg = TypeModel::ElementArg;

namespace {

const char *Code = R"cpp(
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
std::vector<int *> v, w;
std::vector<std::string_view> views;
std::vector<std::pair<std::string_view, int>> pairs;
std::vector<std::pair<std::unique_ptr<int>, std::function<void()>>> handlers;
std::vector<std::vector<int>::iterator> its;
std::map<int, int *> m;
std::string s;
std::unique_ptr<int> u;
std::function<void()> h;
int *p;
std::vector<int> ints;
void insert_one() { v.insert(v.end(), p); }
void insert_range() { v.insert(v.end(), w.begin(), w.end()); }
void insert_n() { v.insert(v.begin(), 2, p); }
void emplace_at() { v.emplace(v.end(), p); }
void push_view() { views.push_back(s); }
void emplace_view() { views.emplace_back(s); }
void emplace_pair_view() { pairs.emplace_back(s, 1); }
void emplace_handler() { handlers.emplace_back(std::move(u), h); }
void push_iterator() { its.push_back(ints.begin()); }
void hint() { m.emplace_hint(m.end(), 1, p); }
void assign_range() { v.assign(w.begin(), w.end()); }
)cpp";

class Elements : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    AST = tooling::buildASTFromCodeWithArgs(
              Code, {"-std=c++20", "-w", "-resource-dir", BORROWCK_RESOURCE_DIR}, "elements.cc")
              .release();
    ASSERT_NE(AST, nullptr);
    struct Visitor : RecursiveASTVisitor<Visitor> {
      std::string Fn;
      bool TraverseFunctionDecl(FunctionDecl *F) {
        Fn = F->getNameAsString();
        return RecursiveASTVisitor::TraverseFunctionDecl(F);
      }
      bool VisitCXXMemberCallExpr(CXXMemberCallExpr *C) {
        const auto *MD = C->getMethodDecl();
        if (MD && !Fn.empty() && !Calls.count(Fn) && !MD->isConst())
          Calls[Fn] = C;
        return true;
      }
      std::map<std::string, const CXXMemberCallExpr *> Calls;
    } V;
    V.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
    Calls = new std::map<std::string, const CXXMemberCallExpr *>(std::move(V.Calls));
  }
  static Arg of(const std::string &Fn, unsigned I) {
    auto It = Calls->find(Fn);
    EXPECT_NE(It, Calls->end()) << Fn;
    if (It == Calls->end())
      return Arg{};
    return Model.elementArg(It->second->getMethodDecl(), I, It->second->getNumArgs());
  }
  static ASTUnit *AST;
  static std::map<std::string, const CXXMemberCallExpr *> *Calls;
  static TypeModel Model;
};
ASTUnit *Elements::AST = nullptr;
std::map<std::string, const CXXMemberCallExpr *> *Elements::Calls = nullptr;
TypeModel Elements::Model;

TEST_F(Elements, PositionsAreNotStored) {
  for (const char *F : {"insert_one", "insert_range", "insert_n", "emplace_at", "hint"})
    EXPECT_EQ(of(F, 0).What, Arg::Position) << F;
  EXPECT_EQ(of("insert_one", 1).What, Arg::Stored);
  EXPECT_EQ(of("emplace_at", 1).What, Arg::Stored);
  EXPECT_EQ(of("hint", 2).What, Arg::Stored);
}

TEST_F(Elements, RangeIteratorsAreReadThrough) {
  EXPECT_EQ(of("insert_range", 1).What, Arg::Range);
  EXPECT_EQ(of("insert_range", 2).What, Arg::Range);
  EXPECT_EQ(of("assign_range", 0).What, Arg::Range);
  EXPECT_EQ(of("assign_range", 1).What, Arg::Range);
}

TEST_F(Elements, OwnersAreBorrowedOnlyByViews) {
  EXPECT_TRUE(of("emplace_view", 0).BorrowsOwner);
  EXPECT_TRUE(of("emplace_pair_view", 0).BorrowsOwner);
  EXPECT_FALSE(of("emplace_pair_view", 1).BorrowsOwner);
  EXPECT_EQ(of("emplace_handler", 0).What, Arg::Stored);
  EXPECT_FALSE(of("emplace_handler", 0).BorrowsOwner);
  EXPECT_FALSE(of("emplace_handler", 1).BorrowsOwner);
}

TEST_F(Elements, AnElementThatIsAnIteratorIsStored) {
  EXPECT_EQ(of("push_iterator", 0).What, Arg::Stored);
}

} // namespace
