//! A Rust program linking the localized runtime archive (the `cargo umsan`
//! situation: instrumented C inside a Rust binary). Prints "OK". With the
//! argument `report` it makes one report from a Rust function instead (its
//! frame must be demangled).
extern "C" {
    fn umsan_test_initialized(p: *const u8, n: usize) -> i64;
    fn umsan_check_initialized(p: *const u8, n: usize);
    fn __umsan_poison(p: *const u8, n: usize);
}

#[inline(never)]
fn seeded_uninit_check(v: &[u8]) {
    unsafe { umsan_check_initialized(v.as_ptr(), v.len()) }
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("report") {
        let v = vec![7u8; 8];
        unsafe { __umsan_poison(v.as_ptr().add(2), 1) };
        seeded_uninit_check(&v);
        return;
    }
    let v = vec![1u8; 32];
    let first = unsafe {
        __umsan_poison(v.as_ptr().add(3), 2);
        umsan_test_initialized(v.as_ptr(), 32)
    };
    assert_eq!(first, 3);
    drop(v);
    let w = vec![0u8; 32]; // interposed allocator: fresh memory is clean
    assert_eq!(unsafe { umsan_test_initialized(w.as_ptr(), 32) }, -1);
    let s: String = (0..1000).map(|i| i.to_string()).collect();
    assert_eq!(s.len(), 2890);
    println!("OK");
}
