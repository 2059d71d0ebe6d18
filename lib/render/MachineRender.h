// Renderers for machines: one JSON or SARIF 2.1.0 document per run, written with
// llvm::json (LLVM Support only, no Clang). Like the other renderers they take
// Diagnostics plus source text; the run-level facts (files, tool errors, exit status)
// come in a RunReport. docs/output-formats.md describes both documents.
#pragma once

#include "catalog/Catalog.h"
#include "diag/Diagnostic.h"
#include "render/SourceText.h"

#include <span>
#include <string>
#include <vector>

namespace borrowck {

// A message about the run rather than about the code: a missing file, compile errors,
// an analysis that crashed, a function skipped. The driver prints it on stderr in every
// format; JSON and SARIF record it too.
struct ToolMessage {
  Level Kind = Level::Error; // Error, Warning or Note
  std::string File;          // as the user passed it; empty: the run as a whole
  std::string Text;          // as on stderr, without the "borrowck: error: " prefix
};

struct RunReport {
  std::vector<std::string> Files;  // the files the user named, in order
  std::vector<Diagnostic> Diags;   // in report order: file by file, sorted, deduplicated
  std::vector<ToolMessage> Messages;
  SourceSet Sources;               // every file a diagnostic points into
  int ExitStatus = 0;              // 0 clean, 1 findings, 2 tool error
};

struct ToolInfo {
  std::string Name = "borrowck";
  std::string Version;
  std::string InformationUri; // absolute URI of the project; empty: left out
  std::string DocsUri;        // absolute URI the rules/ folder is under (ends in '/'); empty: no helpUri
};

// {"version": 1, "tool": {...}, "exit_status": N, "diagnostics": [...], "errors": [...],
//  "notes": [...]}, pretty-printed, ending with a newline. Each diagnostic follows rustc's
// JSON (labels ~ spans, children, suggestions) and carries "rendered", the human text
// without colour.
std::string renderJson(const RunReport &Run, const ToolInfo &Tool);

// SARIF 2.1.0, one run. Rules come from the catalog; file URIs are relative to BaseDir
// (an absolute directory, "%SRCROOT%") when the file is under it, absolute otherwise.
std::string renderSarif(const RunReport &Run, std::span<const RuleInfo> Rules, const ToolInfo &Tool,
                        const std::string &BaseDir);

// The SARIF partialFingerprints value "borrowck/v1" is the first 32 hex digits of
// SHA-256 over rule, file URI, message and the primary line's text (whitespace
// collapsed; no line or column numbers), then ":<n>" for the n-th result with that hash.
std::string fingerprintBase(std::string_view Rule, std::string_view Uri, std::string_view Message,
                            std::string_view PrimaryLine);

} // namespace borrowck
