// A signal handler interrupting code between a caller's stores of argument
// shadows and the callee's loads must not clobber them: handlers installed
// with signal() or sigaction() run through the runtime's trampoline, which
// saves and restores the shadow TLS. The handler itself passes an
// uninitialized value to an instrumented function (without using it), the
// interrupted loop branches on initialized arguments. sigaction's oldact
// reports the user's own handler.
// EXPECT: clean
#include "../common/opaque.h"
#include <signal.h>
#include <sys/time.h>

static volatile long ticks, sink;

__attribute__((noinline)) static void take(long a, long b, long c) {
    sink = a + b + c; /* not a use */
}

static void on_alarm(int sig) {
    long junk[3];
    long *p = opaque(junk);
    take(p[0], p[1], p[2]); /* poisons the param TLS */
    ticks += sig == SIGALRM;
}

__attribute__((noinline)) static long decide(long a, long b, long c) {
    if (a + b + c == -1) /* clean arguments: never a report */
        return 1;
    return 0;
}

int main(void) {
    if (signal(SIGALRM, on_alarm) == SIG_ERR)
        return 1;
    struct sigaction old;
    if (sigaction(SIGALRM, NULL, &old) != 0 || old.sa_handler != on_alarm)
        return 2;
    struct itimerval it = {{0, 50}, {0, 50}};
    setitimer(ITIMER_REAL, &it, NULL);
    long hits = 0;
    for (long i = 0; ticks < 300 && i < 200000000; i++)
        hits += decide(i, i + 1, opaque_long(3));
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    signal(SIGALRM, SIG_DFL);
    printf("%ld %d\n", hits, ticks >= 300);
    return 0;
}
