// Source spans: Clang locations turned into SourceManager-free Spans.
#pragma once

#include "diag/Diagnostic.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace clang {
class SourceManager;
class LangOptions;
class SourceRange;
class SourceLocation;
} // namespace clang

namespace borrowck {

// A header's name however an include reached it: absolute (against the
// compilation's working directory) and without `.`/`..`, so `a/../b/x.h` and
// `./b/x.h` are one file and one finding in a header is one finding across TUs.
std::string normalFileName(const clang::SourceManager &SM, llvm::StringRef Name);

// Turns Clang source locations into SourceManager-free Spans. The main file
// keeps the path the user passed; other files use the SourceManager's name.
class SpanMaker {
public:
  SpanMaker(const clang::SourceManager &SM, const clang::LangOptions &LO, std::string MainPath)
      : SM(SM), LO(LO), MainPath(std::move(MainPath)) {}
  std::optional<Span> range(clang::SourceRange R) const;
  std::optional<Span> token(clang::SourceLocation L) const;
  bool inMainFile(clang::SourceLocation L) const;

private:
  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
  std::string MainPath;
};

} // namespace borrowck
