#!/usr/bin/env bash
# An EV fleet end to end on this machine: a dev node, the MQTT broker (mosquitto), the gateway and
# the simulated vehicles (cpchain-fleet), all in release. Prints the fleet's measurements and the
# CPU each process used. Arguments go to cpchain-fleet (see `cpchain-fleet --help`):
#
#   scripts/fleet.sh                                   100 vehicles x 10 readings/s for 60 s
#   scripts/fleet.sh --vehicles 1000 --rate 100        100,000 readings/s
#   scripts/fleet.sh --duration 20 --corrupt-every 50  a short run with forged anchors
#   FLEET_EXPORT=month.csv scripts/fleet.sh --vehicles 12 --history-days 30 --interval 86400
#                                                      a month of 12 vehicles' history, anchored
#                                                      and exported to month.csv (cpchain-gateway
#                                                      export), with the provenance to list it with
#
# FLEET_URL=ws://... uses a running node (scripts/dev.sh) instead of starting one.
# Logs and the gateway's data folder stay in the folder printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build-node
cargo build --release -p cpchain-gateway -p cpchain-fleet
bin="$CARGO_TARGET_DIR/release"

work=$(mktemp -d "${TMPDIR:-/tmp}/cpchain-fleet.XXXXXX")
rpc=${FLEET_RPC_PORT:-19944} mqtt=${FLEET_MQTT_PORT:-11883} metrics=${FLEET_METRICS_PORT:-19466}
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

/usr/sbin/mosquitto -c scripts/mosquitto.conf -p "$mqtt" > "$work/mosquitto.log" 2>&1 &
broker=$!; pids+=("$broker")
measured=(broker gateway)
if [ -n "${FLEET_URL:-}" ]; then
	url=$FLEET_URL
else
	"$bin/cpchain-node" --dev --rpc-port "$rpc" --port 0 --no-prometheus --no-mdns > "$work/node.log" 2>&1 &
	node=$!; pids+=("$node"); measured+=(node)
	for _ in $(seq 120); do
		curl -sf -H 'Content-Type: application/json' -d '{"id":1,"jsonrpc":"2.0","method":"system_health"}' \
			"http://127.0.0.1:$rpc" > /dev/null && break
		kill -0 "$node" 2>/dev/null || { tail -20 "$work/node.log"; echo "fleet: the node exited" >&2; exit 1; }
		sleep 1
	done
	url="ws://127.0.0.1:$rpc"
fi
"$bin/cpchain-gateway" run --url "$url" --account //Bob --mqtt "127.0.0.1:$mqtt" \
	--data-dir "$work/gateway" --listen "127.0.0.1:$metrics" > "$work/gateway.log" 2>&1 &
gateway=$!; pids+=("$gateway")
for _ in $(seq 60); do
	curl -sf "http://127.0.0.1:$metrics/health" > /dev/null && break
	kill -0 "$gateway" 2>/dev/null || { tail -20 "$work/gateway.log"; echo "fleet: the gateway exited" >&2; exit 1; }
	sleep 1
done

# CPU seconds (user + system) of a process so far.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; }
declare -A before
for name in "${measured[@]}"; do before[$name]=$(cpu "${!name}"); done
start=$(date +%s)
status=0
TIMEFORMAT="%U %S"
{ time "$bin/cpchain-fleet" --url "$url" --mqtt "127.0.0.1:$mqtt" --owner //Alice --gateway //Bob "$@" 2>&3 || status=$?; } 3>&2 2> "$work/fleet.time"
elapsed=$(( $(date +%s) - start ))

printf '\nCPU over the %s s run (registration included; 100 %% = one of %s cores):\n' "$elapsed" "$(nproc)"
row() { awk -v n="$1" -v s="$2" -v t="$elapsed" 'BEGIN { printf "  %-8s %6.1f s  %5.1f %%\n", n, s, 100 * s / t }'; }
for name in "${measured[@]}"; do
	row "$name" "$(awk -v a="$(cpu "${!name}")" -v b="${before[$name]}" 'BEGIN { print a - b }')"
done
row fleet "$(awk '{ print $1 + $2 }' "$work/fleet.time")"
echo "gateway peak memory: $(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$gateway/status")"
echo
echo "gateway:"
curl -sf "http://127.0.0.1:$metrics/metrics" | grep -E '^cpchain_gateway_(readings|batches_closed|anchors_included|readings_anchored|extrinsics|extrinsic_failures|rejections)' | sed 's/^cpchain_gateway_/  /'
if [ -n "${FLEET_EXPORT:-}" ]; then
	echo
	"$bin/cpchain-gateway" export --url "$url" --data-dir "$work/gateway" --out "$FLEET_EXPORT" | tee "$FLEET_EXPORT.provenance"
fi
echo "logs and the gateway's batches: $work"
exit "$status"
