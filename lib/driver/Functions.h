// Which functions of a translation unit the driver analyses.
#pragma once

#include "ast/FunctionName.h"

#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace llvm {
class Regex;
}

namespace borrowck {

class SpanMaker;

// The functions of the translation unit to analyse: bodies in the main file,
// lambda bodies, and template instantiations whose pattern is in the main file.
// With HeaderFilter, also those defined in any file whose name matches it.
std::vector<const clang::FunctionDecl *> collectFunctions(clang::ASTContext &Ctx,
                                                          const SpanMaker &Spans,
                                                          const llvm::Regex *HeaderFilter = nullptr);

} // namespace borrowck
