// `%ls` (and `%S`) print a wide string: its uninitialized characters are
// reported at the call, like `%s`'s bytes; characters past a precision
// (`%.2ls`: at most two bytes written, so at most two characters read) are
// not.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan reports inside its printf interceptor, at another frame)
#include "../common/opaque.h"
#include <umsan.h>
#include <wchar.h>

int main(void) {
    wchar_t *w = uninit_heap(8 * sizeof(wchar_t));
    w[0] = L'a';
    w[1] = L'b';
    w[3] = L'd';
    w[4] = 0; /* w[2] is uninitialized */
    printf("%.2ls|\n", w); /* "ab": clean */
    printf("[%ls]\n", w); // REPORT
    printf("[%S]\n", w); // REPORT
    return 0;
}
