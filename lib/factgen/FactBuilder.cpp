// The facts of one function: builds its CFG, then the loan, move,
// initialisation and thread facts (each in its own builder).
#include "factgen/FactBuilder.h"

#include "ast/FunctionName.h"
#include "ast/ParentIndex.h"
#include "ast/Spans.h"
#include "factgen/FactIds.h"
#include "factgen/InitBuilder.h"
#include "factgen/LoanBuilder.h"
#include "factgen/ThreadBuilder.h"
#include "factgen/moves/MoveBuilder.h"
#include "model/TypeModel.h"
#include "summary/SummaryCache.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/Support/TimeProfiler.h"

using namespace clang;

namespace borrowck {

BuildStatus buildFunctionFacts(const FunctionDecl &FD, ASTContext &Ctx, const TypeModel &Model,
                               const SpanMaker &Spans, const BuildLimits &Limits,
                               FunctionFacts &Out, SummaryCache *SummariesOrNull) {
  SummaryCache Local;
  SummaryCache &Summaries = SummariesOrNull ? *SummariesOrNull : Local;
  ParentIndex Parents;
  Stmt *Body = FD.getBody();
  if (!Body)
    return BuildStatus::NoBody;

  std::unique_ptr<CFG> Cfg;
  {
    llvm::TimeTraceScope Scope("borrowck CFG build");
    CFG::BuildOptions BO;
    BO.AddImplicitDtors = true;
    BO.AddTemporaryDtors = true;
    BO.AddLifetime = true;
    BO.AddInitializers = true;
    BO.setAllAlwaysAdd();
    Cfg = CFG::buildCFG(&FD, Body, &Ctx, BO);
  }
  if (!Cfg)
    return BuildStatus::NoCFG;
  if (Cfg->size() > Limits.MaxBlocks)
    return BuildStatus::TooLarge;

  Parents.add(Body, nullptr);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
    for (const CXXCtorInitializer *I : Ctor->inits())
      Parents.add(I->getInit(), nullptr);

  Out.Name = functionName(FD);
  Out.Graph.Entry = Cfg->getEntry().getBlockID();
  Out.Graph.Exit = Cfg->getExit().getBlockID();
  unsigned N = Cfg->getNumBlockIDs();
  Out.Graph.Succs.assign(N, {});
  Out.Graph.Preds.assign(N, {});
  Out.Blocks.assign(N, {});
  Out.LoanBlocks.assign(N, {});
  for (const CFGBlock *B : *Cfg)
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      if (const CFGBlock *SB = S.getReachableBlock()) {
        Out.Graph.Succs[B->getBlockID()].push_back(SB->getBlockID());
        Out.Graph.Preds[SB->getBlockID()].push_back(B->getBlockID());
      }

  FactIds Ids;
  // Each phase is a scope of LLVM's time-trace profiler (--time-trace=FILE).
  auto Phase = [](const char *Name, auto &&Build) {
    llvm::TimeTraceScope Scope(Name);
    return Build();
  };
  bool Loans = Phase("borrowck loan facts", [&] {
    return buildLoanFacts(FD, Ctx, Model, Spans, *Cfg, Parents, Summaries, Ids, Out);
  });
  bool Moves = Phase("borrowck move facts", [&] {
    return moves::Builder(FD, Ctx, Model, Spans, Parents).buildMoveFacts(*Cfg, Out);
  });
  bool Inits = Phase("borrowck init facts", [&] {
    return buildInitFacts(FD, Ctx, Spans, *Cfg, Parents, Summaries, Out);
  });
  bool Threads = Phase("borrowck thread facts", [&] {
    return buildThreadFacts(FD, Ctx, Spans, *Cfg, Summaries, Ids, Out);
  });
  return Loans || Moves || Inits || Threads ? BuildStatus::Built : BuildStatus::NothingToTrack;
}

} // namespace borrowck
