#!/usr/bin/env bash
# The workspace-hack crate gives the collator and the relay chain node one feature set for the
# dependencies they share (.config/hakari.toml), so that either builds on what the other compiled.
#
#   scripts/hack.sh           after any dependency change: regenerate workspace-hack/Cargo.toml with
#                             cargo-hakari (installed on first use), then check
#   scripts/hack.sh --check   fail if a dependency the two nodes share differs in features between
#                             them, other than the crates the relay node alone needs (scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

# Built only by the relay node, with `rococo-native` (the final-excludes of .config/hakari.toml).
relay_only='^(polkadot-cli|polkadot-service)@'

# "name@version<TAB>[features]" for every package the node's release build compiles.
features() {
	cargo tree --locked -p "$1" -e normal,build --prefix none -f '{p}	[{f}]' \
		| sed -E 's/ \((\*|proc-macro)\)//g; s/^([^ ]+) v([^ 	]+)[^	]*/\1@\2/' | sort -u
}

if [ "${1:-}" != --check ]; then
	tools="${XDG_CACHE_HOME:-$HOME/.cache}/cpchain-tools"
	[ -x "$tools/bin/cargo-hakari" ] || {
		echo "hack: installing cargo-hakari 0.9.39 into $tools" >&2
		env -u CARGO_TARGET_DIR cargo install --quiet --locked --root "$tools" cargo-hakari --version 0.9.39
	}
	export PATH="$tools/bin:$PATH"
	cargo hakari generate
	cargo hakari manage-deps --yes
fi

node=$(features cpchain-node)
relay=$(features cpchain-relay)
shared=$(comm -12 <(cut -f1 <<<"$node" | sort -u) <(cut -f1 <<<"$relay" | sort -u))
# A line in one build only, of a package both builds compile: its features differ.
differ=$(comm -3 <(echo "$node") <(echo "$relay") | sed 's/^\t//' \
	| grep -F -f <(sed 's/$/	/' <<<"$shared") | grep -Ev "$relay_only" || true)
if [ -n "$differ" ]; then
	echo "hack: the collator and the relay node build these shared crates with different features;" >&2
	echo "hack: the second node to build would recompile them and all that depends on them." >&2
	echo "$differ" | cut -c1-200 >&2
	echo "hack: run scripts/hack.sh to regenerate the workspace-hack crate." >&2
	exit 1
fi
echo "hack: $(wc -l <<<"$shared") crates shared by the collator and the relay node, one feature set each" >&2
