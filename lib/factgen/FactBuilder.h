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

namespace borrowck {

class TypeModel;
class SpanMaker;
class SummaryCache;

struct BuildLimits {
  uint32_t MaxBlocks = 20000; // larger CFGs are skipped with a note
};

enum class BuildStatus { Built, NoBody, NoCFG, TooLarge, NothingToTrack };

// Facts for one function body: moves (only for values moved somewhere in the
// function) and loans (for borrows of the function's own storage).
BuildStatus buildFunctionFacts(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                               const TypeModel &Model, const SpanMaker &Spans,
                               const BuildLimits &Limits, FunctionFacts &Out,
                               SummaryCache *Summaries = nullptr);

} // namespace borrowck
