// `%ls` over an initialized wide string, and `%.Nls` stopping before the
// uninitialized characters: no report, the native output.
// EXPECT: clean
#include "../common/opaque.h"
#include <wchar.h>

int main(void) {
    wchar_t *w = uninit_heap(8 * sizeof(wchar_t));
    w[0] = L'x';
    w[1] = L'y';
    w[2] = L'z'; /* w[3..] uninitialized */
    printf("%.3ls|\n", w);
    wchar_t full[] = L"wide";
    printf("[%ls] [%S] [%5.2ls]\n", full, full, full);
    return 0;
}
