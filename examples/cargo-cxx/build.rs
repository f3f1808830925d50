//! Compiles `csrc/shapes.cpp` as C++ with the `cc` crate. Under `cargo
//! umsan` the compiler is `umsan-c++` (cc reads `CXX_<target>` and
//! `CXXFLAGS_<target>`), so this C++ is instrumented; under plain `cargo`
//! it is compiled normally. cc links libstdc++.

fn main() {
    println!("cargo:rerun-if-changed=csrc/shapes.cpp");
    cc::Build::new()
        .cpp(true)
        .std("c++17")
        .file("csrc/shapes.cpp")
        .warnings(false)
        .compile("shapes");
}
