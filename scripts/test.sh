#!/usr/bin/env bash
# Every test of the workspace, then the end-to-end tests against a real `cpchain-node --dev`, then
# the market page in a real browser.
#
#   scripts/test.sh            all of it
#   scripts/test.sh --unit     only the Rust tests (no node build)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
step() { printf '\n==> %s\n' "$*" >&2; }

step "format"
cargo fmt --all -- --check

step "workspace-hack current (the collator and the relay node share their dependencies' features)"
bash scripts/hack.sh --check

step "Dockerfile lint (hadolint)"
"${XDG_CACHE_HOME:-$HOME/.cache}/cpchain-tools/bin/hadolint" docker/Dockerfile

# Pallets, primitives, the runtime's native code (with benchmark tests), the client and the
# provider (whose integration tests build their binaries). No WASM is needed here; the nodes and
# their workspace-hack stay out (they build once, in release, below), and so does runtime/wasm
# (no tests; its build script alone would compile binaryen's C++ for this profile).
step "unit, property and benchmark tests"
SKIP_WASM_BUILD=1 cargo test --workspace --exclude cpchain-node --exclude cpchain-relay --exclude cpchain-workspace-hack --exclude cpchain-runtime-wasm \
	--features pallet-device-registry/runtime-benchmarks,pallet-storage-proofs/runtime-benchmarks,pallet-data-market/runtime-benchmarks,pallet-access-grants/runtime-benchmarks,pallet-aggregates/runtime-benchmarks,cpchain-runtime/runtime-benchmarks

step "device firmware for a Cortex-M4 (thumbv7em-none-eabihf): no std, no allocator, under 64 KiB"
cargo build -p cpchain-device --example firmware --features firmware-example \
	--target thumbv7em-none-eabihf --profile firmware
bash scripts/flash-size.sh "$CARGO_TARGET_DIR/thumbv7em-none-eabihf/firmware/examples/firmware" 65536

[ "${1:-}" = "--unit" ] && exit 0

step "collator (release)"
cargo build-node

step "runtime with try-runtime (WASM only)"
try_runtime="$(bash scripts/try-runtime.sh build)/cpchain_runtime.wasm"

step "end-to-end (@polkadot/api, the cpchain programs, the gateway and a fleet against cpchain-node --dev)"
bash scripts/npm-deps.sh tests/e2e
cd tests/e2e
log="$CARGO_TARGET_DIR/e2e-node.log"
# The flow and gateway tests run the `cpchain`, `cpchain-provider`, `cpchain-gateway` and
# `cpchain-fleet` debug binaries that the unit step built for their own tests.
debug="$CARGO_TARGET_DIR/debug"
CPCHAIN_NODE="$CARGO_TARGET_DIR/release/cpchain-node" CPCHAIN_NODE_LOG="$log" \
	CPCHAIN_CLI="$debug/cpchain" CPCHAIN_PROVIDER="$debug/cpchain-provider" \
	CPCHAIN_GATEWAY="$debug/cpchain-gateway" CPCHAIN_FLEET="$debug/cpchain-fleet" \
	CPCHAIN_TRY_RUNTIME_WASM="$try_runtime" npm test \
	|| { echo "test: end-to-end failed; node log: $log" >&2; tail -n 40 "$log" >&2 || true; exit 1; }

step "market page in Chromium (Playwright, against a dev node, a provider and the seller's agent)"
cd "$root"
bash scripts/npm-deps.sh web
cd web
CPCHAIN_NODE="$CARGO_TARGET_DIR/release/cpchain-node" CPCHAIN_NODE_LOG="$log" \
	CPCHAIN_CLI="$debug/cpchain" CPCHAIN_PROVIDER="$debug/cpchain-provider" npx playwright test \
	|| { echo "test: market page failed; screenshots and traces in web/test-results, node log: $log.web" >&2; exit 1; }
