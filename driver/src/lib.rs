//! The user-facing tools of umsan: the compiler wrapper `umsan-cc` (and, to
//! come, `umsan` and `cargo-umsan`, which reuse it).
//!
//! The library holds all the logic, with typed errors; the binaries in
//! `src/bin/` only glue it to the process (argv, environment, `exec`).
//!
//! - [`cc`]: the compiler wrapper — argument classification, umsan's own
//!   flags, resource lookup, command assembly.

pub mod cargo;
pub mod cc;
pub mod ci;
