//! The CPChain runtime as WASM bytes: `WASM_BINARY` (compressed) and `WASM_BINARY_BLOATY`.
//! Both are `None` when the crate was built with `SKIP_WASM_BUILD` set.

include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
