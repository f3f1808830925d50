//! The seeded bug. Under `cargo umsan test` this test binary is stopped by
//! umsan with a report at `csrc/parse.c:38` and exit status 77, so the
//! whole `cargo umsan test` fails: that is the expected outcome.
//!
//! `cargo umsan test -- --skip seeded` runs everything else, which passes.
//! Under plain `cargo test` the read goes unnoticed (its result is
//! unspecified), so the test asserts nothing about it.

use umsan_cargo_example::parse;

#[test]
fn seeded_uninitialized_read() {
    // `parse("y")` branches on an uninitialized local (csrc/parse.c:38).
    let r = parse(c"y");
    assert!(r == 0 || r == 1);
}
