#include "driver/Preamble.h"

#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/PrecompiledPreamble.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <optional>

namespace borrowck {

struct PreambleCache::Entry {
  clang::PrecompiledPreamble Preamble;
};

PreambleCache::PreambleCache() = default;
PreambleCache::~PreambleCache() = default;
void PreambleCache::forget(const std::string &MainFile) { Entries.erase(MainFile); }

bool PreambleCache::use(clang::CompilerInvocation &CI, llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> &VFS,
                        llvm::MemoryBuffer &Main, std::shared_ptr<clang::PCHContainerOperations> PCH) {
  const auto &Inputs = CI.getFrontendOpts().Inputs;
  if (Inputs.size() != 1 || !Inputs[0].isFile())
    return false;
  const std::string File = Inputs[0].getFile().str();
  clang::PreambleBounds Bounds = clang::ComputePreambleBounds(CI.getLangOpts(), Main.getMemBufferRef(), 0);
  if (Bounds.Size == 0) {
    Entries.erase(File);
    return false;
  }
  std::unique_ptr<Entry> &E = Entries[File];
  if (E && E->Preamble.CanReuse(CI, Main.getMemBufferRef(), Bounds, *VFS)) {
    ++Reused;
  } else {
    E.reset();
    // Errors in the preamble (a missing header): compile the whole file instead, so
    // Clang reports them where they are and the file is not analysed.
    clang::DiagnosticOptions DiagOpts;
    clang::IgnoringDiagConsumer Ignore;
    llvm::IntrusiveRefCntPtr<clang::DiagnosticsEngine> Diags =
        clang::CompilerInstance::createDiagnostics(*VFS, DiagOpts, &Ignore, /*ShouldOwnClient=*/false);
    clang::PreambleCallbacks Callbacks;
    llvm::ErrorOr<clang::PrecompiledPreamble> Built =
        clang::PrecompiledPreamble::Build(CI, &Main, Bounds, Diags, VFS, PCH, /*StoreInMemory=*/true,
                                          /*StoragePath=*/"", Callbacks);
    if (!Built || Diags->hasErrorOccurred()) {
      Entries.erase(File);
      return false;
    }
    E = std::make_unique<Entry>(Entry{std::move(*Built)});
    ++this->Built;
  }
  E->Preamble.AddImplicitPreamble(CI, VFS, &Main);
  CI.getPreprocessorOpts().RetainRemappedFileBuffers = true; // Main stays the caller's
  return true;
}

} // namespace borrowck
