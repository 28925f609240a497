// Seeds a dev chain with a market to look at, through the programs people run: a device anchors
// three days of an EV's battery readings, a `cpchain-provider` stores the month file, the seller
// lists it with that provenance and its `cpchain agent` answers purchases; a second seller lists a
// file and never answers (its buyers are refunded after the deadline).
//
//   node web/tests/seed.mjs DIR       against the node at $CPCHAIN_URL (ws://127.0.0.1:9944),
//                                     with CPCHAIN_CLI and CPCHAIN_PROVIDER; keeps the provider
//                                     and the agent running until interrupted
//
// Playwright's global setup and the benchmark (bench/run.mjs) start their own node seeded so:
// `seededNode()`.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startDevNode } from '../../tests/e2e/lib/chain.mjs';
import { evReadings, programs } from '../../tests/e2e/lib/programs.mjs';

const DAY = 86_400_000;
const START = 1_764_547_200_000; // 2025-12-01T00:00:00Z

export async function seed({ url, cli, provider, dir }) {
  mkdirSync(dir, { recursive: true });
  const run = programs({ cli, provider, url, dir });
  const { cpchain } = run;
  try {
    await cpchain('account', 'new', 'seller');
    await cpchain('account', 'new', 'quiet-seller');
    await cpchain('account', 'transfer', '--from', '//Alice', 'seller', '500');
    await cpchain('account', 'transfer', '--from', '//Alice', 'quiet-seller', '500');

    // Three days of readings, one anchor a day; the month file holds them in order, so that
    // `cpchain market verify` accepts it against the listing's provenance.
    await cpchain('device', 'new', 'bms-1');
    const { device } = await cpchain('device', 'register', 'bms-1', '--owner', 'seller', '--kind', 'ev-bms/v2', '--attr', 'vin=WVWZZZ1JZ3W386752');
    const days = [1440, 1440, 900].map((count, i) => evReadings(count, START + i * DAY));
    for (const [i, csv] of days.entries()) {
      const file = join(dir, `bms-day-${i + 1}.csv`);
      writeFileSync(file, csv);
      await cpchain('device', 'anchor', 'bms-1', file, '--from', 'seller');
    }
    const month = join(dir, 'bms-2025-12.csv');
    writeFileSync(month, [days[0], ...days.slice(1).map((csv) => csv.slice(csv.indexOf('\n') + 1))].join(''));

    const providerPort = await freePort();
    const providerProcess = await run.startProvider('provider', '//Charlie', providerPort);
    const put = await cpchain('data', 'put', month, '--from', 'seller', '--replicas', '1', '--duration', '20000');
    const listed = await cpchain(
      'data', 'list', put.root, '--from', 'seller', '--price', '12.5', '--license', 'CC-BY-4.0',
      '--tag', 'ev', '--tag', 'battery', '--tag', 'csv', '--provenance', 'bms-1:1-3',
    );
    run.agent('seller');

    const other = join(dir, 'traffic-a9-km-312.csv');
    writeFileSync(other, 'timestamp,segment,vehicles,mean_speed_kmh\n1764547200000,A9-312,1184,97.5\n');
    const quietPut = await cpchain('data', 'put', other, '--from', 'quiet-seller', '--replicas', '1', '--duration', '20000');
    const quiet = await cpchain(
      'data', 'list', quietPut.root, '--from', 'quiet-seller', '--price', '2', '--license', 'CC-BY-NC-4.0',
      '--tag', 'traffic', '--tag', 'csv',
    );
    return {
      run,
      device,
      month,
      listing: `${listed.listing}`,
      quietListing: `${quiet.listing}`,
      provider: `http://127.0.0.1:${providerPort}`,
      providerPid: providerProcess.pid,
    };
  } catch (e) {
    run.killAll();
    throw e;
  }
}

// A `cpchain-node --dev` (binary `node`, extra `nodeArgs`, output to `log`) seeded by `seed()`,
// with the programs' logs in `dir`: what `seed()` returns, the node's `url` and `pid`, and
// `stop()`, which ends the programs and the node.
export async function seededNode({ node, cli, provider, dir, log, nodeArgs }) {
  const chain = await startDevNode(node, log, nodeArgs);
  await chain.api.disconnect();
  try {
    const seeded = await seed({ url: chain.url, cli, provider, dir });
    const stop = async () => {
      seeded.run.killAll();
      await chain.stop();
    };
    return { ...seeded, url: chain.url, pid: chain.node.pid, stop };
  } catch (e) {
    await chain.stop();
    throw new Error(`seeding failed (logs in ${dir}): ${e.message}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  const { CPCHAIN_URL: url = 'ws://127.0.0.1:9944', CPCHAIN_CLI: cli, CPCHAIN_PROVIDER: provider } = process.env;
  if (!dir || !cli || !provider) {
    console.error('usage: CPCHAIN_CLI=... CPCHAIN_PROVIDER=... node web/tests/seed.mjs DIR');
    process.exit(2);
  }
  const seeded = await seed({ url, cli, provider, dir });
  console.log(`seeded: listing ${seeded.listing} (device ${seeded.device}, with provenance), listing ${seeded.quietListing} (a seller who never delivers); provider ${seeded.provider}`);
  const stop = () => {
    seeded.run.killAll();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
