// Hand-built facts for the unit tests of the analyses and checks (no Clang).
#pragma once

#include "facts/Facts.h"

namespace borrowck::test {

// A function whose flow graph is a diamond: entry 0 -> 1 -> {2, 3} -> 4 ->
// exit 5, with empty fact blocks of every kind.
inline FunctionFacts diamondFunction() {
  FunctionFacts F;
  F.Name = "f";
  F.Graph.Entry = 0;
  F.Graph.Exit = 5;
  F.Graph.Succs = {{1}, {2, 3}, {4}, {4}, {5}, {}};
  F.Graph.Preds = {{}, {0}, {1}, {1}, {2, 3}, {4}};
  F.Blocks.assign(6, {});
  F.LoanBlocks.assign(6, {});
  F.InitBlocks.assign(6, {});
  F.Threads.Blocks.assign(6, {});
  return F;
}

} // namespace borrowck::test
