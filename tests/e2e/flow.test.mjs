// The whole dataset flow, run by the programs people run: a dev node, two `cpchain-provider`s,
// two re-encryption proxies and the seller's `cpchain agent`, driven by the `cpchain` command.
// A device registers and anchors EV battery readings; the seller stores the readings file on two
// replicas and lists it with that provenance, delegated to the proxies; a buyer buys, downloads
// and decrypts it, and subscribes to a stream of daily files (the current period, then the next
// one published later; a put that finds too few providers resumes once a third one comes up); the providers answer real challenges; one provider is killed with
// SIGKILL, its next challenge is missed and struck, a second buyer still gets the data from the
// other replica (with one proxy gone too, the seller makes its fragment), and the restarted
// provider answers the challenge after.
//
// Needs CPCHAIN_NODE, CPCHAIN_CLI and CPCHAIN_PROVIDER (the three binaries).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDevNode } from './lib/chain.mjs';
import { evReadings, programs, until } from './lib/programs.mjs';

const NODE = process.env.CPCHAIN_NODE;
const CLI = process.env.CPCHAIN_CLI;
const PROVIDER = process.env.CPCHAIN_PROVIDER;
const LOG = process.env.CPCHAIN_NODE_LOG ?? 'node.log';
const dir = mkdtempSync(join(tmpdir(), 'cpchain-flow-'));
let chain;
let run;
let passed = false;

after(async () => {
  run?.killAll();
  await chain?.stop();
  if (passed) rmSync(dir, { recursive: true, force: true });
  else console.error(`flow: the programs' logs are in ${dir}`);
});

test('device to buyer through providers, the agent and a provider crash', { timeout: 600_000 }, async () => {
  for (const [name, value] of Object.entries({ CPCHAIN_NODE: NODE, CPCHAIN_CLI: CLI, CPCHAIN_PROVIDER: PROVIDER })) {
    assert.ok(value, `set ${name}`);
  }
  // Half-second blocks: a challenge round (50 blocks) takes 25 s.
  chain = await startDevNode(NODE, `${LOG}.flow`, ['--dev-block-time', '500']);
  const { api } = chain;
  run = programs({ cli: CLI, provider: PROVIDER, url: chain.url, dir });
  const { cpchain, startProvider } = run;

  // Storage and grant events as they happen, by block.
  const events = [];
  await api.query.system.events((records) => {
    for (const { event } of records) {
      if (event.section !== 'storageProofs' && event.section !== 'accessGrants') continue;
      const data = Object.fromEntries(event.data.names.map((name, i) => [name, event.data[i].toJSON()]));
      events.push({ method: event.method, data });
    }
  });
  const seen = (method, match) => events.find((e) => e.method === method && match(e.data));

  const seller = await cpchain('account', 'new', 'seller');
  for (const name of ['buyer', 'buyer2']) await cpchain('account', 'new', name);
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

  // Two re-encryption proxies answer the listing's purchases, 2 of 2, through the agent.
  const proxyPorts = [await freePort(), await freePort()];
  const proxies = {};
  for (const [i, name] of ['Eve', 'Ferdie'].entries()) {
    await cpchain('proxy', 'register', '--account', `//${name}`, '--stake', '100');
    proxies[name] = await run.startProxy(`proxy-${name}`, `//${name}`, proxyPorts[i]);
  }
  const delegated = await cpchain(
    'data', 'delegate', `${listed.listing}`, '--proxy', '//Eve', '--proxy', '//Ferdie', '--threshold', '2', '--from', 'seller',
  );
  const [eve, ferdie] = delegated.proxies;
  const submitters = (grant) =>
    events.filter((e) => e.method === 'FragmentsAccepted' && e.data.grant === grant).map((e) => e.data.submitter).sort();

  // The agent answers the purchase; the buyer gets the exact bytes.
  run.agent('seller', '--proxy', `//Eve=http://127.0.0.1:${proxyPorts[0]}`, '--proxy', `//Ferdie=http://127.0.0.1:${proxyPorts[1]}`);
  const out = join(dir, 'bought.csv');
  const bought = await cpchain('market', 'buy', `${listed.listing}`, '--from', 'buyer', '--out', out);
  assert.ok(readFileSync(out).equals(readFileSync(readings)), 'the decrypted file is the original');
  assert.equal(bought.bytes, readFileSync(readings).length);
  // The buyer checks the data against the listing's provenance on chain; a changed reading fails.
  assert.equal((await cpchain('market', 'verify', `${listed.listing}`, out)).anchors, 1);
  const tampered = join(dir, 'tampered.csv');
  writeFileSync(tampered, readFileSync(out, 'utf8').replace(/(\d)\n$/, (_, d) => `${(Number(d) + 1) % 10}\n`));
  await assert.rejects(cpchain('market', 'verify', `${listed.listing}`, tampered),
    (e) => e.exitCode === 1 && /not what anchor 1 of device/.test(e.stderr));
  await cpchain('market', 'rate', `${bought.purchase}`, '5', '--from', 'buyer');
  assert.deepEqual(submitters(bought.purchase), [eve, ferdie].sort(), 'each proxy submitted its fragment');

  // A stream: period 0 with the listing, period 1 published later under the same listing key;
  // the subscriber buys the current period, then renews for the next.
  const day1 = join(dir, 'bms-day-1.csv');
  const day2 = join(dir, 'bms-day-2.csv');
  writeFileSync(day1, evReadings(2_000, 1_764_547_200_000));
  writeFileSync(day2, evReadings(2_000, 1_764_633_600_000));
  // Three replicas wanted and two providers up: the put stops, saying how to resume; a third
  // provider comes up, takes the open order, and the same command finishes the put.
  const three = ['data', 'put', day1, '--from', 'seller', '--replicas', '3', '--duration', '2000', '--accept-timeout', '5'];
  await assert.rejects(cpchain(...three), (e) => e.exitCode === 1 && /2 of 3 providers.*run the same command again/.test(e.stderr));
  await startProvider('provider-3', '//Bob', await freePort());
  const first = await cpchain(...three);
  assert.equal(first.providers.length, 3);
  const stream = await cpchain('data', 'list', first.root, '--from', 'seller', '--price', '1', '--every', '5000', '--tag', 'ev');
  const period0 = await cpchain('market', 'buy', `${stream.listing}`, '--from', 'buyer', '--out', join(dir, 'day-1.csv'));
  assert.ok(readFileSync(join(dir, 'day-1.csv')).equals(readFileSync(day1)));
  const second = await cpchain(
    'data', 'put', day2, '--from', 'seller', '--replicas', '1', '--duration', '2000', '--listing', `${stream.listing}`,
  );
  await cpchain('data', 'publish-period', `${stream.listing}`, second.root, '--period', '1', '--from', 'seller');
  const period1 = await cpchain('market', 'buy', `${stream.listing}`, '--renew', '--from', 'buyer', '--out', join(dir, 'day-2.csv'));
  assert.ok(readFileSync(join(dir, 'day-2.csv')).equals(readFileSync(day2)));
  assert.notEqual(period0.purchase, period1.purchase);

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

  // A second buyer still gets the data, from provider 1; with one proxy gone too, the seller
  // makes that proxy's fragment itself.
  proxies.Ferdie.kill('SIGKILL');
  const out2 = join(dir, 'bought-2.csv');
  const bought2 = await cpchain('market', 'buy', `${listed.listing}`, '--from', 'buyer2', '--out', out2);
  assert.ok(readFileSync(out2).equals(readFileSync(readings)));
  assert.deepEqual(submitters(bought2.purchase), [eve, seller.address].sort());

  // Restarted on the same folder, provider 2 answers its next challenge with nothing lost.
  provider2 = await startProvider('provider-2', '//Dave', port2);
  await until(
    'the restarted provider to answer a challenge',
    () => seen('ProofAccepted', (d) => d.order === order && d.provider === dave && d.challenge > missed.data.challenge),
    90_000,
  );
  // (Its other orders may have misses: the three-replica put left the order unuploaded for a
  // while after provider 1 had accepted it, and it was challenged on it all the same.)
  assert.ok(!seen('ChallengeMissed', (d) => d.order === order && d.provider === charlie), 'provider 1 never missed');

  // Bad input: clear errors and exit codes scripts can trust.
  await assert.rejects(cpchain('market', 'buy', '999', '--from', 'buyer', '--out', join(dir, 'x')), (e) => e.exitCode === 1);
  await assert.rejects(
    cpchain('device', 'anchor', 'bms-1', readings, '--from', 'seller', '--sequence', '1'),
    (e) => e.exitCode === 3 && JSON.parse(e.stderr).name === 'SequenceNotIncreasing',
  );
  passed = true;
});
