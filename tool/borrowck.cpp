// borrowck: the command line. All options live here; lib/ takes DriverOptions.
#include "catalog/Catalog.h"
#include "config/Config.h"
#include "driver/Driver.h"
#include "explain/Page.h"
#include "lsp/Server.h"

#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace llvm;

static cl::OptionCategory Category("borrowck options");

static cl::extrahelp MoreHelp(R"(
borrowck applies Rust's ownership and borrowing rules to C++ and reports, in
rustc's words, where Rust's borrow checker would have stopped a memory bug.

  borrowck file.cpp                      analyse with -std=c++20
  borrowck file.cpp -- -std=c++17 -Iinc  analyse with these compiler flags
  borrowck -p build file.cpp             use build/compile_commands.json
  borrowck -p build -j 8                 every file in build/compile_commands.json
  borrowck --format=sarif -o out.sarif file.cpp   SARIF 2.1.0 for code scanning
  borrowck --explain E0382               teach a rule (by Rust code or name)

Exit status: 0 nothing found, 1 findings, 2 tool error (missing file,
compile errors, bad options).
)");

enum class ColorChoice { Auto, Always, Never };

static cl::opt<borrowck::OutputFormat> Format(
    "format", cl::desc("Output format"), cl::init(borrowck::OutputFormat::Human),
    cl::values(clEnumValN(borrowck::OutputFormat::Human, "human", "rustc's layout (default)"),
               clEnumValN(borrowck::OutputFormat::Clang, "clang",
                          "one line per diagnostic, file:line:col: error: ... [rule]"),
               clEnumValN(borrowck::OutputFormat::Json, "json",
                          "one JSON document per run (docs/output-formats.md)"),
               clEnumValN(borrowck::OutputFormat::Sarif, "sarif", "SARIF 2.1.0, one run")),
    cl::cat(Category));

// LLVM already owns an option named "color": main() renames it and gives the
// name to this one.
static cl::opt<ColorChoice> Color(
    "borrowck-color", cl::desc("Colour: auto (when stdout is a terminal), always, never"),
    cl::init(ColorChoice::Auto),
    cl::values(clEnumValN(ColorChoice::Auto, "auto", ""), clEnumValN(ColorChoice::Always, "always", ""),
               clEnumValN(ColorChoice::Never, "never", "")),
    cl::cat(Category));

static cl::opt<std::string> OutputFile("o", cl::desc("Write the report to <file> instead of stdout"),
                                       cl::value_desc("file"), cl::cat(Category));

static cl::opt<std::string> Explain("explain", cl::desc("Explain a rule, by name or Rust code (E0382)"),
                                    cl::value_desc("rule"), cl::cat(Category));
static cl::opt<bool> Strict("strict",
                            cl::desc("Also report code that is valid C++ but that Rust rejects "
                                     "(one mutable borrow XOR many shared ones)"),
                            cl::cat(Category));
static cl::opt<std::string> ConfigFile("config-file",
                                       cl::desc("Use this configuration for every file instead of "
                                                "the nearest .borrowck.yaml"),
                                       cl::value_desc("path"), cl::cat(Category));
static cl::opt<bool> DumpConfig("dump-config",
                                cl::desc("Print the configuration used for the (first) file as YAML"),
                                cl::cat(Category));
static cl::opt<unsigned> Jobs("j", cl::desc("Translation units analysed in parallel (default: one per core)"),
                              cl::value_desc("N"), cl::init(0), cl::cat(Category));
static cl::opt<bool> ListRules("list-rules", cl::desc("List the rules and the codes each prints"),
                               cl::cat(Category));
static cl::opt<unsigned> Width("width", cl::Hidden, cl::value_desc("N"),
                               cl::desc("Wrap notes at N columns (0: never; default: the terminal's, else 80)"),
                               cl::init(~0u), cl::cat(Category));
static cl::opt<bool> Teach("teach",
                           cl::desc("Print every finding with its Rust / Go / C++-runtime comparison "
                                    "and why it happens (default: the comparison once per rule)"),
                           cl::cat(Category));
static cl::opt<std::string> ResourceDir("resource-dir",
                                        cl::desc("Clang resource directory (builtin headers)"),
                                        cl::value_desc("dir"), cl::cat(Category));
static cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Also analyse functions defined in headers whose path matches <regex> "
             "(as clang-tidy; default: the main file only)"),
    cl::value_desc("regex"), cl::cat(Category));
static cl::opt<bool> Stats("function-stats", cl::Hidden,
                           cl::desc("Print, per file, how many functions were analysed"),
                           cl::cat(Category));
// Testing crash isolation: analysing the function of this qualified name crashes.
static cl::opt<std::string> CrashIn("debug-crash-in", cl::Hidden, cl::value_desc("function"),
                                    cl::cat(Category));
// Profiling: LLVM's time-trace profiler (chrome://tracing, Perfetto) with a scope per
// phase of each function: CFG build, move / loan / init / thread facts, each check.
static cl::opt<std::string> TimeTrace("time-trace", cl::Hidden, cl::value_desc("file"),
                                      cl::desc("Write a Chrome trace of each analysis phase to "
                                               "<file> (analyses one file at a time)"),
                                      cl::cat(Category));
static cl::opt<std::string> Dump("dump", cl::desc("Debugging: print 'facts' for each function"),
                                 cl::value_desc("what"), cl::Hidden, cl::cat(Category));
static cl::opt<std::string> DumpFunction("function",
                                         cl::desc("With --dump: only the function of this name "
                                                  "(qualified, or its last component)"),
                                         cl::value_desc("name"), cl::Hidden, cl::cat(Category));

// Editors: the language server, and a buffer on stdin (docs/editor-and-ci.md).
static cl::opt<bool> Lsp("lsp", cl::desc("Run as a Language Server Protocol server on stdin/stdout"),
                         cl::cat(Category));
static cl::opt<std::string> StdinFilename(
    "stdin-filename", cl::desc("With '-' as the file: analyse stdin as if it were <path>"),
    cl::value_desc("path"), cl::cat(Category));

// Long text for a terminal goes through $PAGER (else `less -R`), as rustc's
// --explain does; anywhere else, and when the pager cannot run, to stdout.
static void page(const std::string &Text) {
  if (sys::Process::StandardOutIsDisplayed()) {
    std::string Pager = std::getenv("PAGER") && *std::getenv("PAGER") ? std::getenv("PAGER") : "less -R";
    if (FILE *P = popen(Pager.c_str(), "w")) {
      fwrite(Text.data(), 1, Text.size(), P);
      if (pclose(P) == 0)
        return;
    }
  }
  outs() << Text;
}

static int toolError(const Twine &Msg) {
  errs() << "borrowck: error: " << Msg << "\n";
  return 2;
}

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  CrashRecoveryContext::Enable();
  // LLVM's own --color (for its diagnostics) steps aside for ours, so --help
  // spells it as the README does.
  {
    auto &Registered = cl::getRegisteredOptions();
    if (auto It = Registered.find("color"); It != Registered.end()) {
      cl::Option *Llvm = It->second;
      Llvm->setArgStr("llvm-color");
      Llvm->setHiddenFlag(cl::ReallyHidden);
    }
    Color.setArgStr("color");
  }

  // Rewrite --color=X and find whether the user chose a compilation database.
  std::vector<const char *> Args;
  std::vector<std::string> Storage;
  Storage.reserve(argc);
  bool HasDashDash = false, HasP = false, HasStd = false;
  std::string BuildPath; // -p's value
  // --stdin-filename=PATH -: "-" stands for PATH (its database, its configuration).
  std::string StdinPath;
  bool StdinDash = false;
  for (int I = 1; I < argc && StringRef(argv[I]) != "--"; ++I)
    if (StringRef(argv[I]).ltrim('-').starts_with("stdin-filename="))
      StdinPath = StringRef(argv[I]).split('=').second.str();
    else if (StringRef(argv[I]).ltrim('-') == "stdin-filename" && StringRef(argv[I]).starts_with("-") && I + 1 < argc)
      StdinPath = argv[I + 1];
  for (int I = 0; I < argc; ++I) {
    StringRef A(argv[I]);
    if (!HasDashDash && A == "-" && !StdinPath.empty()) {
      StdinDash = true;
      Args.push_back(StdinPath.c_str());
      continue;
    }
    if (A == "--")
      HasDashDash = true;
    else if (!HasDashDash && (A == "-p" || A.starts_with("-p=") || A == "--p" || A.starts_with("--p="))) {
      HasP = true;
      if (A.contains('='))
        BuildPath = A.split('=').second.str();
      else if (I + 1 < argc)
        BuildPath = argv[I + 1];
    }
    else if (HasDashDash && A.starts_with("-std="))
      HasStd = true;
    Args.push_back(argv[I]);
  }

  // Only the first positional arguments matter for autodetection.
  bool AddDefaultStd = false;
  if (!HasDashDash && !HasP) {
    std::string FirstFile;
    for (size_t I = 1; I < Args.size() && FirstFile.empty(); ++I) {
      StringRef A(Args[I]);
      if (A == "-o" || A == "--o" || A == "-explain" || A == "--explain" || A == "-resource-dir" ||
          A == "--resource-dir" || A == "-dump" || A == "--dump" || A == "-j" || A == "--j" ||
          A == "-config-file" || A == "--config-file" || A == "-header-filter" ||
          A == "--header-filter" || A == "-debug-crash-in" || A == "--debug-crash-in" ||
          A == "-function" || A == "--function")
        ++I; // its value, not a file
      else if (!A.starts_with("-"))
        FirstFile = Args[I];
    }
    std::string Ignored;
    if (FirstFile.empty() ||
        !clang::tooling::CompilationDatabase::autoDetectFromSource(FirstFile, Ignored)) {
      Args.push_back("--"); // no database: no warning about it, -std=c++20
      AddDefaultStd = true;
    }
  } else if (HasDashDash && !HasStd) {
    AddDefaultStd = true;
  }

  // A -p database that does not load is an error, not "running without flags"
  // (nor a silent fall-back to a database in a parent directory).
  if (HasP && !BuildPath.empty()) {
    SmallString<256> Json(BuildPath);
    sys::path::append(Json, "compile_commands.json");
    std::string Why;
    bool Loaded = sys::fs::exists(Json)
                      ? clang::tooling::JSONCompilationDatabase::loadFromFile(
                            Json, Why, clang::tooling::JSONCommandLineSyntax::AutoDetect) != nullptr
                      : clang::tooling::CompilationDatabase::autoDetectFromDirectory(BuildPath, Why) !=
                            nullptr;
    if (!Loaded)
      return toolError("cannot load the compilation database in '" + BuildPath +
                       "': " + StringRef(Why).trim().split('\n').first);
  }

  int ArgCount = static_cast<int>(Args.size());
  auto Parser = clang::tooling::CommonOptionsParser::create(ArgCount, Args.data(), Category,
                                                             cl::ZeroOrMore, nullptr);
  if (!Parser) {
    std::string Msg = toString(Parser.takeError());
    StringRef First = StringRef(Msg).trim().split('\n').first;
    First.consume_front("borrowck: "); // the parser names the program itself
    First.consume_front("for the ");
    return toolError(First.empty() ? "bad command line" : First);
  }

  if (ListRules) {
    for (const borrowck::RuleInfo &R : borrowck::allRules()) {
      std::string Codes;
      for (std::string_view C : R.Codes)
        Codes += (Codes.empty() ? "" : ",") + std::string(C);
      outs() << formatv("{0,-22} {1,-23} {2,-8} {3}: {4}\n", R.Slug, Codes, R.Severity, R.Title, R.Summary);
    }
    return 0;
  }
  if (!Explain.empty()) {
    std::vector<const borrowck::RuleInfo *> Rs = borrowck::findRules(Explain.getValue());
    if (Rs.empty())
      return toolError("no rule or code '" + Explain.getValue() + "'; see --list-rules");
    if (Rs.size() > 1)
      outs() << borrowck::explainMenu(StringRef(Explain.getValue()).upper(), Rs);
    else
      page(borrowck::explainPage(*Rs.front()));
    return 0;
  }
  if (!Dump.empty() && Dump != "facts")
    return toolError("--dump accepts only 'facts'");
  if (!DumpFunction.empty() && Dump.empty())
    return toolError("--function needs --dump=facts");

  if (DumpConfig) {
    // The configuration of the first file named, or of the current directory.
    std::string Path = ConfigFile;
    if (Path.empty()) {
      std::vector<std::string> Named = Parser->getSourcePathList();
      Path = borrowck::findConfigFile(Named.empty() ? "./-" : Named.front());
    }
    borrowck::Config C;
    if (!Path.empty()) {
      Expected<borrowck::Config> Loaded = borrowck::loadConfigFile(Path);
      if (!Loaded)
        return toolError(toString(Loaded.takeError()));
      C = std::move(*Loaded);
    }
    if (Strict)
      C.Strict = true;
    borrowck::dumpConfig(C, outs());
    return 0;
  }

  if (Lsp) {
    if (!Parser->getSourcePathList().empty())
      return toolError("--lsp takes no files: the editor sends them");
    if (!ConfigFile.empty() && !sys::fs::exists(ConfigFile))
      return toolError("cannot read '" + ConfigFile + "': no such file");
    borrowck::lsp::ServerOptions S;
    S.Base.Strict = Strict;
    S.Base.ConfigFile = ConfigFile;
    S.Base.ResourceDir = ResourceDir.getValue();
    S.Base.CrashIn = CrashIn.getValue();
    if (HasDashDash) { // `-- flags`: for every file
      S.Flags = &Parser->getCompilations();
      S.FlagsNeedDefaultStd = AddDefaultStd;
    } else if (HasP) {
      SmallString<256> Abs(BuildPath);
      sys::fs::make_absolute(Abs);
      S.BuildPath = std::string(Abs);
    }
    return borrowck::lsp::runLanguageServer(S, stdin, outs());
  }

  borrowck::DriverOptions Opts;
  // Each file once, in the order given; with -p and no file, every file of the
  // compilation database, sorted.
  for (const std::string &F : Parser->getSourcePathList())
    if (std::find(Opts.Files.begin(), Opts.Files.end(), F) == Opts.Files.end())
      Opts.Files.push_back(F);
  // CommonOptionsParser loads no database when no file is named: load it here.
  std::unique_ptr<clang::tooling::CompilationDatabase> ProjectDB;
  bool WholeProject = false;
  if (Opts.Files.empty() && HasP) {
    if (!sys::fs::is_directory(BuildPath))
      return toolError("no such directory: '" + BuildPath + "'");
    std::string Why;
    ProjectDB = clang::tooling::CompilationDatabase::autoDetectFromDirectory(BuildPath, Why);
    if (!ProjectDB)
      return toolError("no compilation database in '" + BuildPath + "'");
    Opts.Files = ProjectDB->getAllFiles();
    std::sort(Opts.Files.begin(), Opts.Files.end());
    Opts.Files.erase(std::unique(Opts.Files.begin(), Opts.Files.end()), Opts.Files.end());
    WholeProject = true;
    if (Opts.Files.empty())
      return toolError("the compilation database lists no files");
  }
  if (Opts.Files.empty())
    return toolError("no input files; try 'borrowck --help'");
  if (!StdinPath.empty() && !StdinDash)
    return toolError("--stdin-filename needs '-' among the files");
  if (StdinPath.empty() && std::find(Opts.Files.begin(), Opts.Files.end(), "-") != Opts.Files.end())
    return toolError("reading standard input needs --stdin-filename=PATH");
  if (StdinDash) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> In = MemoryBuffer::getSTDIN();
    if (!In)
      return toolError("cannot read standard input: " + In.getError().message());
    Opts.Unsaved[StdinPath] = (*In)->getBuffer().str();
  }
  Opts.ConfigFile = ConfigFile;
  if (!Opts.ConfigFile.empty() && !sys::fs::exists(Opts.ConfigFile))
    return toolError("cannot read '" + Opts.ConfigFile + "': no such file");
  Opts.Jobs = Jobs;
  Opts.Progress = sys::Process::StandardErrIsDisplayed();
  Opts.Summary = WholeProject || Opts.Files.size() > 1;
  Opts.Format = Format;
  Opts.ResourceDir = ResourceDir.getValue();
  Opts.AddDefaultStd = AddDefaultStd;
  Opts.DumpFacts = Dump == "facts";
  Opts.DumpFunction = DumpFunction.getValue();
  Opts.Strict = Strict;
  Opts.Teach = Teach;
  // Notes wrap at the terminal's width, at 80 columns elsewhere.
  Opts.Width = Format == borrowck::OutputFormat::Human && sys::Process::StandardOutIsDisplayed() &&
                       (OutputFile.empty() || OutputFile == "-")
                   ? std::max(40u, sys::Process::StandardOutColumns())
                   : 80;
  if (Width != ~0u)
    Opts.Width = Width;
  if (!HeaderFilter.empty()) {
    std::string Why;
    if (!Regex(HeaderFilter.getValue()).isValid(Why))
      return toolError("--header-filter: bad regular expression '" + HeaderFilter.getValue() +
                       "': " + Why);
    Opts.HeaderFilter = HeaderFilter.getValue();
  }
  Opts.CrashIn = CrashIn.getValue();
  Opts.TimeTrace = TimeTrace.getValue();
  Opts.Stats = Stats;
  switch (Color) {
  case ColorChoice::Always: Opts.Color = true; break;
  case ColorChoice::Never: Opts.Color = false; break;
  case ColorChoice::Auto:
    Opts.Color = Format == borrowck::OutputFormat::Human && sys::Process::StandardOutIsDisplayed() &&
                 (OutputFile.empty() || OutputFile == "-") && !std::getenv("NO_COLOR");
    break;
  }

  // -o: open the file before the analysis, so a bad path fails at once ("-" is stdout).
  std::unique_ptr<raw_fd_ostream> File;
  if (!OutputFile.empty()) {
    std::error_code EC;
    File = std::make_unique<raw_fd_ostream>(OutputFile.getValue(), EC, sys::fs::OF_None);
    if (EC)
      return toolError("cannot write '" + OutputFile.getValue() + "': " + EC.message());
  }
  int Status = borrowck::runBorrowck(ProjectDB ? *ProjectDB : Parser->getCompilations(), Opts,
                                     File ? *File : outs(), errs());
  if (File) {
    File->close();
    if (File->has_error()) {
      std::string Why = File->error().message();
      File->clear_error();
      return toolError("cannot write '" + OutputFile.getValue() + "': " + Why);
    }
  }
  return Status;
}
