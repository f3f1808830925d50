//! The `-sys` crates' C code, through their raw FFI: sqlite, zlib, zstd.
//! Under `cargo umsan test` their C is instrumented; no report expected.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr;

#[test]
fn sqlite_in_memory_roundtrip() {
    use libsqlite3_sys as sql;

    unsafe extern "C" fn collect(
        out: *mut c_void,
        n: c_int,
        values: *mut *mut c_char,
        _names: *mut *mut c_char,
    ) -> c_int {
        let out = &mut *(out as *mut Vec<String>);
        for i in 0..n as usize {
            let v = *values.add(i);
            out.push(if v.is_null() {
                "NULL".into()
            } else {
                CStr::from_ptr(v).to_string_lossy().into_owned()
            });
        }
        0
    }

    unsafe {
        let mut db: *mut sql::sqlite3 = ptr::null_mut();
        assert_eq!(
            sql::sqlite3_open(c":memory:".as_ptr(), &mut db),
            sql::SQLITE_OK
        );
        let exec = |db: *mut sql::sqlite3, stmt: &CStr, rows: &mut Vec<String>| {
            let mut err: *mut c_char = ptr::null_mut();
            let rc = sql::sqlite3_exec(
                db,
                stmt.as_ptr(),
                Some(collect),
                rows as *mut Vec<String> as *mut c_void,
                &mut err,
            );
            if rc != sql::SQLITE_OK {
                let msg = CStr::from_ptr(err).to_string_lossy().into_owned();
                sql::sqlite3_free(err as *mut c_void);
                panic!("{stmt:?}: {msg}");
            }
        };
        let mut rows = Vec::new();
        exec(
            db,
            c"CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL)",
            &mut rows,
        );
        exec(
            db,
            c"INSERT INTO t(name, score) VALUES ('ada', 9.5), ('bob', 7.25), ('cy', NULL)",
            &mut rows,
        );
        exec(db, c"SELECT id, name, score FROM t ORDER BY id", &mut rows);
        assert_eq!(
            rows,
            ["1", "ada", "9.5", "2", "bob", "7.25", "3", "cy", "NULL"]
        );

        // A prepared statement with a bound parameter.
        let mut stmt: *mut sql::sqlite3_stmt = ptr::null_mut();
        let q = c"SELECT count(*), sum(score) FROM t WHERE score > ?1";
        assert_eq!(
            sql::sqlite3_prepare_v2(db, q.as_ptr(), -1, &mut stmt, ptr::null_mut()),
            sql::SQLITE_OK
        );
        assert_eq!(sql::sqlite3_bind_double(stmt, 1, 7.0), sql::SQLITE_OK);
        assert_eq!(sql::sqlite3_step(stmt), sql::SQLITE_ROW);
        assert_eq!(sql::sqlite3_column_int(stmt, 0), 2);
        assert_eq!(sql::sqlite3_column_double(stmt, 1), 16.75);
        assert_eq!(sql::sqlite3_step(stmt), sql::SQLITE_DONE);
        assert_eq!(sql::sqlite3_finalize(stmt), sql::SQLITE_OK);
        assert_eq!(sql::sqlite3_close(db), sql::SQLITE_OK);
    }
}

fn sample_data() -> Vec<u8> {
    (0..64 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 % 16 + b'a')
        .collect()
}

#[test]
fn zlib_compress_uncompress_roundtrip() {
    use libz_sys as z;
    let input = sample_data();
    unsafe {
        let mut bound = z::compressBound(input.len() as z::uLong);
        let mut packed = vec![0u8; bound as usize];
        assert_eq!(
            z::compress2(
                packed.as_mut_ptr(),
                &mut bound,
                input.as_ptr(),
                input.len() as z::uLong,
                6
            ),
            z::Z_OK
        );
        packed.truncate(bound as usize);
        assert!(packed.len() < input.len());

        let mut out_len = input.len() as z::uLong;
        let mut out = vec![0u8; input.len()];
        assert_eq!(
            z::uncompress(
                out.as_mut_ptr(),
                &mut out_len,
                packed.as_ptr(),
                packed.len() as z::uLong
            ),
            z::Z_OK
        );
        assert_eq!(out_len as usize, input.len());
        assert_eq!(out, input);
    }
}

#[test]
fn zstd_compress_decompress_roundtrip() {
    use zstd_sys as zs;
    let input = sample_data();
    unsafe {
        let bound = zs::ZSTD_compressBound(input.len());
        let mut packed = vec![0u8; bound];
        let n = zs::ZSTD_compress(
            packed.as_mut_ptr() as *mut c_void,
            bound,
            input.as_ptr() as *const c_void,
            input.len(),
            3,
        );
        assert_eq!(zs::ZSTD_isError(n), 0, "ZSTD_compress failed");
        packed.truncate(n);
        assert!(packed.len() < input.len());

        let mut out = vec![0u8; input.len()];
        let m = zs::ZSTD_decompress(
            out.as_mut_ptr() as *mut c_void,
            out.len(),
            packed.as_ptr() as *const c_void,
            packed.len(),
        );
        assert_eq!(zs::ZSTD_isError(m), 0, "ZSTD_decompress failed");
        assert_eq!(m, input.len());
        assert_eq!(out, input);
    }
}
