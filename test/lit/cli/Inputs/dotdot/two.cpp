#include "b/x.h"
void two() { twice("2"); }
