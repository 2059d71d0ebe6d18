// Only here so that `a/../b/x.h` resolves.
