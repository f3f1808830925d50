//! Compiles `csrc/*.c` with the `cc` crate. Under `cargo umsan` the compiler
//! is `umsan-cc` (cc reads `CC_<target>` and `CFLAGS_<target>`), so this C
//! code is instrumented; under plain `cargo` it is compiled normally.

fn main() {
    let sources = ["csrc/parse.c"];
    for s in sources {
        println!("cargo:rerun-if-changed={s}");
    }
    cc::Build::new()
        .files(sources)
        .warnings(false)
        .compile("example_c");
}
