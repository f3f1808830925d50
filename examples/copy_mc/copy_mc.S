/*
 * copy_mc.S — a userspace "machine-check safe" copy, in the spirit of
 * Linux's copy_mc_to_kernel / copy_mc_fragile, plus a raw write(2).
 *
 * Both routines are plain assembly: umsan never sees (or instruments) them.
 * Their effect on umsan's metadata is declared in copy_mc.h (or models.toml).
 *
 * size_t copy_mc(void *dst, const void *src, size_t len);
 *     Copies byte by byte. If a load from src faults (an unreadable page:
 *     SIGSEGV/SIGBUS), the signal handler in main.c finds the faulting
 *     instruction in the exception table below and resumes at its fixup,
 *     which returns the number of bytes NOT copied. Returns 0 on success.
 *
 * long raw_write(int fd, const void *buf, size_t len);
 *     write(2) as a bare `syscall`: returns the bytes written, or -errno.
 */
        .text

        .globl  copy_mc
        .type   copy_mc, @function
copy_mc:
        mov     %rdx, %rcx              /* rcx = bytes still to copy */
        test    %rcx, %rcx
        jz      .Ldone
.Lloop:
.Lload:                                 /* the only instruction that may fault */
        movzbl  (%rsi), %eax
        movb    %al, (%rdi)
        inc     %rsi
        inc     %rdi
        dec     %rcx
        jnz     .Lloop
.Ldone:
        xor     %eax, %eax              /* everything copied: 0 remaining */
        ret
.Lfixup:                                /* resumed here after a fault at .Lload */
        mov     %rcx, %rax              /* bytes NOT copied */
        ret
        .size   copy_mc, . - copy_mc

        .globl  raw_write
        .type   raw_write, @function
raw_write:
        mov     $1, %eax                /* __NR_write; rdi, rsi, rdx as given */
        syscall
        ret
        .size   raw_write, . - raw_write

/*
 * The exception table: pairs of (faulting instruction, fixup), each stored
 * relative to its own address like Linux's __ex_table, so that it needs no
 * relocation in a position-independent executable. The linker provides
 * __start_copy_mc_extable / __stop_copy_mc_extable around it.
 */
        .section copy_mc_extable, "a"
        .balign 4
        .long   .Lload - .
        .long   .Lfixup - .

        .section .note.GNU-stack, "", @progbits
