#include "driver/Driver.h"

#include "catalog/Catalog.h"
#include "checks/Checks.h"
#include "explain/Explain.h"
#include "facts/FactBuilder.h"
#include "model/TypeModel.h"
#include "render/MachineRender.h"
#include "render/Render.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>
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
  unsigned Functions = 0, WithFacts = 0;   // bodies collected; those with something to track
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
    AnalysisOptions ALimits;
    ALimits.Strict = Opts.Strict;
    std::vector<Finding> Findings;
    std::optional<llvm::Regex> HeaderFilter;
    if (!Opts.HeaderFilter.empty())
      HeaderFilter.emplace(Opts.HeaderFilter);
    for (const FunctionDecl *FD : collectFunctions(Ctx, Spans, HeaderFilter ? &*HeaderFilter : nullptr)) {
      ++Report.Functions;
      llvm::CrashRecoveryContext CRC;
      bool Ok = CRC.RunSafely([&] {
        if (!Opts.CrashIn.empty() && functionName(*FD) == Opts.CrashIn)
          LLVM_BUILTIN_TRAP; // tests the recovery below
        FunctionFacts Facts;
        BuildStatus S = buildFunctionFacts(*FD, Ctx, Model, Spans, Limits, Facts, &Summaries);
        Report.WithFacts += S == BuildStatus::Built;
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
  const bool Streaming = Opts.Format == OutputFormat::Human || Opts.Format == OutputFormat::Clang;
  int Status = 0;
  RunReport Run;
  Run.Files = Opts.Files;
  RenderOptions RO;
  RO.Color = Opts.Color;
  std::string ResourceDir = effectiveResourceDir(Opts);

  // Every tool message goes to stderr at once and into the report; on stderr it reads
  // "borrowck: <prefix>: <text>", the prefix being the level unless given.
  auto Message = [&](Level Kind, const std::string &File, const std::string &Text,
                     const char *Prefix = nullptr) {
    Err << "borrowck: " << (Prefix ? Prefix : Kind == Level::Error ? "error" : "note") << ": " << Text << "\n";
    Run.Messages.push_back(ToolMessage{Kind, File, Text});
  };

  for (const std::string &File : Opts.Files) {
    if (llvm::sys::fs::is_directory(File)) {
      Message(Level::Error, File, "'" + File + "' is a directory, not a source file");
      Status = 2;
      continue;
    }
    if (!llvm::sys::fs::exists(File)) {
      Message(Level::Error, File, "no such file: '" + File + "'");
      Status = 2;
      continue;
    }
    if (DB.getCompileCommands(File).empty()) {
      Message(Level::Error, File, "no compile command for '" + File + "' in the compilation database");
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
      Message(Level::Error, File, "'" + File + "' has compile errors; not analysed");
      Status = 2;
      continue;
    }
    if (Opts.Stats)
      Err << "borrowck: stats: '" << File << "': " << Report.Functions << " functions analysed, "
          << Report.WithFacts << " with facts, " << Report.Skipped.size() << " skipped, "
          << Report.InternalErrors.size() << " crashed\n";
    for (const std::string &Why : Report.Skipped)
      Message(Level::Note, File, "'" + File + "': skipped function '" + Why);
    for (const std::string &Fn : Report.InternalErrors) {
      Message(Level::Error, File,
              "analysis of '" + Fn + "' in '" + File + "' crashed; the rest of the file was analysed",
              "internal error");
      Status = 2;
    }

    std::stable_sort(Report.Diags.begin(), Report.Diags.end(), [](const Diagnostic &A, const Diagnostic &B) {
      const Label *PA = A.primary(), *PB = B.primary();
      return std::tie(PA->Where.File, PA->Where.Begin) < std::tie(PB->Where.File, PB->Where.Begin);
    });
    Report.Diags.erase(std::unique(Report.Diags.begin(), Report.Diags.end(), sameDiagnostic),
                       Report.Diags.end());
    for (const Diagnostic &D : Report.Diags) {
      if (Opts.Format == OutputFormat::Clang)
        Out << renderClang(D, Report.Sources);
      else if (Opts.Format == OutputFormat::Human)
        Out << renderHuman(D, Report.Sources, RO);
      Run.Diags.push_back(D);
    }
    if (!Streaming)
      for (const auto &[Path, Src] : Report.Sources.files())
        if (!Run.Sources.find(Path))
          Run.Sources.add(Path, Src.text());
    Out.flush();
  }
  if (Status == 0 && !Run.Diags.empty())
    Status = 1;
  Run.ExitStatus = Status;

  ToolInfo TI;
  TI.Version = BORROWCK_VERSION;
  TI.InformationUri = BORROWCK_HOMEPAGE_URL;
  TI.DocsUri = BORROWCK_DOCS_URL;
  if (!TI.DocsUri.empty() && TI.DocsUri.back() != '/')
    TI.DocsUri += '/';
  switch (Opts.Format) {
  case OutputFormat::Human: Out << renderHumanTrailer(Run.Diags, RO); break;
  case OutputFormat::Clang: break;
  case OutputFormat::Json: Out << renderJson(Run, TI); break;
  case OutputFormat::Sarif: {
    llvm::SmallString<256> Cwd;
    if (llvm::sys::fs::current_path(Cwd))
      Cwd.clear();
    Out << renderSarif(Run, allRules(), TI, std::string(Cwd));
    break;
  }
  }
  Out.flush();
  return Status;
}

} // namespace borrowck
