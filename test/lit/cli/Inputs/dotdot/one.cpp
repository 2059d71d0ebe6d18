#include "a/../b/x.h"
void one() { twice("1"); }
