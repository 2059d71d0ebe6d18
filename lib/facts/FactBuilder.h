// Builds FunctionFacts from one function's Clang CFG. With the type model,
// the only code that reads the AST.
#pragma once

#include "facts/Facts.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class FieldDecl;
class ASTContext;
class FunctionDecl;
class SourceManager;
class LangOptions;
class SourceRange;
class SourceLocation;
} // namespace clang

namespace llvm {
class Regex;
}

namespace borrowck {

class TypeModel;
struct ThreadMemo; // ThreadBuilder.cpp

// Turns Clang source locations into SourceManager-free Spans. The main file
// keeps the path the user passed; other files use the SourceManager's name.
class SpanMaker {
public:
  SpanMaker(const clang::SourceManager &SM, const clang::LangOptions &LO, std::string MainPath)
      : SM(SM), LO(LO), MainPath(std::move(MainPath)) {}
  std::optional<Span> range(clang::SourceRange R) const;
  std::optional<Span> token(clang::SourceLocation L) const;
  bool inMainFile(clang::SourceLocation L) const;

private:
  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
  std::string MainPath;
};

struct BuildLimits {
  uint32_t MaxBlocks = 20000; // larger CFGs are skipped with a note
};

enum class BuildStatus { Built, NoBody, NoCFG, TooLarge, NothingToTrack };

// Per translation unit: which parameters (and `this`) a function's result
// borrows from, from [[clang::lifetimebound]], a table of std functions, or
// inferred from the body when it is in the translation unit. Memoised.
class LifetimeSummaries {
public:
  LifetimeSummaries();
  ~LifetimeSummaries();
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

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

// Facts for one function body: moves (only for values moved somewhere in the
// function) and loans (for borrows of the function's own storage).
BuildStatus buildFunctionFacts(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                               const TypeModel &Model, const SpanMaker &Spans,
                               const BuildLimits &Limits, FunctionFacts &Out,
                               LifetimeSummaries *Summaries = nullptr);

} // namespace borrowck

namespace borrowck {
// The functions of the translation unit to analyse: bodies in the main file,
// lambda bodies, and template instantiations whose pattern is in the main file.
// With HeaderFilter, also those defined in any file whose name matches it.
std::vector<const clang::FunctionDecl *> collectFunctions(clang::ASTContext &Ctx,
                                                          const SpanMaker &Spans,
                                                          const llvm::Regex *HeaderFilter = nullptr);
// A readable name for a function, for notes and internal errors.
std::string functionName(const clang::FunctionDecl &FD);
} // namespace borrowck
