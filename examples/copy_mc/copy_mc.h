/* copy_mc.h — the assembly routines of copy_mc.S, as C sees them. */
#ifndef COPY_MC_H
#define COPY_MC_H

#include <stddef.h>
#include <umsan.h>

/* Copies len bytes from src to dst, stopping early at the first unreadable
 * source byte. Returns the number of bytes NOT copied (0 = all of them). */
size_t copy_mc(void *dst, const void *src, size_t len);

/* write(2) through a bare `syscall`: bytes written, or -errno. */
long raw_write(int fd, const void *buf, size_t len);

#ifndef USE_TOML
/* Only the first len - ret bytes were copied: dst[0..k) takes the
 * initializedness of src[0..k), and nothing else changes. */
UMSAN_MEMCPY_LIKE(copy_mc, 0, 1, 2, remaining);
/* The first ret bytes of buf leave the program: they must be initialized. */
UMSAN_COPY_OUT(raw_write, 1, 2, copied);
#endif
/* With -DUSE_TOML the same models come from models.toml instead:
 *     umsan-cc -DUSE_TOML -fumsan-config=models.toml ... */

/* Installs the SIGSEGV/SIGBUS handler that makes copy_mc recoverable. */
void copy_mc_install_handler(void);

#endif
