#!/usr/bin/env bash
# The market page (web/) against the dev chain of scripts/dev.sh, which must be running.
#
#   scripts/web.sh           build the page and serve it on http://127.0.0.1:8080
#   scripts/web.sh --seed    first give the chain something to show: a device with three anchors,
#                            a storage provider, two listings and the seller's agent (kept running
#                            while the page is served), through the release `cpchain` programs
#
# CPCHAIN_URL (ws://127.0.0.1:9944) names another node, WEB_PORT (8080) another port.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
url=${CPCHAIN_URL:-ws://127.0.0.1:9944}
port=${WEB_PORT:-8080}

bash scripts/setup.sh
bash scripts/npm-deps.sh web

if [ "${1:-}" = --seed ]; then
	export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
	cargo build --release -p cpchain-client -p cpchain-provider
	bash scripts/npm-deps.sh tests/e2e
	dir=$(mktemp -d "${TMPDIR:-/tmp}/cpchain-web-seed.XXXXXX")
	CPCHAIN_URL=$url CPCHAIN_CLI="$CARGO_TARGET_DIR/release/cpchain" CPCHAIN_PROVIDER="$CARGO_TARGET_DIR/release/cpchain-provider" \
		node web/tests/seed.mjs "$dir" >"$dir/seed.log" 2>&1 &
	seeder=$!
	trap 'kill "$seeder" 2>/dev/null || true' EXIT
	echo "web: seeding the chain at $url (logs in $dir)" >&2
	until grep -q '^seeded:' "$dir/seed.log"; do
		kill -0 "$seeder" 2>/dev/null || { echo "web: seeding failed:" >&2; cat "$dir/seed.log" >&2; exit 1; }
		sleep 1
	done
	cat "$dir/seed.log" >&2
fi

cd web
npm run build
query=""
[ "$url" = ws://127.0.0.1:9944 ] || query="?node=$url"
echo "web: the market is on http://127.0.0.1:$port/$query" >&2
npx vite preview --port "$port" --strictPort --host 127.0.0.1
