// The `borrowck --explain` pages, built from the rule catalog.
#pragma once

#include "catalog/Catalog.h"

#include <string>
#include <string_view>
#include <vector>

namespace borrowck {

// One rule's page: What happened / Why C++ allows it / What Rust does (with
// rustc's output for rust.rs) / What Go does / What the C++ runtime and tools
// do / How to fix / Examples (bad.cpp and good.cpp without test markers), then
// the rule's own sections (what borrowck tracks).
std::string explainPage(const RuleInfo &R);

// For a code several rules print: one line per rule, to choose from.
std::string explainMenu(std::string_view Code, const std::vector<const RuleInfo *> &Rules);

} // namespace borrowck
