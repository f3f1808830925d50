/* A helper listed by `src:` in ignorelist.txt (used by ignorelist.c). */
#ifndef IGNORELIST_HELPERS_H
#define IGNORELIST_HELPERS_H
static volatile int sink;

static int helper_peek(const unsigned char *p) {
    if (p[3] == 7) /* uninitialized: not checked, the file is listed */
        sink++;
    return p[3];
}
#endif
