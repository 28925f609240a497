#!/usr/bin/env bash
# The market page's figures (docs/benchmarks.md): bundle size, time to first listing against a
# local dev node seeded as scripts/web.sh --seed seeds it, and decryption throughput in Chromium
# against Node.js. Starts and stops its own node (bench/run.mjs).
#
#   scripts/bench-web.sh [--runs 7] [--mib 16]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build-node
cargo build --release -p cpchain-client -p cpchain-provider
bash scripts/npm-deps.sh tests/e2e
bash scripts/npm-deps.sh web

cd web
npm run build >/dev/null
CPCHAIN_NODE="$CARGO_TARGET_DIR/release/cpchain-node" CPCHAIN_CLI="$CARGO_TARGET_DIR/release/cpchain" \
	CPCHAIN_PROVIDER="$CARGO_TARGET_DIR/release/cpchain-provider" node bench/run.mjs "$@"
