// Time and file-system functions initialize exactly what they produce:
// strftime the string and its NUL (not the rest of the buffer), getcwd and
// realpath the path and its NUL, pread the bytes it read. A call that fails
// (clock_gettime of a bad clock, stat of a missing file) writes nothing,
// gmtime_r, mktime and timegm read their input, and pwrite sends bytes out
// (uninit-copy-out).
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (pwrite is uninit-copy-out for umsan; msan does not model timegm)
#include "../common/opaque.h"
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <time.h>
#include <umsan.h>
#include <unistd.h>

static volatile int sink;

int main(void) {
    /* strftime: the 4 digits and the NUL are written, date[5..) is not */
    time_t fixed = 86400 * 365;
    struct tm gt;
    gmtime_r(&fixed, &gt);
    char *date = uninit_heap(32);
    size_t dn = strftime(date, 32, "%Y", &gt);
    if (date[dn] == 0 && date[0] == '1') /* written: clean */
        sink = 1;
    if (date[dn + 1] == 'x') // REPORT
        sink = 2;
    /* gmtime_r converts the time_t it is given */
    time_t *ut = uninit_heap(sizeof *ut);
    struct tm bad;
    gmtime_r(ut, &bad); // REPORT
    /* mktime reads the broken-down time: tm_isdst left uninitialized */
    struct tm *mt = uninit_heap(sizeof *mt);
    mt->tm_sec = 0, mt->tm_min = 0, mt->tm_hour = 12;
    mt->tm_mday = 1, mt->tm_mon = 0, mt->tm_year = 100;
    sink = (int)mktime(mt); // REPORT
    if (mt->tm_yday == 0) /* normalized by mktime: clean */
        sink = 3;
    /* timegm reads the same fields but tm_isdst */
    struct tm *gm = uninit_heap(sizeof *gm);
    gm->tm_sec = 0, gm->tm_min = 0, gm->tm_hour = 12;
    gm->tm_mday = 1, gm->tm_mon = 0, gm->tm_isdst = 0;
    sink = (int)timegm(gm); // REPORT
    /* clock_gettime of a clock that does not exist fails, ts unwritten */
    struct timespec ts;
    if (clock_gettime((clockid_t)OPAQUE_INT(12345), &ts) != 0 && ts.tv_nsec == 0) // REPORT
        sink = 4;
    /* stat of a missing file fails: st is not written */
    struct stat st;
    if (stat(opaque("/nonexistent/umsan-test"), &st) != 0 && S_ISDIR(st.st_mode)) // REPORT
        sink = 5;
    /* getcwd and realpath: the bytes past the terminator stay uninitialized */
    char *cwd = uninit_heap(PATH_MAX);
    char *rp = uninit_heap(PATH_MAX);
    if (!getcwd(cwd, PATH_MAX) || !realpath(opaque("."), rp))
        return 1;
    size_t cl = strlen(cwd), rl = strlen(rp); /* clean */
    if (cwd[cl + 1] == '/') // REPORT
        sink = 6;
    if (rp[rl + 1] == '/') // REPORT
        sink = 7;
    /* pread: 4 bytes in the file, buf[4..16) untouched */
    FILE *f = tmpfile();
    if (!f)
        return 2;
    int fd = fileno(f);
    if (write(fd, "abcd", 4) != 4)
        return 3;
    char *buf = uninit_heap(16);
    ssize_t n = pread(fd, buf, 16, 0);
    if (n == 4 && buf[3] == 'd') /* read: clean */
        sink = 8;
    if (buf[6] == 'x') // REPORT
        sink = 9;
    /* pwrite of bytes never written */
    pwrite(fd, buf, 8, 0); // REPORT: uninit-copy-out
    fclose(f);
    free(buf);
    free(rp);
    free(cwd);
    free(gm);
    free(mt);
    free(ut);
    free(date);
    return 0;
}
// CHECK: bytes [4, 8) of 8 are uninitialized
