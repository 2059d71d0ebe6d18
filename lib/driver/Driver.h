// Runs the analysis over translation units and prints the report.
// lib/ takes this plain options struct; all command-line parsing is in tool/.
#pragma once

#include "render/MachineRender.h"

#include <map>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
}
namespace llvm {
class raw_ostream;
}

namespace borrowck {

// Human and Clang print each file's diagnostics as soon as it is analysed; Json and
// Sarif print one document for the whole run at the end.
enum class OutputFormat { Human, Clang, Json, Sarif };

struct DriverOptions {
  std::vector<std::string> Files; // as the user spelled them
  OutputFormat Format = OutputFormat::Human;
  bool Color = false;
  bool Teach = false;           // --teach: every finding with its Rust / Go / C++ comparison
  unsigned Width = 80;          // human notes wrap at this width (the terminal's; 0: never)
  std::string ResourceDir;      // empty: the one recorded at build time, if it exists
  bool AddDefaultStd = false;   // no compilation database: analyse as -std=c++20
  bool DumpFacts = false;       // debugging: print the facts of each function
  std::string DumpFunction;     // with DumpFacts: only functions of this name (or last component)
  bool Strict = false;          // --strict: Rust's full discipline, not only C++ bugs
  std::string ConfigFile;       // --config-file: used for every file; empty: find .borrowck.yaml
  unsigned Jobs = 0;            // -j: translation units analysed in parallel; 0: one per core
  bool Progress = false;        // "[3/40] file.cpp" on stderr (the tool sets it for a terminal)
  bool Summary = false;         // counts per rule, files, time on stderr at the end (human, clang)
  std::string HeaderFilter;     // --header-filter: also analyse bodies in headers matching it
  bool Stats = false;           // --function-stats: per file, how many functions were analysed
  std::string CrashIn;          // testing: crash while analysing the function of this name
  std::string TimeTrace;        // --time-trace=FILE: Chrome trace of each phase (forces -j1)
  // Files whose text is given here rather than read from disk (an editor's buffer,
  // --stdin-filename): path as in Files -> text. Clang sees it through an in-memory
  // overlay on the real file system, so #includes still come from disk.
  std::map<std::string, std::string> Unsaved;
  // With Unsaved files: reuse precompiled preambles kept here (the language server's).
  class PreambleCache *Preambles = nullptr;
};

// Exit status: 0 nothing found, 1 findings, 2 a tool error in some file (the
// other files are still analysed). Tool errors go to Err in every format; JSON and
// SARIF record them in the document as well.
int runBorrowck(const clang::tooling::CompilationDatabase &DB, const DriverOptions &Opts,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err);

// One file, for the language server: the diagnostics (sorted, deduplicated,
// suppressions applied), the text of every file they point into, and the tool
// messages the command line would print on stderr (Clang's own output in ClangOutput).
// The configuration is read afresh (Opts.ConfigFile, else the nearest .borrowck.yaml).
struct FileAnalysis {
  std::vector<Diagnostic> Diags;
  SourceSet Sources;
  std::vector<ToolMessage> Messages;
  std::string ClangOutput;
  bool ToolError = false;
};
FileAnalysis analyseOneFile(const clang::tooling::CompilationDatabase &DB, const DriverOptions &Opts,
                            const std::string &File);

// The resource dir the binary will pass to Clang.
std::string effectiveResourceDir(const DriverOptions &Opts);

} // namespace borrowck
