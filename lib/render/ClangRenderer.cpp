// Clang's one-line format, for editors and FileCheck:
//   file:line:col: error: <message> [<rule>]
//   file:line:col: note: <secondary label text>      (one per labelled secondary, in source order)
// Columns are character columns, as in the human format. Children are not printed.
#include "render/Render.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace borrowck {
namespace {

const char *levelWord(Level L) {
  switch (L) {
  case Level::Error: return "error";
  case Level::Warning: return "warning";
  case Level::Note: return "note";
  case Level::Help: return "help";
  }
  return "error";
}

// A file missing from the set gets line and column 0.
std::string location(const Span &S, const SourceSet &Sources) {
  const SourceText *Src = Sources.find(S.File);
  LineCol LC = Src ? Src->lineCol(S.Begin) : LineCol{};
  return fmt::format("{}:{}:{}: ", S.File, LC.Line, LC.Col);
}

} // namespace

std::string renderClang(const Diagnostic &D, const SourceSet &Sources) {
  const Label *P = D.primary();
  std::string Out = fmt::format("{}{}: {}", P ? location(P->Where, Sources) : "", levelWord(D.Severity),
                                D.Message);
  if (!D.Rule.empty())
    Out += " [" + D.Rule + "]";
  Out += '\n';

  std::vector<const Label *> Notes;
  for (const Label &L : D.Labels)
    if (&L != P && !L.Text.empty())
      Notes.push_back(&L);
  // Source order: the primary's file first, then other files by name; by offset within a
  // file; labels at the same place keep their order.
  auto Key = [&](const Label *L) {
    return std::make_tuple(!P || L->Where.File != P->Where.File, std::string_view(L->Where.File),
                           L->Where.Begin, L);
  };
  std::sort(Notes.begin(), Notes.end(), [&](const Label *A, const Label *B) { return Key(A) < Key(B); });
  for (const Label *L : Notes)
    Out += fmt::format("{}note: {}\n", location(L->Where, Sources), L->Text);
  return Out;
}

} // namespace borrowck
