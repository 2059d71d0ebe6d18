// The checks: one function per rule, found through the table generated from
// rules/<slug>/ (a folder named use-after-move is checked by checkUseAfterMove).
#pragma once

#include "analysis/InitAnalysis.h"
#include "analysis/LoanAnalysis.h"
#include "analysis/MoveAnalysis.h"
#include "analysis/ThreadAnalysis.h"
#include "checks/Finding.h"

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace borrowck {

struct AnalysisOptions {
  uint64_t MaxDataflowVisits = 200000;
  // --strict (or `strict: true` in the configuration): also report what is valid C++
  // but breaks Rust's discipline (two live mutable borrows, assigning to a borrowed int).
  bool Strict = false;
};

// Analyses computed on first request and shared by all checks of a function.
class CheckContext {
public:
  CheckContext(const FunctionFacts &F, const AnalysisOptions &L) : Facts(F), Limits(L) {}
  const FunctionFacts &Facts;
  const AnalysisOptions &options() const { return Limits; }
  const MoveAnalysis &moves();
  const DataflowResult<MoveState> &moveStates();
  const LoanAnalysis &loans();
  const DataflowResult<LoanState> &loanStates();
  // The same analysis with moves dropped on loop back edges.
  const MoveAnalysis &sameIterationMoves();
  const DataflowResult<MoveState> &sameIterationMoveStates();
  const InitAnalysis &inits();
  const DataflowResult<InitState> &initStates();
  const ThreadAnalysis &threads();
  const DataflowResult<ThreadState> &threadStates();
  // False when some dataflow hit its bound; the driver reports the function as skipped.
  bool converged() const { return Converged; }

private:
  AnalysisOptions Limits; // a copy: callers pass temporaries (found by ASan)
  std::unique_ptr<MoveAnalysis> Moves, SameIterationMoves;
  std::optional<DataflowResult<MoveState>> MoveStates, SameIterationMoveStates;
  std::unique_ptr<LoanAnalysis> Loans;
  std::optional<DataflowResult<LoanState>> LoanStates;
  std::unique_ptr<InitAnalysis> Inits;
  std::optional<DataflowResult<InitState>> InitStates;
  std::unique_ptr<ThreadAnalysis> Threads;
  std::optional<DataflowResult<ThreadState>> ThreadStates;
  bool Converged = true;
};

using CheckFunction = void (*)(CheckContext &, std::vector<Finding> &);
struct CheckEntry {
  std::string_view Slug;
  CheckFunction Run;
};

// Every rule's check, in catalog order.
const std::vector<CheckEntry> &allChecks();

} // namespace borrowck
