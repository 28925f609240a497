// End-to-end test: a real `cpchain-node --dev` driven by @polkadot/api.
//
// CPCHAIN_NODE names the binary (scripts/test.sh sets it). The node runs on free ports with a
// temporary state folder and is always stopped, also when a test fails.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import * as umbral from '@nucypher/umbral-pre';
import { CPC, startDevNode, submit } from './lib/chain.mjs';
import { SEGMENT_SIZE, merkleLevels, merklePath, newListing, umbralWire } from './lib/market.mjs';
import { METADATA_FILE, METADATA_VERSION, servedMetadata } from './lib/metadata.mjs';

const NODE = process.env.CPCHAIN_NODE;
// The runtime the node embeds, as the release build leaves it beside the binary.
const RUNTIME_WASM = NODE && join(dirname(NODE), 'wbuild/cpchain-runtime/cpchain_runtime.compact.compressed.wasm');
const LOG = process.env.CPCHAIN_NODE_LOG ?? 'node.log';
const CUSTOM_PALLETS = ['DeviceRegistry', 'DataMarket', 'AccessGrants', 'StorageProofs'];

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
    assert.ok(api.call.dataMarketApi?.listing, 'DataMarketApi runtime API missing');
    assert.ok(api.call.accessGrantsApi?.fragments, 'AccessGrantsApi runtime API missing');
    const versions = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
    assert.ok(versions.includes(15), `metadata v15 missing from ${versions}`);
    assert.equal(api.runtimeVersion.specName.toString(), 'cpchain');
  });

  test('the node opens ParityDB, whose weights the runtime charges, unless told otherwise', () => {
    assert.match(readFileSync(LOG, 'utf8'), /Database: ParityDb at /);
    const measured = readFileSync(new URL('../../runtime/src/weights/paritydb_weights.rs', import.meta.url), 'utf8');
    const ns = (what) => Number(new RegExp(`${what}: ([\\d_]+) \\*`).exec(measured)[1].replaceAll('_', ''));
    const { read, write } = api.consts.system.dbWeight;
    assert.deepEqual([read.toNumber(), write.toNumber()], [ns('read') * 1000, ns('write') * 1000]);
  });

  test('runtime/metadata.scale is the metadata the runtime serves', async () => {
    const served = Buffer.from(await servedMetadata(api));
    // "meta" and the version: what subxt and polkadot-api read.
    assert.deepEqual([...served.subarray(0, 5)], [0x6d, 0x65, 0x74, 0x61, METADATA_VERSION]);
    assert.ok(served.equals(readFileSync(METADATA_FILE)), 'runtime/metadata.scale is stale: run scripts/metadata.sh');
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

  test('a collator candidate with session keys bonds, and gets the bond back when it leaves', async () => {
    const charlie = keyring.addFromUri('//Charlie');
    const bond = (await api.query.collatorSelection.candidacyBond()).toBigInt();
    assert.equal(bond, 16n * CPC);
    assert.ok((await api.query.collatorSelection.desiredCandidates()).toNumber() > 0, 'no candidate could ever be selected');
    await assert.rejects(
      submit(api, api.tx.collatorSelection.registerAsCandidate(), charlie),
      /collatorSelection\.ValidatorNotRegistered/,
    );
    // The node generates the keys into its keystore, with a proof that Charlie owns them; Charlie
    // registers their public halves.
    const generated = (await api.rpc.author.rotateKeysWithOwner(u8aToHex(charlie.publicKey))).toJSON();
    await assert.rejects(submit(api, api.tx.session.setKeys(generated.keys, '0x'), charlie), /session\.InvalidProof/);
    await submit(api, api.tx.session.setKeys(generated.keys, generated.proof), charlie);
    const reserved = async () => (await api.query.system.account(charlie.address)).data.reserved.toBigInt();
    const before = await reserved();
    const added = (await submit(api, api.tx.collatorSelection.registerAsCandidate(), charlie))
      .find((e) => api.events.collatorSelection.CandidateAdded.is(e));
    assert.equal(added?.data.accountId.toString(), charlie.address);
    assert.equal(added.data.deposit.toBigInt(), bond);
    assert.equal(await reserved(), before + bond);
    const candidates = await api.query.collatorSelection.candidateList();
    assert.ok(candidates.some((c) => c.who.toString() === charlie.address));
    const removed = await submit(api, api.tx.collatorSelection.leaveIntent(), charlie);
    assert.ok(removed.some((e) => api.events.collatorSelection.CandidateRemoved.is(e)));
    assert.equal(await reserved(), before);
  });

  test('a device registers and anchors; a gateway batch skips a replay; the runtime API shows the chain head', async () => {
    const owner = keyring.addFromUri('//Bob');
    const device = keyring.addFromUri('//E2E/sensor');
    const genesis = api.genesisHash.toU8a();
    const key = api.createType('CpchainFormatsDeviceDeviceKey', { Sr25519: device.publicKey });
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

    const anchor = api.createType('CpchainFormatsDeviceAnchor', {
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

    // In a batch, the replay is skipped and reported; the next anchor goes through.
    const next = api.createType('CpchainFormatsDeviceAnchor', { ...anchor.toJSON(), sequence: 2 });
    const nextSignature = device.sign(u8aConcat(stringToU8a('cpchain/device/anc/1'), id, next.toU8a()));
    const batch = [
      { device: id, anchor, signature },
      { device: id, anchor: next, signature: nextSignature },
    ];
    const batched = await submit(api, api.tx.deviceRegistry.anchorBatch(batch), owner);
    const rejected = batched.find((e) => api.events.deviceRegistry.AnchorRejected.is(e));
    assert.equal(rejected?.data.index.toNumber(), 0);
    const error = api.registry.findMetaError(rejected.data.error.asModule);
    assert.equal(`${error.section}.${error.name}`, 'deviceRegistry.SequenceNotIncreasing');
    const anchored = batched.filter((e) => api.events.deviceRegistry.DataAnchored.is(e));
    assert.deepEqual(anchored.map((e) => e.data.anchor.sequence.toNumber()), [2]);
    assert.equal((await api.call.deviceRegistryApi.anchorHead(id)).unwrap().count.toNumber(), 2);
  });

  test('a dataset is bought and delivered by proxy re-encryption verified on chain', async () => {
    const seller = keyring.addFromUri('//Ferdie');
    const buyer = keyring.addFromUri('//Eve');
    // The seller's side, off chain: the listing's keys, and the data encrypted under a capsule.
    const delegating = umbral.SecretKey.random();
    const signer = new umbral.Signer(umbral.SecretKey.random());
    const plaintext = stringToU8a('junction 7, 2026-11-25 08:00-09:00: 1412 vehicles, mean 31 km/h');
    const [capsule, ciphertext] = umbral.encrypt(delegating.publicKey(), plaintext);
    const price = 5n * CPC;

    const listed = await submit(api, api.tx.dataMarket.createListing(
      newListing({ price, ciphertext, capsule, delegating, signer, tags: ['traffic', 'city/munich'] }),
    ), seller);
    const listing = listed.find((e) => api.events.dataMarket.ListingCreated.is(e)).data.listing.toNumber();

    // The buyer pays into escrow with its own Umbral key.
    const buyerKey = umbral.SecretKey.random();
    const before = (await api.query.system.account(seller.address)).data.free.toBigInt();
    const bought = await submit(api, api.tx.dataMarket.purchase(listing, u8aToHex(buyerKey.publicKey().toCompressedBytes()), price), buyer);
    const purchase = bought.find((e) => api.events.dataMarket.Purchased.is(e)).data.purchase.toNumber();
    const open = await api.call.dataMarketApi.openPurchases(buyer.address);
    assert.equal(open.length, 1);
    assert.equal(open[0][1].price.toBigInt(), price);

    // The seller's agent sees the grant and re-encrypts the capsule for the buyer's key.
    const grant = (await api.call.accessGrantsApi.grant(purchase)).unwrap();
    const grantee = umbral.PublicKey.fromCompressedBytes(grant.granteeKey.toU8a());
    const [kfrag] = umbral.generateKFrags(delegating, grantee, signer, 1, 1, true, true);
    const cfrag = umbral.reencrypt(capsule, kfrag);
    const wire = umbralWire(cfrag.toBytesSimple());

    // A forged re-encryption is a fault on record, and pays nothing.
    const forged = wire.slice();
    forged.set(wire.subarray(35, 68), 1);
    const faulted = await submit(api, api.tx.accessGrants.submitFragments(purchase, [u8aToHex(forged)]), seller);
    assert.ok(faulted.some((e) => api.events.accessGrants.FaultRecorded.is(e)), 'no FaultRecorded');

    const delivered = await submit(api, api.tx.accessGrants.submitFragments(purchase, [u8aToHex(wire)]), seller);
    assert.ok(delivered.some((e) => api.events.accessGrants.GrantFulfilled.is(e)), 'no GrantFulfilled');
    const completed = delivered.find((e) => api.events.dataMarket.PurchaseCompleted.is(e));
    assert.equal(completed.data.paid.toBigInt() + completed.data.fee.toBigInt(), price);
    assert.equal(completed.data.fee.toBigInt(), price / 100n);
    const after = (await api.query.system.account(seller.address)).data.free.toBigInt();
    assert.ok(after > before + completed.data.paid.toBigInt() - CPC, 'seller not paid');

    // The buyer reads the verified fragment from chain and decrypts.
    const fragments = await api.call.accessGrantsApi.fragments(purchase);
    assert.equal(u8aToHex(fragments[0].bytes), u8aToHex(wire));
    const decrypted = umbral.decryptReencrypted(buyerKey, delegating.publicKey(), capsule, [cfrag], ciphertext);
    assert.deepEqual(decrypted, plaintext);

    await submit(api, api.tx.dataMarket.rate(purchase, 5), buyer);
    const reputation = await api.call.dataMarketApi.reputation(seller.address);
    assert.equal(reputation.fulfilled.toNumber(), 1);
    assert.equal(reputation.ratingSum.toNumber(), 5);

    // Buying one's own listing is refused with a named error.
    await assert.rejects(
      submit(api, api.tx.dataMarket.purchase(listing, u8aToHex(buyerKey.publicKey().toCompressedBytes()), price), seller),
      /dataMarket\.OwnListing/,
    );
  });

  test('fragments of two key-fragment sets never fulfil a grant; one consistent set does', async () => {
    const seller = keyring.addFromUri('//Ferdie');
    const buyer = keyring.addFromUri('//Eve');
    const alice = keyring.addFromUri('//Alice');
    const proxies = [keyring.addFromUri('//Alice//proxy/1'), keyring.addFromUri('//Alice//proxy/2')];
    for (const proxy of proxies) {
      await submit(api, api.tx.balances.transferKeepAlive(proxy.address, 1_000n * CPC), alice);
      await submit(api, api.tx.accessGrants.registerProxy(100n * CPC), proxy);
    }
    const delegating = umbral.SecretKey.random();
    const signer = new umbral.Signer(umbral.SecretKey.random());
    const plaintext = stringToU8a('fleet 12, week 47: battery cell temperatures, 3 cells above 55 C');
    const [capsule, ciphertext] = umbral.encrypt(delegating.publicKey(), plaintext);
    const price = 2n * CPC;
    const listed = await submit(api, api.tx.dataMarket.createListing(
      newListing({ price, ciphertext, capsule, delegating, signer, tags: ['ev/battery'] }),
    ), seller);
    const listing = listed.find((e) => api.events.dataMarket.ListingCreated.is(e)).data.listing.toNumber();
    await submit(api, api.tx.accessGrants.setDelegation(listing, proxies.map((p) => p.address), 2), seller);

    const buyerKey = umbral.SecretKey.random();
    const bought = await submit(api, api.tx.dataMarket.purchase(listing, u8aToHex(buyerKey.publicKey().toCompressedBytes()), price), buyer);
    const purchase = bought.find((e) => api.events.dataMarket.Purchased.is(e)).data.purchase.toNumber();

    // Two `generateKFrags` runs for the same buyer key: every fragment verifies on its own, but
    // Umbral does not decrypt with one fragment of each.
    const grantee = buyerKey.publicKey();
    const reencrypted = () => umbral.generateKFrags(delegating, grantee, signer, 2, 2, true, true)
      .map((kfrag) => umbral.reencrypt(capsule, kfrag));
    const [setA, setB] = [reencrypted(), reencrypted()];
    assert.throws(() => umbral.decryptReencrypted(buyerKey, delegating.publicKey(), capsule, [setA[0], setB[1]], ciphertext));
    const wire = (cfrag) => u8aToHex(umbralWire(cfrag.toBytesSimple()));

    await submit(api, api.tx.accessGrants.submitFragments(purchase, [wire(setA[0])]), proxies[0]);
    await assert.rejects(
      submit(api, api.tx.accessGrants.submitFragments(purchase, [wire(setB[1])]), proxies[1]),
      /accessGrants\.FragmentOfAnotherSet/,
    );
    assert.ok((await api.call.accessGrantsApi.grant(purchase)).unwrap().status.isRequested, 'grant settled');

    const delivered = await submit(api, api.tx.accessGrants.submitFragments(purchase, [wire(setA[1])]), proxies[1]);
    assert.ok(delivered.some((e) => api.events.accessGrants.GrantFulfilled.is(e)), 'no GrantFulfilled');
    // The chain holds the two fragments of one set, and with them the buyer decrypts.
    const stored = (await api.call.accessGrantsApi.fragments(purchase)).map((f) => u8aToHex(f.bytes));
    assert.deepEqual(stored, setA.map(wire));
    assert.deepEqual(umbral.decryptReencrypted(buyerKey, delegating.publicKey(), capsule, setA, ciphertext), plaintext);
  });

  test('a storage provider accepts an order and proves a challenged segment', async () => {
    const owner = keyring.addFromUri('//Dave');
    const provider = keyring.addFromUri('//Charlie');
    // No two segments alike, so a path for one segment cannot pass for another.
    const data = new Uint8Array(5000).map((_, i) => Math.imul(i, 2654435761) >>> 24);
    const levels = merkleLevels(data);
    const root = levels.at(-1)[0];

    await submit(api, api.tx.storageProofs.registerProvider(200n * CPC, 1n << 30n, 'http://127.0.0.1:9955'), provider);
    // 5 segments, 1 replica, 200 periods of 50 blocks: the least fee, and a planck less refused.
    const minFee = (await api.call.storageProofsApi.minFee(data.length, 1, 10_000)).toBigInt();
    assert.equal(minFee, 5n * 200n);
    const segments = levels[0].length;
    await assert.rejects(
      submit(api, api.tx.storageProofs.placeOrder(root, data.length, segments, 1, 10_000, minFee - 1n), owner),
      /storageProofs\.FeeTooLow/,
    );
    const placed = await submit(api, api.tx.storageProofs.placeOrder(root, data.length, segments, 1, 10_000, 10n * CPC), owner);
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
    // Capacity is taken in whole segments.
    assert.equal(info.used.toNumber(), segments * SEGMENT_SIZE);
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

test('export-chain-spec still writes the dev spec beside the node\'s own subcommands', () => {
  const run = spawnSync(NODE, ['export-chain-spec', '--chain', 'dev'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).id, 'cpchain_dev');
});

test('benchmark-overhead measures the embedded runtime and writes both weight files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpchain-overhead-'));
  try {
    const run = spawnSync(NODE, [
      'benchmark-overhead', '--runtime', RUNTIME_WASM, '--genesis-builder', 'runtime', '--para-id', '2000',
      '--warmup', '1', '--repeat', '3', '--weight-path', dir,
    ], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(run.status, 0, run.stderr);
    for (const [file, constant] of [['block_weights.rs', 'BlockExecutionWeight'], ['extrinsic_weights.rs', 'ExtrinsicBaseWeight']]) {
      const text = readFileSync(join(dir, file), 'utf8');
      const ns = Number(/WEIGHT_REF_TIME_PER_NANOS\.saturating_mul\(([\d_]+)\)/.exec(text)?.[1].replaceAll('_', ''));
      assert.match(text, new RegExp(`pub const ${constant}: Weight`));
      assert.ok(ns > 1000, `${constant}: ${ns} ns`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
