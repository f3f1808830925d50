/* Helpers of the tests over the system's libpcre2 (tests/c/syslibs/pcre2_*):
 * match data blocks in the program's own (instrumented) heap. */
#ifndef UMSAN_TEST_PCRE2_MATCH_DATA_H
#define UMSAN_TEST_PCRE2_MATCH_DATA_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include "opaque.h"
#include <pcre2.h>
#include <umsan.h>

static void *my_malloc(size_t n, void *data) {
    (void)data;
    return malloc(n); /* instrumented: poisoned */
}

static void my_free(void *p, void *data) {
    (void)data;
    free(p);
}

/* A general context allocating with the program's malloc. */
static pcre2_general_context *program_heap(void) {
    return pcre2_general_context_create(my_malloc, my_free, NULL);
}

/* A match data block as a libpcre2 built by umsan-cc leaves it: its header
 * written by pcre2's (instrumented) code, its ovector uninitialized. The
 * system's library writes the header unseen, and the first call handing the
 * block to it counts the whole poisoned block as written; so the ovector is
 * poisoned again here. */
static pcre2_match_data *fresh_md(unsigned pairs, pcre2_general_context *gc) {
    pcre2_match_data *md = pcre2_match_data_create(pairs, gc);
    umsan_poison(pcre2_get_ovector_pointer(md), pairs * 2 * sizeof(PCRE2_SIZE));
    return md;
}

#endif
