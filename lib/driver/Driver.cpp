#include "driver/Driver.h"

#include "checks/Checks.h"
#include "explain/Explain.h"
#include "facts/FactBuilder.h"
#include "model/TypeModel.h"
#include "render/Render.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <tuple>

using namespace clang;

namespace borrowck {

namespace {

const char *factKindName(FactKind K) {
  switch (K) {
  case FactKind::Init: return "init";
  case FactKind::Move: return "move";
  case FactKind::Reinit: return "reinit";
  case FactKind::Use: return "use";
  }
  return "?";
}

void dumpFacts(const FunctionFacts &F, llvm::raw_ostream &OS) {
  OS << "function " << F.Name << "\n";
  for (uint32_t P = 0; P < F.Places.size(); ++P)
    OS << "  place " << P << " `" << F.Places[P].Name << "`: " << F.Places[P].TypeName
       << (F.Places[P].Kind == ValueKind::SmartPointer ? " (smart pointer)" : "") << "\n";
  for (uint32_t B = 0; B < F.Blocks.size(); ++B) {
    OS << "  block " << B << " ->";
    for (uint32_t S : F.Graph.Succs[B])
      OS << " " << S;
    OS << "\n";
    for (const Fact &Fa : F.Blocks[B])
      OS << "    " << factKindName(Fa.Kind) << " " << F.Places[Fa.Place].Name << " @"
         << Fa.Where.Begin << "\n";
  }
}

struct FileReport {
  std::vector<Diagnostic> Diags;
  SourceSet Sources;
  bool CompileError = false;
  std::vector<std::string> InternalErrors; // function names
  std::vector<std::string> Skipped;        // "name' (why)"
};

class AnalysisConsumer : public ASTConsumer {
public:
  AnalysisConsumer(CompilerInstance &CI, const DriverOptions &Opts, const std::string &UserPath,
                   FileReport &Report, llvm::raw_ostream &Err)
      : CI(CI), Opts(Opts), UserPath(UserPath), Report(Report), Err(Err) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (CI.getDiagnostics().hasErrorOccurred()) {
      Report.CompileError = true;
      return;
    }
    SourceManager &SM = Ctx.getSourceManager();
    SpanMaker Spans(SM, Ctx.getLangOpts(), UserPath);
    TypeModel Model;
    LifetimeSummaries Summaries;
    BuildLimits Limits;
    AnalysisLimits ALimits;
    std::vector<Finding> Findings;
    for (const FunctionDecl *FD : collectFunctions(Ctx, Spans)) {
      llvm::CrashRecoveryContext CRC;
      bool Ok = CRC.RunSafely([&] {
        FunctionFacts Facts;
        BuildStatus S = buildFunctionFacts(*FD, Ctx, Model, Spans, Limits, Facts, &Summaries);
        if (S == BuildStatus::TooLarge)
          Report.Skipped.push_back(functionName(*FD) + "' (its control-flow graph is over " +
                                   std::to_string(Limits.MaxBlocks) + " blocks)");
        if (S != BuildStatus::Built)
          return;
        if (Opts.DumpFacts)
          dumpFacts(Facts, Err);
        CheckContext C(Facts, ALimits);
        for (const CheckEntry &Check : allChecks())
          Check.Run(C, Findings);
        if (!C.converged())
          Report.Skipped.push_back(functionName(*FD) + "' (the analysis did not settle within " +
                                   std::to_string(ALimits.MaxDataflowVisits) + " steps)");
      });
      if (!Ok)
        Report.InternalErrors.push_back(functionName(*FD));
    }
    for (const Finding &F : Findings)
      Report.Diags.push_back(explain(F));

    // The text of every file a label points into, for the renderers.
    Report.Sources.add(UserPath, SM.getBufferData(SM.getMainFileID()).str());
    for (const Diagnostic &D : Report.Diags)
      for (const Label &L : D.Labels)
        if (!Report.Sources.find(L.Where.File))
          if (auto FE = SM.getFileManager().getOptionalFileRef(L.Where.File))
            Report.Sources.add(L.Where.File,
                               SM.getBufferData(SM.getOrCreateFileID(*FE, SrcMgr::C_User)).str());
  }

private:
  CompilerInstance &CI;
  const DriverOptions &Opts;
  const std::string &UserPath;
  FileReport &Report;
  llvm::raw_ostream &Err;
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(const DriverOptions &Opts, const std::string &UserPath, FileReport &Report,
                 llvm::raw_ostream &Err)
      : Opts(Opts), UserPath(UserPath), Report(Report), Err(Err) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    return std::make_unique<AnalysisConsumer>(CI, Opts, UserPath, Report, Err);
  }

private:
  const DriverOptions &Opts;
  const std::string &UserPath;
  FileReport &Report;
  llvm::raw_ostream &Err;
};

class ActionFactory : public tooling::FrontendActionFactory {
public:
  ActionFactory(const DriverOptions &Opts, const std::string &UserPath, FileReport &Report,
                llvm::raw_ostream &Err)
      : Opts(Opts), UserPath(UserPath), Report(Report), Err(Err) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(Opts, UserPath, Report, Err);
  }

private:
  const DriverOptions &Opts;
  const std::string &UserPath;
  FileReport &Report;
  llvm::raw_ostream &Err;
};

bool sameDiagnostic(const Diagnostic &A, const Diagnostic &B) {
  const Label *PA = A.primary(), *PB = B.primary();
  return A.Rule == B.Rule && A.Message == B.Message && PA && PB && PA->Where.File == PB->Where.File &&
         PA->Where.Begin == PB->Where.Begin && PA->Where.End == PB->Where.End;
}

} // namespace

std::string effectiveResourceDir(const DriverOptions &Opts) {
  if (!Opts.ResourceDir.empty())
    return Opts.ResourceDir;
  if (llvm::sys::fs::is_directory(BORROWCK_RESOURCE_DIR))
    return BORROWCK_RESOURCE_DIR;
  return ""; // let Clang look next to the binary
}

int runBorrowck(const tooling::CompilationDatabase &DB, const DriverOptions &Opts,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  int Status = 0;
  std::vector<Diagnostic> All;
  RenderOptions RO;
  RO.Color = Opts.Color;
  std::string ResourceDir = effectiveResourceDir(Opts);

  for (const std::string &File : Opts.Files) {
    if (llvm::sys::fs::is_directory(File)) {
      Err << "borrowck: error: '" << File << "' is a directory, not a source file\n";
      Status = 2;
      continue;
    }
    if (!llvm::sys::fs::exists(File)) {
      Err << "borrowck: error: no such file: '" << File << "'\n";
      Status = 2;
      continue;
    }
    FileReport Report;
    tooling::ClangTool Tool(DB, {File});
    if (Opts.AddDefaultStd)
      Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
          "-std=c++20", tooling::ArgumentInsertPosition::BEGIN));
    if (!ResourceDir.empty())
      Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
          {"-resource-dir", ResourceDir}, tooling::ArgumentInsertPosition::END));
    // Clang's warnings are not ours to report; its errors are.
    Tool.appendArgumentsAdjuster(
        tooling::getInsertArgumentAdjuster("-w", tooling::ArgumentInsertPosition::END));
    Tool.setPrintErrorMessage(false);
    ActionFactory Factory(Opts, File, Report, Err);
    int ToolStatus = Tool.run(&Factory);
    if (Report.CompileError || (ToolStatus != 0 && Report.Diags.empty())) {
      Err << "borrowck: error: '" << File << "' has compile errors; not analysed\n";
      Status = 2;
      continue;
    }
    for (const std::string &Why : Report.Skipped)
      Err << "borrowck: note: '" << File << "': skipped function '" << Why << "\n";
    for (const std::string &Fn : Report.InternalErrors) {
      Err << "borrowck: internal error: analysis of '" << Fn << "' in '" << File
          << "' crashed; the rest of the file was analysed\n";
      Status = 2;
    }

    std::stable_sort(Report.Diags.begin(), Report.Diags.end(), [](const Diagnostic &A, const Diagnostic &B) {
      const Label *PA = A.primary(), *PB = B.primary();
      return std::tie(PA->Where.File, PA->Where.Begin) < std::tie(PB->Where.File, PB->Where.Begin);
    });
    Report.Diags.erase(std::unique(Report.Diags.begin(), Report.Diags.end(), sameDiagnostic),
                       Report.Diags.end());
    for (const Diagnostic &D : Report.Diags) {
      Out << (Opts.Format == OutputFormat::Clang ? renderClang(D, Report.Sources)
                                                 : renderHuman(D, Report.Sources, RO));
      All.push_back(D);
    }
    Out.flush();
  }
  if (Opts.Format == OutputFormat::Human)
    Out << renderHumanTrailer(All, RO);
  Out.flush();
  if (Status == 0 && !All.empty())
    Status = 1;
  return Status;
}

} // namespace borrowck
