// Byte formats and call arguments of storage and the data market, written again in JavaScript
// from their definitions in primitives/, so that the runtime is checked against an independent
// implementation.

import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

// The segment Merkle tree of primitives/src/storage.rs.
export const SEGMENT_SIZE = 1024;
const EMPTY = new Uint8Array(32);

export function merkleLevels(data) {
  const leaves = [];
  for (let at = 0; at < data.length; at += SEGMENT_SIZE) {
    leaves.push(blake2AsU8a(u8aConcat(new Uint8Array([0]), data.subarray(at, at + SEGMENT_SIZE)), 256));
  }
  const levels = [leaves];
  while (levels.at(-1).length > 1) {
    const level = levels.at(-1);
    const next = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(blake2AsU8a(u8aConcat(new Uint8Array([1]), level[i], level[i + 1] ?? EMPTY), 256));
    }
    levels.push(next);
  }
  return levels;
}

export function merklePath(levels, index) {
  return levels.slice(0, -1).map((level, k) => level[Math.floor(index / 2 ** k) ^ 1] ?? EMPTY);
}

// Umbral objects as the chain takes them (primitives/src/pre.rs): the `toBytesSimple` fields of
// a capsule (98 bytes) or capsule fragment (359 bytes), each preceded by its length.
export function umbralWire(simple) {
  const fields = simple.length === 98 ? [33, 33, 32] : [33, 33, 32, 33, 33, 33, 33, 33, 32, 64];
  const out = [];
  let at = 0;
  for (const len of fields) {
    out.push(len, ...simple.subarray(at, at + len));
    at += len;
  }
  return Uint8Array.from(out);
}

// The `create_listing` argument for a dataset of `ciphertext`, sealed in `capsule` under the
// listing's `delegating` key, its key fragments signed by `signer`.
export function newListing({ price, ciphertext, capsule, delegating, signer, tags }) {
  const levels = merkleLevels(ciphertext);
  return {
    offer: { Dataset: null },
    price,
    contentRoot: levels.at(-1)[0],
    size: ciphertext.length,
    segments: levels[0].length,
    capsule: u8aToHex(umbralWire(capsule.toBytesSimple())),
    delegatingKey: u8aToHex(delegating.publicKey().toCompressedBytes()),
    verifyingKey: u8aToHex(signer.verifyingKey().toCompressedBytes()),
    license: 'CC-BY-4.0',
    tags,
    provenance: [],
    expiresAt: null,
  };
}
