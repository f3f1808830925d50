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
