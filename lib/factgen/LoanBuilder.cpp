// Loan facts: which storage each borrow-holding value borrows, and where the
// storage ends. The builder is split by concern in factgen/loans/.
#include "factgen/LoanBuilder.h"
#include "factgen/loans/LoanFactBuilder.h"

namespace borrowck {

bool buildLoanFacts(const FunctionDecl &FD, ASTContext &Ctx, const TypeModel &Model,
                    const SpanMaker &Spans, const CFG &Cfg, const ParentIndex &Parents,
                    SummaryCache &Summaries, FactIds &Ids, FunctionFacts &Out) {
  return LoanFactBuilder(FD, Ctx, Model, Spans, Cfg, Parents, Summaries, Ids, Out).run();
}

} // namespace borrowck

