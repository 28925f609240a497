#!/usr/bin/env bash
# This machine's execution overhead of the runtime the collator embeds: an empty parachain block
# (`BlockExecutionWeight`) and a no-op extrinsic, `system.remark` (`ExtrinsicBaseWeight`), each
# the median of 100 runs after 10 warm-ups (the average takes in this VM's interference, which
# only ever adds time), by `cpchain-node benchmark-overhead` (the `benchmark overhead` of
# frame-benchmarking-cli, which omni-node's own `benchmark` refuses).
# Writes runtime/src/weights/{block,extrinsic}_weights.rs; the runtime's `RuntimeBlockWeights`
# read them (runtime/src/configs/mod.rs).
#
#   scripts/bench-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build-node
"$CARGO_TARGET_DIR/release/cpchain-node" benchmark-overhead \
	--runtime "$CARGO_TARGET_DIR/release/wbuild/cpchain-runtime/cpchain_runtime.compact.compressed.wasm" \
	--genesis-builder runtime --genesis-builder-preset development --para-id 2000 \
	--warmup 10 --repeat 100 --metric median --weight-path runtime/src/weights
for file in runtime/src/weights/{block,extrinsic}_weights.rs; do
	# The runtime reaches sp-weights and parameter_types through frame-support.
	sed -i 's/use sp_core::parameter_types;/use frame_support::parameter_types;/; s/sp_weights::/frame_support::weights::/' "$file"
	rustfmt --edition 2021 "$file"
done
echo "bench-overhead: weights written; review with git diff" >&2
