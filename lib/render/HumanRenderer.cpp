// rustc's human diagnostic layout (rustc 1.95, ASCII theme), following
// rustc_errors::emitter::HumanEmitter: everything is drawn on a grid of styled cells
// (one cell per code point), then each row is printed with one escape run per change
// of style, so the colours come out byte-for-byte as rustc's.
//
// Documented simplifications:
//  - A multi-line span is drawn on its first line only, underlined to the end of that
//    line (rustc's `_____` connector art is not drawn; its other lines are not shown).
//  - Display width: one column per code point, a tab is 4. rustc uses Unicode widths,
//    so wide (CJK, emoji) characters would be misaligned by one column each.
//  - No trimming of very long lines or very deep indentation (rustc's `...` margins).
//  - Labels in a file other than the primary's get rustc's ` ::: path:line:col` block;
//    files missing from the SourceSet are skipped (the primary then shows `path:0:0`).
//  - Children print as `= note:` / `= help:` lines; a child with fix-its prints as
//    rustc's suggestion after them: `help: ...`, the edited line, `+++` under the
//    inserted text (insertions on one line only; replacements are shown as such).
#include "render/Render.h"

#include "catalog/Catalog.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace borrowck {
namespace {

// rustc's Style values that can meet on one row; runs are split whenever they change.
enum class Style : uint8_t {
  Plain, LineNumber, Level, HeaderMsg,
  UnderlinePrimary, LabelPrimary, UnderlineSecondary, LabelSecondary
};

const char *levelColor(Level L) {
  switch (L) {
  case Level::Error: return "\x1b[91m";   // bright red
  case Level::Warning: return "\x1b[33m"; // yellow (not bright)
  case Level::Note: return "\x1b[92m";    // bright green
  case Level::Help: return "\x1b[96m";    // bright cyan
  }
  return "\x1b[91m";
}

std::string escape(Style S, Level L) {
  switch (S) {
  case Style::Plain: return "";
  case Style::HeaderMsg: return "\x1b[1m";
  case Style::Level: case Style::UnderlinePrimary: case Style::LabelPrimary:
    return std::string("\x1b[1m") + levelColor(L);
  default: return "\x1b[1m\x1b[94m"; // bold bright blue
  }
}

std::string paint(std::string_view Text, Style S, Level L, bool Color) {
  if (!Color || S == Style::Plain)
    return std::string(Text);
  return escape(S, L) + std::string(Text) + "\x1b[0m";
}

size_t codePointLen(std::string_view S, size_t I) {
  unsigned char C = static_cast<unsigned char>(S[I]);
  size_t N = C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 1;
  return std::min(N, S.size() - I);
}

// Display columns taken by the first NChars code points of Line (a tab is 4).
uint32_t displayWidth(std::string_view Line, uint32_t NChars) {
  uint32_t W = 0;
  for (size_t I = 0; I < Line.size() && NChars > 0; I += codePointLen(Line, I), --NChars)
    W += Line[I] == '\t' ? 4 : 1;
  return W;
}

std::string expandTabs(std::string_view Line) {
  std::string Out;
  for (char C : Line)
    Out += C == '\t' ? std::string_view("    ") : std::string_view(&C, 1);
  return Out;
}

size_t digits(uint32_t N) { return std::to_string(N).size(); }

struct Cell {
  std::string Ch = " ";
  Style S = Style::Plain;
};

class Canvas {
public:
  size_t addRow() { Rows.emplace_back(); return Rows.size() - 1; }
  size_t rows() const { return Rows.size(); }
  void put(size_t Row, size_t Col, std::string_view Text, Style S) {
    if (Row >= Rows.size())
      Rows.resize(Row + 1);
    for (size_t I = 0; I < Text.size(); ++Col) {
      size_t N = codePointLen(Text, I);
      if (Col >= Rows[Row].size())
        Rows[Row].resize(Col + 1);
      Rows[Row][Col] = Cell{std::string(Text.substr(I, N)), S};
      I += N;
    }
  }
  void append(size_t Row, std::string_view Text, Style S) {
    put(Row, Row < Rows.size() ? Rows[Row].size() : 0, Text, S);
  }
  std::string render(bool Color, Level L) const {
    std::string Out;
    for (const auto &Row : Rows) {
      for (size_t I = 0; I < Row.size();) {
        std::string Run;
        size_t J = I;
        for (; J < Row.size() && Row[J].S == Row[I].S; ++J)
          Run += Row[J].Ch;
        Out += paint(Run, Row[I].S, L, Color);
        I = J;
      }
      Out += '\n';
    }
    return Out;
  }

private:
  std::vector<std::vector<Cell>> Rows;
};

// One span on one source line, in display columns [Start, End), End > Start.
struct Ann {
  uint32_t Start, End;
  bool Primary;
  std::string_view Text;
  size_t Order; // insertion order on its line, breaks ties
  bool hasLabel() const { return !Text.empty(); }
};

struct AnnLine {
  uint32_t No;
  uint32_t FirstCol; // character column of the first label added to this line
  std::vector<Ann> Anns;
};

struct Block { // one file's snippet
  const std::string *Path;
  const SourceText *Src;
  bool IsPrimary;
  std::vector<AnnLine> Lines; // by line number
};

void separatorRow(Canvas &C, size_t W) { C.put(C.addRow(), W + 1, "|", Style::LineNumber); }

void drawLine(Canvas &C, const SourceText &Src, uint32_t No, size_t W) {
  size_t Row = C.addRow();
  std::string Num = std::to_string(No);
  C.put(Row, W - Num.size(), Num, Style::LineNumber);
  C.put(Row, W + 1, "|", Style::LineNumber);
  C.put(Row, W + 3, expandTabs(Src.line(No)), Style::Plain);
}

// rustc's render_source_line for single-line annotations: the rightmost label goes on
// the underline row when nothing overlaps it; the others hang below a `|` stem, the
// further left the lower.
void drawAnnotatedLine(Canvas &C, const SourceText &Src, const AnnLine &L, size_t W) {
  size_t LineOff = C.rows(), CodeOff = W + 3;
  drawLine(C, Src, L.No, W);

  std::vector<Ann> A = L.Anns; // rightmost first; same start keeps insertion order
  std::sort(A.begin(), A.end(), [](const Ann &X, const Ann &Y) {
    return X.Start != Y.Start ? X.Start > Y.Start : X.Order < Y.Order;
  });
  auto Overlaps = [](const Ann &A1, const Ann &A2, size_t Pad) {
    return (A2.Start <= A1.Start && A1.Start < A2.End) ||
           (A1.Start <= A2.Start && A2.Start < A1.End + Pad);
  };
  std::vector<size_t> Pos(A.size());
  size_t P = 0, LineLen = 0;
  for (size_t I = 0; I < A.size(); ++I) {
    for (size_t J = I + 1; J < A.size(); ++J) {
      if (Overlaps(A[J], A[I], 0) && A[I].hasLabel() && P == 0) {
        if (A[J].Start == A[I].Start && A[J].End == A[I].End && !A[J].hasLabel())
          continue; // an unlabelled twin merges into this one
        ++P;
        break;
      }
    }
    Pos[I] = P;
    for (size_t J = I + 1; J < A.size(); ++J) {
      size_t Pad = A[J].hasLabel() ? A[J].Text.size() + 2 : 0; // bytes, as rustc's label.len()
      bool Near = Overlaps(A[J], A[I], Pad);
      if ((Near && A[I].hasLabel() && A[J].hasLabel()) ||
          (Near && A[J].End <= A[I].End && A[J].hasLabel() && P == 0)) {
        ++P;
        break;
      }
    }
    LineLen = std::max(LineLen, P);
  }
  if (LineLen != 0)
    ++LineLen;

  for (size_t R = 0; R <= LineLen; ++R)
    C.put(LineOff + R + 1, W + 1, "|", Style::LineNumber);
  auto Under = [](const Ann &X) { return X.Primary ? Style::UnderlinePrimary : Style::UnderlineSecondary; };
  for (size_t I = 0; I < A.size(); ++I) // stems
    if (Pos[I] > 0 && A[I].hasLabel())
      for (size_t R = LineOff + 1; R <= LineOff + Pos[I] + 1; ++R)
        C.put(R, CodeOff + A[I].Start, "|", Under(A[I]));
  for (size_t I = 0; I < A.size(); ++I) { // labels
    if (!A[I].hasLabel())
      continue;
    Style S = A[I].Primary ? Style::LabelPrimary : Style::LabelSecondary;
    if (Pos[I] == 0)
      C.put(LineOff + 1, CodeOff + A[I].End + 1, A[I].Text, S);
    else
      C.put(LineOff + Pos[I] + 2, CodeOff + A[I].Start, A[I].Text, S);
  }
  // Underlines last, longest first, primary after secondary of the same length, so a
  // short span inside a long one stays visible (`--^^^^`).
  std::sort(A.begin(), A.end(), [](const Ann &X, const Ann &Y) {
    uint32_t LX = X.End - X.Start, LY = Y.End - Y.Start;
    if (LX != LY)
      return LX > LY;
    if (X.Primary != Y.Primary)
      return Y.Primary;
    return X.Start != Y.Start ? X.Start > Y.Start : X.Order < Y.Order; // the order they had
  });
  for (const Ann &X : A)
    for (uint32_t Col = X.Start; Col < X.End; ++Col)
      C.put(LineOff + 1, CodeOff + Col, X.Primary ? "^" : "-", Under(X));
}

// Writes multi-line Text from (Row, Col); later lines start at column Indent, or, with
// PadInStyle, at 0 with Indent spaces inside the style run (as rustc's header does).
void putLines(Canvas &C, size_t Row, size_t Col, std::string_view Text, Style S, size_t Indent,
              bool PadInStyle) {
  for (bool First = true;; First = false) {
    size_t NL = Text.find('\n');
    std::string_view Part = Text.substr(0, NL);
    if (First)
      C.put(Row, Col, Part, S);
    else if (PadInStyle)
      C.put(Row, 0, std::string(Indent, ' ') + std::string(Part), S);
    else
      C.put(Row, Indent, Part, S);
    if (NL == std::string_view::npos)
      break;
    Text.remove_prefix(NL + 1);
    Row = C.addRow();
  }
}

std::vector<Block> collectBlocks(const Diagnostic &D, const SourceSet &Sources) {
  std::vector<Block> Blocks;
  const Label *P = D.primary();
  auto BlockFor = [&](const std::string &Path) -> Block * {
    for (Block &B : Blocks)
      if (*B.Path == Path)
        return &B;
    const SourceText *Src = Sources.find(Path);
    if (!Src)
      return nullptr;
    Blocks.push_back(Block{&Path, Src, P && P->Where.File == Path, {}});
    return &Blocks.back();
  };
  if (P)
    BlockFor(P->Where.File); // the primary file comes first
  for (const Label &L : D.Labels) {
    Block *B = BlockFor(L.Where.File);
    if (!B)
      continue;
    LineCol Begin = B->Src->lineCol(L.Where.Begin);
    LineCol End = B->Src->lineCol(std::max(L.Where.Begin, L.Where.End));
    std::string_view Text = B->Src->line(Begin.Line);
    uint32_t Start = displayWidth(Text, Begin.Col - 1);
    uint32_t Stop = End.Line == Begin.Line ? displayWidth(Text, End.Col - 1) : displayWidth(Text, UINT32_MAX);
    Stop = std::max(Stop, Start + 1); // an empty span still gets one mark
    auto It = std::lower_bound(B->Lines.begin(), B->Lines.end(), Begin.Line,
                               [](const AnnLine &X, uint32_t No) { return X.No < No; });
    if (It == B->Lines.end() || It->No != Begin.Line)
      It = B->Lines.insert(It, AnnLine{Begin.Line, Begin.Col, {}});
    It->Anns.push_back(Ann{Start, Stop, L.Primary || &L == P, L.Text, It->Anns.size()});
  }
  return Blocks;
}

// Text broken at spaces so that no line is longer than Width code points
// (a word longer than that stays whole).
std::string wrap(std::string_view Text, size_t Width) {
  if (Width == 0)
    return std::string(Text);
  std::string Out;
  size_t Line = 0;
  while (!Text.empty()) {
    size_t Sp = Text.find(' ');
    std::string_view Word = Text.substr(0, Sp);
    size_t Len = 0;
    for (size_t I = 0; I < Word.size(); I += codePointLen(Word, I))
      ++Len;
    if (Line > 0 && Line + 1 + Len > Width) {
      Out += '\n';
      Line = 0;
    } else if (Line > 0) {
      Out += ' ';
      ++Line;
    }
    Out += Word;
    Line += Len;
    if (Sp == std::string_view::npos)
      break;
    Text.remove_prefix(Sp + 1);
  }
  return Out;
}

} // namespace

Diagnostic briefFinding(const Diagnostic &D, bool Teach,
                        std::set<std::pair<std::string, std::string>> &Taught) {
  Diagnostic Out = D;
  Out.Children.clear();
  for (const Child &Ch : D.Children) {
    if (Ch.Part == Role::Detail && !Teach)
      continue;
    if (Ch.Part == Role::Compare && !Taught.insert({D.Rule, Ch.Text}).second && !Teach)
      continue;
    Out.Children.push_back(Ch);
  }
  return Out;
}

std::string renderHuman(const Diagnostic &D, const SourceSet &Sources, const RenderOptions &Opts) {
  Canvas C;
  std::vector<Block> Blocks = collectBlocks(D, Sources);
  uint32_t MaxLine = 0;
  for (const Block &B : Blocks)
    MaxLine = std::max(MaxLine, B.Lines.back().No);
  for (const Child &Ch : D.Children)
    for (const FixIt &F : Ch.Fixes)
      if (const SourceText *Src = Sources.find(F.Where.File))
        MaxLine = std::max(MaxLine, Src->lineCol(F.Where.Begin).Line);
  size_t W = digits(MaxLine);

  // Header: `error[E0382]: message`.
  size_t Row = C.addRow();
  std::string Head = levelName(D.Severity);
  if (!D.RustCode.empty())
    Head += "[" + D.RustCode + "]";
  C.put(Row, 0, Head, Style::Level);
  putLines(C, Row, Head.size(), ": " + D.Message, Style::HeaderMsg, Head.size() + 2, true);

  if (const Label *P = D.primary()) {
    const SourceText *Src = Sources.find(P->Where.File);
    LineCol LC = Src ? Src->lineCol(P->Where.Begin) : LineCol{};
    Row = C.addRow();
    C.put(Row, W, "--> ", Style::LineNumber);
    C.append(Row, fmt::format("{}:{}:{}", P->Where.File, LC.Line, LC.Col), Style::Plain);
  }

  for (const Block &B : Blocks) {
    if (!B.IsPrimary) {
      separatorRow(C, W);
      Row = C.addRow();
      C.put(Row, W, "::: ", Style::LineNumber);
      C.append(Row, fmt::format("{}:{}:{}", *B.Path, B.Lines.front().No, B.Lines.front().FirstCol),
               Style::Plain);
    }
    separatorRow(C, W);
    for (size_t I = 0; I < B.Lines.size(); ++I) {
      drawAnnotatedLine(C, *B.Src, B.Lines[I], W);
      if (I + 1 == B.Lines.size())
        break;
      uint32_t Delta = B.Lines[I + 1].No - B.Lines[I].No;
      if (Delta > 2)
        C.put(C.addRow(), 0, "...", Style::LineNumber);
      else if (Delta == 2)
        drawLine(C, *B.Src, B.Lines[I].No + 1, W);
    }
  }

  if (std::any_of(D.Children.begin(), D.Children.end(), [](const Child &Ch) { return Ch.Fixes.empty(); }))
    separatorRow(C, W);
  for (const Child &Ch : D.Children) {
    if (!Ch.Fixes.empty())
      continue; // drawn as a suggestion below
    Row = C.addRow();
    C.put(Row, W + 1, "= ", Style::LineNumber);
    C.append(Row, levelName(Ch.Kind), Style::HeaderMsg);
    C.append(Row, ": ", Style::Plain);
    const size_t Col = W + 3 + std::string_view(levelName(Ch.Kind)).size() + 2;
    putLines(C, Row, Col, wrap(Ch.Text, Opts.Width > Col + 20 ? Opts.Width - Col : 0), Style::Plain,
             Col, false);
  }
  for (const Child &Ch : D.Children) {
    if (Ch.Fixes.empty())
      continue;
    const FixIt &F = Ch.Fixes.front();
    const SourceText *Src = Sources.find(F.Where.File);
    if (!Src)
      continue;
    LineCol LC = Src->lineCol(F.Where.Begin);
    LineCol EndLC = Src->lineCol(std::max(F.Where.Begin, F.Where.End));
    if (EndLC.Line != LC.Line)
      continue;
    std::string Line(Src->line(LC.Line));
    uint32_t ByteCol = F.Where.Begin - Src->lineStart(LC.Line);
    uint32_t ByteEnd = std::max(F.Where.Begin, F.Where.End) - Src->lineStart(LC.Line);
    ByteCol = std::min<uint32_t>(ByteCol, Line.size());
    ByteEnd = std::min<uint32_t>(std::max(ByteEnd, ByteCol), Line.size());
    std::string Edited = Line.substr(0, ByteCol) + F.Text + Line.substr(ByteEnd);
    size_t FW = W;
    separatorRow(C, FW);
    Row = C.addRow();
    C.put(Row, 0, levelName(Ch.Kind), Style::Level);
    putLines(C, Row, std::string_view(levelName(Ch.Kind)).size(), ": " + Ch.Text, Style::HeaderMsg,
             std::string_view(levelName(Ch.Kind)).size() + 2, true);
    separatorRow(C, FW);
    Row = C.addRow();
    std::string Num = std::to_string(LC.Line);
    C.put(Row, FW - Num.size(), Num, Style::LineNumber);
    C.put(Row, FW + 1, "|", Style::LineNumber);
    C.put(Row, FW + 3, expandTabs(Edited), Style::Plain);
    Row = C.addRow();
    C.put(Row, FW + 1, "|", Style::LineNumber);
    uint32_t Start = displayWidth(Line, LC.Col - 1);
    uint32_t Added = displayWidth(F.Text, UINT32_MAX);
    C.put(Row, FW + 3 + Start, std::string(std::max<uint32_t>(Added, 1), F.Where.Begin == F.Where.End ? '+' : '~'),
          Style::UnderlineSecondary);
  }
  C.addRow(); // a blank line ends the diagnostic
  return C.render(Opts.Color, D.Severity);
}

std::string renderHumanTrailer(const std::vector<Diagnostic> &All, const RenderOptions &Opts) {
  size_t Errors = 0, Warnings = 0;
  std::set<std::string> Codes;
  for (const Diagnostic &D : All) {
    Errors += D.Severity == Level::Error;
    Warnings += D.Severity == Level::Warning;
    // What `--explain` opens for it: the code, or the rule when the code is shared.
    if (const RuleInfo *R = findRule(D.Rule); R && !D.RustCode.empty())
      Codes.insert(explainKey(*R, D.RustCode));
    else if (!D.RustCode.empty())
      Codes.insert(D.RustCode);
  }
  if (Errors == 0 && Warnings == 0)
    return "";
  auto Plural = [](size_t N, const char *Word) { return fmt::format("{} {}{}", N, Word, N == 1 ? "" : "s"); };
  std::string WarnText = Plural(Warnings, "warning") + " emitted";
  Level L = Errors ? Level::Error : Level::Warning;
  std::string Text = !Errors ? WarnText
                             : "found " + Plural(Errors, "error") + (Warnings ? "; " + WarnText : "");
  std::string Out = paint(levelName(L), Style::Level, L, Opts.Color) +
                    paint(": " + Text, Style::HeaderMsg, L, Opts.Color) + "\n\n";
  if (Codes.empty())
    return Out;
  std::vector<std::string> List(Codes.begin(), Codes.end());
  if (List.size() == 1)
    return Out + paint(fmt::format("For more information about this error, try `borrowck --explain {}`.",
                                   List[0]), Style::HeaderMsg, L, Opts.Color) + "\n";
  // rustc names at most 9 codes.
  std::vector<std::string> Shown(List.begin(), List.begin() + std::min<size_t>(List.size(), 9));
  Out += paint(fmt::format("Some errors have detailed explanations: {}{}", fmt::join(Shown, ", "),
                           List.size() > 9 ? "..." : "."), Style::HeaderMsg, L, Opts.Color) + "\n";
  return Out + paint(fmt::format("For more information about an error, try `borrowck --explain {}`.",
                                 List[0]), Style::HeaderMsg, L, Opts.Color) + "\n";
}

} // namespace borrowck
