#!/usr/bin/env bash
# Regenerates the weights of CPChain's pallets from benchmarks run in the runtime's WASM, their
# times fitted through each point's fastest run (scripts/fit-weights.mjs).
#
#   scripts/benchmark.sh                      CPChain's pallets and pallet_xcm, full precision
#   scripts/benchmark.sh pallet_data_market   only the pallets named
#   STEPS=2 REPEAT=1 scripts/benchmark.sh     a quick check that every benchmark runs
#
# Weights depend on the machine: regenerate them on reference hardware before a release.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
# pallet name in the runtime's benchmark list -> weights file. A pallet's own file defines its
# `WeightInfo` (our template); a file under runtime/ implements an upstream pallet's (the
# benchmark CLI's own template).
pallets=(
	"pallet_device_registry pallets/device-registry/src/weights.rs"
	"pallet_data_market pallets/data-market/src/weights.rs"
	"pallet_access_grants pallets/access-grants/src/weights.rs"
	"pallet_storage_proofs pallets/storage-proofs/src/weights.rs"
	"pallet_aggregates pallets/aggregates/src/weights.rs"
	"pallet_xcm runtime/src/weights/pallet_xcm.rs"
)

for name in "$@"; do
	printf '%s\n' "${pallets[@]}" | grep -q "^$name " \
		|| { echo "benchmark: unknown pallet $name (known: ${pallets[*]%% *})" >&2; exit 2; }
done

echo "benchmark: building the node and a runtime with benchmarks (first run: long)" >&2
cargo build-node
# Only the WASM is built, apart from the node's (debug profile). It is compiled with rustc's
# release profile but not passed through wasm-opt, which keeps the weights on the safe side.
cargo build -p cpchain-runtime-wasm --features runtime-benchmarks
wasm="$CARGO_TARGET_DIR/debug/wbuild/cpchain-runtime/cpchain_runtime.wasm"
[ -f "$wasm" ] || { echo "benchmark: $wasm was not built" >&2; exit 1; }

# The raw results of each pallet's run, which the weights are fitted from.
results="$CARGO_TARGET_DIR/benchmarks"
mkdir -p "$results"
for entry in "${pallets[@]}"; do
	read -r pallet output <<<"$entry"
	if [ $# -gt 0 ] && [[ " $* " != *" $pallet "* ]]; then continue; fi
	template=(--template .maintain/frame-weight-template.hbs)
	[[ $output == runtime/* ]] && template=()
	echo "benchmark: $pallet (steps $STEPS, repeat $REPEAT)" >&2
	"$CARGO_TARGET_DIR/release/cpchain-node" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" \
		--wasm-execution compiled \
		"${template[@]}" \
		--json-file "$results/$pallet.json" \
		--output "$output"
	# The times through each point's fastest repeat, not through the noise of this VM.
	node scripts/fit-weights.mjs "$results/$pallet.json" "$output"
done
# One fragment's verification natively, to set beside submit_fragments' slope.
if [ $# -eq 0 ] || [[ " $* " == *" pallet_access_grants "* ]]; then
	SKIP_WASM_BUILD=1 cargo run --quiet --release -p pallet-access-grants --features testing --example verify_native
fi
# A contribution's range proof verified in the runtime's WASM (the pallet's extra benchmark,
# each point's fastest run) and natively: the WASM/native ratio of the same verification.
if [ $# -eq 0 ] || [[ " $* " == *" pallet_aggregates "* ]]; then
	"$CARGO_TARGET_DIR/release/cpchain-node" benchmark pallet --runtime "$wasm" \
		--genesis-builder-preset development --pallet pallet_aggregates \
		--extrinsic verify_range_proof --extra --steps "$STEPS" --repeat "$REPEAT" \
		--wasm-execution compiled --json-file "$results/pallet_aggregates-verify.json" >/dev/null
	node -e '
		const [run] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		const fastest = new Map();
		for (const r of run.time_results) {
			const b = r.components[0][1];
			fastest.set(b, Math.min(fastest.get(b) ?? Infinity, r.extrinsic_time));
		}
		for (const [b, ns] of [...fastest].sort((x, y) => x[0] - y[0])) {
			console.log(`range proof of ${b} bits: prepare + verify, WASM: ${(ns / 1000).toFixed(1)} µs`);
		}' "$results/pallet_aggregates-verify.json"
	SKIP_WASM_BUILD=1 cargo run --quiet --release -p cpchain-primitives --features aggregates --example verify_contribution
fi
echo "benchmark: weights written; review with git diff" >&2
