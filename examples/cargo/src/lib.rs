//! Safe wrappers around this crate's own C code (`csrc/parse.c`, compiled
//! by `build.rs` with the `cc` crate).
//!
//! Under `cargo umsan test` the C is instrumented; Rust is not. Values that
//! cross the boundary count as initialized: buffers Rust fills and passes
//! to C, and the results of Rust callbacks that C calls.

use std::ffi::{c_char, c_int, c_uint, CStr};

mod ffi {
    use super::*;
    extern "C" {
        pub fn count_digits(s: *const c_char) -> c_int;
        pub fn sum_bytes(buf: *const u8, len: usize) -> c_uint;
        pub fn map_sum(xs: *const c_int, len: usize, f: extern "C" fn(c_int) -> c_int) -> c_int;
        pub fn parse(s: *const c_char) -> c_int;
    }
}

/// Number of ASCII digits in `s` (clean C code).
///
/// ```
/// // Doctests link the umsan runtime too (RUSTDOCFLAGS).
/// assert_eq!(umsan_cargo_example::count_digits(c"r2d2"), 2);
/// ```
pub fn count_digits(s: &CStr) -> i32 {
    // SAFETY: `s` is a valid NUL-terminated string.
    unsafe { ffi::count_digits(s.as_ptr()) }
}

/// Sum of the bytes of `buf`, computed in C (clean C code).
pub fn sum_bytes(buf: &[u8]) -> u32 {
    // SAFETY: `buf` is valid for `buf.len()` bytes.
    unsafe { ffi::sum_bytes(buf.as_ptr(), buf.len()) }
}

/// `sum(f(x) for x in xs)`, with the loop in C calling back into Rust.
pub fn map_sum(xs: &[i32], f: extern "C" fn(c_int) -> c_int) -> i32 {
    // SAFETY: `xs` is valid for `xs.len()` elements; `f` is a plain function.
    unsafe { ffi::map_sum(xs.as_ptr(), xs.len(), f) }
}

/// The seeded bug: `parse(c"y")` reads an uninitialized local in C
/// (`csrc/parse.c:38`), which umsan reports.
pub fn parse(s: &CStr) -> i32 {
    // SAFETY: `s` is a valid NUL-terminated string.
    unsafe { ffi::parse(s.as_ptr()) }
}
