// Facts for uninitialized-use: reads of locals before they hold a value. Reads
// the AST, like the other fact builders.
#pragma once

#include "facts/Facts.h"

namespace clang {
class ASTContext;
class CFG;
class FunctionDecl;
} // namespace clang

namespace borrowck {

class ParentIndex;
class SpanMaker;
class SummaryCache;

// Runs Clang's uninitialized-values analysis on the function's scalars
// (UninitReads) and lays out slot facts on Cfg for structs and arrays declared
// without an initialiser and for scalars handed to an out-parameter that may
// not write them (InitVars, InitBlocks; callees' out-parameters from
// Summaries). False when the function declares no
// local without an initialiser.
bool buildInitFacts(const clang::FunctionDecl &FD, clang::ASTContext &Ctx, const SpanMaker &Spans,
                    const clang::CFG &Cfg, const ParentIndex &Parents, SummaryCache &Summaries,
                    FunctionFacts &Out);

} // namespace borrowck
