// A readable name for a function (FunctionFacts::Name, notes, internal
// errors). In ast/ because the fact builders name the function too; the
// driver's Functions.h re-exports it.
#pragma once

#include <string>

namespace clang {
class FunctionDecl;
class NamedDecl;
} // namespace clang

namespace borrowck {

std::string functionName(const clang::FunctionDecl &FD);

// A variable's name for the messages. An unnamed parameter (a defaulted or
// compiler-generated copy or move has one) is `other` in a copy or move
// constructor or assignment, `<parameter N>` elsewhere: never empty.
std::string variableName(const clang::NamedDecl &D);

} // namespace borrowck
