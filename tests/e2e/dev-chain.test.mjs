// End-to-end test: a real `cpchain-node --dev` driven by @polkadot/api.
//
// CPCHAIN_NODE names the binary (scripts/test.sh sets it). The node runs on free ports with a
// temporary state folder and is always stopped, also when a test fails.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';

const NODE = process.env.CPCHAIN_NODE;
const LOG = process.env.CPCHAIN_NODE_LOG ?? 'node.log';
const CUSTOM_PALLETS = ['DeviceRegistry'];
const CPC = 10n ** 12n;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Waits until the node answers JSON-RPC over HTTP, then connects over WebSocket.
async function connect(port, node, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (node.exitCode !== null) throw new Error(`node exited with ${node.exitCode}; see ${LOG}`);
    if (Date.now() > deadline) throw new Error(`node RPC not ready within ${deadlineMs} ms; see ${LOG}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${port}`), noInitWarn: true });
}

// Signs and submits `tx`; resolves with the block's events once it is in a block (dev chains
// finalize at once and may report only `Finalized`), rejects with the decoded dispatch error.
function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('extrinsic not included within 60 s')), 60_000);
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        clearTimeout(timer);
        reject(new Error(`extrinsic ${status.type}`));
      } else if (status.isInBlock || status.isFinalized) {
        clearTimeout(timer);
        if (dispatchError) {
          const { section, name } = dispatchError.isModule
            ? api.registry.findMetaError(dispatchError.asModule)
            : { section: 'dispatch', name: dispatchError.toString() };
          reject(new Error(`${section}.${name}`));
        } else {
          resolve(events.map(({ event }) => event));
        }
      }
    }).catch((e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

describe('cpchain-node --dev', () => {
  let node;
  let api;
  let keyring;

  before(async () => {
    assert.ok(NODE, 'set CPCHAIN_NODE to the cpchain-node binary');
    await cryptoWaitReady();
    keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const [rpc, p2p] = [await freePort(), await freePort()];
    const log = createWriteStream(LOG);
    node = spawn(NODE, ['--dev', '--rpc-port', `${rpc}`, '--port', `${p2p}`, '--no-prometheus'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    node.stdout.pipe(log);
    node.stderr.pipe(log);
    api = await connect(rpc, node, 180_000);
  });

  after(async () => {
    await api?.disconnect().catch(() => {});
    if (node && node.exitCode === null) {
      node.kill('SIGINT');
      await new Promise((r) => {
        const kill = setTimeout(() => node.kill('SIGKILL'), 10_000);
        node.once('exit', () => {
          clearTimeout(kill);
          r();
        });
      });
    }
  });

  test('metadata has the CPChain pallets and runtime APIs', async () => {
    const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
    for (const name of ['System', 'Balances', 'Aura', 'CollatorSelection', 'XcmpQueue', ...CUSTOM_PALLETS]) {
      assert.ok(pallets.includes(name), `pallet ${name} missing from ${pallets}`);
    }
    assert.ok(api.call.deviceRegistryApi?.device, 'DeviceRegistryApi runtime API missing');
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
