// Renderers only draw: they take Diagnostics plus source text and produce text.
#pragma once

#include "diag/Diagnostic.h"
#include "render/SourceText.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace borrowck {

struct RenderOptions {
  bool Color = false;
  unsigned Width = 0; // wrap `= note:` / `= help:` lines at this many columns; 0: never
};

// The brief layout of a finding: its verdict, notes and fix; the teaching lines
// (Role::Detail) only with Teach; the comparison lines (Role::Compare) with
// Teach, or the first time the run prints them for this rule (Taught records
// (rule, text) pairs already printed).
Diagnostic briefFinding(const Diagnostic &D, bool Teach,
                        std::set<std::pair<std::string, std::string>> &Taught);

// rustc's human layout (header, --> line, gutter, ^^^ primary / --- secondary
// labels, elided lines, = note: / = help: children), ending with a blank line.
std::string renderHuman(const Diagnostic &D, const SourceSet &Sources, const RenderOptions &Opts);

// The closing lines after all diagnostics of a run, as rustc prints them:
// "error: N errors found" (or nothing when there are none) and the
// "For more information ..." line naming `borrowck --explain`.
std::string renderHumanTrailer(const std::vector<Diagnostic> &All, const RenderOptions &Opts);

// One line per diagnostic for editors and FileCheck:
//   file:line:col: error: <message> [<rule>]
// then one "file:line:col: note: <label text>" line per secondary label with text.
std::string renderClang(const Diagnostic &D, const SourceSet &Sources);

} // namespace borrowck
