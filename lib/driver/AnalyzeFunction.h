// One function, start to finish: its facts, then the enabled checks. Shared
// by the driver (per function of each translation unit), the fuzzer (through
// the driver) and the unit tests, so they all analyse a function the same way.
// Each phase is a scope of LLVM's time-trace profiler (--time-trace=FILE).
#pragma once

#include "checks/Checks.h"
#include "facts/Facts.h"
#include "factgen/FactBuilder.h"

#include <functional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace borrowck {

class SpanMaker;
class SummaryCache;
class TypeModel;

struct AnalyzeOptions {
  BuildLimits Limits;
  // MaxDataflowVisits, and Strict for the whole run (a function marked
  // BORROWCK_STRICT is strict regardless).
  AnalysisOptions Analysis;
  // The checks to run, in order; null: every check (allChecks()).
  const std::vector<CheckEntry> *Checks = nullptr;
  // Called with the facts once built, before any check (--dump=facts).
  std::function<void(const FunctionFacts &)> OnFacts;
};

struct FunctionAnalysis {
  BuildStatus Status = BuildStatus::NoBody;
  bool Converged = true; // every dataflow analysis the checks ran settled
  // Why the function was (partly) skipped, as the driver's note words it:
  // "NAME' (its control-flow graph is over N blocks)".
  std::vector<std::string> Skipped;
  FunctionFacts Facts; // when Status is Built
};

// Builds FD's facts (with the translation unit's Summaries) and, when there
// is something to track, runs the checks; findings are appended to Findings
// as each check produces them.
FunctionAnalysis analyzeFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                                 const TypeModel &Model, const SpanMaker &Spans,
                                 SummaryCache &Summaries, const AnalyzeOptions &Opts,
                                 std::vector<Finding> &Findings);

} // namespace borrowck
