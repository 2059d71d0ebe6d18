// Precompiled preambles for the language server: the #include block at the top of a
// file is parsed once into an in-memory PCH and reused while only the rest of the file
// changes (clangd does the same), so an edit re-parses the file's own code only.
#pragma once

#include "llvm/ADT/IntrusiveRefCntPtr.h"

#include <map>
#include <memory>
#include <string>

namespace clang {
class CompilerInvocation;
class PCHContainerOperations;
} // namespace clang
namespace llvm {
class MemoryBuffer;
namespace vfs {
class FileSystem;
}
} // namespace llvm

namespace borrowck {

class PreambleCache {
public:
  PreambleCache();
  ~PreambleCache();
  PreambleCache(const PreambleCache &) = delete;
  PreambleCache &operator=(const PreambleCache &) = delete;

  // Sets CI up to read Main's preamble from a PCH: the one kept for this file when its
  // #includes, flags and the files it read are unchanged, else one built now. VFS
  // becomes the file system to compile with, and Main must outlive the compilation.
  // False (nothing changed): no usable preamble (none, or it has errors); compile the
  // whole file as usual. Not thread-safe.
  bool use(clang::CompilerInvocation &CI, llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> &VFS,
           llvm::MemoryBuffer &Main, std::shared_ptr<clang::PCHContainerOperations> PCH);
  void forget(const std::string &MainFile);

  unsigned Built = 0, Reused = 0; // statistics

private:
  struct Entry;
  std::map<std::string, std::unique_ptr<Entry>> Entries; // by main file
};

} // namespace borrowck
