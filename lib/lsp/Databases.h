// Which compile flags the language server uses for a file (see ServerOptions).
#pragma once

#include "clang/Tooling/CompilationDatabase.h"

#include <map>
#include <memory>
#include <string>

namespace borrowck::lsp {

class Databases {
public:
  Databases(const clang::tooling::CompilationDatabase *Flags, bool FlagsNeedDefaultStd, std::string BuildPath)
      : Flags(Flags), FlagsNeedDefaultStd(FlagsNeedDefaultStd), BuildPath(std::move(BuildPath)) {}

  struct Choice {
    const clang::tooling::CompilationDatabase *DB = nullptr;
    bool AddDefaultStd = false; // no database: analyse as -std=c++20, like the command line
    std::string Error;          // a build folder whose database does not load
  };
  // Not thread-safe: the worker thread alone asks.
  Choice forFile(const std::string &AbsPath);
  void setBuildPath(std::string Dir) { BuildPath = std::move(Dir); }
  // Forget every loaded database (a compile_commands.json changed).
  void clear() { Loaded.clear(); }

private:
  const clang::tooling::CompilationDatabase *Flags;
  bool FlagsNeedDefaultStd;
  std::string BuildPath;
  // By folder; a null entry: that folder's database did not load (Errors says why).
  std::map<std::string, std::unique_ptr<clang::tooling::CompilationDatabase>> Loaded;
  std::map<std::string, std::string> Errors;
  std::unique_ptr<clang::tooling::CompilationDatabase> Defaults, HeaderDefaults;
  const clang::tooling::CompilationDatabase *load(const std::string &Dir, std::string &Error);
};

} // namespace borrowck::lsp
