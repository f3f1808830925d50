/*
 * umsan.h — annotations and runtime API of umsan, the uninitialized-memory
 * sanitizer.
 *
 * Annotations
 * -----------
 * Declare, once and at file scope AFTER the function's prototype, that a
 * function behaves like a memory copy whose body must not be instrumented:
 *
 *     size_t copy_mc_to_kernel(void *dst, const void *src, size_t len);
 *     UMSAN_MEMCPY_LIKE(copy_mc_to_kernel, 0, 1, 2, remaining);
 *
 *     UMSAN_MEMCPY_LIKE(fn, DST, SRC, LEN, RET);  dst[0..k) takes the metadata of src[0..k)
 *     UMSAN_COPY_OUT(fn, SRC, LEN, RET);          src[0..k) leaves the program: must be initialized
 *     UMSAN_COPY_IN(fn, DST, LEN, RET);           dst[0..k) arrives from outside: becomes initialized
 *
 * DST, SRC and LEN are 0-based parameter positions, written as plain decimal
 * integer literals. RET says how many bytes (k) were transferred:
 *
 *     none       all LEN bytes
 *     remaining  fn returns how many bytes were NOT transferred (k = len - ret)
 *     copied     fn returns how many bytes were transferred (negative: none)
 *
 * Any other RET token, or a negative position, is a compile error.
 *
 * The extended TOML form (interface.md, section 3, and the extension in
 * configs/libc.toml: expressions, `when`, `before(...)`, `[[function.also]]`)
 * can be written in the source too, as the body of one [[function]] table
 * without its `name` (single-quoted TOML strings read well in C):
 *
 *     struct cursor { long tag; char *pos; char *end; };
 *     void fill(struct cursor *c);       // advances c->pos over what it wrote
 *     UMSAN_MODEL(fill, "effect = 'copy_in'\n"
 *                       "dst_expr = 'before(deref(arg0 + 8))'\n"
 *                       "len_expr = 'deref(arg0 + 8) - before(deref(arg0 + 8))'");
 *
 * Errors in it name the macro's file and line.
 *
 * When compiled by umsan-cc (which defines __UMSAN__), each macro becomes a
 * redeclaration of fn carrying
 *     __attribute__((annotate("umsan:<effect>:<dst>:<src>:<len>:<ret>")))
 * with "-" for an absent position, e.g. "umsan:copy_out:-:1:2:none". clang
 * records the annotation only for declarations the translation unit defines
 * or references, which is exactly where the pass needs it. Compiled without
 * umsan (gcc, plain clang), the macros only declare an unused extern array
 * (to check their arguments) and cause no warnings.
 *
 * Runtime API
 * -----------
 * The functions at the end are provided by the umsan runtime under umsan, and
 * are inline no-ops otherwise (umsan_test_initialized then returns -1).
 */
#ifndef UMSAN_H
#define UMSAN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The valid RET tokens; `umsan_ret_<RET>_` must name one of them. */
enum umsan_ret_kind_ {
    umsan_ret_none_ = 0,
    umsan_ret_remaining_ = 1,
    umsan_ret_copied_ = 2
};

/*
 * A file-scope declaration that is valid (and identical every time) only when
 * RET is a known token and the positions are non-negative integer constants.
 * Expands to a harmless repeated `extern` declaration.
 */
#define UMSAN_CHECK_ARGS_(DSTV, SRCV, LENV, RET)                              \
    extern char umsan_annotation_check_[                                      \
        ((DSTV) >= 0 && (SRCV) >= 0 && (LENV) >= 0 && umsan_ret_##RET##_ >= 0) \
            ? 1                                                               \
            : -1]

#ifdef __UMSAN__
/* A record the umsan pass reads (and removes) at compile time: the function,
 * its model, and where it was declared. Unlike an attribute, a record may
 * follow the function's definition as well as its prototype. */
#define UMSAN_CAT2_(a, b) a##b
#define UMSAN_CAT_(a, b) UMSAN_CAT2_(a, b)
/* One record in section __umsan_models: {function, model text, file, line}. */
#define UMSAN_RECORD_(fn, TEXT)                                               \
    static const struct {                                                     \
        __typeof__(fn) *function;                                             \
        const char *model;                                                    \
        const char *file;                                                     \
        int line;                                                             \
    } UMSAN_CAT_(umsan_model_record_, __COUNTER__)                            \
        __attribute__((used, section("__umsan_models"))) = {                  \
            fn, TEXT, __FILE__, __LINE__}
#define UMSAN_ANNOTATE_(fn, EFFECT, DSTS, SRCS, LENS, RET)                    \
    UMSAN_RECORD_(fn, "umsan:" EFFECT ":" DSTS ":" SRCS ":" LENS ":" #RET)
/* The extended form: the record's model text is "umsan-model:<TOML>". */
#define UMSAN_MODEL(fn, TOML) UMSAN_RECORD_(fn, "umsan-model:" TOML)
#else
#define UMSAN_ANNOTATE_(fn, EFFECT, DSTS, SRCS, LENS, RET)                    \
    extern char umsan_annotation_check_[1]
#define UMSAN_MODEL(fn, TOML) extern char umsan_annotation_check_[sizeof(TOML) > 0]
#endif

/* dst[0..k) takes the metadata of src[0..k); the data is fn's business. */
#define UMSAN_MEMCPY_LIKE(fn, DST, SRC, LEN, RET)                             \
    UMSAN_CHECK_ARGS_(DST, SRC, LEN, RET);                                    \
    UMSAN_ANNOTATE_(fn, "memcpy_like", #DST, #SRC, #LEN, RET)

/* src[0..k) leaves the program: reported if any byte is uninitialized. */
#define UMSAN_COPY_OUT(fn, SRC, LEN, RET)                                     \
    UMSAN_CHECK_ARGS_(0, SRC, LEN, RET);                                      \
    UMSAN_ANNOTATE_(fn, "copy_out", "-", #SRC, #LEN, RET)

/* dst[0..k) arrives from outside the program: becomes initialized. */
#define UMSAN_COPY_IN(fn, DST, LEN, RET)                                      \
    UMSAN_CHECK_ARGS_(DST, 0, LEN, RET);                                      \
    UMSAN_ANNOTATE_(fn, "copy_in", #DST, "-", #LEN, RET)

#ifdef __UMSAN__

/* "I did something that looks like a memory copy": metadata only. */
extern void umsan_memmove_metadata(void *dst, const void *src, size_t n);
/* Mark [p, p+n) uninitialized. */
extern void umsan_poison(const volatile void *p, size_t n);
/* Mark [p, p+n) initialized. */
extern void umsan_unpoison(const volatile void *p, size_t n);
/* Report if any byte of [p, p+n) is uninitialized. */
extern void umsan_check_initialized(const volatile void *p, size_t n);
/* Index of the first uninitialized byte of [p, p+n), or -1. */
extern long umsan_test_initialized(const volatile void *p, size_t n);

#else /* !__UMSAN__: no-ops */

#if defined(__GNUC__) || defined(__clang__)
#define UMSAN_INLINE_ static __inline__
#else
#define UMSAN_INLINE_ static inline
#endif

UMSAN_INLINE_ void umsan_memmove_metadata(void *dst, const void *src, size_t n) {
    (void)dst; (void)src; (void)n;
}
UMSAN_INLINE_ void umsan_poison(const volatile void *p, size_t n) {
    (void)p; (void)n;
}
UMSAN_INLINE_ void umsan_unpoison(const volatile void *p, size_t n) {
    (void)p; (void)n;
}
UMSAN_INLINE_ void umsan_check_initialized(const volatile void *p, size_t n) {
    (void)p; (void)n;
}
UMSAN_INLINE_ long umsan_test_initialized(const volatile void *p, size_t n) {
    (void)p; (void)n;
    return -1;
}

#undef UMSAN_INLINE_

#endif /* __UMSAN__ */

#ifdef __cplusplus
}
#endif

#endif /* UMSAN_H */
