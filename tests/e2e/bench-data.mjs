// Throughput of the dataset pipeline with the real programs, against its raw baseline measured
// in the same run:
//
//   node bench-data.mjs --node <cpchain-node> --cli <cpchain> --provider <cpchain-provider> \
//     --throughput <the cpchain-client throughput example> [--mib 100] [--log FILE]
//
// 1. raw: Umbral encryption and blake2 segment hashing of the file's size in memory (the
//    `throughput` example), and the client's seal/open in memory;
// 2. a dev node (1 s blocks), two providers and the seller's agent; `cpchain data put` of a
//    random file on two replicas and `cpchain market buy` of it, with each stage's time;
// 3. one provider serving every segment of it over loopback to four curl processes;
// 4. blocks from `Purchased` to `GrantFulfilled`.
// Prints a JSON report. scripts/bench-data.sh builds the binaries and runs this.

import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { freePort, startDevNode } from './lib/chain.mjs';
import { programs } from './lib/programs.mjs';

const { values: opts } = parseArgs({
  options: {
    node: { type: 'string' },
    cli: { type: 'string' },
    provider: { type: 'string' },
    throughput: { type: 'string' },
    mib: { type: 'string', default: '100' },
    log: { type: 'string', default: 'bench-data-node.log' },
  },
});
for (const name of ['node', 'cli', 'provider', 'throughput']) {
  if (!opts[name]) {
    console.error(`usage: node bench-data.mjs --node N --cli C --provider P --throughput T [--mib 100]; --${name} missing`);
    process.exit(2);
  }
}
const mib = Number(opts.mib);
const bytes = mib * 2 ** 20;
const mbs = (n, seconds) => Math.round(n / seconds / 1e4) / 100;
const dir = mkdtempSync(join(tmpdir(), 'cpchain-bench-data-'));

const raw = JSON.parse((await promisify(execFile)(opts.throughput, [`${mib}`])).stdout);
console.error(`raw: ${JSON.stringify(raw)}`);

const chain = await startDevNode(opts.node, opts.log, ['--dev-block-time', '1000']);
const run = programs({ cli: opts.cli, provider: opts.provider, url: chain.url, dir });
try {
  const { api } = chain;
  const blocks = {};
  await api.query.system.events(async (records) => {
    const number = (await api.rpc.chain.getHeader()).number.toNumber();
    for (const { event } of records) {
      if (event.section === 'dataMarket' && event.method === 'Purchased') blocks.purchased = number;
      if (event.section === 'accessGrants' && event.method === 'GrantFulfilled') blocks.fulfilled = number;
    }
  });

  const ports = [await freePort(), await freePort()];
  await run.startProvider('provider-1', '//Charlie', ports[0]);
  await run.startProvider('provider-2', '//Dave', ports[1]);
  for (const name of ['seller', 'buyer']) await run.cpchain('account', 'new', name);
  await run.cpchain('account', 'transfer', '--from', '//Alice', 'seller', '1000');
  await run.cpchain('account', 'transfer', '--from', '//Alice', 'buyer', '1000');

  const file = join(dir, 'data.bin');
  const out = createWriteStream(file);
  for (let left = bytes; left > 0; left -= 1 << 20) out.write(randomBytes(Math.min(left, 1 << 20)));
  await new Promise((r) => out.end(r));

  let start = performance.now();
  const put = await run.cpchain('data', 'put', file, '--from', 'seller', '--replicas', '2', '--duration', '1000');
  const putSeconds = (performance.now() - start) / 1000;
  const listed = await run.cpchain('data', 'list', put.root, '--from', 'seller', '--price', '1');
  run.agent('seller');
  start = performance.now();
  const bought = await run.cpchain('market', 'buy', `${listed.listing}`, '--from', 'buyer', '--out', join(dir, 'out.bin'));
  const buySeconds = (performance.now() - start) / 1000;
  if (statSync(join(dir, 'out.bin')).size !== bytes) throw new Error('the bought file has the wrong size');

  // One provider serves every segment, 4 MiB ranges, to four curl processes at once (a
  // JavaScript client would measure itself).
  const root = put.root.slice(2);
  const segments = Math.ceil(put.size / 1024);
  const urls = [[], [], [], []];
  for (let from = 0, i = 0; from < segments; from += 4096, i++) {
    urls[i % 4].push(`http://127.0.0.1:${ports[0]}/v1/content/${root}/segments?from=${from}&count=${Math.min(4096, segments - from)}`);
  }
  start = performance.now();
  const sizes = await Promise.all(urls.map(async (list) => {
    const args = ['-s', '--fail', ...list.flatMap((url) => ['-o', '/dev/null', '-w', '%{size_download}\\n', url])];
    const { stdout } = await promisify(execFile)('curl', args, { maxBuffer: 1 << 20 });
    return stdout.trim().split('\n').reduce((sum, n) => sum + Number(n), 0);
  }));
  const served = sizes.reduce((a, b) => a + b, 0);
  const serveSeconds = (performance.now() - start) / 1000;
  if (served !== put.size) throw new Error(`served ${served} bytes of ${put.size}`);

  const report = {
    mib,
    raw_mb_s: Math.round(raw.raw_mb_s),
    raw,
    put: {
      total_s: putSeconds,
      stages_s: put.seconds,
      encrypt_mb_s: mbs(bytes, put.seconds.encrypt),
      upload_mb_s_each: mbs(put.size, put.seconds.upload),
      pipeline_mb_s: mbs(bytes, put.seconds.encrypt + put.seconds.upload),
    },
    buy: {
      total_s: buySeconds,
      stages_s: bought.seconds,
      pipeline_mb_s: mbs(bytes, bought.seconds.download + bought.seconds.decrypt),
    },
    provider_serve_mb_s: mbs(served, serveSeconds),
    agent_blocks: blocks.fulfilled - blocks.purchased,
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  run.killAll();
  await chain.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
