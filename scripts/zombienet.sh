#!/usr/bin/env bash
# A local network: a rococo-local relay chain (two validators) and two CPChain collators,
# spawned by zombienet (npm) with the native provider, then checked by zombienet/smoke.zndsl.
#
#   scripts/zombienet.sh                 build, spawn, test, stop
#   scripts/zombienet.sh spawn           build and spawn, and keep the network up until Ctrl-C
#
# The relay chain binaries (polkadot, polkadot-prepare-worker, polkadot-execute-worker) are the
# `cpchain-relay` crate: polkadot-cli 42, the same polkadot-sdk stable2609 crates as the collator
# (the release that `cargo install polkadot --version 41.0.0` would build). The two share one
# feature set for their common dependencies (the workspace-hack crate), so after scripts/dev.sh
# this compiles only what the relay node adds: rococo-runtime and the crates that embed it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build-node
cargo build-relay
bash scripts/npm-deps.sh zombienet
cd zombienet
export PATH="$CARGO_TARGET_DIR/release:$PATH"
case "${1:-test}" in
	test) exec npx zombienet --provider native test smoke.zndsl ;;
	spawn) exec npx zombienet --provider native spawn network.toml ;;
	*) echo "usage: scripts/zombienet.sh [test|spawn]" >&2; exit 2 ;;
esac
