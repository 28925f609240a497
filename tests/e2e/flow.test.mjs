// The whole dataset flow, run by the programs people run: a dev node, two `cpchain-provider`s
// and the seller's `cpchain agent`, driven by the `cpchain` command. A device registers and
// anchors EV battery readings; the seller stores the readings file on two replicas and lists it
// with that provenance; a buyer buys, downloads and decrypts it; the providers answer real
// challenges; one provider is killed with SIGKILL, its next challenge is missed and struck, a
// second buyer still gets the data from the other replica, and the restarted provider answers
// the challenge after.
//
// Needs CPCHAIN_NODE, CPCHAIN_CLI and CPCHAIN_PROVIDER (the three binaries).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startDevNode } from './lib/chain.mjs';

const NODE = process.env.CPCHAIN_NODE;
const CLI = process.env.CPCHAIN_CLI;
const PROVIDER = process.env.CPCHAIN_PROVIDER;
const LOG = process.env.CPCHAIN_NODE_LOG ?? 'node.log';
const dir = mkdtempSync(join(tmpdir(), 'cpchain-flow-'));
const processes = new Set();
let chain;
let passed = false;

after(async () => {
  for (const p of processes) p.kill('SIGKILL');
  await chain?.stop();
  if (passed) rmSync(dir, { recursive: true, force: true });
  else console.error(`flow: the programs' logs are in ${dir}`);
});

const run = promisify(execFile);

// Runs `cpchain --json ARGS`; resolves with the parsed output, or rejects with its error and
// exit code.
async function cpchain(...args) {
  const env = { ...process.env, CPCHAIN_URL: chain.url, CPCHAIN_KEYSTORE: join(dir, 'keystore') };
  try {
    const { stdout } = await run(CLI, ['--json', ...args], { env, maxBuffer: 1 << 20 });
    return JSON.parse(stdout);
  } catch (e) {
    const error = new Error(`cpchain ${args.join(' ')} failed (${e.code}): ${e.stderr}`);
    error.exitCode = e.code;
    error.stderr = e.stderr;
    throw error;
  }
}

// Starts a long-running program with its output in `dir/<name>.log`.
function background(name, binary, args) {
  const out = createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
  const env = { ...process.env, CPCHAIN_URL: chain.url, CPCHAIN_KEYSTORE: join(dir, 'keystore') };
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  processes.add(child);
  child.once('exit', () => processes.delete(child));
  return child;
}

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function startProvider(name, account, port) {
  const child = background(name, PROVIDER, [
    'run', '--account', account, '--capacity', '1GiB', '--stake', '200',
    '--endpoint', `http://127.0.0.1:${port}`, '--data-dir', join(dir, name),
  ]);
  await until(`${name} to serve`, async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${dir}/${name}.log`);
    return fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
  }, 60_000);
  return child;
}

// EV battery management system readings: one line a minute.
function evReadings(count, start = 1_764_460_800_000) {
  const lines = ['timestamp,vin,soc_pct,cell_v_min,cell_v_max,pack_temp_c'];
  for (let i = 0; i < count; i++) {
    const wave = Math.sin(i / 40);
    lines.push(
      `${start + i * 60_000},WVWZZZ1JZ3W386752,${(90 - (i % 700) * 0.1).toFixed(1)},` +
        `${(3.62 + 0.03 * wave).toFixed(3)},${(3.81 + 0.02 * wave).toFixed(3)},${(27 + 4 * wave).toFixed(1)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

test('device to buyer through providers, the agent and a provider crash', { timeout: 600_000 }, async () => {
  for (const [name, value] of Object.entries({ CPCHAIN_NODE: NODE, CPCHAIN_CLI: CLI, CPCHAIN_PROVIDER: PROVIDER })) {
    assert.ok(value, `set ${name}`);
  }
  // Half-second blocks: a challenge round (50 blocks) takes 25 s.
  chain = await startDevNode(NODE, `${LOG}.flow`, ['--dev-block-time', '500']);
  const { api } = chain;

  // Storage events as they happen, by block.
  const events = [];
  await api.query.system.events((records) => {
    for (const { event } of records) {
      if (event.section !== 'storageProofs') continue;
      const data = Object.fromEntries(event.data.names.map((name, i) => [name, event.data[i].toJSON()]));
      events.push({ method: event.method, data });
    }
  });
  const seen = (method, match) => events.find((e) => e.method === method && match(e.data));

  for (const name of ['seller', 'buyer', 'buyer2']) await cpchain('account', 'new', name);
  for (const [who, amount] of [['seller', '500'], ['buyer', '100'], ['buyer2', '100']]) {
    await cpchain('account', 'transfer', '--from', '//Alice', who, amount);
  }
  assert.equal((await cpchain('account', 'balance', 'seller')).free, `${500n * 10n ** 12n}`);

  // The device: key, registration, an anchor of its readings; the provenance check.
  const readings = join(dir, 'bms-2026-11.csv');
  writeFileSync(readings, evReadings(30_000));
  await cpchain('device', 'new', 'bms-1');
  const { device } = await cpchain('device', 'register', 'bms-1', '--owner', 'seller', '--kind', 'ev-bms/v2', '--attr', 'vin=WVWZZZ1JZ3W386752');
  const anchored = await cpchain('device', 'anchor', 'bms-1', readings, '--from', 'seller');
  assert.equal(anchored.sequence, 1);
  assert.equal(anchored.reading_count, 30_000);
  const verified = await cpchain('device', 'verify', device, readings);
  assert.deepEqual(verified.files.map((f) => f.sequence), [1]);

  // Two providers, then the readings file on both.
  const [port1, port2] = [await freePort(), await freePort()];
  await startProvider('provider-1', '//Charlie', port1);
  let provider2 = await startProvider('provider-2', '//Dave', port2);
  const put = await cpchain('data', 'put', readings, '--from', 'seller', '--replicas', '2', '--duration', '2000');
  assert.equal(put.providers.length, 2);
  const listed = await cpchain(
    'data', 'list', put.root, '--from', 'seller', '--price', '12.5', '--license', 'CC-BY-4.0',
    '--tag', 'ev', '--tag', 'battery', '--provenance', `bms-1:1-1`,
  );
  const shown = await cpchain('market', 'show', `${listed.listing}`);
  assert.equal(shown.content_root, put.root);
  assert.deepEqual(shown.provenance, [{ device, first_sequence: 1, last_sequence: 1 }]);
  const found = await cpchain('market', 'search', '--tag', 'battery');
  assert.deepEqual(found.listings.map((l) => l.listing), [listed.listing]);

  // The agent answers the purchase; the buyer gets the exact bytes.
  background('agent', CLI, ['agent', 'run', '--account', 'seller']);
  const out = join(dir, 'bought.csv');
  const bought = await cpchain('market', 'buy', `${listed.listing}`, '--from', 'buyer', '--out', out);
  assert.ok(readFileSync(out).equals(readFileSync(readings)), 'the decrypted file is the original');
  assert.equal(bought.bytes, readFileSync(readings).length);
  await cpchain('market', 'rate', `${bought.purchase}`, '5', '--from', 'buyer');

  // Both providers prove their replica.
  const order = put.order;
  const proved = (who) => seen('ProofAccepted', (d) => d.order === order && d.provider === who);
  const charlie = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';
  const dave = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy';
  await until('both providers to answer a challenge', () => proved(charlie) && proved(dave), 90_000);

  // Provider 2 dies: its next challenge is missed and struck.
  provider2.kill('SIGKILL');
  await new Promise((r) => provider2.once('exit', r));
  const missed = await until(
    'provider 2 to miss a challenge',
    () => seen('ChallengeMissed', (d) => d.order === order && d.provider === dave),
    120_000,
  );
  assert.equal(missed.data.strikes, 1);

  // A second buyer still gets the data, from provider 1.
  const out2 = join(dir, 'bought-2.csv');
  await cpchain('market', 'buy', `${listed.listing}`, '--from', 'buyer2', '--out', out2);
  assert.ok(readFileSync(out2).equals(readFileSync(readings)));

  // Restarted on the same folder, provider 2 answers its next challenge with nothing lost.
  provider2 = await startProvider('provider-2', '//Dave', port2);
  await until(
    'the restarted provider to answer a challenge',
    () => seen('ProofAccepted', (d) => d.order === order && d.provider === dave && d.challenge > missed.data.challenge),
    90_000,
  );
  assert.ok(!seen('ChallengeMissed', (d) => d.provider === charlie), 'provider 1 never missed');

  // Bad input: clear errors and exit codes scripts can trust.
  await assert.rejects(cpchain('market', 'buy', '999', '--from', 'buyer', '--out', join(dir, 'x')), (e) => e.exitCode === 1);
  await assert.rejects(
    cpchain('device', 'anchor', 'bms-1', readings, '--from', 'seller', '--sequence', '1'),
    (e) => e.exitCode === 3 && JSON.parse(e.stderr).name === 'SequenceNotIncreasing',
  );
  passed = true;
});
