// Per translation unit: what each function does, memoised. Every fact
// generator asks here what a callee does; none guesses on its own.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FieldDecl;
class FunctionDecl;
} // namespace clang

namespace borrowck {

class TypeModel;
struct ThreadMemo; // factgen/ThreadBuilder.cpp

// Per translation unit: which parameters (and `this`) a function's result
// borrows from, from [[clang::lifetimebound]], a table of std functions, or
// inferred from the body when it is in the translation unit. Memoised.
class SummaryCache {
public:
  SummaryCache();
  ~SummaryCache();
  struct Summary {
    bool This = false;               // the result borrows from the object
    bool ThisValue = false;          // the result is a copy of a field: what the object holds
    std::vector<const clang::FieldDecl *> ThisFields; // those fields (ThisValue)
    std::vector<bool> Params;        // the result borrows from these arguments
    bool Inferred = false;           // from the body rather than annotations
  };
  const Summary &get(const clang::FunctionDecl *F, const TypeModel &Model);

  // What a function defined in the translation unit does to the containers its
  // non-const reference parameters refer to: the strongest invalidation among
  // its member calls on them (directly, or through the helpers it passes them to).
  struct Mutation {
    uint8_t What = 0;   // TypeModel::Invalidation
    std::string Method; // the member function that invalidates ("push_back")
  };
  const std::vector<Mutation> &mutations(const clang::FunctionDecl *F, const TypeModel &Model);

  // What member functions do with threads that borrow *this (ThreadBuilder.cpp).
  std::shared_ptr<ThreadMemo> Threads;

  // ---- initialisation (summary/OutParams.cpp) ----
  // Does F write through its pointer / reference parameter I (of non-const
  // scalar pointee) on every path that returns, on some, or on none? Unknown:
  // no body in the translation unit, virtual, variadic, not such a parameter,
  // or the analysis gave up. Memoised per (F, I).
  enum class OutParamWrites : uint8_t { Always, Sometimes, Never, Unknown };
  OutParamWrites outParamWrites(const clang::FunctionDecl *F, unsigned I, clang::ASTContext &Ctx);

private:
  std::map<std::pair<const clang::FunctionDecl *, unsigned>, OutParamWrites> OutParamMemo;
  // ---- end initialisation

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace borrowck
