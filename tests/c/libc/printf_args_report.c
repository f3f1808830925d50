// The printf family reads the arguments its format consumes: an
// uninitialized integer, a `*` width, or uninitialized bytes a `%s` prints
// (up to its precision) are reported at the call; arguments the format
// does not consume, and bytes past a `%.Ns` precision, are not.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan reports inside its printf interceptor, at another frame)
#include "../common/opaque.h"
#include <umsan.h>

int main(void) {
    int *u = uninit_heap(2 * sizeof(int));
    char *s = uninit_heap(8);
    memcpy(s, "abcdefg", 8);
    umsan_poison(s + 4, 2); /* "abcd??g" */
    char buf[64];
    printf("%d\n", OPAQUE_INT(1));
    printf("%d %d\n", OPAQUE_INT(2), u[0]); // REPORT
    snprintf(buf, sizeof buf, "%*d", u[1], 5); // REPORT
    printf("%.4s|\n", s); /* only "abcd": clean */
    printf("[%s]\n", s); // REPORT
    fprintf(stdout, "%d\n", OPAQUE_INT(3), u[0]); /* not consumed: clean */
    return 0;
}
