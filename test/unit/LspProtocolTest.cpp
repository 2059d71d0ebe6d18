// The language server's conversions (lib/lsp/Protocol, Transport): positions in UTF-16
// code units, edits, file URIs, framing, code actions.
#include "lsp/Protocol.h"
#include "lsp/Transport.h"

#include <gtest/gtest.h>

#include <cstdio>

using namespace borrowck;
using namespace borrowck::lsp;

namespace {

TEST(LspPositions, Utf16Units) {
  // "€" is 3 bytes and one UTF-16 unit; "😀" is 4 bytes and two units (a surrogate pair).
  std::string Text = "a\xE2\x82\xAC" "b\n\xF0\x9F\x98\x80x\n";
  Position P = positionOf(Text, 4); // the 'b'
  EXPECT_EQ(P.Line, 0u);
  EXPECT_EQ(P.Character, 2u);
  P = positionOf(Text, 10); // the 'x'
  EXPECT_EQ(P.Line, 1u);
  EXPECT_EQ(P.Character, 2u);
  EXPECT_EQ(offsetOf(Text, Position{0, 2}), 4u);
  EXPECT_EQ(offsetOf(Text, Position{1, 2}), 10u);
  // Past the end of a line: the line's end; past the last line: the text's end.
  EXPECT_EQ(offsetOf(Text, Position{0, 99}), 5u);
  EXPECT_EQ(offsetOf(Text, Position{9, 0}), Text.size());
}

TEST(LspPositions, IncrementalAndFullChanges) {
  std::string Text = "int main() {\n  return 1;\n}\n";
  llvm::json::Object Edit{{"range", llvm::json::Object{{"start", toJson(Position{1, 9})}, {"end", toJson(Position{1, 10})}}},
                          {"text", "42"}};
  ASSERT_TRUE(applyChange(Text, Edit));
  EXPECT_EQ(Text, "int main() {\n  return 42;\n}\n");
  llvm::json::Object Insert{{"range", llvm::json::Object{{"start", toJson(Position{3, 0})}, {"end", toJson(Position{3, 0})}}},
                            {"text", "// end\n"}};
  ASSERT_TRUE(applyChange(Text, Insert));
  EXPECT_EQ(Text, "int main() {\n  return 42;\n}\n// end\n");
  ASSERT_TRUE(applyChange(Text, llvm::json::Object{{"text", "x"}}));
  EXPECT_EQ(Text, "x");
  EXPECT_FALSE(applyChange(Text, llvm::json::Object{{"range", 1}}));
  EXPECT_EQ(Text, "x");
}

TEST(LspUris, RoundTrip) {
  EXPECT_EQ(uriFromPath("/a b/c%d+.cpp"), "file:///a%20b/c%25d%2B.cpp");
  EXPECT_EQ(pathFromUri("file:///a%20b/c%25d%2B.cpp"), std::optional<std::string>("/a b/c%d+.cpp"));
  EXPECT_EQ(pathFromUri("file:///x/%7e.cpp"), std::optional<std::string>("/x/~.cpp"));
  EXPECT_EQ(pathFromUri("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(pathFromUri("file://otherhost/x.cpp"), std::nullopt);
}

std::FILE *input(const std::string &Bytes) {
  std::FILE *F = std::tmpfile();
  std::fwrite(Bytes.data(), 1, Bytes.size(), F);
  std::rewind(F);
  return F;
}

TEST(LspFraming, Messages) {
  std::FILE *In = input("Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
                        "content-length:  3\n\n[1]"
                        "Content-Length: x\r\n\r\n"
                        "Content-Type: a\r\n\r\n"
                        "Content-Length: 10\r\n\r\n{}");
  std::string Body, Why;
  EXPECT_EQ(readMessage(In, Body, Why), ReadStatus::Message);
  EXPECT_EQ(Body, "{}");
  EXPECT_EQ(readMessage(In, Body, Why), ReadStatus::Message); // bare LF, any case, spaces
  EXPECT_EQ(Body, "[1]");
  EXPECT_EQ(readMessage(In, Body, Why), ReadStatus::BadHeader);
  EXPECT_EQ(Why, "bad Content-Length header 'Content-Length: x'");
  EXPECT_EQ(readMessage(In, Body, Why), ReadStatus::BadHeader);
  EXPECT_EQ(Why, "message without a Content-Length header");
  EXPECT_EQ(readMessage(In, Body, Why), ReadStatus::End); // cut short
  std::fclose(In);
}

TEST(LspCodeActions, SuppressKeepsIndentation) {
  std::string Path = "/p/a.cpp", Text = "void f() {\n\tif (x)\n\t    use(s);\n}\n";
  Diagnostic D;
  D.Rule = "use-after-move";
  D.RustCode = "E0382";
  D.Message = "borrow of moved value: `s`";
  D.Labels.push_back(Label{Span{Path, 25, 26}, "value borrowed here after move", true});
  TextLookup Texts{&Path, &Text, nullptr};
  llvm::json::Array Actions;
  codeActions(D, Texts, "file:///p/a.cpp", PublishOptions(), Actions);
  ASSERT_EQ(Actions.size(), 2u); // no fix-it: suppress and explain
  const llvm::json::Object *Suppress = Actions[0].getAsObject();
  EXPECT_EQ(Suppress->getString("title"), std::optional<llvm::StringRef>("Suppress use-after-move on this line (borrowck-allow)"));
  const llvm::json::Array *Edits = Suppress->getObject("edit")->getObject("changes")->getArray("file:///p/a.cpp");
  ASSERT_TRUE(Edits && Edits->size() == 1);
  const llvm::json::Object *E = (*Edits)[0].getAsObject();
  EXPECT_EQ(E->getString("newText"), std::optional<llvm::StringRef>("\t    // borrowck-allow(use-after-move)\n"));
  EXPECT_EQ(E->getObject("range")->getObject("start")->getInteger("line"), std::optional<int64_t>(2));
  EXPECT_EQ(E->getObject("range")->getObject("start")->getInteger("character"), std::optional<int64_t>(0));
  const llvm::json::Object *Explain = Actions[1].getAsObject()->getObject("command");
  EXPECT_EQ(Explain->getString("command"), std::optional<llvm::StringRef>(ExplainCommand));
}

} // namespace
