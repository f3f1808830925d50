/* umsan demo: a small packet parser with a classic bug.
 *
 * Packets are parsed into headers allocated from an arena. Version 2 packets
 * carry a checksum; version 1 packets do not, and the parser forgets to set
 * `checksum` for them. The verifier then compares a checksum that was never
 * written: the result depends on whatever the arena memory held before.
 *
 * Build and run with umsan (see run.sh):
 *     target/release/umsan-cc -g -O2 examples/demo/parse.c -o parse && ./parse
 * umsan reports the use of the uninitialized `checksum` in verify_packet().
 *
 * The test suite runs this file too (tests/README.md, "C tests"):
 */
// EXPECT: report
// MODES: O0 O2
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct header {
    uint8_t version;
    uint8_t kind;
    uint16_t length;   /* payload bytes */
    uint32_t checksum; /* only in version 2 packets */
    const uint8_t *payload;
};

/* A bump allocator: memory handed out is not cleared. */
struct arena {
    uint8_t *base;
    size_t used, cap;
};

static void *arena_alloc(struct arena *a, size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (a->used + n > a->cap)
        return NULL;
    void *p = a->base + a->used;
    a->used += n;
    return p;
}

static uint32_t read_u32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t sum_payload(const uint8_t *p, size_t n) {
    uint32_t s = 0x12345678;
    for (size_t i = 0; i < n; i++)
        s = (s << 5 | s >> 27) ^ p[i];
    return s;
}

/* Returns the number of bytes consumed, or 0 on malformed input. */
static size_t parse_header(const uint8_t *buf, size_t len, struct header *h) {
    if (len < 4)
        return 0;
    h->version = buf[0];
    h->kind = buf[1];
    h->length = (uint16_t)(buf[2] << 8 | buf[3]);
    size_t off = 4;
    if (h->version == 2) {
        if (len < 8)
            return 0;
        h->checksum = read_u32(buf + 4);
        off = 8;
    } else if (h->version != 1) {
        return 0;
    }
    /* BUG: version 1 packets leave h->checksum unset. */
    if (len - off < h->length)
        return 0;
    h->payload = buf + off;
    return off + h->length;
}

static int verify_packet(const struct header *h) {
    uint32_t want = sum_payload(h->payload, h->length);
    /* h->checksum is uninitialized for version 1 packets: */
    if (h->checksum != want) { // REPORT
        printf("  bad checksum (kind %u)\n", h->kind);
        return 0;
    }
    return 1;
}

int main(void) {
    static const uint8_t stream[] = {
        /* v2, kind 7, 5 bytes, checksum, "hello" */
        2, 7, 0, 5, 0xf6, 0x97, 0x55, 0x43, 'h', 'e', 'l', 'l', 'o',
        /* v1, kind 3, 3 bytes, "abc" */
        1, 3, 0, 3, 'a', 'b', 'c',
    };
    setvbuf(stdout, NULL, _IOLBF, 0); /* keep output in order with reports */
    struct arena a = {malloc(4096), 0, 4096};
    size_t pos = 0;
    int n = 0, good = 0;
    while (pos < sizeof stream) {
        struct header *h = arena_alloc(&a, sizeof *h);
        size_t used = parse_header(stream + pos, sizeof stream - pos, h);
        if (used == 0) {
            puts("malformed packet");
            break;
        }
        printf("packet %d: version %u, kind %u, %u bytes\n", n, h->version, h->kind, h->length);
        good += verify_packet(h);
        pos += used;
        n++;
    }
    printf("%d packets, %d verified\n", n, good);
    free(a.base);
    return 0;
}
