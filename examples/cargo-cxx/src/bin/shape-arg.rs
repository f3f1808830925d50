//! `shape-arg square|rect W`: prints whether the shape is large.
//! `rect` runs into the seeded bug (umsan exits 77).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (kind, w) = match args.as_slice() {
        [k, w] => (k.as_str(), w.parse().expect("W: an integer")),
        _ => {
            eprintln!("usage: shape-arg square|rect W");
            std::process::exit(2);
        }
    };
    let large = umsan_cargo_cxx_example::is_large(w, kind == "square");
    println!("{kind} {w}: large = {large}");
}
