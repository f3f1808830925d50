/* Code-base test driver for SQLite: runs the SQL script argv[2] against the
 * file-backed database argv[1] (created fresh), then a prepared-statement
 * workload (bound parameters, blobs, a transaction), closes, reopens and
 * checks the database. Built natively and with umsan-cc; the outputs must be
 * identical and umsan must report nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3.h"

static int print_row(void *ud, int n, char **vals, char **cols) {
    (void)ud;
    (void)cols;
    for (int i = 0; i < n; i++)
        printf("%s%s", i ? "|" : "", vals[i] ? vals[i] : "NULL");
    printf("\n");
    return 0;
}

static void die(sqlite3 *db, const char *what) {
    printf("error: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
    exit(1);
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    buf[len] = 0;
    return buf;
}

static void exec(sqlite3 *db, const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, print_row, NULL, &err) != SQLITE_OK) {
        printf("error: %s\n", err ? err : "?");
        sqlite3_free(err);
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s DB SCRIPT\n", argv[0]);
        return 2;
    }
    remove(argv[1]);
    char *script = slurp(argv[2]);
    if (!script)
        return 3;
    sqlite3 *db;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK)
        die(db, "open");
    exec(db, script);
    free(script);

    /* Prepared statements: bound text, integers, doubles and blobs. */
    exec(db, "CREATE TABLE kv(k TEXT PRIMARY KEY, n INTEGER, x REAL, b BLOB)");
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(db, "INSERT INTO kv VALUES (?1, ?2, ?3, ?4)", -1, &ins, NULL) != SQLITE_OK)
        die(db, "prepare insert");
    exec(db, "BEGIN");
    for (int i = 0; i < 3000; i++) {
        char key[32];
        unsigned char blob[16];
        snprintf(key, sizeof key, "key-%05d", (i * 7919) % 3000);
        for (int j = 0; j < 16; j++)
            blob[j] = (unsigned char)(i * 31 + j);
        sqlite3_bind_text(ins, 1, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 2, i);
        sqlite3_bind_double(ins, 3, i / 8.0);
        sqlite3_bind_blob(ins, 4, blob, (int)sizeof blob, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE)
            die(db, "insert");
        sqlite3_reset(ins);
    }
    exec(db, "COMMIT");
    sqlite3_finalize(ins);

    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "SELECT k, n, x, b FROM kv WHERE k BETWEEN ?1 AND ?2 ORDER BY k", -1, &q, NULL) !=
        SQLITE_OK)
        die(db, "prepare select");
    sqlite3_bind_text(q, 1, "key-01000", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, "key-01010", -1, SQLITE_STATIC);
    unsigned long sum = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const unsigned char *b = sqlite3_column_blob(q, 3);
        int nb = sqlite3_column_bytes(q, 3);
        for (int j = 0; j < nb; j++)
            sum = sum * 33 + b[j];
        printf("%s %d %.3f %d\n", sqlite3_column_text(q, 0), sqlite3_column_int(q, 1), sqlite3_column_double(q, 2), nb);
    }
    sqlite3_finalize(q);
    printf("blob checksum %lu\n", sum);
    if (sqlite3_close(db) != SQLITE_OK)
        die(db, "close");

    /* Reopen the file and check it. */
    if (sqlite3_open(argv[1], &db) != SQLITE_OK)
        die(db, "reopen");
    exec(db, "SELECT count(*), sum(n), min(k), max(k) FROM kv");
    exec(db, "PRAGMA integrity_check");
    sqlite3_close(db);
    return 0;
}
