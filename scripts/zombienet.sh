#!/usr/bin/env bash
# A local network: a rococo-local relay chain (two validators) and two CPChain collators,
# spawned by zombienet with the native provider, then checked by zombienet/smoke.zndsl.
#
#   scripts/zombienet.sh                  install what is missing, spawn, test, stop
#   scripts/zombienet.sh --install-only   only build and cache the relay chain binaries
#
# The relay chain binaries (polkadot, polkadot-prepare-worker, polkadot-execute-worker) come
# from crates.io: `polkadot` 41.0.0 is the release built on polkadot-cli 42, the same
# polkadot-sdk stable2609 this chain uses. Building it takes hours on 2 cores. It is cached in
# $CPCHAIN_RELAY_DIR (default ~/.cache/cpchain-relay), and its build folder is kept there too,
# so a build that is cut off resumes where it stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
relay="${CPCHAIN_RELAY_DIR:-$HOME/.cache/cpchain-relay}"
POLKADOT_VERSION=41.0.0

if ! [ -x "$relay/bin/polkadot" ] || ! "$relay/bin/polkadot" --version | grep -q .; then
	echo "zombienet: building polkadot $POLKADOT_VERSION into $relay: hours on 2 cores, resumable" >&2
	# The relay runtimes' WASM is built outside this folder, where rust-toolchain.toml does not
	# reach: name the toolchain that setup.sh gave the wasm32v1-none target.
	WASM_BUILD_TOOLCHAIN=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml) \
		cargo install polkadot --version "$POLKADOT_VERSION" --locked \
			--root "$relay" --target-dir "$relay/target"
fi
for bin in polkadot polkadot-prepare-worker polkadot-execute-worker; do
	[ -x "$relay/bin/$bin" ] || { echo "zombienet: $relay/bin/$bin is missing" >&2; exit 1; }
done
[ "${1:-}" = "--install-only" ] && exit 0

cargo build --release -p cpchain-node
cd zombienet
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
export PATH="$relay/bin:$CARGO_TARGET_DIR/release:$PATH"
exec npx zombienet --provider native test smoke.zndsl
