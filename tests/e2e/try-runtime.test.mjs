// try-runtime against a live dev chain: a node running the runtime built with `try-runtime`
// (through `--wasm-runtime-overrides`, as `scripts/dev.sh --try-runtime` starts it) is loaded with
// market calls; the runtime's migrations and every pallet's invariants pass on its state and on
// its best block executed again, and a state broken on purpose fails them.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import * as umbral from '@nucypher/umbral-pre';
import { CPC, startDevNode, submit } from './lib/chain.mjs';
import { newListing } from './lib/market.mjs';
import { executeBlock, onRuntimeUpgrade, runsTryRuntime } from './lib/try-runtime.mjs';

const NODE = process.env.CPCHAIN_NODE;
const WASM = process.env.CPCHAIN_TRY_RUNTIME_WASM;
const LOG = process.env.CPCHAIN_NODE_LOG ?? 'node.log';
const overrides = mkdtempSync(join(tmpdir(), 'cpchain-try-runtime-'));
let chain;

after(async () => {
  await chain?.stop();
  rmSync(overrides, { recursive: true, force: true });
});

test('migrations and invariants hold on a live chain, and a broken state fails them', async () => {
  assert.ok(NODE, 'set CPCHAIN_NODE to the cpchain-node binary');
  assert.ok(WASM, 'set CPCHAIN_TRY_RUNTIME_WASM to the runtime built by scripts/try-runtime.sh build');
  copyFileSync(WASM, join(overrides, basename(WASM)));
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, seller, buyer] = ['//Alice', '//Ferdie', '//Eve'].map((u) => keyring.addFromUri(u));
  const log = `${LOG}.try-runtime`;
  chain = await startDevNode(NODE, log, ['--wasm-runtime-overrides', overrides]);
  const { api } = chain;
  assert.ok(runsTryRuntime(api), 'the node does not run the try-runtime build');

  // State in every pallet's books: a listing with its deposit, a purchase with its price in
  // escrow and its grant.
  const delegating = umbral.SecretKey.random();
  const signer = new umbral.Signer(umbral.SecretKey.random());
  const [capsule, ciphertext] = umbral.encrypt(delegating.publicKey(), new Uint8Array(3000).fill(1));
  const listed = await submit(api, api.tx.dataMarket.createListing(
    newListing({ price: 2n * CPC, ciphertext, capsule, delegating, signer, tags: ['try-runtime'] }),
  ), seller);
  const listing = listed.find((e) => api.events.dataMarket.ListingCreated.is(e)).data.listing;
  await submit(api, api.tx.dataMarket.purchase(
    listing, u8aToHex(umbral.SecretKey.random().publicKey().toCompressedBytes()), 2n * CPC,
  ), buyer);

  const best = (await api.rpc.chain.getHeader()).hash;
  const weight = await onRuntimeUpgrade(api, best);
  assert.ok(weight.refTime > 0n, 'the upgrade reads the storage versions at least');
  await executeBlock(api, best);

  // The seller's index loses the listing: the data market's invariants no longer hold. The
  // runtime panics; which check failed is in its log, the node's output.
  const key = api.query.dataMarket.listingsOf.key(seller.address, listing);
  await submit(api, api.tx.sudo.sudo(api.tx.system.killStorage([key])), alice);
  await assert.rejects(onRuntimeUpgrade(api), /Execution aborted/);
  const failed = /"DataMarket" try_state checks failed: Other\("listing not its seller's"\)/;
  for (let i = 0; i < 20 && !failed.test(readFileSync(log, 'utf8')); i++) {
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.match(readFileSync(log, 'utf8'), failed);
});
