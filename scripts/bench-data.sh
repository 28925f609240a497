#!/usr/bin/env bash
# Throughput of `cpchain data put` and `cpchain market buy`, of a provider serving segments, and
# the agent's delivery in blocks, with the raw baseline measured in the same run
# (tests/e2e/bench-data.mjs). The programs build in release.
#
#   scripts/bench-data.sh              a 100 MiB file
#   scripts/bench-data.sh --mib 20     a quick run
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build-node
cargo build --release -p cpchain-client -p cpchain-provider --bins --example throughput
bash scripts/npm-deps.sh tests/e2e
release="$CARGO_TARGET_DIR/release"
cd tests/e2e
exec node bench-data.mjs --node "$release/cpchain-node" --cli "$release/cpchain" --provider "$release/cpchain-provider" \
	--throughput "$release/examples/throughput" --log "$CARGO_TARGET_DIR/bench-data-node.log" "$@"
