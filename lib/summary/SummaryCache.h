// Per translation unit: what each function does, memoised. Every fact
// generator asks here what a callee does; none guesses on its own.
#pragma once

#include "ast/CalleeSummaries.h"
#include "model/Attributes.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class FieldDecl;
class FunctionDecl;
} // namespace clang

namespace borrowck {

class TypeModel;
struct ThreadMemo; // factgen/ThreadBuilder.cpp

// Per translation unit: what each function does, one facet at a time, each
// computed lazily and once (recursion gets a conservative answer).
class SummaryCache : public CalleeSummaries {
public:
  SummaryCache();
  ~SummaryCache() override;

  // ---- borrows
  // Which inputs the result borrows (summary/ResultBorrows.cpp).
  const ResultBorrows &resultBorrows(const clang::FunctionDecl *F, const TypeModel &Model) override;

  // What a function defined in the translation unit does to the containers its
  // non-const reference parameters refer to: the strongest invalidation among
  // its member calls on them, directly or through helpers (summary/Mutations.cpp).
  struct Mutation {
    uint8_t What = 0;   // TypeModel::Invalidation
    std::string Method; // the member function that invalidates ("push_back")
  };
  const std::vector<Mutation> &mutations(const clang::FunctionDecl *F, const TypeModel &Model);

  // Where each parameter's borrows go ([[clang::lifetime_capture_by]]): one
  // list of targets per parameter, empty for most (summary/Captures.cpp).
  const std::vector<std::vector<CaptureTarget>> &captures(const clang::FunctionDecl *F);

  // What member functions do with threads that borrow *this (ThreadBuilder.cpp).
  std::shared_ptr<ThreadMemo> Threads;

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace borrowck
