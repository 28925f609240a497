#!/usr/bin/env bash
# Flash a firmware ELF takes: the bytes of its sections loaded from flash (code, read-only data,
# the initial values of .data), read from the ELF's section headers.
#
#   scripts/flash-size.sh <elf> [limit]   prints the size; fails above `limit` bytes
set -euo pipefail
elf=${1:?usage: flash-size.sh <elf> [limit]}
limit=${2:-}
[ -f "$elf" ] || { echo "flash-size: no file $elf" >&2; exit 2; }
bytes=$(python3 - "$elf" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
assert data[:4] == b'\x7fELF' and data[4] == 1 and data[5] == 1, 'a 32-bit little-endian ELF'
shoff, = struct.unpack_from('<I', data, 0x20)
shentsize, shnum = struct.unpack_from('<HH', data, 0x2e)
SHF_ALLOC, SHT_NOBITS = 0x2, 8
total = 0
for i in range(shnum):
    _, kind, flags, _, _, size = struct.unpack_from('<IIIIII', data, shoff + i * shentsize)
    if flags & SHF_ALLOC and kind != SHT_NOBITS:
        total += size
print(total)
PY
)
echo "flash-size: $bytes bytes ($(( (bytes + 1023) / 1024 )) KiB) in $(basename "$elf")" >&2
if [ -n "$limit" ] && [ "$bytes" -gt "$limit" ]; then
	echo "flash-size: over the $limit-byte limit" >&2
	exit 1
fi
echo "$bytes"
