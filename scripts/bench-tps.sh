#!/usr/bin/env bash
# Load benchmark of a running dev chain: balance transfers and device anchors included per second,
# block fullness and the node's peak memory (tests/e2e/bench-tps.mjs). Arguments go to the script:
#
#   scripts/bench-tps.sh                           10 blocks, 200 senders, 6 s blocks
#   scripts/bench-tps.sh --blocks 3 --accounts 50  a quick run
#   scripts/bench-tps.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build-node
bash scripts/npm-deps.sh tests/e2e
cd tests/e2e
exec node bench-tps.mjs --node "$CARGO_TARGET_DIR/release/cpchain-node" --log "$CARGO_TARGET_DIR/bench-node.log" "$@"
