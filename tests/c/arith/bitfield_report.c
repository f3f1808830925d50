// Bitfields: the field that is used was never written.
// EXPECT: report
#include "../common/opaque.h"

struct hdr {
    unsigned version : 3;
    unsigned flags : 5;
    unsigned length : 12;
    unsigned reserved : 12;
};

int main(void) {
    struct hdr *h = uninit_heap(sizeof *h);
    h->version = (unsigned)OPAQUE_INT(5);
    h->length = (unsigned)OPAQUE_INT(300);
    if (h->flags & 2) // REPORT
        puts("flag 2");
    printf("%u\n", h->version);
    return 0;
}
