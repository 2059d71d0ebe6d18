#include "driver/Driver.h"

#include "catalog/Catalog.h"
#include "checks/Checks.h"
#include "config/Config.h"
#include "explain/Explain.h"
#include "driver/AnalyzeFunction.h"
#include "driver/Functions.h"
#include "driver/Preamble.h"
#include "factgen/FactBuilder.h"
#include "ast/Spans.h"
#include "summary/SummaryCache.h"
#include "facts/FactDump.h"
#include "model/TypeModel.h"
#include "render/MachineRender.h"
#include "render/Render.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/TimeProfiler.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>

using namespace clang;

namespace borrowck {

namespace {

// --function=NAME: the qualified name, or its last component ("run" for "Worker::run").
bool dumpWanted(const std::string &Name, const std::string &Wanted) {
  if (Wanted.empty() || Name == Wanted)
    return true;
  return Name.size() > Wanted.size() + 2 && Name.compare(Name.size() - Wanted.size(), Wanted.size(), Wanted) == 0 &&
         Name.compare(Name.size() - Wanted.size() - 2, 2, "::") == 0;
}

// A `borrowck-allow(rule, ...)` comment (docs/configuration.md).
struct Suppression {
  std::string File; // as spans name it
  uint32_t Line = 0, Col = 0;
  bool InMainFile = false;
  std::vector<std::string> Names;
  std::vector<bool> Used; // per name
};

// Collects suppression comments from the files that are not system headers.
class SuppressionCollector : public CommentHandler {
public:
  SuppressionCollector(const std::string &UserPath, std::vector<Suppression> &Out)
      : UserPath(UserPath), Out(Out) {}
  bool HandleComment(Preprocessor &PP, SourceRange R) override {
    static constexpr llvm::StringLiteral Key = "borrowck-allow(";
    SourceManager &SM = PP.getSourceManager();
    SourceLocation B = R.getBegin();
    if (!B.isFileID() || SM.isInSystemHeader(B))
      return false;
    auto [FID, Offset] = SM.getDecomposedLoc(B);
    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
    unsigned EndOffset = SM.getFileOffset(R.getEnd());
    if (Invalid || EndOffset > Buffer.size() || EndOffset < Offset)
      return false;
    llvm::StringRef Text = Buffer.slice(Offset, EndOffset);
    for (size_t At = Text.find(Key); At != llvm::StringRef::npos; At = Text.find(Key, At + 1)) {
      llvm::StringRef Rest = Text.substr(At + Key.size());
      size_t Close = Rest.find(')');
      if (Close == llvm::StringRef::npos)
        continue;
      Suppression S;
      SourceLocation L = B.getLocWithOffset(At);
      S.InMainFile = FID == SM.getMainFileID();
      if (S.InMainFile)
        S.File = UserPath;
      else if (OptionalFileEntryRef F = SM.getFileEntryRefForID(FID))
        S.File = normalFileName(SM, F->getName());
      else
        return false;
      S.Line = SM.getSpellingLineNumber(L);
      S.Col = SM.getSpellingColumnNumber(L);
      llvm::SmallVector<llvm::StringRef, 4> Names;
      Rest.take_front(Close).split(Names, ',', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef N : Names)
        if (!N.trim().empty())
          S.Names.push_back(N.trim().str());
      S.Used.assign(S.Names.size(), false);
      if (!S.Names.empty())
        Out.push_back(std::move(S));
    }
    return false;
  }

private:
  const std::string &UserPath;
  std::vector<Suppression> &Out;
};

struct FileReport {
  std::vector<Suppression> Suppressions;
  std::vector<Diagnostic> Diags;
  SourceSet Sources;
  bool CompileError = false;
  std::vector<std::string> InternalErrors; // function names
  std::vector<std::string> Skipped;        // "name' (why)"
  unsigned Functions = 0, WithFacts = 0;   // bodies collected; those with something to track
};

class AnalysisConsumer : public ASTConsumer {
public:
  AnalysisConsumer(CompilerInstance &CI, const DriverOptions &Opts, const Config &Cfg,
                   const std::string &UserPath, FileReport &Report, llvm::raw_ostream &Err)
      : CI(CI), Opts(Opts), Cfg(Cfg), UserPath(UserPath), Report(Report), Err(Err) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (CI.getDiagnostics().hasErrorOccurred()) {
      Report.CompileError = true;
      return;
    }
    SourceManager &SM = Ctx.getSourceManager();
    SpanMaker Spans(SM, Ctx.getLangOpts(), UserPath);
    TypeModel Model(Cfg.Ownership);
    SummaryCache Summaries;
    AnalyzeOptions AOpts;
    AOpts.Analysis.Strict = Opts.Strict || Cfg.Strict.value_or(false);
    std::vector<CheckEntry> Checks;
    for (const CheckEntry &Check : allChecks())
      if (Cfg.enabled(Check.Slug))
        Checks.push_back(Check);
    AOpts.Checks = &Checks;
    // Built, before any check runs (so a crash in a check still counts it).
    AOpts.OnFacts = [&](const FunctionFacts &Facts) {
      ++Report.WithFacts;
      if (Opts.DumpFacts && dumpWanted(Facts.Name, Opts.DumpFunction))
        dumpFacts(Facts, UserPath, Err);
    };
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
        FunctionAnalysis A = analyzeFunction(*FD, Ctx, Model, Spans, Summaries, AOpts, Findings);
        for (std::string &S : A.Skipped)
          Report.Skipped.push_back(std::move(S));
      });
      if (!Ok)
        Report.InternalErrors.push_back(functionName(*FD));
    }
    // A check may report more than one rule: disabled ones are dropped here too.
    for (const Finding &F : Findings)
      if (Cfg.enabled(F.Rule)) {
        Report.Diags.push_back(explain(F));
        if (std::optional<Level> L = Cfg.severity(F.Rule))
          Report.Diags.back().Severity = *L;
      }

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
  const Config &Cfg;
  const std::string &UserPath;
  FileReport &Report;
  llvm::raw_ostream &Err;
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(const DriverOptions &Opts, const Config &Cfg, const std::string &UserPath,
                 FileReport &Report, llvm::raw_ostream &Err)
      : Opts(Opts), Cfg(Cfg), UserPath(UserPath), Report(Report), Err(Err),
        Comments(UserPath, Report.Suppressions) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    return std::make_unique<AnalysisConsumer>(CI, Opts, Cfg, UserPath, Report, Err);
  }
  bool BeginSourceFileAction(CompilerInstance &CI) override {
    CI.getPreprocessor().addCommentHandler(&Comments);
    return true;
  }
  void EndSourceFileAction() override {
    getCompilerInstance().getPreprocessor().removeCommentHandler(&Comments);
  }

private:
  const DriverOptions &Opts;
  const Config &Cfg;
  const std::string &UserPath;
  FileReport &Report;
  llvm::raw_ostream &Err;
  SuppressionCollector Comments;
};

class ActionFactory : public tooling::FrontendActionFactory {
public:
  ActionFactory(const DriverOptions &Opts, const Config &Cfg, const std::string &UserPath,
                FileReport &Report, llvm::raw_ostream &Err)
      : Opts(Opts), Cfg(Cfg), UserPath(UserPath), Report(Report), Err(Err) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(Opts, Cfg, UserPath, Report, Err);
  }

  // An editor's buffer with a preamble cache: the #include block from a PCH when it
  // is unchanged; otherwise (and without a cache) as ClangTool runs it.
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCH, DiagnosticConsumer *Diags) override {
    auto Text = Opts.Unsaved.find(UserPath);
    if (!Opts.Preambles || Text == Opts.Unsaved.end() || Invocation->getFrontendOpts().Inputs.size() != 1)
      return FrontendActionFactory::runInvocation(std::move(Invocation), Files, std::move(PCH), Diags);
    std::unique_ptr<llvm::MemoryBuffer> Main = llvm::MemoryBuffer::getMemBuffer(
        Text->second, Invocation->getFrontendOpts().Inputs[0].getFile());
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS = Files->getVirtualFileSystemPtr();
    if (!Opts.Preambles->use(*Invocation, VFS, *Main, PCH))
      return FrontendActionFactory::runInvocation(std::move(Invocation), Files, std::move(PCH), Diags);
    CompilerInstance Compiler(std::move(Invocation), std::move(PCH));
    Compiler.setVirtualFileSystem(VFS);
    Compiler.setFileManager(llvm::makeIntrusiveRefCnt<FileManager>(Files->getFileSystemOpts(), VFS));
    std::unique_ptr<FrontendAction> Action = create(); // destroyed before Compiler
    Compiler.createDiagnostics(Diags, /*ShouldOwnClient=*/false);
    if (!Compiler.hasDiagnostics())
      return false;
    Compiler.createSourceManager();
    return Compiler.ExecuteAction(*Action);
  }

private:
  const DriverOptions &Opts;
  const Config &Cfg;
  const std::string &UserPath;
  FileReport &Report;
  llvm::raw_ostream &Err;
};

bool sameDiagnostic(const Diagnostic &A, const Diagnostic &B) {
  const Label *PA = A.primary(), *PB = B.primary();
  return A.Rule == B.Rule && A.Message == B.Message && PA && PB && PA->Where.File == PB->Where.File &&
         PA->Where.Begin == PB->Where.Begin && PA->Where.End == PB->Where.End;
}

// The same finding reached from two translation units (in a shared header).
using DiagKey = std::tuple<std::string, std::string, std::string, uint32_t, uint32_t>;
DiagKey keyOf(const Diagnostic &D) {
  const Label *P = D.primary();
  return {D.Rule, D.Message, P ? P->Where.File : "", P ? P->Where.Begin : 0, P ? P->Where.End : 0};
}

// A tool message of one file, printed when the file's turn comes.
struct Message {
  Level Kind;
  std::string Text;
  const char *Prefix = nullptr; // replaces the level's name on stderr
  std::string DedupeKey;        // non-empty: printed once per run
};

// Everything one translation unit produced; filled on a worker thread, printed in order.
struct FileResult {
  std::string ClangOutput; // Clang's own errors, and --dump=facts
  std::vector<Message> Messages;
  std::vector<Diagnostic> Diags; // sorted, deduplicated, suppressions applied
  SourceSet Sources;
  unsigned Suppressed = 0;
  bool ToolError = false;
};

// Which configuration a file uses: one per .borrowck.yaml, loaded once per run.
struct ConfigChoice {
  const Config *Cfg = nullptr; // null: the configuration has an error
  std::string Error;
};

class ConfigCache {
public:
  ConfigChoice forFile(const std::string &File, const std::string &Override) {
    std::string Path = Override.empty() ? findConfigFile(File) : Override;
    auto It = Loaded.find(Path);
    if (It == Loaded.end()) {
      Entry E;
      if (Path.empty()) {
        E.Cfg = std::make_unique<Config>();
      } else if (llvm::Expected<Config> C = loadConfigFile(Path)) {
        E.Cfg = std::make_unique<Config>(std::move(*C));
      } else {
        E.Error = llvm::toString(C.takeError());
      }
      It = Loaded.emplace(Path, std::move(E)).first;
    }
    return {It->second.Cfg.get(), It->second.Error};
  }

private:
  struct Entry {
    std::unique_ptr<Config> Cfg;
    std::string Error;
  };
  std::map<std::string, Entry> Loaded;
};

uint32_t lineOf(const Diagnostic &D, const SourceSet &Sources) {
  const Label *P = D.primary();
  const SourceText *T = P ? Sources.find(P->Where.File) : nullptr;
  return T ? T->lineCol(P->Where.Begin).Line : 0;
}

std::string suppressionWhere(const Suppression &S) {
  return S.File + ":" + std::to_string(S.Line) + ":" + std::to_string(S.Col);
}

// Runs Clang and the checks over one file. Thread-safe: touches only its arguments.
FileResult analyseFile(const tooling::CompilationDatabase &DB, const DriverOptions &Opts,
                       const std::string &File, const ConfigChoice &Choice,
                       const std::string &ResourceDir) {
  FileResult R;
  auto Error = [&](std::string Text, const char *Prefix = nullptr) {
    R.Messages.push_back(Message{Level::Error, std::move(Text), Prefix, {}});
    R.ToolError = true;
  };
  if (!Choice.Cfg) {
    R.Messages.push_back(Message{Level::Error, Choice.Error, nullptr, Choice.Error});
    R.ToolError = true;
    return R;
  }
  const Config &Cfg = *Choice.Cfg;
  auto Unsaved = Opts.Unsaved.find(File);
  const bool InMemory = Unsaved != Opts.Unsaved.end();
  if (!InMemory && llvm::sys::fs::is_directory(File)) {
    Error("'" + File + "' is a directory, not a source file");
    return R;
  }
  if (!InMemory && !llvm::sys::fs::exists(File)) {
    Error("no such file: '" + File + "'");
    return R;
  }
  if (DB.getCompileCommands(File).empty()) {
    Error("no compile command for '" + File + "' in the compilation database");
    return R;
  }
  FileReport Report;
  llvm::raw_string_ostream ClangOut(R.ClangOutput);
  DiagnosticOptions DiagOpts;
  TextDiagnosticPrinter Printer(ClangOut, DiagOpts);
  // A file system of its own: with the shared real one, ClangTool changes the process's
  // working directory to each compile command's, under the other threads' feet.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(llvm::vfs::createPhysicalFileSystem().release());
  if (InMemory) {
    // The given text over the real file system: the file itself from memory, the
    // rest (its #includes, the compile command's directory) from disk.
    llvm::SmallString<256> Abs(File);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
    Memory->addFile(Abs, 0, llvm::MemoryBuffer::getMemBufferCopy(Unsaved->second, Abs));
    auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(FS);
    Overlay->pushOverlay(Memory);
    FS = Overlay;
  }
  tooling::ClangTool Tool(DB, {File}, std::make_shared<PCHContainerOperations>(), FS);
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
  Tool.setDiagnosticConsumer(&Printer);
  ActionFactory Factory(Opts, Cfg, File, Report, ClangOut);
  int ToolStatus = Tool.run(&Factory);
  ClangOut.flush();
  if (Report.CompileError || (ToolStatus != 0 && Report.Diags.empty())) {
    Error("'" + File + "' has compile errors; not analysed");
    return R;
  }
  if (Opts.Stats)
    R.Messages.push_back(Message{Level::Note,
                                 "'" + File + "': " + std::to_string(Report.Functions) +
                                     " functions analysed, " + std::to_string(Report.WithFacts) +
                                     " with facts, " + std::to_string(Report.Skipped.size()) +
                                     " skipped, " + std::to_string(Report.InternalErrors.size()) +
                                     " crashed",
                                 "stats", {}});
  for (const std::string &Why : Report.Skipped)
    R.Messages.push_back(Message{Level::Note, "'" + File + "': skipped function '" + Why, nullptr, {}});
  for (const std::string &Fn : Report.InternalErrors)
    Error("analysis of '" + Fn + "' in '" + File + "' crashed; the rest of the file was analysed",
          "internal error");

  std::stable_sort(Report.Diags.begin(), Report.Diags.end(), [](const Diagnostic &A, const Diagnostic &B) {
    const Label *PA = A.primary(), *PB = B.primary();
    return std::tie(PA->Where.File, PA->Where.Begin) < std::tie(PB->Where.File, PB->Where.Begin);
  });
  Report.Diags.erase(std::unique(Report.Diags.begin(), Report.Diags.end(), sameDiagnostic),
                     Report.Diags.end());

  // Suppressions: a comment on the finding's line or the line before names its rule.
  for (Diagnostic &D : Report.Diags) {
    uint32_t Line = lineOf(D, Report.Sources);
    bool Suppressed = false;
    for (Suppression &S : Report.Suppressions) {
      if (S.File != D.primary()->Where.File || (S.Line != Line && S.Line + 1 != Line))
        continue;
      for (size_t I = 0; I < S.Names.size(); ++I)
        if (namesRule(S.Names[I], D.Rule))
          S.Used[I] = Suppressed = true;
    }
    if (Suppressed)
      ++R.Suppressed;
    else
      R.Diags.push_back(std::move(D));
  }
  const bool Strict = Opts.Strict || Cfg.Strict.value_or(false);
  for (const Suppression &S : Report.Suppressions)
    for (size_t I = 0; I < S.Names.size(); ++I) {
      if (!isRuleName(S.Names[I])) {
        std::string Text = suppressionWhere(S) + ": borrowck-allow names no rule '" + S.Names[I] +
                           "'; see borrowck --list-rules";
        R.Messages.push_back(Message{Level::Warning, Text, nullptr, Text});
      } else if (Strict && S.InMainFile && !S.Used[I]) {
        R.Messages.push_back(Message{Level::Warning,
                                     suppressionWhere(S) + ": unused suppression: no '" + S.Names[I] +
                                         "' finding on this line or the next",
                                     nullptr,
                                     {}});
      }
    }
  R.Sources = std::move(Report.Sources);
  return R;
}

} // namespace

FileAnalysis analyseOneFile(const tooling::CompilationDatabase &DB, const DriverOptions &Opts,
                            const std::string &File) {
  ConfigCache Configs;
  FileResult R = analyseFile(DB, Opts, File, Configs.forFile(File, Opts.ConfigFile),
                             effectiveResourceDir(Opts));
  FileAnalysis A;
  A.Diags = std::move(R.Diags);
  A.Sources = std::move(R.Sources);
  A.ClangOutput = std::move(R.ClangOutput);
  A.ToolError = R.ToolError;
  for (Message &M : R.Messages)
    A.Messages.push_back(ToolMessage{M.Kind, File, std::move(M.Text)});
  return A;
}

std::string effectiveResourceDir(const DriverOptions &Opts) {
  if (!Opts.ResourceDir.empty())
    return Opts.ResourceDir;
  if (llvm::sys::fs::is_directory(BORROWCK_RESOURCE_DIR))
    return BORROWCK_RESOURCE_DIR;
  return ""; // let Clang look next to the binary
}

int runBorrowck(const tooling::CompilationDatabase &DB, const DriverOptions &Opts,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  const auto Start = std::chrono::steady_clock::now();
  const bool Streaming = Opts.Format == OutputFormat::Human || Opts.Format == OutputFormat::Clang;
  int Status = 0;
  RunReport Run;
  Run.Files = Opts.Files;
  RenderOptions RO;
  RO.Color = Opts.Color;
  RO.Width = Opts.Width;
  std::set<std::pair<std::string, std::string>> Taught; // comparison lines printed so far
  std::string ResourceDir = effectiveResourceDir(Opts);
  // --time-trace: LLVM's profiler is per thread; with it, every translation
  // unit is analysed on this thread (-j1), so one profiler sees every phase.
  if (!Opts.TimeTrace.empty())
    llvm::timeTraceProfilerInitialize(/*TimeTraceGranularity=*/0, "borrowck");

  // Configurations are found and read before any work starts, once each.
  ConfigCache Configs;
  std::vector<ConfigChoice> Choices;
  for (const std::string &File : Opts.Files)
    Choices.push_back(Configs.forFile(File, Opts.ConfigFile));

  // Translation units run in parallel; each one's output is printed in the order given.
  const size_t N = Opts.Files.size();
  std::vector<FileResult> Results(N);
  std::vector<std::shared_future<void>> Done;
  std::mutex ErrLock;
  std::atomic<size_t> Finished{0};
  auto Work = [&](size_t I) {
    Results[I] = analyseFile(DB, Opts, Opts.Files[I], Choices[I], ResourceDir);
    size_t K = ++Finished;
    if (Opts.Progress) {
      std::lock_guard<std::mutex> G(ErrLock);
      Err << "\r\x1b[K[" << K << "/" << N << "] " << Opts.Files[I];
      Err.flush();
    }
  };
  llvm::ThreadPoolStrategy Strategy = llvm::hardware_concurrency(Opts.Jobs);
  const unsigned Threads =
      Opts.TimeTrace.empty() ? std::min<size_t>(Strategy.compute_thread_count(), N) : 1;
  std::unique_ptr<llvm::DefaultThreadPool> Pool;
  if (Threads > 1) {
    Strategy.ThreadsRequested = Threads;
    Pool = std::make_unique<llvm::DefaultThreadPool>(Strategy);
    for (size_t I = 0; I < N; ++I)
      Done.push_back(Pool->async([&Work, I] { Work(I); }));
  }

  // Every tool message goes to stderr and into the report; on stderr it reads
  // "borrowck: <prefix>: <text>", the prefix being the level unless given.
  std::set<std::string> Said;
  std::set<DiagKey> Printed;
  std::map<std::pair<std::string, std::string>, unsigned> PerRule; // (rule, code) -> count
  unsigned Suppressed = 0;
  for (size_t I = 0; I < N; ++I) {
    if (Pool)
      Done[I].wait();
    else
      Work(I);
    FileResult &R = Results[I];
    const std::string &File = Opts.Files[I];
    {
      std::lock_guard<std::mutex> G(ErrLock);
      if (Opts.Progress)
        Err << "\r\x1b[K";
      Err << R.ClangOutput;
      for (const Message &M : R.Messages) {
        if (!M.DedupeKey.empty() && !Said.insert(M.DedupeKey).second)
          continue;
        Err << "borrowck: " << (M.Prefix ? M.Prefix : levelName(M.Kind)) << ": " << M.Text << "\n";
        Run.Messages.push_back(ToolMessage{M.Kind, File, M.Text});
      }
      Err.flush();
    }
    if (R.ToolError)
      Status = 2;
    Suppressed += R.Suppressed;
    for (Diagnostic &D : R.Diags) {
      if (!Printed.insert(keyOf(D)).second)
        continue; // already reported from an earlier translation unit
      if (Opts.Format == OutputFormat::Clang)
        Out << renderClang(D, R.Sources);
      else if (Opts.Format == OutputFormat::Human)
        Out << renderHuman(briefFinding(D, Opts.Teach, Taught), R.Sources, RO);
      ++PerRule[{D.Rule, D.RustCode}];
      Run.Diags.push_back(std::move(D));
    }
    if (!Streaming)
      for (const auto &[Path, Src] : R.Sources.files())
        if (!Run.Sources.find(Path))
          Run.Sources.add(Path, Src.text());
    Results[I] = FileResult(); // printed: free it
    Out.flush();
  }
  if (Pool)
    Pool->wait();
  // Findings configured down to notes are reported but do not fail the run.
  if (Status == 0 && std::any_of(Run.Diags.begin(), Run.Diags.end(),
                                 [](const Diagnostic &D) { return D.Severity != Level::Note; }))
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

  if (Opts.Summary && Streaming) {
    double Secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    Err << llvm::format("borrowck: summary: %zu finding%s, %u suppressed, in %zu file%s (%.2fs)\n",
                        Run.Diags.size(), Run.Diags.size() == 1 ? "" : "s", Suppressed, N,
                        N == 1 ? "" : "s", Secs);
    for (const auto &[Rule, Count] : PerRule)
      Err << "borrowck: summary: " << Count << " " << Rule.first
          << (Rule.second.empty() ? "" : " [" + Rule.second + "]") << "\n";
    Err.flush();
  }
  if (!Opts.TimeTrace.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream TraceOut(Opts.TimeTrace, EC, llvm::sys::fs::OF_Text);
    if (EC) {
      Err << "borrowck: error: cannot write '" << Opts.TimeTrace << "': " << EC.message() << "\n";
      Status = 2;
    } else {
      llvm::timeTraceProfilerWrite(TraceOut);
    }
    llvm::timeTraceProfilerCleanup();
  }
  return Status;
}

} // namespace borrowck
