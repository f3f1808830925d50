// Reading back a file through stdio: fread (size * nmemb), fgets, getline,
// getdelim, getc/fgetc, fscanf and fgetpos initialize exactly what they
// produce.
// EXPECT: clean
#include "../common/opaque.h"

int main(void) {
    FILE *f = tmpfile();
    if (!f)
        return 1;
    for (int i = 0; i < 20; i++)
        fprintf(f, "row %d;%s\n", i, i % 2 ? "odd" : "even");
    fputs("7 3.25 word\n", f);
    fwrite("tail", 1, 4, f);
    rewind(f);
    char *blk = uninit_heap(100);
    size_t got = fread(blk, 4, 5, f); /* 20 bytes */
    int sum = 0;
    for (size_t i = 0; i < got * 4; i++)
        if (blk[i] == ';')
            sum++;
    char line[64];
    if (!fgets(line, sizeof line, f))
        return 2;
    char *lp = NULL;
    size_t cap = 0;
    ssize_t n = getline(&lp, &cap, f);
    if (n > 0 && lp[n - 1] == '\n')
        sum += 10;
    char *own = uninit_heap(8); /* getdelim grows a buffer of ours too */
    size_t owncap = 8;
    ssize_t m = getdelim(&own, &owncap, ';', f);
    if (m > 0 && own[m - 1] == ';')
        sum += 100;
    int c = getc(f), d = fgetc(f);
    fpos_t pos;
    if (fgetpos(f, &pos) != 0)
        return 3;
    while (fgets(line, sizeof line, f))
        if (line[0] == '7')
            break;
    int a;
    double x;
    char word[16];
    fseek(f, -17, SEEK_END);
    int conv = fscanf(f, "%d %lf %15s", &a, &x, word);
    if (fsetpos(f, &pos) != 0)
        return 4;
    printf("%zu %d %s|%s|%c%c|%d %d %.2f %s\n", got, sum, line, lp, c, d, conv, a, x, word);
    free(own);
    free(lp);
    free(blk);
    fclose(f);
    return 0;
}
