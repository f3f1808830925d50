//! The seeded bug: a `Rect` whose height its constructor never wrote.
//! Under `cargo umsan test` this test binary is stopped by umsan (exit 77)
//! at `csrc/shapes.cpp` (`if (r->area() > 10)`).

#[test]
fn seeded_uninitialized_member() {
    let _ = umsan_cargo_cxx_example::is_large(4, false);
}
