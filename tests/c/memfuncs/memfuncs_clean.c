// memset initializes; memcpy/memmove of initialized bytes stay initialized;
// uninitialized bytes copied along are never used.
// EXPECT: clean
#include "../common/opaque.h"

int main(void) {
    char *a = uninit_heap(256);
    memset(a, 0, 128);
    memset(a + 128, 'z', 64); /* a[192..256) uninitialized */
    char *b = uninit_heap(256);
    memcpy(b, a, 256);
    memmove(b + 1, b, 190); /* b[1..191) initialized */
    long sum = 0;
    for (int i = 0; i < 191; i++)
        sum += b[i];
    char small[16];
    memset(small, OPAQUE_INT('q'), sizeof small);
    memcpy(a + 192, small, 16);
    for (int i = 192; i < 208; i++)
        sum += a[i];
    size_t len = OPAQUE_INT(100);
    char *c = uninit_heap(len);
    memset(c, 1, len); /* unknown length */
    for (size_t i = 0; i < len; i++)
        sum += c[i];
    printf("%ld\n", sum);
    free(a);
    free(b);
    free(c);
    return 0;
}
