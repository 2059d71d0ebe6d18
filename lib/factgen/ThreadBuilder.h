// Internal to the fact builders: thread facts for one function.
#pragma once

#include "factgen/FactBuilder.h"

namespace clang {
class CFG;
}

namespace borrowck {

struct FactIds;

// Fills Out.Threads (Out.Graph is already built). Returns whether the
// function spawns a thread.
bool buildThreadFacts(const clang::FunctionDecl &FD, clang::ASTContext &Ctx, const SpanMaker &Spans,
                      const clang::CFG &Cfg, SummaryCache &Summaries, const FactIds &Ids,
                      FunctionFacts &Out);

} // namespace borrowck
