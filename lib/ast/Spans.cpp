#include "ast/Spans.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace borrowck {

std::string normalFileName(const SourceManager &SM, llvm::StringRef Name) {
  llvm::SmallString<256> N(Name);
  SM.getFileManager().makeAbsolutePath(N);
  llvm::sys::path::remove_dots(N, /*remove_dot_dot=*/true);
  return std::string(N);
}

bool SpanMaker::inMainFile(SourceLocation L) const {
  return L.isValid() && SM.isInMainFile(SM.getExpansionLoc(L));
}

std::optional<Span> SpanMaker::range(SourceRange R) const {
  if (R.isInvalid())
    return std::nullopt;
  SourceLocation B = SM.getFileLoc(R.getBegin());
  SourceLocation E = SM.getFileLoc(R.getEnd());
  auto [BF, BO] = SM.getDecomposedLoc(B);
  auto [EF, EO] = SM.getDecomposedLoc(E);
  if (BF.isInvalid() || BF != EF || EO < BO)
    return std::nullopt;
  unsigned Len = Lexer::MeasureTokenLength(E, SM, LO);
  Span S;
  if (BF == SM.getMainFileID())
    S.File = MainPath;
  else if (OptionalFileEntryRef F = SM.getFileEntryRefForID(BF)) {
    S.File = normalFileName(SM, F->getName());
  } else
    return std::nullopt;
  S.Begin = BO;
  S.End = EO + Len;
  return S;
}

std::optional<Span> SpanMaker::token(SourceLocation L) const { return range(SourceRange(L, L)); }

} // namespace borrowck
