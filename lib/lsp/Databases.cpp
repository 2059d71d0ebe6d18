#include "lsp/Databases.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace borrowck::lsp {

using clang::tooling::CompilationDatabase;

const CompilationDatabase *Databases::load(const std::string &Dir, std::string &Error) {
  auto It = Loaded.find(Dir);
  if (It == Loaded.end()) {
    std::string Why;
    // Clang's JSON plugin lets files the database does not list (headers, new files)
    // borrow the flags of the nearest file it does list, as clangd does.
    std::unique_ptr<CompilationDatabase> DB = CompilationDatabase::autoDetectFromDirectory(Dir, Why);
    if (!DB)
      Errors[Dir] = llvm::StringRef(Why).trim().split('\n').first.str();
    It = Loaded.emplace(Dir, std::move(DB)).first;
  }
  if (!It->second)
    Error = "cannot load the compilation database in '" + Dir + "': " + Errors[Dir];
  return It->second.get();
}

Databases::Choice Databases::forFile(const std::string &AbsPath) {
  Choice C;
  if (Flags) {
    C.DB = Flags;
    C.AddDefaultStd = FlagsNeedDefaultStd;
    return C;
  }
  if (!BuildPath.empty()) {
    C.DB = load(BuildPath, C.Error);
    return C;
  }
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(AbsPath); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Json(Dir), Flat(Dir);
    llvm::sys::path::append(Json, "compile_commands.json");
    llvm::sys::path::append(Flat, "compile_flags.txt");
    if (llvm::sys::fs::exists(Json) || llvm::sys::fs::exists(Flat)) {
      C.DB = load(Dir.str(), C.Error);
      return C;
    }
  }
  if (!Defaults)
    Defaults = std::make_unique<clang::tooling::FixedCompilationDatabase>(".", std::vector<std::string>{});
  C.DB = Defaults.get();
  C.AddDefaultStd = true;
  return C;
}

} // namespace borrowck::lsp
