// The effect table (TypeModel::invalidation): which member calls of the
// standard containers invalidate which borrows, checked on the real libstdc++.
// Each function `kind__method` of the snippet makes one call; the test asks the
// model about the member function that call resolves to.
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
using Inv = TypeModel::Invalidation;

namespace {

const char *Code = R"cpp(
#include <deque>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>
std::vector<int> v; std::string s; std::deque<int> d; std::list<int> l;
std::map<int, int> m; std::set<int> st; std::unordered_map<int, int> um; std::unordered_set<int> us;
const std::vector<int> cv;
std::optional<std::string> o, o2; std::variant<int, std::string> va;
void optional__reset() { o.reset(); }
void optional__emplace() { o.emplace("x"); }
void optional__nullopt() { o = std::nullopt; }
void optional__from_optional() { o = o2; }
void optional__value() { o = "x"; }
void optional__swap() { o.swap(o2); }
void variant__emplace() { va.emplace<int>(1); }
void variant__assign() { va = 1; }
void vector__push_back() { v.push_back(1); }
void vector__emplace_back() { v.emplace_back(1); }
void vector__insert() { v.insert(v.end(), 1); }
void vector__reserve() { v.reserve(8); }
void vector__shrink_to_fit() { v.shrink_to_fit(); }
void vector__resize() { v.resize(8); }
void vector__erase() { v.erase(v.begin()); }
void vector__clear() { v.clear(); }
void vector__assign() { v.assign(3, 1); }
void vector__operator_assign() { v = {1, 2}; }
void vector__subscript() { v[0] = 1; }
void vector__pop_back() { v.pop_back(); }
void vector__swap() { std::vector<int> o; v.swap(o); }
void vector__const_at() { (void)cv.at(0); }
void string__append() { s.append("x"); }
void string__plus_assign() { s += "x"; }
void string__replace() { s.replace(0, 1, "y"); }
void string__erase() { s.erase(0, 1); }
void string__c_str() { (void)s.c_str(); }
void deque__push_back() { d.push_back(1); }
void deque__push_front() { d.push_front(1); }
void deque__emplace_front() { d.emplace_front(1); }
void deque__resize() { d.resize(8); }
void deque__insert() { d.insert(d.begin() + 1, 1); }
void deque__erase() { d.erase(d.begin()); }
void deque__clear() { d.clear(); }
void list__push_back() { l.push_back(1); }
void list__insert() { l.insert(l.begin(), 1); }
void list__erase() { l.erase(l.begin()); }
void list__clear() { l.clear(); }
void map__subscript() { m[1] = 2; }
void map__insert() { m.insert({1, 2}); }
void map__erase() { m.erase(1); }
void map__clear() { m.clear(); }
void set__insert() { st.insert(1); }
void unordered_map__subscript() { um[1] = 2; }
void unordered_map__insert() { um.insert({1, 2}); }
void unordered_map__try_emplace() { um.try_emplace(1, 2); }
void unordered_map__rehash() { um.rehash(64); }
void unordered_map__reserve() { um.reserve(64); }
void unordered_map__erase() { um.erase(1); }
void unordered_map__find() { (void)um.find(1); }
void unordered_map__clear() { um.clear(); }
void unordered_set__emplace() { us.emplace(1); }
)cpp";

class Effects : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    AST = tooling::buildASTFromCodeWithArgs(
              Code, {"-std=c++20", "-w", "-resource-dir", BORROWCK_RESOURCE_DIR}, "effects.cc")
              .release();
    ASSERT_NE(AST, nullptr);
    struct Visitor : RecursiveASTVisitor<Visitor> {
      std::string Fn;
      bool TraverseFunctionDecl(FunctionDecl *F) {
        Fn = F->getNameAsString();
        return RecursiveASTVisitor::TraverseFunctionDecl(F);
      }
      bool VisitCallExpr(CallExpr *C) {
        const auto *MD = dyn_cast_or_null<CXXMethodDecl>(C->getCalleeDecl());
        if (MD && Fn.find("__") != std::string::npos && !Calls.count(Fn) && !isa<CXXConstructorDecl>(MD) &&
            MD->getParent()->getName() != "__normal_iterator" &&
            MD->getParent()->getName() != "_Deque_iterator" &&
            MD->getParent()->getName() != "_List_iterator" && MD->getParent()->getName() != "initializer_list")
          Calls[Fn] = MD;
        return true;
      }
      std::map<std::string, const CXXMethodDecl *> Calls;
    } V;
    V.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
    Calls = new std::map<std::string, const CXXMethodDecl *>(std::move(V.Calls));
  }
  static Inv of(const std::string &Fn) {
    auto It = Calls->find(Fn);
    EXPECT_NE(It, Calls->end()) << Fn;
    return It == Calls->end() ? Inv::None : Model.invalidation(It->second);
  }
  static ASTUnit *AST;
  static std::map<std::string, const CXXMethodDecl *> *Calls;
  static TypeModel Model;
};
ASTUnit *Effects::AST = nullptr;
std::map<std::string, const CXXMethodDecl *> *Effects::Calls = nullptr;
TypeModel Effects::Model;

TEST_F(Effects, VectorAndStringGrowthInvalidatesEverything) {
  for (const char *F : {"vector__push_back", "vector__emplace_back", "vector__insert", "vector__reserve",
                        "vector__shrink_to_fit", "vector__resize", "string__append",
                        "string__plus_assign", "string__replace"})
    EXPECT_EQ(of(F), Inv::Reallocates) << F;
}

TEST_F(Effects, EraseClearAssign) {
  EXPECT_EQ(of("vector__erase"), Inv::Erases);
  EXPECT_EQ(of("string__erase"), Inv::Erases);
  EXPECT_EQ(of("deque__erase"), Inv::Erases);
  for (const char *F : {"vector__clear", "vector__assign", "deque__clear", "list__clear", "map__clear",
                        "unordered_map__clear"})
    EXPECT_EQ(of(F), Inv::Destroys) << F;
  EXPECT_EQ(of("vector__operator_assign"), Inv::Reassigns);
}

TEST_F(Effects, DequeEndsInvalidateIteratorsOnly) {
  for (const char *F : {"deque__push_back", "deque__push_front", "deque__emplace_front", "deque__resize"})
    EXPECT_EQ(of(F), Inv::Iterators) << F;
  EXPECT_EQ(of("deque__insert"), Inv::Reallocates);
}

TEST_F(Effects, UnorderedInsertionMayRehash) {
  for (const char *F : {"unordered_map__subscript", "unordered_map__insert", "unordered_map__try_emplace",
                        "unordered_map__rehash", "unordered_map__reserve", "unordered_set__emplace"})
    EXPECT_EQ(of(F), Inv::Rehashes) << F;
}

TEST_F(Effects, NodeBasedInsertionAndEraseKeepOthers) {
  // erase(it) on node-based containers ends only `it`: the fact builder handles
  // it at the call; erase by key ends an element borrowck cannot name.
  for (const char *F : {"list__push_back", "list__insert", "list__erase", "map__subscript", "map__insert",
                        "map__erase", "set__insert", "unordered_map__erase"})
    EXPECT_EQ(of(F), Inv::None) << F;
}

// [optional.mod], [optional.assign], [variant.mod], [variant.assign].
TEST_F(Effects, OptionalAndVariant) {
  EXPECT_EQ(of("optional__reset"), Inv::Destroys);
  EXPECT_EQ(of("optional__emplace"), Inv::Destroys);
  EXPECT_EQ(of("optional__nullopt"), Inv::Reassigns);
  EXPECT_EQ(of("optional__from_optional"), Inv::MayDestroy);
  EXPECT_EQ(of("optional__value"), Inv::AssignsInPlace);
  EXPECT_EQ(of("optional__swap"), Inv::None);
  EXPECT_EQ(of("variant__emplace"), Inv::Destroys);
  EXPECT_EQ(of("variant__assign"), Inv::MayDestroy);
}

TEST_F(Effects, NonMutatingCallsKeepEverything) {
  for (const char *F : {"vector__subscript", "vector__pop_back", "vector__swap", "vector__const_at",
                        "string__c_str", "unordered_map__find"})
    EXPECT_EQ(of(F), Inv::None) << F;
}

} // namespace
