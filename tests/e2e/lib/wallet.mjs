// The signing side of a wallet extension of the polkadot-js standard, in Node.js: a page's tests
// inject an extension whose `signPayload` calls `sign` here, with the key of `uri`.

import { Keyring } from '@polkadot/api';
import { attachNode } from './chain.mjs';

export async function walletSigner(url, uri) {
  const { api, stop } = await attachNode(url, 30_000);
  const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(uri);
  const sign = (payload) => api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(pair).signature;
  return { address: pair.address, sign, close: stop };
}
