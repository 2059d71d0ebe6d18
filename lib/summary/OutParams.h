// The out-parameter facet of SummaryCache (the initialisation family): does a
// function write through a pointer / reference parameter on all paths that
// return, some, or none? A forward must/may pass over the callee's CFG on the
// dataflow engine (dataflow/Dataflow.h).
#pragma once

#include "summary/SummaryCache.h"

namespace borrowck {

// Unmemoised; SummaryCache::outParamWrites memoises it. Writes through the
// parameter count; anything else done with it (passing it on, storing it,
// taking its address) counts as a write too, so the summary can only
// under-claim. Paths that throw or call a noreturn function do not return; a
// path where a pointer parameter is null does not concern a caller that
// passed `&x`.
SummaryCache::OutParamWrites computeOutParamWrites(const clang::FunctionDecl *Callee, unsigned I,
                                                   clang::ASTContext &Ctx);

} // namespace borrowck
