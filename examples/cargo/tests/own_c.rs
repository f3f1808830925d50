//! This crate's own C code, clean paths: no umsan report expected.

use umsan_cargo_example::{count_digits, map_sum, parse, sum_bytes};

#[test]
fn clean_count_digits() {
    assert_eq!(count_digits(c"a1b22c333"), 6);
}

#[test]
fn clean_buffer_from_rust() {
    // Heap memory Rust allocated (through the runtime's malloc) and wrote.
    let buf: Vec<u8> = (0..=255u8).collect();
    assert_eq!(sum_bytes(&buf), (0..=255u32).sum());
    // Stack memory too.
    let arr = [7u8; 16];
    assert_eq!(sum_bytes(&arr), 7 * 16);
}

#[test]
fn clean_callback_from_c() {
    extern "C" fn square(x: i32) -> i32 {
        x * x
    }
    assert_eq!(map_sum(&[1, 2, 3, 4], square), 30);
}

#[test]
fn clean_parse_initialized_path() {
    // With 'x' the local is written before it is read.
    assert_eq!(parse(c"x"), 1);
}
