#!/usr/bin/env bash
# Writes runtime/metadata.scale, the runtime's metadata (V16) that off-chain programs are typed
# from, as the dev chain's runtime serves it, and the market page's descriptors generated from it.
# The end-to-end tests fail while it is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build-node
bash scripts/npm-deps.sh tests/e2e
cd tests/e2e
node metadata.mjs "$CARGO_TARGET_DIR/release/cpchain-node" "$CARGO_TARGET_DIR/metadata-node.log"
# The market page's typed descriptors follow the metadata; their generated version is in web/'s lock.
cd ../../web
bash ../scripts/npm-deps.sh web
npx papi generate
npm install --no-audit --no-fund --loglevel=error
