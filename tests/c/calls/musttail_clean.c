// A small interpreter whose handlers dispatch to each other through
// `musttail` calls (clang's __attribute__((musttail)), as tail-calling
// interpreters and parsers do), with a stack buffer in one handler and
// partially initialized memory that is never read uninitialized: no
// report, and the output of the native build.
// EXPECT: clean
#include "../common/opaque.h"

struct vm {
    const unsigned char *pc;
    long acc;
    long regs[8]; /* only the ones the program writes are initialized */
};

typedef long handler(struct vm *vm, long depth);
static handler op_add, op_mul, op_store, op_fmt, op_halt;
static handler *const table[] = {op_add, op_mul, op_store, op_fmt, op_halt};

static __attribute__((noinline)) long dispatch(struct vm *vm, long depth) {
    __attribute__((musttail)) return table[*vm->pc++](vm, depth + 1);
}

static long op_add(struct vm *vm, long depth) {
    vm->acc += *vm->pc++;
    __attribute__((musttail)) return dispatch(vm, depth);
}

static long op_mul(struct vm *vm, long depth) {
    vm->acc *= *vm->pc++;
    __attribute__((musttail)) return dispatch(vm, depth);
}

static long op_store(struct vm *vm, long depth) {
    vm->regs[*vm->pc++ & 7] = vm->acc;
    __attribute__((musttail)) return dispatch(vm, depth);
}

static long op_fmt(struct vm *vm, long depth) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "acc=%ld", vm->acc);
    if (n > 0 && buf[0] == 'a')
        puts(buf);
    __attribute__((musttail)) return dispatch(vm, depth);
}

static long op_halt(struct vm *vm, long depth) {
    return vm->regs[1] + vm->regs[2] + depth;
}

int main(void) {
    static const unsigned char code[] = {0, 5, 1, 7, 2, 1, 3, 0, 2, 2, 2, 3, 4};
    struct vm *vm = uninit_heap(sizeof *vm);
    vm->pc = code;
    vm->acc = OPAQUE_INT(1);
    long r = dispatch(vm, 0);
    printf("%ld\n", r);
    return 0;
}
