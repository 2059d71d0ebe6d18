// A complete, stable text form of one function's facts (--dump=facts): every
// family (moves, loans and origins, initialisation, threads). The golden
// dumps in test/facts/ hold it byte for byte, so a refactoring of the fact
// generators shows every change it makes.
#pragma once

#include "facts/Facts.h"

#include <string>

namespace llvm {
class raw_ostream;
}

namespace borrowck {

// Spans in MainFile print as @begin-end, others as @file:begin-end.
void dumpFacts(const FunctionFacts &F, const std::string &MainFile, llvm::raw_ostream &OS);

} // namespace borrowck
