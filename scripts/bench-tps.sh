#!/usr/bin/env bash
# Load benchmark: balance transfers and device anchors included per second, block fullness, block
# authoring time and proof of validity (tests/e2e/bench-tps.mjs), on a dev node or on a collator
# of a zombienet network (rococo-local relay chain validating the parachain's blocks).
#
#   scripts/bench-tps.sh                           dev node: 10 blocks, 200 senders, 6 s blocks
#   scripts/bench-tps.sh --blocks 3 --accounts 50  a quick run
#   scripts/bench-tps.sh --zombienet [...]         the same loads on zombienet/bench.toml
#   scripts/bench-tps.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
zombienet=false
if [ "${1:-}" = --zombienet ]; then
	zombienet=true
	shift
fi
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build-node
bash scripts/npm-deps.sh tests/e2e
if ! $zombienet; then
	cd tests/e2e
	exec node bench-tps.mjs --node "$CARGO_TARGET_DIR/release/cpchain-node" --log "$CARGO_TARGET_DIR/bench-node.log" "$@"
fi

cargo build-relay
bash scripts/npm-deps.sh zombienet
network="$CARGO_TARGET_DIR/bench-zombienet"
rm -rf "$network"
echo "bench: spawning zombienet/bench.toml; its nodes' logs are in $network" >&2
(cd zombienet && PATH="$CARGO_TARGET_DIR/release:$PATH" exec node_modules/.bin/zombienet --provider native spawn \
	--dir "$network" bench.toml) > "$CARGO_TARGET_DIR/bench-zombienet.log" 2>&1 &
spawner=$!
# zombienet stops its nodes when it is interrupted.
trap 'kill -INT $spawner 2>/dev/null; wait $spawner 2>/dev/null || true' EXIT
cd tests/e2e
node bench-tps.mjs --url ws://127.0.0.1:9988 \
	--collator-log "$network/collator01.log" --collator-log "$network/collator02.log" "$@"
