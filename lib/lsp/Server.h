// `borrowck --lsp`: a Language Server Protocol server on stdin / stdout
// (docs/editor-and-ci.md). The message loop runs on the calling thread and answers
// requests at once; analyses run on one worker thread, debounced, and a result for
// a text that has changed since is dropped.
#pragma once

#include "driver/Driver.h"

#include <cstdio>
#include <string>

namespace clang::tooling {
class CompilationDatabase;
}
namespace llvm {
class raw_ostream;
}

namespace borrowck::lsp {

struct ServerOptions {
  DriverOptions Base; // Strict, ConfigFile, ResourceDir, CrashIn; Files and Unsaved are set per analysis
  // Compile flags: Flags (the command line's `-- flags`) for every file when set; else
  // BuildPath's compilation database (-p) when set; else the nearest
  // compile_commands.json / compile_flags.txt upward of each file; else -std=c++20.
  const clang::tooling::CompilationDatabase *Flags = nullptr;
  bool FlagsNeedDefaultStd = false;
  std::string BuildPath;
  unsigned DebounceMs = 200; // initializationOptions.debounceMs overrides it
  std::string DocsUrl;       // initializationOptions.docsUrl overrides it
};

// Serves until `exit` (or the end of In). Returns the process exit status: 0 after
// shutdown + exit, 1 when the client exits (or goes away) without shutdown.
int runLanguageServer(const ServerOptions &Opts, std::FILE *In, llvm::raw_ostream &Out);

} // namespace borrowck::lsp
