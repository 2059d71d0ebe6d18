// borrowck's JSON report: one document per run, modelled on rustc's
// --error-format=json (whose "spans" are our "labels", with "primary" for
// "is_primary" and "text" for "label"), written with llvm::json::OStream so keys
// keep a fixed, readable order. Positions: byte offsets are 0-based, end exclusive;
// lines and columns are 1-based, columns in characters (code points), end exclusive.
#include "render/MachineRender.h"

#include "render/MachineCommon.h"
#include "render/Render.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace borrowck {

namespace json = llvm::json;
using namespace machine;

namespace {

// llvm::json wants valid UTF-8; source text and paths may not be.
std::string utf8(std::string_view S) {
  return json::isUTF8(llvm::StringRef(S.data(), S.size())) ? std::string(S)
                                                            : json::fixUTF8(llvm::StringRef(S.data(), S.size()));
}

void positionFields(json::OStream &J, const Span &S, const SourceSet &Sources) {
  Extent E = extentOf(S, Sources);
  J.attribute("file", utf8(S.File));
  J.attribute("byte_start", E.ByteBegin);
  J.attribute("byte_end", E.ByteEnd);
  J.attribute("line_start", E.Begin.Line);
  J.attribute("column_start", E.Begin.Col);
  J.attribute("line_end", E.End.Line);
  J.attribute("column_end", E.End.Col);
}

void fixFields(json::OStream &J, const FixIt &F, const SourceSet &Sources) {
  positionFields(J, F.Where, Sources);
  J.attribute("replacement", utf8(F.Text));
}

void diagnostic(json::OStream &J, const Diagnostic &D, const SourceSet &Sources) {
  J.object([&] {
    J.attribute("rule", utf8(D.Rule));
    J.attribute("code", D.RustCode.empty() ? json::Value(nullptr) : json::Value(utf8(D.RustCode)));
    J.attribute("level", levelName(D.Severity));
    J.attribute("message", utf8(D.Message));
    J.attribute("confidence", confidenceName(D.Certainty));
    J.attribute("behaviour", behaviourName(D.Kind));
    if (D.Kind == Behaviour::UndefinedIf)
      J.attribute("condition", utf8(D.Condition));
    const Label *P = D.primary();
    J.attributeArray("labels", [&] {
      for (const Label *L : labelsInSourceOrder(D))
        J.object([&] {
          J.attribute("primary", L == P);
          positionFields(J, L->Where, Sources);
          J.attribute("text", L->Text.empty() ? json::Value(nullptr) : json::Value(utf8(L->Text)));
        });
    });
    J.attributeArray("children", [&] {
      for (const Child &Ch : D.Children)
        J.object([&] {
          J.attribute("level", levelName(Ch.Kind));
          J.attribute("message", utf8(Ch.Text));
          J.attributeArray("suggestions", [&] {
            for (const FixIt &F : Ch.Fixes)
              J.object([&] { fixFields(J, F, Sources); });
          });
        });
    });
    // The children's fix-its again, flat, for tools that only apply edits.
    J.attributeArray("fixits", [&] {
      for (const Child &Ch : D.Children)
        for (const FixIt &F : Ch.Fixes)
          J.object([&] {
            fixFields(J, F, Sources);
            J.attribute("message", utf8(Ch.Text));
          });
    });
    J.attribute("rendered", utf8(renderHuman(D, Sources, RenderOptions{false})));
  });
}

void messages(json::OStream &J, llvm::StringRef Key, const RunReport &Run, Level Kind) {
  J.attributeArray(Key, [&] {
    for (const ToolMessage &M : Run.Messages)
      if (M.Kind == Kind)
        J.object([&] {
          J.attribute("level", levelName(M.Kind));
          J.attribute("file", M.File.empty() ? json::Value(nullptr) : json::Value(utf8(M.File)));
          J.attribute("message", utf8(M.Text));
        });
  });
}

} // namespace

std::string renderJson(const RunReport &Run, const ToolInfo &Tool) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("version", 1);
    J.attributeObject("tool", [&] {
      J.attribute("name", Tool.Name);
      J.attribute("version", Tool.Version);
      if (!Tool.InformationUri.empty())
        J.attribute("information_uri", Tool.InformationUri);
    });
    J.attribute("exit_status", Run.ExitStatus);
    J.attributeArray("files", [&] {
      for (const std::string &F : Run.Files)
        J.value(utf8(F));
    });
    J.attributeArray("diagnostics", [&] {
      for (const Diagnostic &D : Run.Diags)
        diagnostic(J, D, Run.Sources);
    });
    messages(J, "errors", Run, Level::Error);
    messages(J, "warnings", Run, Level::Warning);
    messages(J, "notes", Run, Level::Note);
  });
  OS << '\n';
  return Out;
}

} // namespace borrowck
