// Intentionally empty: this crate only exists to `cargo fetch` C sources.
