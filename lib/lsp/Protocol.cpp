#include "lsp/Protocol.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <tuple>

namespace borrowck::lsp {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

std::optional<std::string> pathFromUri(llvm::StringRef Uri) {
  if (!Uri.consume_front_insensitive("file://"))
    return std::nullopt;
  if (Uri.consume_front_insensitive("localhost"))
    ;
  if (!Uri.starts_with("/"))
    return std::nullopt; // another host
  std::string Out;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] == '%' && I + 2 < Uri.size() + 0 && llvm::isHexDigit(Uri[I + 1]) && llvm::isHexDigit(Uri[I + 2])) {
      Out.push_back(static_cast<char>(llvm::hexFromNibbles(Uri[I + 1], Uri[I + 2])));
      I += 2;
    } else {
      Out.push_back(Uri[I]);
    }
  }
  return Out;
}

std::string uriFromPath(llvm::StringRef Path) {
  std::string Out = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Out.push_back(static_cast<char>(C));
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

namespace {

// Length in bytes of the UTF-8 sequence starting with Lead (1 for a stray byte).
unsigned sequenceLength(unsigned char Lead) {
  if (Lead >= 0xF0)
    return 4;
  if (Lead >= 0xE0)
    return 3;
  if (Lead >= 0xC0)
    return 2;
  return 1;
}

} // namespace

Position positionOf(llvm::StringRef Text, uint32_t Offset) {
  Offset = std::min<uint32_t>(Offset, static_cast<uint32_t>(Text.size()));
  Position P;
  size_t LineStart = 0;
  for (size_t I = 0; I < Offset; ++I)
    if (Text[I] == '\n') {
      ++P.Line;
      LineStart = I + 1;
    }
  for (size_t I = LineStart; I < Offset;) {
    unsigned N = sequenceLength(static_cast<unsigned char>(Text[I]));
    P.Character += N == 4 ? 2 : 1;
    I += N;
  }
  return P;
}

uint32_t offsetOf(llvm::StringRef Text, Position P) {
  size_t I = 0;
  for (uint32_t Line = 0; Line < P.Line; ++Line) {
    size_t NL = Text.find('\n', I);
    if (NL == llvm::StringRef::npos)
      return static_cast<uint32_t>(Text.size());
    I = NL + 1;
  }
  for (uint32_t Units = 0; Units < P.Character && I < Text.size() && Text[I] != '\n';) {
    unsigned N = sequenceLength(static_cast<unsigned char>(Text[I]));
    Units += N == 4 ? 2 : 1;
    I = std::min(Text.size(), I + N);
  }
  return static_cast<uint32_t>(I);
}

Value toJson(Position P) { return Object{{"line", P.Line}, {"character", P.Character}}; }

Value rangeJson(llvm::StringRef Text, uint32_t Begin, uint32_t End) {
  return Object{{"start", toJson(positionOf(Text, Begin))},
                {"end", toJson(positionOf(Text, std::max(Begin, End)))}};
}

std::optional<Position> positionFromJson(const Value *V) {
  const Object *O = V ? V->getAsObject() : nullptr;
  if (!O)
    return std::nullopt;
  std::optional<int64_t> L = O->getInteger("line"), C = O->getInteger("character");
  if (!L || !C || *L < 0 || *C < 0)
    return std::nullopt;
  return Position{static_cast<uint32_t>(*L), static_cast<uint32_t>(*C)};
}

bool applyChange(std::string &Text, const Object &Change) {
  std::optional<llvm::StringRef> New = Change.getString("text");
  if (!New)
    return false;
  const Object *Range = Change.getObject("range");
  if (!Range) {
    Text = New->str();
    return true;
  }
  std::optional<Position> S = positionFromJson(Range->get("start")), E = positionFromJson(Range->get("end"));
  if (!S || !E)
    return false;
  uint32_t B = offsetOf(Text, *S), End = offsetOf(Text, *E);
  if (End < B)
    std::swap(B, End);
  Text.replace(B, End - B, New->str());
  return true;
}

const std::string *TextLookup::find(const std::string &Path) const {
  if (MainPath && MainText && Path == *MainPath)
    return MainText;
  if (Sources)
    if (const SourceText *T = Sources->find(Path))
      return &T->text();
  return nullptr;
}

namespace {

int severityOf(Level L) {
  switch (L) {
  case Level::Error: return 1;
  case Level::Warning: return 2;
  case Level::Note: return 3;
  case Level::Help: return 4;
  }
  return 1;
}

const char *verdictOf(const Diagnostic &D) {
  return D.Kind == Behaviour::UndefinedInCxx ? "undefined behaviour" : "Rust-only";
}

// Labels in source order, the primary first (as the clang format lists them).
std::vector<const Label *> orderedLabels(const Diagnostic &D) {
  const Label *P = D.primary();
  std::vector<const Label *> Out;
  for (const Label &L : D.Labels)
    Out.push_back(&L);
  auto Key = [&](const Label *L) {
    return std::make_tuple(L != P, !P || L->Where.File != P->Where.File, std::string_view(L->Where.File),
                           L->Where.Begin, L->Where.End);
  };
  std::stable_sort(Out.begin(), Out.end(), [&](const Label *A, const Label *B) { return Key(A) < Key(B); });
  return Out;
}

std::string codeOf(const Diagnostic &D) { return D.RustCode.empty() ? D.Rule : D.RustCode; }

} // namespace

bool primaryRange(const Diagnostic &D, const std::string &Path, uint32_t &Begin, uint32_t &End) {
  const Label *P = D.primary();
  if (!P || P->Where.File != Path)
    return false;
  Begin = P->Where.Begin;
  End = std::max(P->Where.Begin, P->Where.End);
  return true;
}

Value diagnosticJson(const Diagnostic &D, const TextLookup &Texts, const PublishOptions &Opts) {
  const Label *P = D.primary();
  const std::string *Main = Texts.MainText;
  std::string Message = D.Message + " [" + D.Rule + ", " + verdictOf(D) + "]";
  for (const Child &C : D.Children)
    Message += std::string("\n") + levelName(C.Kind) + ": " + C.Text;
  Object Out{{"range", P && Main && Texts.MainPath && P->Where.File == *Texts.MainPath
                           ? rangeJson(*Main, P->Where.Begin, P->Where.End)
                           : rangeJson("", 0, 0)},
             {"severity", severityOf(D.Severity)},
             {"code", codeOf(D)},
             {"source", "borrowck"},
             {"message", Message}};
  if (!Opts.DocsUrl.empty())
    Out["codeDescription"] = Object{{"href", Opts.DocsUrl + "rules/" + D.Rule + "/explain.md"}};
  Array Related;
  for (const Label *L : orderedLabels(D)) {
    if (L->Text.empty())
      continue;
    const std::string *T = Texts.find(L->Where.File);
    if (!T)
      continue;
    Related.push_back(Object{
        {"location", Object{{"uri", uriFromPath(L->Where.File)}, {"range", rangeJson(*T, L->Where.Begin, L->Where.End)}}},
        {"message", L->Text}});
  }
  if (!Related.empty())
    Out["relatedInformation"] = std::move(Related);
  return Out;
}

void codeActions(const Diagnostic &D, const TextLookup &Texts, const std::string &Uri,
                 const PublishOptions &Opts, Array &Out) {
  Value Diag = diagnosticJson(D, Texts, Opts);
  bool First = true;
  for (const Child &C : D.Children) {
    if (C.Fixes.empty())
      continue;
    // Edits per file; a fix-it into a file whose text we do not have is left out whole.
    std::map<std::string, Array> Changes;
    bool Complete = true;
    for (const FixIt &F : C.Fixes) {
      std::string Storage;
      const std::string *T = Texts.find(F.Where.File);
      if (!T) {
        if (auto Buf = llvm::MemoryBuffer::getFile(F.Where.File)) {
          Storage = (*Buf)->getBuffer().str();
          T = &Storage;
        }
      }
      if (!T) {
        Complete = false;
        break;
      }
      Changes[uriFromPath(F.Where.File)].push_back(
          Object{{"range", rangeJson(*T, F.Where.Begin, F.Where.End)}, {"newText", F.Text}});
    }
    if (!Complete)
      continue;
    Object Edit;
    for (auto &[U, Edits] : Changes)
      Edit[U] = std::move(Edits);
    Out.push_back(Object{{"title", C.Text},
                         {"kind", "quickfix"},
                         {"isPreferred", First},
                         {"diagnostics", Array{Diag}},
                         {"edit", Object{{"changes", std::move(Edit)}}}});
    First = false;
  }
  uint32_t B = 0, E = 0;
  if (Texts.MainText && Texts.MainPath && primaryRange(D, *Texts.MainPath, B, E)) {
    // borrowck-allow(...) on the line before the finding, indented as that line.
    const std::string &Text = *Texts.MainText;
    Position At = positionOf(Text, B);
    uint32_t LineBegin = offsetOf(Text, Position{At.Line, 0});
    size_t IndentEnd = Text.find_first_not_of(" \t", LineBegin);
    std::string Indent = Text.substr(LineBegin, (IndentEnd == std::string::npos ? Text.size() : IndentEnd) - LineBegin);
    Array Edits{Object{{"range", rangeJson(Text, LineBegin, LineBegin)},
                       {"newText", Indent + "// borrowck-allow(" + D.Rule + ")\n"}}};
    Out.push_back(Object{{"title", "Suppress " + D.Rule + " on this line (borrowck-allow)"},
                         {"kind", "quickfix"},
                         {"diagnostics", Array{Diag}},
                         {"edit", Object{{"changes", Object{{Uri, std::move(Edits)}}}}}});
  }
  std::string Title = "Explain " + codeOf(D) + " (" + D.Rule + ")";
  Out.push_back(Object{{"title", Title},
                       {"kind", "quickfix"},
                       {"diagnostics", Array{Diag}},
                       {"command", Object{{"title", Title}, {"command", ExplainCommand}, {"arguments", Array{D.Rule}}}}});
}

std::string hoverMarkdown(const Diagnostic &D, const PublishOptions &Opts) {
  const RuleInfo *R = findRule(D.Rule);
  if (!R)
    return "**" + D.Message + "**";
  std::string Out = "**" + std::string(R->Code) + ": " + std::string(R->Title) + "** (`" + std::string(R->Slug) +
                    "`)\n\n" + std::string(R->Summary) + "\n\n- C++: " + std::string(R->Cxx) +
                    "\n- Rust: " + std::string(R->Rust) + "\n\n";
  if (!Opts.DocsUrl.empty())
    Out += "[Explanation](" + Opts.DocsUrl + "rules/" + std::string(R->Slug) + "/explain.md), or ";
  Out += "`borrowck --explain " + std::string(R->Slug) + "`";
  return Out;
}

std::string explainText(const RuleInfo &R) {
  return std::string(R.Code) + ": " + std::string(R.Title) + " [" + std::string(R.Slug) + "]\n\n" +
         std::string(R.Explain) + "\n## Bad C++\n\n```cpp\n" + std::string(R.Bad) +
         "```\n\n## Fixed C++\n\n```cpp\n" + std::string(R.Good) + "```\n";
}

} // namespace borrowck::lsp
