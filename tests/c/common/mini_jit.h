/* A minimal JIT for the tests (x86-64): machine code generated at run time
 * into an anonymous executable mapping, as pcre2's JIT does — code that no
 * loaded object holds and umsan never compiled. The generated function
 *
 *     void jit_fn(struct jit_args *a)
 *
 * writes `number` and `value` of the block at a->blk (memory instrumented
 * code allocated), puts a word on its own stack frame, and calls
 * a->cb(a->blk, &that_word) — as pcre2's JIT fills its callout block and
 * calls do_callout_jit with it and its own ovector. */
#ifndef UMSAN_TEST_MINI_JIT_H
#define UMSAN_TEST_MINI_JIT_H

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

struct jit_block {
    int version;            /* written by the callback */
    int number;             /* written by the generated code: 42 */
    long value;             /* written by the generated code: 1337 */
    long extra;             /* written by nobody */
};

struct jit_args {
    void (*cb)(struct jit_block *blk, long *frame_word);
    struct jit_block *blk;
};

typedef void (*jit_fn)(struct jit_args *);

static jit_fn mini_jit_compile(void) {
    static const unsigned char code[] = {
        0x53,                                     /* push rbx */
        0x48, 0x89, 0xfb,                         /* mov rbx, rdi */
        0x48, 0x8b, 0x43, 0x08,                   /* mov rax, [rbx+8]   ; blk */
        0xc7, 0x40, 0x04, 0x2a, 0, 0, 0,          /* mov dword [rax+4], 42 */
        0x48, 0xc7, 0x40, 0x08, 0x39, 0x05, 0, 0, /* mov qword [rax+8], 1337 */
        0x48, 0x83, 0xec, 0x10,                   /* sub rsp, 16 */
        0x48, 0xc7, 0x04, 0x24, 7, 0, 0, 0,       /* mov qword [rsp], 7 */
        0x48, 0x89, 0xc7,                         /* mov rdi, rax */
        0x48, 0x89, 0xe6,                         /* mov rsi, rsp */
        0xff, 0x13,                               /* call [rbx]         ; cb */
        0x48, 0x83, 0xc4, 0x10,                   /* add rsp, 16 */
        0x5b,                                     /* pop rbx */
        0xc3,                                     /* ret */
    };
    void *mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED)
        return NULL;
    memcpy(mem, code, sizeof code);
    if (mprotect(mem, 4096, PROT_READ | PROT_EXEC) != 0)
        return NULL;
    return (jit_fn)mem;
}

#endif
