#!/usr/bin/env bash
# Builds the collator (only: the relay chain node is built by scripts/zombienet.sh) and runs a single-node
# development chain: RPC on ws://127.0.0.1:9944, blocks sealed every few seconds, state in a
# temporary folder, every block's state kept (the market page and `cpchain market verify` read old
# blocks' anchor events). Extra arguments go to the node.
#
#   scripts/dev.sh                   the dev chain
#   scripts/dev.sh --try-runtime     the same chain running the runtime built with `try-runtime`,
#                                    which scripts/try-runtime.sh checks
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build-node
overrides=()
if [ "${1:-}" = --try-runtime ]; then
	shift
	overrides=(--wasm-runtime-overrides "$(bash scripts/try-runtime.sh build)")
fi
exec "$CARGO_TARGET_DIR/release/cpchain-node" --dev --state-pruning archive-canonical "${overrides[@]}" "$@"
