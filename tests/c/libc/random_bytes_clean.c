// expat 2.5.0's hash salt: glibc's arc4random_buf/getrandom (uninstrumented,
// no interceptor) fill a local whose address they get; the salt then feeds a
// hash whose value picks a branch. The bytes count as written.
// EXPECT: clean
// ORACLE: skip (MemorySanitizer 19 has no arc4random_buf interceptor on Linux and reports the salt: expat's test_accounting_precision)
#include "../common/opaque.h"
#include <stdlib.h>
#include <sys/random.h>

__attribute__((noinline)) static unsigned long salt_arc4random(void) {
    unsigned long entropy;
    arc4random_buf(&entropy, sizeof(entropy));
    return entropy;
}

__attribute__((noinline)) static unsigned long salt_getrandom(void) {
    unsigned long entropy;
    if (getrandom(&entropy, sizeof(entropy), 0) != (ssize_t)sizeof(entropy))
        return 1;
    return entropy;
}

static unsigned long hash(unsigned long salt, const char *s) {
    unsigned long h = salt;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 0x100000001b3UL;
    return h;
}

int main(void) {
    unsigned long a = hash(salt_arc4random(), opaque("key"));
    unsigned long b = hash(salt_getrandom(), opaque("key"));
    int buckets = 0;
    if ((a ^ b) & 1) /* a branch on the salted hashes */
        buckets++;
    printf("%d\n", buckets <= 1);
    return 0;
}
