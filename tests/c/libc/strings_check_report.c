// Functions that decide on bytes (strcmp, memcmp, strlen, strchr, memchr)
// report uninitialized bytes they examine, at the call; bytes they never
// look at (after the first difference, past the match) are not reported.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan reports at the call of the library function; msan inside its interceptor)
#include "../common/opaque.h"

static volatile int sink;

int main(void) {
    char *a = uninit_heap(16);
    char *b = opaque("hello");
    memcpy(a, "hel", 3); /* a[3..) uninitialized */
    sink = strcmp(a, b); // REPORT
    sink = strcmp(opaque("hx"), a); /* stops at index 1: clean */
    sink = memcmp(a, b, 5); // REPORT
    sink = memcmp(a, opaque("hez"), 3); /* differs at index 2: clean */
    sink = (int)strlen(a); // REPORT
    sink = strchr(a, 'e') != NULL; /* found at index 1: clean */
    sink = strchr(a, 'q') != NULL; // REPORT
    sink = memchr(a, 'l', 16) != NULL; /* found at index 2: clean */
    sink = memchr(a, 'z', 16) != NULL; // REPORT
    sink = strncmp(a, b, 3); /* only 3 bytes: clean */
    sink = strncmp(a, b, 5); // REPORT
    free(a);
    return 0;
}
