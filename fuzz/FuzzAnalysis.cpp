// libFuzzer target: the input is a C++ translation unit; borrowck analyses it
// with every rule, exactly as the command line does (runBorrowck over a fixed
// compilation database), in every output format in turn. Any crash, ASan or
// UBSan report is a bug: there is no CrashRecoveryContext::Enable() here, so
// the per-function recovery does not hide it.
#include "driver/Driver.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>
#include <unistd.h>

namespace {
std::string inputPath() {
  // One file per process, so parallel fuzzing jobs do not share it.
  static std::string Path = [] {
    llvm::SmallString<128> P;
    llvm::sys::fs::createTemporaryFile("borrowck-fuzz", "cpp", P);
    return std::string(P);
  }();
  return Path;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size > 64 * 1024)
    return -1; // parsing, not the analysis, would dominate
  std::string Path = inputPath();
  {
    std::error_code EC;
    llvm::raw_fd_ostream F(Path, EC);
    if (EC)
      return -1;
    F.write(reinterpret_cast<const char *>(Data), Size);
  }
  // No #include search beyond the builtins: snippets are self-contained or fail to compile.
  clang::tooling::FixedCompilationDatabase DB(".", {"-std=c++20", "-w", "-ferror-limit=1",
                                                    "-fbracket-depth=512"});
  borrowck::DriverOptions Opts;
  Opts.Files = {Path};
  static unsigned Round = 0;
  Opts.Format = (++Round % 4 == 0) ? borrowck::OutputFormat::Json
                : (Round % 4 == 1) ? borrowck::OutputFormat::Human
                : (Round % 4 == 2) ? borrowck::OutputFormat::Clang
                                   : borrowck::OutputFormat::Sarif;
  Opts.Strict = Round % 2;
  std::string Out, Err;
  llvm::raw_string_ostream OS(Out), ES(Err);
  int Status = borrowck::runBorrowck(DB, Opts, OS, ES);
  if (Status < 0 || Status > 2)
    __builtin_trap();
  return 0;
}
