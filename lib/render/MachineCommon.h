// Helpers shared by the JSON and SARIF renderers (internal to lib/render).
#pragma once

#include "diag/Diagnostic.h"
#include "render/SourceText.h"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <vector>

namespace borrowck::machine {

inline const char *confidenceName(Confidence C) { return C == Confidence::Definite ? "definite" : "maybe"; }

inline const char *behaviourName(Behaviour B) {
  return B == Behaviour::UndefinedInCxx ? "undefined-behaviour"
         : B == Behaviour::UndefinedIf  ? "undefined-behaviour-if"
                                        : "rust-only";
}

// Labels in source order: the primary's file first, then other files by name, by
// offset within a file; labels at the same place keep their order (as renderClang).
inline std::vector<const Label *> labelsInSourceOrder(const Diagnostic &D) {
  const Label *P = D.primary();
  std::vector<const Label *> Out;
  for (const Label &L : D.Labels)
    Out.push_back(&L);
  auto Key = [&](const Label *L) {
    return std::make_tuple(!P || L->Where.File != P->Where.File, std::string_view(L->Where.File),
                           L->Where.Begin, L->Where.End);
  };
  std::stable_sort(Out.begin(), Out.end(), [&](const Label *A, const Label *B) { return Key(A) < Key(B); });
  return Out;
}

// Number of UTF-8 code points in Text[From, To).
inline uint32_t codePoints(std::string_view Text, uint32_t From, uint32_t To) {
  To = std::min<uint32_t>(To, static_cast<uint32_t>(Text.size()));
  uint32_t N = 0;
  for (uint32_t I = From; I < To; ++I)
    N += (static_cast<unsigned char>(Text[I]) & 0xC0) != 0x80;
  return N;
}

// Where a span is, in every unit the formats want. A file missing from the SourceSet
// keeps its byte offsets and gets line and column 0 (Known = false).
struct Extent {
  uint32_t ByteBegin = 0, ByteEnd = 0;
  LineCol Begin, End;                 // 1-based; End is exclusive
  uint32_t CharBegin = 0, CharLen = 0; // code points from the start of the file
  bool Known = false;
};

inline Extent extentOf(const Span &S, const SourceSet &Sources) {
  Extent E;
  E.ByteBegin = S.Begin;
  E.ByteEnd = std::max(S.Begin, S.End);
  if (const SourceText *Src = Sources.find(S.File)) {
    E.Known = true;
    uint32_t Size = static_cast<uint32_t>(Src->text().size());
    E.ByteBegin = std::min(E.ByteBegin, Size);
    E.ByteEnd = std::min(E.ByteEnd, Size);
    E.Begin = Src->lineCol(E.ByteBegin);
    E.End = Src->lineCol(E.ByteEnd);
    E.CharBegin = codePoints(Src->text(), 0, E.ByteBegin);
    E.CharLen = codePoints(Src->text(), E.ByteBegin, E.ByteEnd);
  }
  return E;
}

} // namespace borrowck::machine
