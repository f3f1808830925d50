//! Compiles `csrc/umsan_rt.c` (start-up hooks, TLS slots, return-address
//! capturing entry points) and `csrc/umsan_signal.c` (signal handlers,
//! setjmp) and `csrc/umsan_msan.c` (MemorySanitizer interface entry points
//! that need their caller's address) into a static library that rustc bundles into
//! `libumsan_rt.a`.

fn main() {
    println!("cargo:rerun-if-changed=csrc/umsan_rt.c");
    println!("cargo:rerun-if-changed=csrc/umsan_signal.c");
    println!("cargo:rerun-if-changed=csrc/umsan_msan.c");
    cc::Build::new()
        .file("csrc/umsan_rt.c")
        .file("csrc/umsan_signal.c")
        .file("csrc/umsan_msan.c")
        .flag_if_supported("-fno-omit-frame-pointer")
        .flag_if_supported("-ftls-model=initial-exec")
        .warnings(true)
        .compile("umsan_rt_c");
}
