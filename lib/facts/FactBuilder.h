// Builds FunctionFacts from one function's Clang CFG. With the type model,
// the only code that reads the AST.
#pragma once

#include "facts/Facts.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class SourceManager;
class LangOptions;
class SourceRange;
class SourceLocation;
} // namespace clang

namespace borrowck {

class TypeModel;

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

// Facts for one function body. Only values that are moved somewhere in the
// function get places and facts (the rest cannot be used after a move).
BuildStatus buildFunctionFacts(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                               const TypeModel &Model, const SpanMaker &Spans,
                               const BuildLimits &Limits, FunctionFacts &Out);

} // namespace borrowck

namespace borrowck {
// The functions of the translation unit to analyse: bodies in the main file,
// lambda bodies, and template instantiations whose pattern is in the main file.
std::vector<const clang::FunctionDecl *> collectFunctions(clang::ASTContext &Ctx,
                                                          const SpanMaker &Spans);
// A readable name for a function, for notes and internal errors.
std::string functionName(const clang::FunctionDecl &FD);
} // namespace borrowck
