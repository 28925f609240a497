// The market page's figures for docs/benchmarks.md, in one run:
// - the bundle: every file of `dist/` gzipped (-9), apart from umbral-pre's WASM;
// - time to first listing against a dev node with 1 s blocks seeded as `scripts/web.sh --seed`
//   seeds it (tests/seed.mjs; CPCHAIN_NODE, CPCHAIN_CLI, CPCHAIN_PROVIDER name the programs)
//   or the node at --node (the page's `first-listing` mark after
//   navigation start), in a fresh browser profile (cold: the runtime's metadata is fetched)
//   and on reload (warm: metadata from localStorage, files from the HTTP cache);
// - decryption of a purchased dataset (umbral-pre + ChaCha20-Poly1305) in Chromium and in
//   Node.js, on the same sizes.
//
//   node bench/run.mjs [--node ws://127.0.0.1:9944] [--runs 7] [--mib 16]
// Expects `npm run build` done; serves dist/ and dist-bench/ itself.

import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { chromiumLaunch } from '../tests/chromium.mjs';
import { seededNode } from '../tests/seed.mjs';
import { setup, throughput } from './decrypt.mjs';

const { values: args } = parseArgs({
  options: { node: { type: 'string' }, runs: { type: 'string', default: '7' }, mib: { type: 'string', default: '16' } },
});
const runs = Number(args.runs);
const root = new URL('..', import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const dist = join(root, 'dist');
let raw = 0;
let gz = 0;
let wasm = null;
for (const path of files(dist)) {
  const bytes = readFileSync(path);
  if (path.endsWith('.wasm')) wasm = { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  else {
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
}
console.log(`bundle: ${kb(raw)} (${kb(gz)} gzipped) without umbral-pre's WASM; the WASM ${kb(wasm.raw)} (${kb(wasm.gz)} gzipped)`);

await build({ configFile: join(root, 'bench/vite.config.mjs') });
const page = await preview({ root, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const benchPage = await preview({ root, build: { outDir: 'dist-bench' }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn', configFile: false });
let own;
if (!args.node) {
  const dir = mkdtempSync(join(tmpdir(), 'cpchain-bench-web-'));
  const { CPCHAIN_NODE: node, CPCHAIN_CLI: cli, CPCHAIN_PROVIDER: provider } = process.env;
  own = await seededNode({ node, cli, provider, dir, log: join(dir, 'node.log'), nodeArgs: ['--dev-block-time', '1000', '--state-pruning', 'archive-canonical'] });
}
const browser = await chromium.launch(chromiumLaunch);
try {
  const url = `${page.resolvedUrls.local[0]}?node=${encodeURIComponent(args.node ?? own.url)}#/`;
  const firstListing = async (tab) => {
    await tab.waitForFunction(() => performance.getEntriesByName('first-listing').length > 0, null, { timeout: 60_000 });
    return tab.evaluate(() => performance.getEntriesByName('first-listing')[0].startTime);
  };
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(url);
    cold.push(await firstListing(tab));
    await tab.reload();
    warm.push(await firstListing(tab));
    await context.close();
  }
  console.log(`time to first listing (median of ${runs}): cold ${median(cold).toFixed(0)} ms (max ${Math.max(...cold).toFixed(0)}), warm ${median(warm).toFixed(0)} ms (max ${Math.max(...warm).toFixed(0)})`);

  const tab = await browser.newPage();
  await tab.goto(benchPage.resolvedUrls.local[0]);
  await tab.waitForFunction(() => typeof window.benchDecrypt === 'function');
  console.log('decryption, MiB/s (median of 5):');
  for (const mib of [1, Number(args.mib)]) {
    const bytes = mib << 20;
    const inBrowser = await tab.evaluate(([b]) => window.benchDecrypt(b, 5), [bytes]);
    const inNode = throughput(setup(bytes), 5);
    console.log(`  ${mib} MiB: Chromium ${inBrowser.mibPerSecond.toFixed(1)}, Node.js ${inNode.mibPerSecond.toFixed(1)} (browser/Node ${(inBrowser.mibPerSecond / inNode.mibPerSecond).toFixed(2)})`);
  }
} finally {
  await browser.close();
  await own?.stop();
  await new Promise((r) => page.httpServer.close(r));
  await new Promise((r) => benchPage.httpServer.close(r));
}
