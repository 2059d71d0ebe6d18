#include "driver/AnalyzeFunction.h"

#include "ast/FunctionName.h"
#include "model/TypeModel.h"

#include "clang/AST/Decl.h"
#include "llvm/Support/TimeProfiler.h"

namespace borrowck {

FunctionAnalysis analyzeFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                                 const TypeModel &Model, const SpanMaker &Spans,
                                 SummaryCache &Summaries, const AnalyzeOptions &Opts,
                                 std::vector<Finding> &Findings) {
  llvm::TimeTraceScope Scope("borrowck function", [&] { return functionName(FD); });
  FunctionAnalysis R;
  R.Status = buildFunctionFacts(FD, Ctx, Model, Spans, Opts.Limits, R.Facts, &Summaries);
  if (R.Status == BuildStatus::TooLarge)
    R.Skipped.push_back(functionName(FD) + "' (its control-flow graph is over " +
                        std::to_string(Opts.Limits.MaxBlocks) + " blocks)");
  if (R.Status != BuildStatus::Built)
    return R;
  if (Opts.OnFacts)
    Opts.OnFacts(R.Facts);
  AnalysisOptions FnOptions = Opts.Analysis;
  FnOptions.Strict = Opts.Analysis.Strict || TypeModel::strictDiscipline(FD); // BORROWCK_STRICT
  CheckContext C(R.Facts, FnOptions);
  for (const CheckEntry &Check : Opts.Checks ? *Opts.Checks : allChecks()) {
    llvm::TimeTraceScope CheckScope("borrowck check", Check.Slug);
    Check.Run(C, Findings);
  }
  R.Converged = C.converged();
  if (!R.Converged)
    R.Skipped.push_back(functionName(FD) + "' (the analysis did not settle within " +
                        std::to_string(Opts.Analysis.MaxDataflowVisits) + " steps)");
  return R;
}

} // namespace borrowck
