// Starts a dev node (fast blocks, so that a purchase's 600-block deadline passes in 90 s; every
// block's state kept, for the anchor events the page reads) and seeds it (seed.mjs). What the
// tests need goes to them in environment variables; the returned function stops it all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevNode } from '../../tests/e2e/lib/chain.mjs';
import { seed } from './seed.mjs';

export default async function globalSetup() {
  const need = ['CPCHAIN_NODE', 'CPCHAIN_CLI', 'CPCHAIN_PROVIDER'];
  for (const name of need) if (!process.env[name]) throw new Error(`set ${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'cpchain-web-'));
  const log = process.env.CPCHAIN_NODE_LOG ? `${process.env.CPCHAIN_NODE_LOG}.web` : join(dir, 'node.log');
  const chain = await startDevNode(process.env.CPCHAIN_NODE, log, ['--dev-block-time', '150', '--state-pruning', 'archive-canonical']);
  await chain.api.disconnect();
  let seeded;
  try {
    seeded = await seed({ url: chain.url, cli: process.env.CPCHAIN_CLI, provider: process.env.CPCHAIN_PROVIDER, dir });
  } catch (e) {
    await chain.stop();
    throw new Error(`seeding failed (logs in ${dir}): ${e.message}`);
  }
  Object.assign(process.env, {
    WEB_NODE_URL: chain.url,
    WEB_NODE_PID: `${chain.node.pid}`,
    WEB_LISTING: seeded.listing,
    WEB_QUIET_LISTING: seeded.quietListing,
    WEB_DEVICE: seeded.device,
    WEB_MONTH_FILE: seeded.month,
    WEB_PROVIDER_PID: `${seeded.providerPid}`,
  });
  return async () => {
    seeded.run.killAll();
    await chain.stop();
    if (!process.env.KEEP_WEB_LOGS) rmSync(dir, { recursive: true, force: true });
  };
}
