// Decryption of a purchased dataset, as the page does it (umbral-pre opens the data key with a
// re-encrypted fragment, ChaCha20-Poly1305 opens the chunks), timed on the same bytes in the
// browser (bench/index.html) and in Node.js (bench/run.mjs).

import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { decryptDataset, umbral } from '../src/dataset.js';

const CHUNK = 65536;

function randomBytes(n) {
  const out = new Uint8Array(n);
  for (let at = 0; at < n; at += 65536) crypto.getRandomValues(out.subarray(at, Math.min(n, at + 65536)));
  return out;
}

// `plain` sealed as `cpchain data put` seals it (client/src/dataset.rs), to `delegating`.
function seal(plain, delegating) {
  const key = randomBytes(32);
  const [capsule, sealedKey] = umbral.encrypt(delegating, key);
  const header = new Uint8Array(22 + sealedKey.length);
  const view = new DataView(header.buffer);
  header.set(new TextEncoder().encode('CPCDATA1'));
  view.setBigUint64(8, BigInt(plain.length), true);
  view.setUint32(16, CHUNK, true);
  view.setUint16(20, sealedKey.length, true);
  header.set(sealedKey, 22);
  const chunks = Math.max(1, Math.ceil(plain.length / CHUNK));
  const data = new Uint8Array(header.length + plain.length + 16 * chunks);
  data.set(header);
  const nonce = new Uint8Array(12);
  let at = header.length;
  for (let i = 0; i < chunks; i++) {
    const part = plain.subarray(i * CHUNK, (i + 1) * CHUNK);
    new DataView(nonce.buffer).setBigUint64(0, BigInt(i), true);
    new DataView(nonce.buffer).setUint32(8, i === chunks - 1 ? 1 : 0, true);
    const sealed = chacha20poly1305(key, nonce, header).encrypt(part);
    data.set(sealed, at);
    at += sealed.length;
  }
  return { data, capsule };
}

export function setup(bytes) {
  const delegatingSk = umbral.SecretKey.random();
  const buyerSk = umbral.SecretKey.random();
  const signer = new umbral.Signer(umbral.SecretKey.random());
  const plain = randomBytes(bytes);
  const { data, capsule } = seal(plain, delegatingSk.publicKey());
  const [kfrag] = umbral.generateKFrags(delegatingSk, buyerSk.publicKey(), signer, 1, 1, true, true);
  const fragment = umbral.reencrypt(capsule, kfrag);
  return { plain, data, buyerKey: buyerSk, delegatingKey: delegatingSk.publicKey(), capsule, fragments: [fragment] };
}

// MiB/s of `rounds` decryptions (median), after one warm-up that also checks the result.
export function throughput(ctx, rounds) {
  const once = () => decryptDataset(ctx);
  const out = once();
  if (out.length !== ctx.plain.length || out.some((b, i) => b !== ctx.plain[i])) throw new Error('decryption is wrong');
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    once();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return { mibPerSecond: ctx.plain.length / 2 ** 20 / (median / 1000), medianMs: median };
}
