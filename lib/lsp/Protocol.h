// Conversions between borrowck's model and the Language Server Protocol's JSON:
// file URIs, positions (UTF-16 code units, the protocol's default encoding),
// text edits, diagnostics, code actions and hovers. No state.
#pragma once

#include "catalog/Catalog.h"
#include "diag/Diagnostic.h"
#include "render/SourceText.h"

#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace borrowck::lsp {

// file:///a/b%20c.cpp <-> /a/b c.cpp. Empty / nullopt for anything but file URIs.
std::optional<std::string> pathFromUri(llvm::StringRef Uri);
std::string uriFromPath(llvm::StringRef Path);

struct Position {
  uint32_t Line = 0;      // 0-based
  uint32_t Character = 0; // UTF-16 code units from the start of the line
};

// Byte offset <-> position in Text; positions past a line's end or the text's end clamp.
Position positionOf(llvm::StringRef Text, uint32_t Offset);
uint32_t offsetOf(llvm::StringRef Text, Position P);

llvm::json::Value toJson(Position P);
llvm::json::Value rangeJson(llvm::StringRef Text, uint32_t Begin, uint32_t End);
std::optional<Position> positionFromJson(const llvm::json::Value *V);

// One entry of didChange's contentChanges: a range and its new text, or the whole
// text when there is no range. False when the entry is malformed.
bool applyChange(std::string &Text, const llvm::json::Object &Change);

// The text of a file a diagnostic points into: the document itself, else the
// analysis' copy, else nullptr.
struct TextLookup {
  const std::string *MainPath = nullptr;
  const std::string *MainText = nullptr;
  const SourceSet *Sources = nullptr;
  const std::string *find(const std::string &Path) const;
};

struct PublishOptions {
  std::string DocsUrl; // ends in '/': codeDescription.href = DocsUrl + "rules/<slug>/explain.md"
};

// The LSP Diagnostic for one finding: range of the primary label, severity, code,
// source "borrowck", "<message> [<rule>, <verdict>]" plus the children as lines, and
// the labels (primary first) as relatedInformation.
llvm::json::Value diagnosticJson(const Diagnostic &D, const TextLookup &Texts, const PublishOptions &Opts);

// The primary label's range in the document [Begin, End) bytes; false if it is elsewhere.
bool primaryRange(const Diagnostic &D, const std::string &Path, uint32_t &Begin, uint32_t &End);

// Code actions for one finding: each fix-it child as a quick fix, then "suppress"
// (a borrowck-allow comment on the line before) and "explain" (the command
// borrowck.explain with the rule's slug).
void codeActions(const Diagnostic &D, const TextLookup &Texts, const std::string &Uri,
                 const PublishOptions &Opts, llvm::json::Array &Out);

// Markdown for hovering a finding: the rule's code, title, summary and what C++ and
// Rust say, and how to read the whole explanation.
std::string hoverMarkdown(const Diagnostic &D, const PublishOptions &Opts);

// The text `borrowck --explain` prints for a rule, for the borrowck.explain command.
std::string explainText(const RuleInfo &R);

inline constexpr const char *ExplainCommand = "borrowck.explain";

} // namespace borrowck::lsp
