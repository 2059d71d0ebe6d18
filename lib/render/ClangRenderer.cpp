// Clang's one-line format, for editors and FileCheck:
//   file:line:col: error: <message> [<rule>]
//   file:line:col: note: <secondary label text>      (one per labelled secondary, in source order)
//   fix-it:"file":{l:c-l:c}:"text"                    (clang's -fdiagnostics-parseable-fixits)
// Columns are character columns, as in the human format, except in fix-it lines,
// which use byte columns as clang does. Children are not printed.
#include "render/Render.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace borrowck {
namespace {

// A file missing from the set gets line and column 0.
std::string location(const Span &S, const SourceSet &Sources) {
  const SourceText *Src = Sources.find(S.File);
  LineCol LC = Src ? Src->lineCol(S.Begin) : LineCol{};
  return fmt::format("{}:{}:{}: ", S.File, LC.Line, LC.Col);
}

} // namespace

std::string renderClang(const Diagnostic &D, const SourceSet &Sources) {
  const Label *P = D.primary();
  std::string Out = fmt::format("{}{}: {}", P ? location(P->Where, Sources) : "", levelName(D.Severity),
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
  for (const Child &Ch : D.Children)
    for (const FixIt &F : Ch.Fixes) {
      const SourceText *Src = Sources.find(F.Where.File);
      if (!Src)
        continue;
      auto ByteLC = [&](uint32_t Off) {
        LineCol LC = Src->lineCol(Off);
        return std::make_pair(LC.Line, Off - Src->lineStart(LC.Line) + 1);
      };
      auto [L1, C1] = ByteLC(F.Where.Begin);
      auto [L2, C2] = ByteLC(std::max(F.Where.Begin, F.Where.End));
      std::string Escaped;
      for (char Ch2 : F.Text) {
        if (Ch2 == '"' || Ch2 == '\\')
          Escaped += '\\';
        Escaped += Ch2;
      }
      Out += fmt::format("fix-it:\"{}\":{{{}:{}-{}:{}}}:\"{}\"\n", F.Where.File, L1, C1, L2, C2, Escaped);
    }
  return Out;
}

} // namespace borrowck
