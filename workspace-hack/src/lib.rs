//! Empty: this crate exists for the dependencies and features its `Cargo.toml` lists, which
//! `cargo hakari generate` writes (see `.config/hakari.toml` and `scripts/hack.sh`).
