#include "shared.h"
int *b_bug() {
  int x = 1;
  return &x;
}
int b_use() { return shared_bug(); }
