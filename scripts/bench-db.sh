#!/usr/bin/env bash
# This machine's database weights, for RocksDB and for ParityDB: a dev chain is filled by a short
# run of the load benchmark (tests/e2e/bench-tps.mjs: thousands of accounts, devices and anchors),
# then `cpchain-node benchmark storage` reads every key of its state and writes them back in
# batches of 100 (a full block commits thousands: fewer a batch is the costlier side), on the
# database the chain was made with.
# Writes runtime/src/weights/{rocksdb,paritydb}_weights.rs; the runtime's `DbWeight` is the one of
# the database the collator runs (see runtime/src/configs/mod.rs).
#
#   scripts/bench-db.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build-node
bash scripts/npm-deps.sh tests/e2e
node="$CARGO_TARGET_DIR/release/cpchain-node"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for db in rocksdb paritydb; do
	echo "bench-db: filling a dev chain on $db" >&2
	(cd tests/e2e && node bench-tps.mjs --node "$node" --blocks 2 --accounts 100 --gateways 2 \
		--log "$CARGO_TARGET_DIR/bench-db-$db.log" --node-args="--base-path $work/$db --database $db" >/dev/null)
	echo "bench-db: benchmark storage on $db" >&2
	out="runtime/src/weights/${db}_weights.rs"
	"$node" benchmark storage --chain dev --base-path "$work/$db" --database "$db" --state-version 1 \
		--batch-size 100 --weight-path "$out" 2>&1 | grep -v '^\s*$' | grep -iv 'warn' >&2
	# The runtime reaches sp-weights through frame-support; comments inside the struct literal
	# are not doc comments (unused_doc_comments); the template's notes on which database is
	# Substrate's default go (the runtime's choice is documented where it is made).
	sed -i 's/sp_weights::/frame_support::weights::/; s|^\t\t\t///|\t\t\t//|; /^\t\t\/\/\/ /d' "$out"
	rustfmt --edition 2021 "$out"
done
echo "bench-db: weights written; review with git diff" >&2
