// The runtime's metadata as off-chain programs are typed from it: SCALE-encoded
// `RuntimeMetadataPrefixed` at version 16 (what subxt 0.50 reads), committed at
// runtime/metadata.scale and checked against the running runtime by the end-to-end tests.

import { fileURLToPath } from 'node:url';

export const METADATA_VERSION = 16;
export const METADATA_FILE = fileURLToPath(new URL('../../../runtime/metadata.scale', import.meta.url));

// The metadata the node's runtime serves, as the bytes the file holds.
export async function servedMetadata(api) {
  const served = await api.call.metadata.metadataAtVersion(METADATA_VERSION);
  if (served.isNone) throw new Error(`the runtime serves no metadata version ${METADATA_VERSION}`);
  return served.unwrap().toU8a(true);
}
