/* Shared by the log_path file tests (included as "../common/logfiles.h"). */
#ifndef UMSAN_TEST_LOGFILES_H
#define UMSAN_TEST_LOGFILES_H

#include <dirent.h>
#include <string.h>

/* Number of entries of directory `dir` whose name starts with `prefix`. */
static int files_named(const char *dir, const char *prefix) {
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}

#endif
