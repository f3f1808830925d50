// Time, file-system, environment and conversion functions initialize what
// they return through pointers: time, gettimeofday, clock_gettime,
// localtime_r, gmtime_r, strftime, mktime/timegm (which read only the
// fields they decide on: tm_wday and tm_yday may be uninitialized, and are
// written), stat/fstat/lstat, opendir/readdir, getcwd, realpath, getenv,
// strtol/strtod end pointers, atoi.
// No report case exists for time, gettimeofday or localtime_r/gmtime_r
// output (they write all of it when they succeed), nor for readdir: the
// dirent it returns is libc's memory, initialized as far as umsan knows.
// EXPECT: clean
#include "../common/opaque.h"
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    time_t t;
    time(&t);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    time_t fixed = 86400 * 365;
    struct tm lt, gt;
    localtime_r(&fixed, &lt);
    gmtime_r(&fixed, &gt);
    struct tm *mk = uninit_heap(sizeof *mk), *tg = uninit_heap(sizeof *tg);
    mk->tm_sec = tg->tm_sec = 30, mk->tm_min = tg->tm_min = 15, mk->tm_hour = tg->tm_hour = 10;
    mk->tm_mday = tg->tm_mday = 40, mk->tm_mon = tg->tm_mon = 0, mk->tm_year = tg->tm_year = 100;
    mk->tm_isdst = -1;
    int mk_ok = mktime(mk) != -1 && mk->tm_mon == 1 && mk->tm_yday == 39;
    long tgv = (long)timegm(tg);
    int tg_wday = tg->tm_wday;
    free(tg);
    free(mk);
    char *date = uninit_heap(64);
    size_t dn = strftime(date, 64, "%Y-%m-%d %H:%M:%S", &gt);
    char *none = uninit_heap(8); /* an empty result: 0, and the NUL written */
    size_t en = strftime(none, 8, opaque(""), &gt);
    int empty = none[0] == 0 ? (int)en : -1;
    free(none);
    struct stat st, lst, fst;
    int ok = stat("/", &st) == 0 && lstat("/", &lst) == 0;
    int fd = open("/", O_RDONLY);
    ok = ok && fstat(fd, &fst) == 0;
    close(fd);
    int dirs = 0;
    DIR *d = opendir("/");
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] == '.')
            dirs++;
    closedir(d);
    char *cwd = uninit_heap(PATH_MAX);
    char *rp = uninit_heap(PATH_MAX);
    if (!getcwd(cwd, PATH_MAX) || !realpath(".", rp))
        return 1;
    const char *env = getenv("UMSAN_TEST_VALUE");
    char *end;
    long v = strtol(opaque("  123xyz"), &end, 10);
    char *dend;
    double dv = strtod(opaque("2.5e3 rest"), &dend);
    int ai = atoi(opaque("77"));
    printf("%d %ld %d %d\n", mk_ok, tgv, tg_wday, empty);
    printf("%d %d %d %d %zu %s %d %d %d %d %d %s %ld %s %.1f %s %d\n", t > 0, tv.tv_usec >= 0, ts.tv_nsec >= 0,
           lt.tm_year == 71 || lt.tm_year == 70, dn, date, gt.tm_yday, ok, S_ISDIR(st.st_mode), fst.st_ino == st.st_ino,
           dirs, strcmp(cwd, rp) == 0 ? "same" : "differ", v, end, dv, dend, ai + (env && env[0] == 'x'));
    free(rp);
    free(cwd);
    free(date);
    return 0;
}
// ENV: UMSAN_TEST_VALUE=xyz
