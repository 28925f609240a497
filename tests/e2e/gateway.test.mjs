// Devices at the edge, run by the programs: a dev node, the mosquitto broker, `cpchain-gateway`
// and a fleet of simulated EVs (`cpchain-fleet`, signing with the device crate). The fleet's
// batches are anchored in batched extrinsics and the batch files the gateway keeps replay against
// the chain (`cpchain device verify`); forged anchors are refused and counted; the gateway is
// killed mid-run and restarted without losing a batch; a device whose owner did not authorize the
// gateway is refused.
//
// Needs CPCHAIN_NODE, CPCHAIN_CLI, CPCHAIN_GATEWAY and CPCHAIN_FLEET.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startDevNode } from './lib/chain.mjs';
import { programs, until } from './lib/programs.mjs';

const NODE = process.env.CPCHAIN_NODE;
const CLI = process.env.CPCHAIN_CLI;
const GATEWAY = process.env.CPCHAIN_GATEWAY;
const FLEET = process.env.CPCHAIN_FLEET;
const LOG = process.env.CPCHAIN_NODE_LOG ?? 'node.log';
const MOSQUITTO = '/usr/sbin/mosquitto';
const CONF = new URL('../../scripts/mosquitto.conf', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cpchain-gateway-'));
const run = promisify(execFile);
let chain;
let progs;
let passed = false;

after(async () => {
  progs?.killAll();
  await chain?.stop();
  if (passed) rmSync(dir, { recursive: true, force: true });
  else console.error(`gateway: the programs' logs are in ${dir}`);
});

// The gateway's counters, from its Prometheus text.
async function metrics(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const values = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^cpchain_gateway_(\w+)(?:\{reason="(\w+)"\})? (\d+)/);
    if (m) values[m[2] ? `${m[1]}.${m[2]}` : m[1]] = Number(m[3]);
  }
  return values;
}

test('a fleet anchored through the gateway, with forgeries, a gateway crash and a stranger', { timeout: 600_000 }, async () => {
  for (const [name, value] of Object.entries({ CPCHAIN_NODE: NODE, CPCHAIN_CLI: CLI, CPCHAIN_GATEWAY: GATEWAY, CPCHAIN_FLEET: FLEET })) {
    assert.ok(value, `set ${name}`);
  }
  chain = await startDevNode(NODE, `${LOG}.gateway`, ['--dev-block-time', '1000']);
  progs = programs({ cli: CLI, url: chain.url, dir });
  const { cpchain, background } = progs;
  const [mqtt, http] = [await freePort(), await freePort()];
  background('mosquitto', MOSQUITTO, ['-c', CONF, '-p', `${mqtt}`]);
  const data = join(dir, 'batches');
  const startGateway = async () => {
    const child = background('gateway', GATEWAY, [
      'run', '--url', chain.url, '--account', '//Bob', '--mqtt', `127.0.0.1:${mqtt}`,
      '--data-dir', data, '--listen', `127.0.0.1:${http}`, '--linger-ms', '200',
    ]);
    await until('the gateway to serve', async () => {
      if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}; see ${dir}/gateway.log`);
      return fetch(`http://127.0.0.1:${http}/health`).then((r) => r.ok, () => false);
    }, 60_000);
    return child;
  };
  const fleet = async (...args) => {
    try {
      const { stdout } = await run(FLEET, [
        '--url', chain.url, '--mqtt', `127.0.0.1:${mqtt}`, '--json', '--interval', '3', ...args,
      ], { maxBuffer: 1 << 20 });
      return { code: 0, report: JSON.parse(stdout) };
    } catch (e) {
      return { code: e.code, report: e.stdout ? JSON.parse(e.stdout) : null, stderr: e.stderr };
    }
  };
  let gateway = await startGateway();

  // Twelve vehicles, 20 readings a second, one anchor in seven forged.
  const first = await fleet('--vehicles', '12', '--rate', '20', '--duration', '12', '--corrupt-every', '7');
  assert.equal(first.code, 0, `fleet: ${JSON.stringify(first)}`);
  const r = first.report;
  assert.equal(r.batches_missing, 0);
  assert.equal(r.corrupt_accepted, 0);
  assert.ok(r.corrupt_refused >= 3, `forged anchors sent: ${r.corrupt_refused}`);
  assert.ok(r.readings_finalized > 0);
  // The gateway may still be taking the last messages, or reading the events of its last
  // extrinsic, when the fleet has seen that extrinsic finalized.
  let m = await until('each forgery refused and each anchor counted by the gateway', async () => {
    const now = await metrics(http);
    return now['rejections.bad_signature'] === r.corrupt_refused && now.anchors_included >= r.batches_finalized && now;
  }, 30_000);
  assert.equal(m.anchors_included, r.batches_finalized);
  assert.ok(m.extrinsics < m.anchors_included / 2, `batched: ${m.anchors_included} anchors in ${m.extrinsics} extrinsics`);

  // The batch files of a vehicle replay against its anchor chain on chain.
  const device = readdirSync(data)[0];
  const files = readdirSync(join(data, device)).filter((f) => f.endsWith('.csv')).map((f) => join(data, device, f));
  assert.ok(files.length >= 3, `batch files: ${files}`);
  const verified = await cpchain('device', 'verify', `0x${device}`, ...files);
  assert.equal(verified.files.length, files.length, JSON.stringify(verified));

  // The gateway is killed mid-run and comes back: the broker kept its messages, the files their
  // batches, and the chain's sequence numbers say what is left to anchor.
  const second = fleet('--vehicles', '12', '--rate', '20', '--duration', '15');
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  gateway.kill('SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  gateway = await startGateway();
  const after = await second;
  assert.equal(after.code, 0, `fleet after a gateway crash: ${JSON.stringify(after)}`);
  assert.equal(after.report.batches_missing, 0);

  // A stranger's vehicles: their owner never authorized this gateway.
  const stranger = await fleet('--vehicles', '2', '--rate', '5', '--duration', '4', '--seed', '2', '--owner', '//Charlie', '--gateway', '//Charlie', '--settle', '8');
  assert.equal(stranger.code, 1, 'nothing of theirs is anchored');
  assert.equal(stranger.report.batches_finalized, 0);
  m = await metrics(http);
  assert.ok(m['rejections.not_authorized'] > 0, JSON.stringify(m));
  passed = true;
});
