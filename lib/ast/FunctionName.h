// A readable name for a function (FunctionFacts::Name, notes, internal
// errors). In ast/ because the fact builders name the function too; the
// driver's Functions.h re-exports it.
#pragma once

#include <string>

namespace clang {
class FunctionDecl;
}

namespace borrowck {

std::string functionName(const clang::FunctionDecl &FD);

} // namespace borrowck
