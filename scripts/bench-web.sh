#!/usr/bin/env bash
# The market page's figures (docs/benchmarks.md): bundle size, time to first listing against a
# local dev node seeded as scripts/web.sh --seed seeds it, and decryption throughput in Chromium
# against Node.js. Starts and stops its own node.
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

dir=$(mktemp -d "${TMPDIR:-/tmp}/cpchain-bench-web.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=ws://127.0.0.1:$port
"$CARGO_TARGET_DIR/release/cpchain-node" --dev --dev-block-time 1000 --rpc-port "$port" --port 0 --no-prometheus --no-mdns \
	--state-pruning archive-canonical >"$dir/node.log" 2>&1 &
node_pid=$!
seeder=""
trap 'kill $seeder 2>/dev/null || true; kill -INT "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
	kill -0 "$node_pid" 2>/dev/null || { echo "bench-web: the node exited; see $dir/node.log" >&2; exit 1; }
	sleep 1
done
CPCHAIN_URL=$url CPCHAIN_CLI="$CARGO_TARGET_DIR/release/cpchain" CPCHAIN_PROVIDER="$CARGO_TARGET_DIR/release/cpchain-provider" \
	node web/tests/seed.mjs "$dir" >"$dir/seed.log" 2>&1 &
seeder=$!
until grep -q '^seeded:' "$dir/seed.log"; do
	kill -0 "$seeder" 2>/dev/null || { echo "bench-web: seeding failed (logs in $dir):" >&2; cat "$dir/seed.log" >&2; exit 1; }
	sleep 1
done
cd web
npm run build >/dev/null
node bench/run.mjs --node "$url" "$@"
