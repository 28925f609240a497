// Crash safety: a dev node with its state on disk is loaded with transfers and market calls,
// killed with SIGKILL while extrinsics are in flight, and restarted on the same base path. The
// finalized chain, balances and pallet state survive, and blocks continue.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import * as umbral from '@nucypher/umbral-pre';
import { CPC, startDevNode, submit } from './lib/chain.mjs';
import { newListing } from './lib/market.mjs';

const NODE = process.env.CPCHAIN_NODE;
const LOG = process.env.CPCHAIN_NODE_LOG ?? 'node.log';
const basePath = mkdtempSync(join(tmpdir(), 'cpchain-crash-'));
let chain;

after(async () => {
  await chain?.stop();
  rmSync(basePath, { recursive: true, force: true });
});

async function balances(api, accounts, at) {
  const api_ = at ? await api.at(at) : api;
  return Promise.all(accounts.map(async (a) => (await api_.query.system.account(a.address)).data.free.toBigInt()));
}

async function nextBlock(api, after) {
  for (let i = 0; i < 60; i++) {
    const number = (await api.rpc.chain.getHeader()).number.toNumber();
    if (number > after) return number;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no block after #${after}`);
}

test('state survives SIGKILL and the chain goes on', async () => {
  assert.ok(NODE, 'set CPCHAIN_NODE to the cpchain-node binary');
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const seller = keyring.addFromUri('//Ferdie');
  const buyer = keyring.addFromUri('//Eve');
  const receivers = [1, 2, 3, 4].map((i) => keyring.addFromUri(`//Crash/${i}`));
  const args = ['--base-path', basePath, '--dev-block-time', '1000'];
  chain = await startDevNode(NODE, `${LOG}.crash-1`, args);
  let api = chain.api;

  // Load: transfers, a listing and a purchase with its price in escrow.
  for (const [i, to] of receivers.entries()) {
    await submit(api, api.tx.balances.transferKeepAlive(to.address, BigInt(i + 1) * 10n * CPC), alice);
  }
  const delegating = umbral.SecretKey.random();
  const signer = new umbral.Signer(umbral.SecretKey.random());
  const [capsule, ciphertext] = umbral.encrypt(delegating.publicKey(), new Uint8Array(2000).fill(7));
  const listed = await submit(api, api.tx.dataMarket.createListing(
    newListing({ price: 3n * CPC, ciphertext, capsule, delegating, signer, tags: ['crash-test'] }),
  ), seller);
  const listing = listed.find((e) => api.events.dataMarket.ListingCreated.is(e)).data.listing.toNumber();
  const bought = await submit(api, api.tx.dataMarket.purchase(
    listing, u8aToHex(umbral.SecretKey.random().publicKey().toCompressedBytes()), 3n * CPC,
  ), buyer);
  const purchase = bought.find((e) => api.events.dataMarket.Purchased.is(e)).data.purchase.toNumber();

  const finalized = await api.rpc.chain.getFinalizedHead();
  const number = (await api.rpc.chain.getHeader(finalized)).number.toNumber();
  const accounts = [alice, seller, buyer, ...receivers];
  const before = await balances(api, accounts, finalized);
  const listingBefore = (await api.call.dataMarketApi.listing(listing)).toHex();

  // More transfers in flight, then the process is killed without warning.
  let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  for (const to of receivers) {
    await api.tx.balances.transferKeepAlive(to.address, CPC).signAndSend(alice, { nonce: nonce++ });
  }
  await api.disconnect();
  chain.node.kill('SIGKILL');
  await new Promise((r) => (chain.node.exitCode !== null || chain.node.signalCode !== null ? r() : chain.node.once('exit', r)));
  assert.equal(chain.node.signalCode, 'SIGKILL');

  chain = await startDevNode(NODE, `${LOG}.crash-2`, args);
  api = chain.api;
  // The finalized block is still there, with the same hash and state.
  assert.equal((await api.rpc.chain.getBlockHash(number)).toHex(), finalized.toHex());
  const head = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  assert.ok(head >= number, `finalized head went back from #${number} to #${head}`);
  assert.deepEqual(await balances(api, accounts, finalized), before);
  assert.equal((await api.call.dataMarketApi.listing(listing)).toHex(), listingBefore);
  const open = await api.call.dataMarketApi.openPurchases(buyer.address);
  assert.deepEqual(open.map(([id]) => id.toNumber()), [purchase]);

  // Blocks continue and take new extrinsics.
  await nextBlock(api, head);
  const events = await submit(api, api.tx.balances.transferKeepAlive(receivers[0].address, CPC), alice);
  assert.ok(events.some((e) => api.events.balances.Transfer.is(e)));
});
