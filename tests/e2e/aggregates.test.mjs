// Privacy-preserving aggregates on a dev node, run by the `cpchain` command: a city's campaign
// on a fleet's harsh-braking counts. Three committee members make the joint key (commit,
// publish, confirm, each `cpchain aggregate keygen` waiting for the others); the fleet joins and
// its five vehicles contribute encrypted counts with range proofs; after the window two members
// publish decryption shares, the total is decrypted from them and accepted on chain, and the
// result is read through the runtime API. In the second window a gateway contributes for a
// simulated fleet whose owner joined (`cpchain-gateway run --campaign`): each vehicle's count of
// readings the gateway took, and the decrypted total is the gateway's own count. No one
// decrypts a vehicle's count.
//
// Needs CPCHAIN_NODE, CPCHAIN_CLI, CPCHAIN_GATEWAY and CPCHAIN_FLEET.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startDevNode } from './lib/chain.mjs';
import { programs, until } from './lib/programs.mjs';

const NODE = process.env.CPCHAIN_NODE;
const CLI = process.env.CPCHAIN_CLI;
const GATEWAY = process.env.CPCHAIN_GATEWAY;
const FLEET = process.env.CPCHAIN_FLEET;
const MOSQUITTO = '/usr/sbin/mosquitto';
const CONF = new URL('../../scripts/mosquitto.conf', import.meta.url).pathname;
const LOG = process.env.CPCHAIN_NODE_LOG ?? 'node.log';
const dir = mkdtempSync(join(tmpdir(), 'cpchain-aggregates-'));
let chain;
let progs;
let passed = false;

after(async () => {
  progs?.killAll();
  await chain?.stop();
  if (passed) rmSync(dir, { recursive: true, force: true });
  else console.error(`aggregates: the keystore is in ${dir}`);
});

test('a fleet contributes encrypted counts and the committee decrypts only their total', { timeout: 420_000 }, async () => {
  for (const [name, value] of Object.entries({ CPCHAIN_NODE: NODE, CPCHAIN_CLI: CLI, CPCHAIN_GATEWAY: GATEWAY, CPCHAIN_FLEET: FLEET })) {
    assert.ok(value, `set ${name}`);
  }
  chain = await startDevNode(NODE, `${LOG}.aggregates`, ['--dev-block-time', '500']);
  const { api } = chain;
  progs = programs({ cli: CLI, url: chain.url, dir });
  const { cpchain, background } = progs;
  const block = async () => (await api.rpc.chain.getHeader()).number.toNumber();

  for (const name of ['city', 'fleet']) {
    await cpchain('account', 'new', name);
    await cpchain('account', 'transfer', '--from', '//Alice', name, '1000');
  }
  const vehicles = ['van-1', 'van-2', 'van-3', 'van-4', 'van-5'];
  for (const name of vehicles) {
    await cpchain('device', 'new', name);
    await cpchain('device', 'register', name, '--owner', 'fleet', '--kind', 'obd2-dongle/v3');
  }

  const committee = ['//Alice', '//Bob', '//Charlie'];
  const created = await cpchain(
    'aggregate', 'create', '--account', 'city', '--metric', 'harsh-braking-per-100km', '--max', '50',
    '--start-in', '60', '--window', '60', '--windows', '2', '--reward', '0.01', '--budget', '10',
    '--committee', committee.join(','), '--threshold', '2',
  );
  const id = created.campaign;
  await cpchain('aggregate', 'join', `${id}`, '--account', 'fleet');

  // The members make the key together, each waiting for the others between the steps.
  const keys = await Promise.all(committee.map((m) => cpchain('aggregate', 'keygen', `${id}`, '--account', m)));
  assert.equal(new Set(keys.map((k) => k.key)).size, 1, 'every member holds a share of one key');
  assert.deepEqual(keys.map((k) => k.member).sort(), [0, 1, 2]);

  await until('the window to open', async () => (await block()) >= created.start, 60_000);
  const counts = [3, 0, 12, 7, 50];
  // Five submitters at once (one nonce sequence each); the devices sign their contributions.
  const submitters = ['fleet', 'city', '//Dave', '//Eve', '//Ferdie'];
  await Promise.all(vehicles.map((name, i) =>
    cpchain('aggregate', 'contribute', `${id}`, '--device', name, '--value', `${counts[i]}`, '--from', submitters[i])));
  // A second contribution of a device in the window, and a value above the range, are refused.
  await assert.rejects(cpchain('aggregate', 'contribute', `${id}`, '--device', 'van-1', '--value', '4', '--from', 'fleet'),
    (e) => e.exitCode === 3 && /AlreadyContributed/.test(e.stderr));
  await assert.rejects(cpchain('aggregate', 'contribute', `${id}`, '--device', 'van-1', '--value', '51', '--from', 'fleet'),
    (e) => e.exitCode === 1 && /above the campaign's maximum 50/.test(e.stderr));

  const shown = await cpchain('aggregate', 'show', `${id}`);
  assert.equal(shown.phase, 'Active');
  assert.equal(shown.open_window, 0);
  const window = (await api.call.aggregatesApi.window(id, 0)).unwrap();
  assert.equal(window.count.toNumber(), 5);

  // For window 1, a gateway that contributes for the vehicles of an owner who joined: each
  // vehicle's count of the readings the gateway took from it in the window.
  await cpchain('aggregate', 'join', `${id}`, '--account', '//Dave');
  const [mqtt, http] = [await freePort(), await freePort()];
  background('mosquitto', MOSQUITTO, ['-c', CONF, '-p', `${mqtt}`]);
  const gateway = background('gateway', GATEWAY, [
    'run', '--url', chain.url, '--account', '//Bob', '--mqtt', `127.0.0.1:${mqtt}`,
    '--data-dir', join(dir, 'batches'), '--listen', `127.0.0.1:${http}`, '--campaign', `${id}`,
    // 5 s before the window's end at half-second blocks (the default, 3 blocks, is 18 s at 6 s).
    '--contribute-lead', '10',
  ]);
  const gatewayMetric = async (name) => {
    if (gateway.exitCode !== null) throw new Error(`the gateway exited with ${gateway.exitCode}; see ${dir}/gateway.log`);
    const text = await (await fetch(`http://127.0.0.1:${http}/metrics`)).text();
    return Number(new RegExp(`^cpchain_gateway_${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  };
  await until('the gateway to serve', async () => (await gatewayMetric('readings').catch(() => NaN)) === 0, 60_000);

  // After the window: two of three shares, then the total, checked by the chain.
  await until('the window to end', async () => (await block()) >= created.start + 60, 60_000);
  await assert.rejects(cpchain('aggregate', 'total', `${id}`, '--window', '0', '--from', 'city'),
    (e) => e.exitCode === 1 && /0 of the 2 decryption shares/.test(e.stderr));
  for (const member of ['//Alice', '//Charlie']) {
    await cpchain('aggregate', 'share', `${id}`, '--window', '0', '--account', member);
  }
  const total = await cpchain('aggregate', 'total', `${id}`, '--window', '0', '--from', 'city');
  const sum = counts.reduce((a, b) => a + b, 0);
  assert.deepEqual([total.total, total.count], [sum, 5]);
  assert.equal(total.mean, sum / 5);

  // Window 1 is open. Five vehicles (a window is decrypted from five contributions on), 4 readings a second for 5
  // seconds: about 20 each, under the maximum 50.
  await promisify(execFile)(FLEET, [
    '--url', chain.url, '--mqtt', `127.0.0.1:${mqtt}`, '--owner', '//Dave', '--gateway', '//Bob',
    '--vehicles', '5', '--rate', '4', '--duration', '5', '--interval', '2', '--settle', '20', '--json',
  ]);
  const taken = await gatewayMetric('readings');
  assert.ok(taken > 0 && taken <= 250, `readings taken: ${taken}`);
  await until('the gateway to contribute for the five vehicles', async () => (await gatewayMetric('contributions')) === 5, 60_000);
  await until('the window to end', async () => (await block()) >= created.start + 120, 60_000);
  assert.equal(await gatewayMetric('contributions_refused'), 0);
  for (const member of ['//Alice', '//Charlie']) {
    await cpchain('aggregate', 'share', `${id}`, '--window', '1', '--account', member);
  }
  const second = await cpchain('aggregate', 'total', `${id}`, '--window', '1', '--from', 'city');
  assert.deepEqual([second.total, second.count], [taken, 5]);

  // The results, as any client reads them.
  const results = (await api.call.aggregatesApi.results(id)).toJSON();
  assert.deepEqual(results, [{ window: 0, total: sum, count: 5 }, { window: 1, total: taken, count: 5 }]);
  passed = true;
});
