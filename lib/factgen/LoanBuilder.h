// Internal to the fact builders: loan facts for one function.
#pragma once

#include "factgen/FactBuilder.h"
#include "ast/ParentIndex.h"

namespace clang {
class CFG;
}

namespace borrowck {

struct FactIds;

// Fills Out.Storages/Loans/Origins/LoanBlocks (Out.Graph and Out.LoanBlocks
// are already sized). Returns whether the function has anything to check.
bool buildLoanFacts(const clang::FunctionDecl &FD, clang::ASTContext &Ctx, const TypeModel &Model,
                    const SpanMaker &Spans, const clang::CFG &Cfg, const ParentIndex &Parents,
                    SummaryCache &Summaries, FactIds &Ids, FunctionFacts &Out);

} // namespace borrowck
