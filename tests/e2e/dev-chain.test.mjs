// End-to-end test: a real `cpchain-node --dev` driven by @polkadot/api.
//
// CPCHAIN_NODE names the binary (scripts/test.sh sets it). The node runs on free ports with a
// temporary state folder and is always stopped, also when a test fails.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { CPC, startDevNode, submit } from './lib/chain.mjs';

const NODE = process.env.CPCHAIN_NODE;
const LOG = process.env.CPCHAIN_NODE_LOG ?? 'node.log';
const CUSTOM_PALLETS = ['DeviceRegistry', 'StorageProofs'];

// The segment Merkle tree of primitives/src/storage.rs, written again from its definition so
// that the runtime's verification is checked against an independent implementation.
const SEGMENT_SIZE = 1024;
const EMPTY = new Uint8Array(32);

function merkleLevels(data) {
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

function merklePath(levels, index) {
  return levels.slice(0, -1).map((level, k) => level[Math.floor(index / 2 ** k) ^ 1] ?? EMPTY);
}

describe('cpchain-node --dev', () => {
  let chain;
  let api;
  let keyring;

  before(async () => {
    assert.ok(NODE, 'set CPCHAIN_NODE to the cpchain-node binary');
    await cryptoWaitReady();
    keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    // One-second blocks, so that a storage challenge round (50 blocks) comes within the test.
    chain = await startDevNode(NODE, LOG, ['--dev-block-time', '1000']);
    api = chain.api;
  });

  after(async () => {
    await chain?.stop();
  });

  test('metadata has the CPChain pallets and runtime APIs', async () => {
    const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
    for (const name of ['System', 'Balances', 'Aura', 'CollatorSelection', 'XcmpQueue', ...CUSTOM_PALLETS]) {
      assert.ok(pallets.includes(name), `pallet ${name} missing from ${pallets}`);
    }
    assert.ok(api.call.deviceRegistryApi?.device, 'DeviceRegistryApi runtime API missing');
    assert.ok(api.call.storageProofsApi?.openChallenges, 'StorageProofsApi runtime API missing');
    const versions = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
    assert.ok(versions.includes(15), `metadata v15 missing from ${versions}`);
    assert.equal(api.runtimeVersion.specName.toString(), 'cpchain');
  });

  test('chain properties name the token', async () => {
    const props = await api.rpc.system.properties();
    assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'CPC');
    assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
  });

  test('blocks are produced', async () => {
    const first = (await api.rpc.chain.getHeader()).number.toNumber();
    const deadline = Date.now() + 30_000;
    let now = first;
    while (now <= first && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      now = (await api.rpc.chain.getHeader()).number.toNumber();
    }
    assert.ok(now > first, `chain stuck at block ${first}`);
  });

  test('a signed balance transfer is included with its event', async () => {
    const alice = keyring.addFromUri('//Alice');
    const dest = keyring.addFromUri('//E2E/recipient');
    const amount = 3n * CPC;
    const events = await submit(api, api.tx.balances.transferKeepAlive(dest.address, amount), alice);
    const transfer = events.find((e) => api.events.balances.Transfer.is(e));
    assert.ok(transfer, `no Balances.Transfer in ${events.map((e) => e.method)}`);
    assert.equal(transfer.data.from.toString(), alice.address);
    assert.equal(transfer.data.to.toString(), dest.address);
    assert.equal(transfer.data.amount.toBigInt(), amount);
    assert.ok(events.some((e) => api.events.system.ExtrinsicSuccess.is(e)));
    const { data } = await api.query.system.account(dest.address);
    assert.equal(data.free.toBigInt(), amount);
  });

  test('a device registers and anchors a batch; the runtime API shows the chain head', async () => {
    const owner = keyring.addFromUri('//Bob');
    const device = keyring.addFromUri('//E2E/sensor');
    const genesis = api.genesisHash.toU8a();
    const key = api.createType('CpchainPrimitivesDeviceDeviceKey', { Sr25519: device.publicKey });
    const record = await api.call.deviceRegistryApi.keyRecord(key);
    const nonce = api.createType('u32', record.nonce).toU8a();
    const pop = device.sign(
      u8aConcat(stringToU8a('cpchain/device/reg/1'), genesis, owner.publicKey, key.toU8a(), nonce),
    );
    const metadata = { kind: 'obd2-dongle/v3', firmwareHash: `0x${'11'.repeat(32)}`, attributes: [['vin', 'WVWZZZ1JZXW000001']] };
    const registered = await submit(api, api.tx.deviceRegistry.registerDevice(key, metadata, pop), owner);
    const event = registered.find((e) => api.events.deviceRegistry.DeviceRegistered.is(e));
    assert.ok(event, 'no DeviceRegistered event');
    const id = blake2AsU8a(u8aConcat(stringToU8a('cpchain/device/id/01'), genesis, key.toU8a(), nonce), 256);
    assert.equal(event.data.device.toHex(), u8aToHex(id));

    const anchor = api.createType('CpchainPrimitivesDeviceAnchor', {
      sequence: 1,
      batchRoot: `0x${'22'.repeat(32)}`,
      readingCount: 86_400,
      timeStart: 1_700_000_000_000,
      timeEnd: 1_700_086_399_000,
    });
    const signature = device.sign(u8aConcat(stringToU8a('cpchain/device/anc/1'), id, anchor.toU8a()));
    await submit(api, api.tx.deviceRegistry.anchorData(id, anchor, signature), owner);

    const head = (await api.call.deviceRegistryApi.anchorHead(id)).unwrap();
    assert.equal(head.count.toNumber(), 1);
    assert.equal(head.readings.toNumber(), 86_400);
    // Head of the provenance chain: blake2_256(previous head ++ anchor), starting at the id.
    assert.equal(head.head.toHex(), u8aToHex(blake2AsU8a(u8aConcat(id, anchor.toU8a()), 256)));
    const details = (await api.call.deviceRegistryApi.device(id)).unwrap();
    assert.equal(details.owner.toString(), owner.address);

    // The same anchor again is a replay and is refused with a named error.
    await assert.rejects(
      submit(api, api.tx.deviceRegistry.anchorData(id, anchor, signature), owner),
      /deviceRegistry\.SequenceNotIncreasing/,
    );
  });

  test('a storage provider accepts an order and proves a challenged segment', async () => {
    const owner = keyring.addFromUri('//Dave');
    const provider = keyring.addFromUri('//Charlie');
    // No two segments alike, so a path for one segment cannot pass for another.
    const data = new Uint8Array(5000).map((_, i) => Math.imul(i, 2654435761) >>> 24);
    const levels = merkleLevels(data);
    const root = levels.at(-1)[0];

    await submit(api, api.tx.storageProofs.registerProvider(200n * CPC, 1n << 30n, 'http://127.0.0.1:9955'), provider);
    const placed = await submit(api, api.tx.storageProofs.placeOrder(root, data.length, levels[0].length, 1, 10_000, 10n * CPC), owner);
    const order = placed.find((e) => api.events.storageProofs.OrderPlaced.is(e)).data.order.toNumber();
    await submit(api, api.tx.storageProofs.acceptOrder(order), provider);

    // Wait for the next challenge round (every 50 blocks).
    let challenges = [];
    const deadline = Date.now() + 120_000;
    while (challenges.length === 0) {
      assert.ok(Date.now() < deadline, 'no challenge within 120 s');
      await new Promise((r) => setTimeout(r, 1000));
      challenges = await api.call.storageProofsApi.openChallenges(provider.address);
    }
    const [id, challenge] = challenges[0];
    assert.equal(challenge.order.toNumber(), order);
    const index = challenge.segment.toNumber();
    const segment = data.subarray(index * SEGMENT_SIZE, (index + 1) * SEGMENT_SIZE);

    // A path for another segment is refused; the right one is accepted and pays.
    const wrong = merklePath(levels, index ^ 1);
    await assert.rejects(
      submit(api, api.tx.storageProofs.submitProof(id, u8aToHex(segment), wrong), provider),
      /storageProofs\.(InvalidProof|WrongSegmentLength)/,
    );
    const events = await submit(api, api.tx.storageProofs.submitProof(id, u8aToHex(segment), merklePath(levels, index)), provider);
    assert.ok(events.some((e) => api.events.storageProofs.ProofAccepted.is(e)), 'no ProofAccepted');
    const paid = events.find((e) => api.events.storageProofs.ProviderPaid.is(e));
    assert.ok(paid && paid.data.amount.toBigInt() > 0n, 'provider not paid');
    const info = (await api.call.storageProofsApi.provider(provider.address)).unwrap();
    assert.equal(info.stats.proved.toNumber(), 1);
    assert.equal(info.used.toNumber(), data.length);
  });
});

test('an unknown --chain is refused with a clear message', () => {
  const run = spawnSync(NODE, ['build-spec', '--chain', 'no-such-chain'], { encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr + run.stdout, /unknown chain `no-such-chain`/);
});

test('build-spec emits the local spec with para id and token properties', () => {
  const run = spawnSync(NODE, ['build-spec', '--chain', 'local'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  const spec = JSON.parse(run.stdout);
  assert.equal(spec.id, 'cpchain_local');
  assert.equal(spec.para_id ?? spec.paraId, 2000);
  assert.equal(spec.properties.tokenSymbol, 'CPC');
});
