//! The C++ on initialized data: no umsan report expected.

use umsan_cargo_cxx_example::{is_large, total_area};

#[test]
fn clean_containers_strings_exceptions() {
    assert_eq!(total_area(&[(2, 3), (4, 5)]), 26);
    // The negative rectangle throws inside the C++ and is caught there.
    assert_eq!(total_area(&[(2, 3), (-1, 5), (10, 10)]), 106);
    assert_eq!(total_area(&[]), 0);
}

#[test]
fn clean_square() {
    assert!(is_large(4, true));
    assert!(!is_large(3, true));
}
