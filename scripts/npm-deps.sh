#!/usr/bin/env bash
# Installs the npm packages of a folder (tests/e2e, zombienet) from its package-lock.json when
# they are missing or older than the lock file.
#
#   scripts/npm-deps.sh tests/e2e
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:?usage: scripts/npm-deps.sh <folder with package-lock.json>}"
command -v npm >/dev/null || { echo "npm-deps: npm (Node.js) is missing; run scripts/setup.sh" >&2; exit 1; }
cd "$dir"
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
	|| npm ci --no-audit --no-fund --loglevel=error
