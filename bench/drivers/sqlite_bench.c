/* SQLite in-memory database: ROWS inserts in one transaction through a
 * prepared statement, two indexes, then ROWS/2 indexed point and range
 * queries and one GROUP BY.  Usage: sqlite_bench [ROWS] */
#include "common.h"
#include "sqlite3.h"

static sqlite3 *db;

static void check(int rc, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(10);
    }
}

static void exec(const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, err);
        exit(11);
    }
}

static sqlite3_stmt *prep(const char *sql) {
    sqlite3_stmt *st;
    check(sqlite3_prepare_v2(db, sql, -1, &st, NULL), sql);
    return st;
}

int main(int argc, char **argv) {
    long rows = arg_long(argc, argv, 1, 200000);
    uint64_t s = 42, h = FNV_INIT;
    check(sqlite3_open(":memory:", &db), "open");
    exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
    exec("CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, name TEXT, v INTEGER)");

    sqlite3_stmt *ins = prep("INSERT INTO t(k, name, v) VALUES (?1, ?2, ?3)");
    exec("BEGIN");
    for (long i = 0; i < rows; i++) {
        char name[48];
        uint64_t r = rng_next(&s);
        int len = snprintf(name, sizeof name, "user-%08llx-%ld",
                           (unsigned long long)(r >> 32), i % 977);
        sqlite3_bind_int64(ins, 1, (sqlite3_int64)(r % (uint64_t)(rows * 4)));
        sqlite3_bind_text(ins, 2, name, len, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins, 3, (sqlite3_int64)((r >> 20) & 0xffff));
        check(sqlite3_step(ins), "insert");
        sqlite3_reset(ins);
    }
    exec("COMMIT");
    sqlite3_finalize(ins);
    exec("CREATE INDEX t_k ON t(k)");
    exec("CREATE INDEX t_name ON t(name)");

    /* Range queries on k (index t_k). */
    sqlite3_stmt *range = prep("SELECT count(*), total(v) FROM t WHERE k BETWEEN ?1 AND ?2");
    uint64_t s2 = 7;
    long long cnt = 0, sum = 0;
    for (long i = 0; i < rows / 4; i++) {
        long lo = (long)(rng_next(&s2) % (uint64_t)(rows * 4));
        sqlite3_bind_int64(range, 1, lo);
        sqlite3_bind_int64(range, 2, lo + 40);
        check(sqlite3_step(range), "range");
        cnt += sqlite3_column_int64(range, 0);
        sum += (long long)sqlite3_column_double(range, 1);
        sqlite3_reset(range);
    }
    sqlite3_finalize(range);
    h = fnv1a(h, &cnt, sizeof cnt);
    h = fnv1a(h, &sum, sizeof sum);

    /* Point queries by name (index t_name): names of existing rows. */
    sqlite3_stmt *byid = prep("SELECT name FROM t WHERE id = ?1");
    sqlite3_stmt *byname = prep("SELECT id, k FROM t WHERE name = ?1");
    long long found = 0;
    for (long i = 0; i < rows / 4; i++) {
        sqlite3_int64 id = 1 + (sqlite3_int64)(rng_next(&s2) % (uint64_t)rows);
        sqlite3_bind_int64(byid, 1, id);
        if (sqlite3_step(byid) != SQLITE_ROW) {
            fprintf(stderr, "missing row %lld\n", (long long)id);
            return 12;
        }
        sqlite3_bind_text(byname, 1, (const char *)sqlite3_column_text(byid, 0),
                          sqlite3_column_bytes(byid, 0), SQLITE_TRANSIENT);
        sqlite3_reset(byid);
        while (sqlite3_step(byname) == SQLITE_ROW) {
            found++;
            sqlite3_int64 k = sqlite3_column_int64(byname, 1);
            h = fnv1a(h, &k, sizeof k);
        }
        sqlite3_reset(byname);
    }
    sqlite3_finalize(byid);
    sqlite3_finalize(byname);

    /* One aggregate over the whole table. */
    sqlite3_stmt *agg = prep("SELECT k % 97, count(*), sum(length(name)), max(v) FROM t "
                             "GROUP BY 1 ORDER BY 1");
    long groups = 0;
    while (sqlite3_step(agg) == SQLITE_ROW) {
        for (int c = 0; c < 4; c++) {
            sqlite3_int64 x = sqlite3_column_int64(agg, c);
            h = fnv1a(h, &x, sizeof x);
        }
        groups++;
    }
    sqlite3_finalize(agg);
    sqlite3_close(db);
    printf("sqlite: %ld rows, range count %lld sum %lld, %lld name hits, %ld groups\n",
           rows, cnt, sum, found, groups);
    printf("checksum %016llx\n", (unsigned long long)h);
    return 0;
}
