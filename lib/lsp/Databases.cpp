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
  // A header opened on its own is C++ (Clang would take a .h for C and refuse -std=c++20).
  llvm::StringRef Ext = llvm::sys::path::extension(AbsPath);
  bool Header = Ext.empty() || Ext == ".h" || Ext == ".hh" || Ext == ".hpp" || Ext == ".hxx" ||
                Ext == ".h++" || Ext == ".inl" || Ext == ".ipp" || Ext == ".tcc";
  std::unique_ptr<CompilationDatabase> &D = Header ? HeaderDefaults : Defaults;
  if (!D)
    D = std::make_unique<clang::tooling::FixedCompilationDatabase>(
        ".", Header ? std::vector<std::string>{"-xc++"} : std::vector<std::string>{});
  C.DB = D.get();
  C.AddDefaultStd = true;
  return C;
}

} // namespace borrowck::lsp
