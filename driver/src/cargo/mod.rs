//! `cargo umsan`: build and test Rust projects whose `-sys` crates compile C
//! with the `cc` crate, with that C instrumented by umsan.
