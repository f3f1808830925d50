/* Reports: run as `report MODE`; see runtime/tests/smoke.rs. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void __umsan_poison(void *p, size_t n);
void __umsan_copy_out_check(const void *p, size_t n);
/* The report call of instrumented code (origin 0), with its calling convention. */
__attribute__((preserve_most)) void __umsan_warning_noorigin(void);
void umsan_check_initialized(const volatile void *p, size_t n);

static char buf[64];

static void __attribute__((noinline)) check_it(char *b) {
    umsan_check_initialized(b, 64); /* LINE_CHECK */
}

static void *thread_main(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++)
        __umsan_warning_noorigin(); /* LINE_THREAD */
    return 0;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "check";
    __umsan_poison(buf + 8, 8);
    for (int i = 0; i < 3; i++) {
        if (!strcmp(mode, "check"))
            check_it(buf);
        else if (!strcmp(mode, "copyout"))
            __umsan_copy_out_check(buf, 64); /* LINE_COPYOUT */
        else if (!strcmp(mode, "two")) {
            __umsan_warning_noorigin(); /* LINE_TWO_A */
            __umsan_warning_noorigin(); /* LINE_TWO_B */
        } else if (!strcmp(mode, "clean"))
            umsan_check_initialized(buf, 8);
    }
    if (!strcmp(mode, "threads")) {
        pthread_t th[4];
        for (int i = 0; i < 4; i++) pthread_create(&th[i], 0, thread_main, 0);
        for (int i = 0; i < 4; i++) pthread_join(th[i], 0);
    }
    printf("end of main\n");
    return 3;
}
