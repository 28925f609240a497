#!/usr/bin/env bash
# try-runtime for CPChain: this tree's runtime checked against a live chain's state, as a runtime
# upgrade would meet it: the migrations with their pre- and post-upgrade checks
# (`on-runtime-upgrade`), every pallet's invariants (`try-state`), and the best block executed
# again with the invariants checked.
#
#   scripts/try-runtime.sh build        build the runtime with `try-runtime`, print its folder
#   scripts/try-runtime.sh [URI]        check the node at URI (default ws://127.0.0.1:9944)
#
# The node must run the try-runtime build: `scripts/dev.sh --try-runtime` starts a dev chain that
# does (through `--wasm-runtime-overrides`, which replaces the chain's runtime of the same spec
# version). try-runtime-cli is not used: the crates.io release (0.42) is for polkadot-sdk 1.10 and
# the current one is published only on GitHub.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

if [ "${1:-}" = build ]; then
	bash scripts/setup.sh >&2
	# Only the WASM, in the debug profile's folder (the benchmarks' runtime is built there too):
	# compiled with rustc's release profile, not passed through wasm-opt.
	cargo build -p cpchain-runtime-wasm --features try-runtime >&2
	wasm="$CARGO_TARGET_DIR/debug/wbuild/cpchain-runtime/cpchain_runtime.wasm"
	[ -f "$wasm" ] || { echo "try-runtime: $wasm was not built" >&2; exit 1; }
	out="$CARGO_TARGET_DIR/try-runtime"
	mkdir -p "$out"
	cp "$wasm" "$out/"
	echo "$out"
	exit 0
fi

bash scripts/npm-deps.sh tests/e2e
cd tests/e2e
exec node try-runtime.mjs "${1:-ws://127.0.0.1:9944}"
