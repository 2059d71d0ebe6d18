// Thread facts: the containment of shared variables.
#include "facts/ThreadFacts.h"

namespace borrowck {

static bool contains(const ThreadFacts &T, uint32_t Outer, uint32_t Inner) {
  for (unsigned Steps = 0; Inner != NoThreadVar && Steps < 8; ++Steps) {
    if (Inner == Outer)
      return true;
    Inner = T.Vars[Inner].Of;
  }
  return false;
}

bool overlap(const ThreadFacts &T, uint32_t X, uint32_t Y) {
  return contains(T, X, Y) || contains(T, Y, X);
}

} // namespace borrowck
