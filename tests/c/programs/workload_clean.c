// A loop-heavy program with no uninitialized use: sorting, hashing, string
// building with snprintf, a hash table, a small interpreter. Any report here
// is a false positive.
// EXPECT: clean
#include "../common/opaque.h"
#include <stdint.h>

static uint32_t rng_state = 12345;
static uint32_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void insertion_sort(int *a, int n) {
    for (int i = 1; i < n; i++) {
        int v = a[i], j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void merge_sort(int *a, int *tmp, int n) {
    if (n < 16) {
        insertion_sort(a, n);
        return;
    }
    int h = n / 2;
    merge_sort(a, tmp, h);
    merge_sort(a + h, tmp, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

static uint64_t fnv1a(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

struct entry {
    char key[24];
    int count;
    struct entry *next;
};

#define BUCKETS 101

static struct entry *table[BUCKETS];

static void count_word(const char *w) {
    uint64_t h = fnv1a(w, strlen(w)) % BUCKETS;
    for (struct entry *e = table[h]; e; e = e->next)
        if (strcmp(e->key, w) == 0) {
            e->count++;
            return;
        }
    struct entry *e = malloc(sizeof *e); /* key fully written below */
    snprintf(e->key, sizeof e->key, "%s", w);
    e->count = 1;
    e->next = table[h];
    table[h] = e;
}

/* A tiny register machine. */
enum op { LOADI, ADD, MUL, DEC, JNZ, HALT };
struct insn {
    enum op op;
    int a, b;
    long imm;
};

static long interpret(const struct insn *prog) {
    long reg[8];
    for (int pc = 0;;) {
        const struct insn *in = &prog[pc++];
        switch (in->op) {
        case LOADI: reg[in->a] = in->imm; break;
        case ADD: reg[in->a] += reg[in->b]; break;
        case MUL: reg[in->a] *= reg[in->b]; break;
        case DEC: reg[in->a]--; break;
        case JNZ: if (reg[in->a] != 0) pc = (int)in->imm; break;
        case HALT: return reg[in->a];
        }
    }
}

int main(void) {
    int n = OPAQUE_INT(5000);
    int *a = malloc(n * sizeof *a);
    int *tmp = malloc(n * sizeof *tmp); /* scratch, written before read */
    for (int i = 0; i < n; i++)
        a[i] = (int)(rng() % 100000);
    merge_sort(a, tmp, n);
    for (int i = 1; i < n; i++)
        if (a[i - 1] > a[i]) {
            puts("unsorted!");
            return 1;
        }
    printf("min=%d max=%d median=%d\n", a[0], a[n - 1], a[n / 2]);

    char line[256];
    size_t used = 0;
    for (int i = 0; i < 40 && used < sizeof line - 16; i++)
        used += (size_t)snprintf(line + used, sizeof line - used, "%d,", a[i * 100] % 97);
    printf("line=%s hash=%016llx\n", line, (unsigned long long)fnv1a(line, used));

    static const char *words[] = {"alpha", "beta", "gamma", "delta", "alpha", "beta", "alpha", "omega"};
    for (int r = 0; r < 100; r++)
        for (int i = 0; i < 8; i++) {
            char w[32];
            snprintf(w, sizeof w, "%s%d", words[i], r % 3);
            count_word(w);
        }
    int distinct = 0, total = 0, max = 0;
    for (int b = 0; b < BUCKETS; b++)
        for (struct entry *e = table[b]; e; e = e->next) {
            distinct++;
            total += e->count;
            if (e->count > max)
                max = e->count;
        }
    printf("words distinct=%d total=%d max=%d\n", distinct, total, max);

    /* r0 = sum of 1..100, r2 = 12! */
    struct insn prog[] = {
        {LOADI, 0, 0, 0}, {LOADI, 1, 0, 100}, {LOADI, 2, 0, 1}, {LOADI, 3, 0, 12},
        {ADD, 0, 1, 0}, {DEC, 1, 0, 0}, {JNZ, 1, 0, 4},          /* 4..6 */
        {MUL, 2, 3, 0}, {DEC, 3, 0, 0}, {JNZ, 3, 0, 7},          /* 7..9 */
        {ADD, 0, 2, 0}, {HALT, 0, 0, 0},
    };
    printf("vm=%ld\n", interpret(prog));
    free(a);
    free(tmp);
    return 0;
}
