//! Helpers shared by the driver's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// A scratch directory under `$TMPDIR`, removed on drop (kept when the test
/// panics, for inspection).
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// `<tmp>/umsan-<suite>-it-<pid>-<name>`, created empty.
    pub fn in_suite(suite: &str, name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("umsan-{suite}-it-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir.canonicalize().unwrap())
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// The program the build-integration tests (caches, distcc, build systems)
/// compile: its outcome depends on the model of `mycopy` — `copy_in` makes
/// `dst` initialized (clean), `memcpy_like` gives it the metadata of the
/// uninitialized heap block (a report at the branch, main.c:9).
pub const MAIN_C: &str = r#"#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
void mycopy(char *dst, const char *src, size_t n);
int main(void) {
    char *src = malloc(16);
    char dst[16];
    mycopy(dst, src, 16);
    if (dst[3])
        puts("set");
    free(src);
    return 0;
}
"#;

pub const COPY_C: &str = r#"#include <stddef.h>
void mycopy(char *dst, const char *src, size_t n) {
    for (size_t i = 0; i < n; i++)
        ((volatile char *)dst)[i] = 0;
    (void)src;
}
"#;

pub const COPY_IN: &str =
    "[[function]]\nname = \"mycopy\"\neffect = \"copy_in\"\ndst = 0\nlen = 2\nret = \"none\"\n";
pub const MEMCPY_LIKE: &str =
    "[[function]]\nname = \"mycopy\"\neffect = \"memcpy_like\"\ndst = 0\nsrc = 1\nlen = 2\nret = \"none\"\n";

/// Is `tool` installed (does `tool --version` succeed)?
pub fn have(tool: &str) -> bool {
    std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}
