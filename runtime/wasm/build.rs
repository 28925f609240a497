//! Builds `cpchain-runtime` for `wasm32v1-none`. Only features this crate shares with the
//! runtime (`runtime-benchmarks`, `try-runtime`) reach the WASM build, whatever the node's own features are.

fn main() {
	// Canonical: the builder finds the runtime in `cargo metadata` by exact manifest path. Read
	// when the script runs, not when it is compiled: a shared target folder keeps the compiled
	// script across checkouts in other folders.
	let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
	let runtime = std::path::Path::new(&manifest_dir)
		.join("../Cargo.toml")
		.canonicalize()
		.expect("runtime/Cargo.toml exists");
	substrate_wasm_builder::WasmBuilder::new()
		.with_project(runtime)
		.expect("runtime/Cargo.toml exists")
		.export_heap_base()
		.import_memory()
		.build();
}
