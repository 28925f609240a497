// The byte formats a buyer's browser reads, written from their definitions in primitives/ and
// client/src/dataset.rs: Umbral objects as the chain stores them, the segment Merkle tree of the
// providers' content, device anchors, and the `CPCDATA1` envelope that `cpchain data put` writes.

import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { blake2b } from '@noble/hashes/blake2.js';
import * as umbral from '@nucypher/umbral-pre';

export { umbral };

const hash = (...parts) => {
  const h = blake2b.create({ dkLen: 32 });
  parts.forEach((p) => h.update(p));
  return h.digest();
};
const EMPTY = new Uint8Array(32);
export const SEGMENT_SIZE = 1024;

export const toHex = (bytes) => `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
export const fromHex = (hex) => {
  const clean = hex.replace(/^0x/, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new Error('not hex');
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
};
export const equalBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// --- Umbral objects (primitives/src/pre.rs): each `toBytesSimple` field preceded by its length.
// umbral-pre's JS build reads MessagePack, so the fields are re-framed as `bin8` items: a capsule
// is an array of 3, a capsule fragment an array of 4 and a nested proof array of 6.
function wireFields(wire, count, what) {
  const fields = [];
  for (let at = 0; at < wire.length; ) {
    const len = wire[at];
    if (at + 1 + len > wire.length) throw new Error(`malformed ${what}`);
    fields.push(wire.subarray(at + 1, at + 1 + len));
    at += 1 + len;
  }
  if (fields.length !== count) throw new Error(`malformed ${what}`);
  return fields;
}
const bin8 = (field) => [0xc4, field.length, ...field];

export function capsuleFromWire(wire) {
  const f = wireFields(wire, 3, 'capsule');
  return umbral.Capsule.fromBytes(Uint8Array.from([0x93, ...f.flatMap(bin8)]));
}

export function capsuleFragFromWire(wire) {
  const f = wireFields(wire, 10, 'capsule fragment');
  return umbral.CapsuleFrag.fromBytes(
    Uint8Array.from([0x95, ...f.slice(0, 4).flatMap(bin8), 0x96, ...f.slice(4).flatMap(bin8)]),
  );
}

// The buyer's Umbral key from its 32-byte seed, as the CLI derives it (client/src/market.rs), so
// that an exported seed works in `cpchain` and the other way round.
export function umbralKey(seed) {
  return umbral.SecretKeyFactory.fromSecureRandomness(seed).makeKey(new TextEncoder().encode('cpchain/pre'));
}

// --- The segment Merkle tree (primitives/src/storage.rs).
export const segmentLeaf = (segment) => hash(Uint8Array.of(0), segment);

export function merkleRoot(leaves) {
  let level = leaves;
  if (level.length === 0) return EMPTY;
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 2) next.push(hash(Uint8Array.of(1), level[i], level[i + 1] ?? EMPTY));
    level = next;
  }
  return level[0];
}

// --- Device anchors (formats/src/device.rs): the hash chain starts at the device id and each
// anchor extends it with its 60-byte encoding.
export function anchorBytes({ sequence, batch_root, reading_count, time_start, time_end }) {
  const out = new Uint8Array(60);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(sequence), true);
  out.set(fromHex(batch_root), 8);
  view.setUint32(40, reading_count, true);
  view.setBigUint64(44, BigInt(time_start), true);
  view.setBigUint64(52, BigInt(time_end), true);
  return out;
}

export const nextHead = (head, anchor) => hash(head, anchorBytes(anchor));

// --- The `CPCDATA1` envelope (client/src/dataset.rs): a header with the plaintext size, the
// chunk size and the Umbral-sealed data key, then ChaCha20-Poly1305 chunks whose nonce is the
// chunk index (u64 LE) and a last-chunk flag (u32 LE), each authenticated with the whole header.
const MAGIC = new TextEncoder().encode('CPCDATA1');
const TAG = 16;

export function envelopeHeader(data) {
  if (data.length < 22 || !equalBytes(data.subarray(0, 8), MAGIC)) {
    throw new Error('the content is not a CPCDATA1 dataset');
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const plainSize = view.getBigUint64(8, true);
  const chunkSize = view.getUint32(16, true);
  const keyLen = view.getUint16(20, true);
  if (chunkSize === 0 || chunkSize > 1 << 24 || data.length < 22 + keyLen) throw new Error('malformed dataset header');
  return { plainSize: Number(plainSize), chunkSize, sealedKey: data.subarray(22, 22 + keyLen), length: 22 + keyLen };
}

// Decrypts the envelope with the 32-byte data key; throws if any chunk fails its tag.
export function openEnvelope(data, key) {
  const header = envelopeHeader(data);
  const aad = data.subarray(0, header.length);
  const out = new Uint8Array(header.plainSize);
  const nonce = new Uint8Array(12);
  const nonceView = new DataView(nonce.buffer);
  let at = header.length;
  let done = 0;
  let index = 0n;
  do {
    const len = Math.min(header.chunkSize, header.plainSize - done);
    const last = done + len === header.plainSize;
    nonceView.setBigUint64(0, index, true);
    nonceView.setUint32(8, last ? 1 : 0, true);
    if (at + len + TAG > data.length) throw new Error('the dataset is truncated');
    const plain = chacha20poly1305(key, nonce, aad).decrypt(data.subarray(at, at + len + TAG));
    out.set(plain, done);
    at += len + TAG;
    done += len;
    index++;
  } while (done < header.plainSize);
  if (at !== data.length) throw new Error('the dataset has bytes after its last chunk');
  return out;
}

// Opens the data key with the buyer's key and the verified fragments, then the envelope.
export function decryptDataset({ data, buyerKey, delegatingKey, capsule, fragments }) {
  const { sealedKey } = envelopeHeader(data);
  const key = umbral.decryptReencrypted(buyerKey, delegatingKey, capsule, fragments, sealedKey);
  if (key.length !== 32) throw new Error('the sealed data key is not 32 bytes');
  return openEnvelope(data, key);
}
