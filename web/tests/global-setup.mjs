// Starts a dev node (fast blocks, so that a purchase's 600-block deadline passes in 90 s; every
// block's state kept, for the anchor events the page reads) and seeds it (seed.mjs). What the
// tests need goes to them in environment variables; the returned function stops it all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededNode } from './seed.mjs';

export default async function globalSetup() {
  const need = ['CPCHAIN_NODE', 'CPCHAIN_CLI', 'CPCHAIN_PROVIDER'];
  for (const name of need) if (!process.env[name]) throw new Error(`set ${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'cpchain-web-'));
  const seeded = await seededNode({
    node: process.env.CPCHAIN_NODE,
    cli: process.env.CPCHAIN_CLI,
    provider: process.env.CPCHAIN_PROVIDER,
    dir,
    log: process.env.CPCHAIN_NODE_LOG ? `${process.env.CPCHAIN_NODE_LOG}.web` : join(dir, 'node.log'),
    nodeArgs: ['--dev-block-time', '150', '--state-pruning', 'archive-canonical'],
  });
  Object.assign(process.env, {
    WEB_NODE_URL: seeded.url,
    WEB_NODE_PID: `${seeded.pid}`,
    WEB_LISTING: seeded.listing,
    WEB_QUIET_LISTING: seeded.quietListing,
    WEB_DEVICE: seeded.device,
    WEB_MONTH_FILE: seeded.month,
    WEB_PROVIDER_PID: `${seeded.providerPid}`,
  });
  return async () => {
    await seeded.stop();
    if (!process.env.KEEP_WEB_LOGS) rmSync(dir, { recursive: true, force: true });
  };
}
