// The JSON and SARIF renderers on hand-built diagnostics: parsed back with llvm::json.
#include "render/MachineRender.h"
#include "render/Render.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace borrowck;
namespace json = llvm::json;

namespace {

// Line 2 has a two-byte character before the label, so byte and character columns differ.
const std::string File = "t.cpp";
const std::string Text = "int f() {\n  /*\xc3\xa9*/ return x;\n}\n";

Span spanOf(std::string_view Needle) {
  size_t Off = Text.find(Needle);
  return Span{File, uint32_t(Off), uint32_t(Off + Needle.size())};
}

RunReport report() {
  Diagnostic D;
  D.Rule = "use-after-move";
  D.RustCode = "E0382";
  D.Message = "use of moved value: `x`";
  D.Certainty = Confidence::Maybe;
  D.Kind = Behaviour::UndefinedInCxx;
  // Out of source order on purpose: the renderers sort labels.
  D.Labels.push_back(Label{spanOf("x;"), "value used here after move", true});
  D.Labels.back().Where.End -= 1;
  D.Labels.push_back(Label{spanOf("int"), "", false});
  Child Help{Level::Help, "insert something", {FixIt{Span{File, 2, 2}, "/*\"fix\"*/"}}};
  D.Children = {Child{Level::Note, "a note", {}}, Help};
  RunReport R;
  R.Files = {File};
  R.Diags = {D};
  R.Sources.add(File, Text);
  R.Messages.push_back(ToolMessage{Level::Note, File, "skipped something"});
  R.ExitStatus = 1;
  return R;
}

json::Value parse(const std::string &S) {
  llvm::Expected<json::Value> V = json::parse(S);
  EXPECT_TRUE(bool(V)) << llvm::toString(V.takeError());
  return V ? std::move(*V) : json::Value(nullptr);
}

TEST(JsonRenderer, Fields) {
  RunReport R = report();
  json::Value V = parse(renderJson(R, ToolInfo{"borrowck", "1.2.3", "", ""}));
  const json::Object &Doc = *V.getAsObject();
  EXPECT_EQ(Doc.getInteger("version"), 1);
  EXPECT_EQ(Doc.getObject("tool")->getString("version"), "1.2.3");
  EXPECT_EQ(Doc.getInteger("exit_status"), 1);
  const json::Array &Diags = *Doc.getArray("diagnostics");
  ASSERT_EQ(Diags.size(), 1u);
  const json::Object &D = *Diags[0].getAsObject();
  EXPECT_EQ(D.getString("rule"), "use-after-move");
  EXPECT_EQ(D.getString("code"), "E0382");
  EXPECT_EQ(D.getString("level"), "error");
  EXPECT_EQ(D.getString("confidence"), "maybe");
  EXPECT_EQ(D.getString("behaviour"), "undefined-behaviour");

  const json::Array &Labels = *D.getArray("labels");
  ASSERT_EQ(Labels.size(), 2u);
  const json::Object &First = *Labels[0].getAsObject(), &Primary = *Labels[1].getAsObject();
  EXPECT_EQ(First.getBoolean("primary"), false);
  EXPECT_EQ(First.get("text")->kind(), json::Value::Null); // a label with marks only
  EXPECT_EQ(Primary.getBoolean("primary"), true);
  EXPECT_EQ(Primary.getInteger("byte_start"), int64_t(Text.find("x;")));
  EXPECT_EQ(Primary.getInteger("byte_end"), int64_t(Text.find("x;") + 1));
  EXPECT_EQ(Primary.getInteger("line_start"), 2);
  EXPECT_EQ(Primary.getInteger("column_start"), 16); // 17th byte, 16th character
  EXPECT_EQ(Primary.getInteger("column_end"), 17);
  EXPECT_EQ(Primary.getString("text"), "value used here after move");

  const json::Array &Children = *D.getArray("children");
  ASSERT_EQ(Children.size(), 2u);
  EXPECT_EQ(Children[0].getAsObject()->getArray("suggestions")->size(), 0u);
  const json::Array &Fixits = *D.getArray("fixits");
  ASSERT_EQ(Fixits.size(), 1u);
  const json::Object &F = *Fixits[0].getAsObject();
  EXPECT_EQ(F.getInteger("byte_start"), 2);
  EXPECT_EQ(F.getInteger("byte_end"), 2);
  EXPECT_EQ(F.getInteger("column_start"), 3);
  EXPECT_EQ(F.getString("replacement"), "/*\"fix\"*/"); // escaped and read back
  EXPECT_EQ(F.getString("message"), "insert something");

  EXPECT_EQ(D.getString("rendered"), renderHuman(R.Diags[0], R.Sources, RenderOptions{false}));
  EXPECT_EQ(Doc.getArray("errors")->size(), 0u);
  ASSERT_EQ(Doc.getArray("notes")->size(), 1u);
}

TEST(JsonRenderer, InvalidUtf8StaysValidJson) {
  RunReport R = report();
  R.Sources = SourceSet();
  R.Sources.add(File, std::string(Text).replace(Text.find("\xc3\xa9"), 2, "\xff\xfe"));
  EXPECT_TRUE(bool(json::parse(renderJson(R, ToolInfo{}))));
  EXPECT_TRUE(bool(json::parse(renderSarif(R, {}, ToolInfo{}, "/src"))));
}

TEST(SarifRenderer, RegionsAndFingerprint) {
  RunReport R = report();
  json::Value V = parse(renderSarif(R, {}, ToolInfo{"borrowck", "1.2.3", "", ""}, "/src"));
  const json::Object &Run = *(*V.getAsObject()->getArray("runs"))[0].getAsObject();
  const json::Object &Res = *(*Run.getArray("results"))[0].getAsObject();
  EXPECT_EQ(Res.getInteger("ruleIndex"), std::nullopt); // not in the (empty) rule list
  const json::Object &Phys = *(*Res.getArray("locations"))[0].getAsObject()->getObject("physicalLocation");
  EXPECT_EQ(Phys.getObject("artifactLocation")->getString("uri"), "t.cpp");
  EXPECT_EQ(Phys.getObject("artifactLocation")->getString("uriBaseId"), "%SRCROOT%");
  const json::Object &Reg = *Phys.getObject("region");
  EXPECT_EQ(Reg.getInteger("startColumn"), 16);
  EXPECT_EQ(Reg.getInteger("byteOffset"), int64_t(Text.find("x;")));
  EXPECT_EQ(Reg.getInteger("charOffset"), int64_t(Text.find("x;") - 1));
  EXPECT_EQ(Reg.getInteger("charLength"), 1);
  EXPECT_EQ(Res.getArray("relatedLocations")->size(), 1u);

  // The fingerprint does not depend on where the line is.
  std::string FP = std::string(*Res.getObject("partialFingerprints")->getString("borrowck/v1"));
  EXPECT_EQ(FP, fingerprintBase("use-after-move", "t.cpp", "use of moved value: `x`", "/*\xc3\xa9*/ return x;") +
                    ":1");
  EXPECT_EQ(fingerprintBase("r", "f", "m  x", "  a\tb "), fingerprintBase("r", "f", "m x", "a b"));
  EXPECT_NE(fingerprintBase("r", "f", "m", "a"), fingerprintBase("r", "g", "m", "a"));
}

TEST(SarifRenderer, Uris) {
  RunReport R = report();
  R.Diags[0].Labels[1].Where.File = "../other/h.h";
  R.Diags[0].Labels[0].Where.File = "/abs/dir/a b.cpp";
  std::string S = renderSarif(R, {}, ToolInfo{}, "/src/proj");
  EXPECT_NE(S.find("\"uri\": \"file:///abs/dir/a%20b.cpp\""), std::string::npos) << S;
  EXPECT_NE(S.find("\"uri\": \"file:///src/other/h.h\""), std::string::npos);
  EXPECT_NE(S.find("\"uri\": \"file:///src/proj/\""), std::string::npos);
}

} // namespace
