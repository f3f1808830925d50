// fp_traps_clean.c with origins tracked (umsan-cc's default): origin stores
// fill vector registers too; FP traps still behave as natively.
// EXPECT: clean
// MODES: O0 O1 O2 O3
// CFLAGS: -lm
#include "fp_traps_clean.c"
