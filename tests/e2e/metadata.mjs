// `scripts/metadata.sh` writes runtime/metadata.scale with this: a dev node of the given
// binary is started, asked for its runtime's metadata and stopped.
//
//   node metadata.mjs <cpchain-node binary> <log file>

import { writeFileSync } from 'node:fs';
import { startDevNode } from './lib/chain.mjs';
import { METADATA_FILE, servedMetadata } from './lib/metadata.mjs';

const [binary, log] = process.argv.slice(2);
if (!binary || !log) {
  console.error('usage: node metadata.mjs <cpchain-node binary> <log file>');
  process.exit(2);
}
const chain = await startDevNode(binary, log);
try {
  const bytes = await servedMetadata(chain.api);
  writeFileSync(METADATA_FILE, bytes);
  console.log(`metadata: ${bytes.length} bytes written to ${METADATA_FILE}`);
} finally {
  await chain.stop();
}
