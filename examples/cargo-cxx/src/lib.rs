//! Safe wrappers over `csrc/shapes.cpp`.

use std::os::raw::{c_int, c_long};

extern "C" {
    fn shapes_total_area(sides: *const c_int, n: usize) -> c_long;
    fn shapes_is_large(w: c_int, square: c_int) -> c_int;
}

/// Sum of the areas of the rectangles `(w, h)`; one with a negative side
/// counts 0.
///
/// ```
/// assert_eq!(umsan_cargo_cxx_example::total_area(&[(2, 3), (4, 5)]), 26);
/// ```
pub fn total_area(rects: &[(i32, i32)]) -> i64 {
    let sides: Vec<c_int> = rects.iter().flat_map(|&(w, h)| [w, h]).collect();
    // SAFETY: `sides` holds 2 * rects.len() ints.
    unsafe { shapes_total_area(sides.as_ptr(), rects.len()) as i64 }
}

/// Is a rectangle of width `w` large? `square`: its height is `w` too;
/// otherwise the C++ forgets the height (the seeded bug).
pub fn is_large(w: i32, square: bool) -> bool {
    // SAFETY: plain values.
    unsafe { shapes_is_large(w, square as c_int) != 0 }
}
