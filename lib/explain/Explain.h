// Finding + rule catalog -> Diagnostic: all user-facing words live here and
// in rules/. Renderers only draw what this produces.
#pragma once

#include "checks/Finding.h"
#include "diag/Diagnostic.h"

#include <string>
#include <string_view>

namespace borrowck {

struct RuleInfo;

Diagnostic explain(const Finding &F);

} // namespace borrowck
