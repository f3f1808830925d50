//! Compiles `csrc/umsan_rt.c` (start-up hooks, TLS slots, return-address
//! capturing entry points) into a static library that rustc bundles into
//! `libumsan_rt.a`.

fn main() {
    println!("cargo:rerun-if-changed=csrc/umsan_rt.c");
    cc::Build::new()
        .file("csrc/umsan_rt.c")
        .flag_if_supported("-fno-omit-frame-pointer")
        .flag_if_supported("-ftls-model=initial-exec")
        .warnings(true)
        .compile("umsan_rt_c");
}
