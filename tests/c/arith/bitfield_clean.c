// Bitfields: only the other fields of the word are uninitialized.
// EXPECT: clean
#include "../common/opaque.h"

struct hdr {
    unsigned version : 3;
    unsigned flags : 5;
    unsigned length : 12;
    unsigned reserved : 12;
};

static __attribute__((noinline)) void set_version(struct hdr *h, unsigned v) {
    h->version = v; /* read-modify-write: the other fields keep their garbage */
}

int main(void) {
    struct hdr *h = uninit_heap(sizeof *h);
    set_version(h, (unsigned)OPAQUE_INT(5));
    h->length = (unsigned)OPAQUE_INT(300);
    if (h->version == 5)
        puts("version 5");
    if (h->length > 256)
        puts("long");
    printf("%u %u\n", h->version, h->length);
    free(h);
    return 0;
}
