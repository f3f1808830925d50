//! Compiles `csrc/umsan_rt.c` (start-up hooks, TLS slots, return-address
//! capturing entry points) and `csrc/umsan_signal.c` (signal handlers,
//! setjmp), `csrc/umsan_cxx.c` (operator new wrappers),
//! `csrc/umsan_eh.c` (stack shadow after exceptions) — these two each
//! their own archive member, linked only into programs that need them —
//! and `csrc/umsan_msan.c` (MemorySanitizer interface entry points that
//! need their caller's address) into a static library that rustc bundles into
//! `libumsan_rt.a`.

fn main() {
    println!("cargo:rerun-if-changed=csrc/umsan_rt.c");
    println!("cargo:rerun-if-changed=csrc/umsan_signal.c");
    println!("cargo:rerun-if-changed=csrc/umsan_cxx.c");
    println!("cargo:rerun-if-changed=csrc/umsan_eh.c");
    println!("cargo:rerun-if-changed=csrc/umsan_msan.c");
    cc::Build::new()
        .file("csrc/umsan_rt.c")
        .file("csrc/umsan_signal.c")
        .file("csrc/umsan_cxx.c")
        .file("csrc/umsan_eh.c")
        .file("csrc/umsan_msan.c")
        .flag_if_supported("-fno-omit-frame-pointer")
        .flag_if_supported("-ftls-model=initial-exec")
        // C++ exceptions unwind through the operator new wrappers.
        .flag_if_supported("-funwind-tables")
        .warnings(true)
        .compile("umsan_rt_c");
}
