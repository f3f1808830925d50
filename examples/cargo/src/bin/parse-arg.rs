//! `parse-arg WORD`: runs the C `parse()` on WORD and prints the result.
//!
//! `cargo umsan run --bin parse-arg -- x` is clean; with a word not starting
//! with `x` umsan reports the seeded read and the program exits 77.

use std::ffi::CString;

fn main() {
    let word = std::env::args().nth(1).unwrap_or_else(|| "x".into());
    let word = CString::new(word).expect("no NUL in the argument");
    println!("parse({word:?}) = {}", umsan_cargo_example::parse(&word));
}
