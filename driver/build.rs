//! Creates `umsan-c++` next to the binaries: a symlink to `umsan-cc`, which
//! runs as the C++ wrapper under a name ending in `++` (as `clang++` is a
//! symlink to `clang`). Cargo cannot build a binary whose name has a `+`.
//! The link is relative, so it is dangling only until `umsan-cc` is built.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else { return };
    // OUT_DIR = <target dir>/<profile>/build/<package>-<hash>/out
    let Some(bin_dir) = out.ancestors().nth(3) else { return };
    let link = bin_dir.join("umsan-c++");
    if std::fs::symlink_metadata(&link).is_ok() {
        return;
    }
    if let Err(e) = std::os::unix::fs::symlink("umsan-cc", &link) {
        println!("cargo:warning=cannot create {}: {e}", link.display());
    }
}
