// Library functions with a model, called through function pointers (a
// dispatch table, a pointer passed to another function): the model still
// applies (the address is that of a wrapper that calls the function and
// applies its model), so the bytes `read` received and `memcpy` copied
// from initialized memory are initialized; the addresses still compare
// equal to the functions' own.
// EXPECT: clean
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <unistd.h>

static unsigned seen[256];
#define TOUCH(x) (seen[(unsigned char)(x)]++)

struct io_ops {
    ssize_t (*read)(int, void *, size_t);
    void *(*copy)(void *, const void *, size_t);
    size_t (*length)(const char *);
};

static const struct io_ops ops = {read, memcpy, strlen};

static unsigned use(const unsigned char *p, size_t n) {
    unsigned s = 0;
    for (size_t i = 0; i < n; i++)
        s += TOUCH(p[i]) + p[i];
    return s;
}

static void *apply(void *(*fn)(void *, const void *, size_t), void *d, const void *s, size_t n) {
    return fn(d, s, n);
}

int main(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    const struct io_ops *o = opaque((void *)&ops);
    unsigned char *buf = uninit_heap(32);
    if (write(fds[1], "pipe data", 9) != 9)
        return 1;
    ssize_t got = o->read(fds[0], buf, 32); /* 9 bytes */
    unsigned char *copy = uninit_heap(32);
    apply(o->copy, copy, buf, (size_t)got);
    size_t len = o->length("eleven char");
    printf("%zd %u %u %zu same %d\n", got, use(buf, (size_t)got), use(copy, (size_t)got), len,
           o->read == read && o->copy == memcpy);
    return 0;
}
