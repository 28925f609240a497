// Accounts the page signs with: those of an injected wallet extension (the polkadot-js extension
// standard: polkadot{.js}, Talisman, SubWallet), and on a development chain the well-known dev
// accounts. Each account's Umbral key, with which its purchases are re-encrypted, is made in the
// browser from a seed kept in localStorage; it is exported and imported in the CLI keystore's
// format (`<keystore>/pre/<address>.json`), so the same key works with `cpchain`.

import { connectInjectedExtension, getInjectedExtensions } from 'polkadot-api/pjs-signer';
import { client, toAddress } from './chain.js';
import { fromHex, toHex, umbralKey } from './dataset.js';

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
const SELECTED = 'cpchain.account';

let accounts = [];
let selected = null;
const listeners = new Set();

export const currentAccount = () => selected;
export const allAccounts = () => accounts;

export function onAccount(fn) {
  listeners.add(fn);
  fn(selected);
  return () => listeners.delete(fn);
}

export function selectAccount(address) {
  selected = accounts.find((a) => a.address === address) ?? null;
  if (selected) localStorage.setItem(SELECTED, selected.address);
  listeners.forEach((fn) => fn(selected));
}

async function devAccounts() {
  const [{ sr25519CreateDerive }, { DEV_MINI_SECRET }, { getPolkadotSigner }] = await Promise.all([
    import('@polkadot-labs/hdkd'),
    import('@polkadot-labs/hdkd-helpers'),
    import('polkadot-api/signer'),
  ]);
  const derive = sr25519CreateDerive(fromHex(DEV_MINI_SECRET));
  return DEV_NAMES.map((name) => {
    const pair = derive(`//${name}`);
    return {
      name: `${name} (dev)`,
      address: toAddress(pair.publicKey),
      signer: getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign),
    };
  });
}

async function extensionAccounts() {
  const found = [];
  for (const name of getInjectedExtensions()) {
    try {
      const extension = await connectInjectedExtension(name, 'CPChain market');
      for (const a of extension.getAccounts()) {
        found.push({ name: `${a.name ?? 'account'} (${name})`, address: a.address, signer: a.polkadotSigner });
      }
    } catch {
      // the user declined this extension: its accounts stay out
    }
  }
  return found;
}

// Loads the accounts once the chain says what it is: dev accounts only on a development chain.
export async function loadAccounts() {
  const chainType = await client._request('system_chainType', []).catch(() => null);
  const dev = chainType === 'Development' || chainType === 'Local' ? await devAccounts() : [];
  accounts = [...(await extensionAccounts()), ...dev];
  const remembered = localStorage.getItem(SELECTED);
  selectAccount(accounts.some((a) => a.address === remembered) ? remembered : accounts[0]?.address);
  return accounts;
}

// --- The account's Umbral key.
const seedKey = (address) => `cpchain.umbral.${address}`;

export function umbralSeed(address) {
  let hex = localStorage.getItem(seedKey(address));
  if (!hex) {
    hex = toHex(crypto.getRandomValues(new Uint8Array(32)));
    localStorage.setItem(seedKey(address), hex);
  }
  return fromHex(hex);
}

export const buyerKey = (address) => umbralKey(umbralSeed(address));

// The CLI keystore's file for this account's key: `{"seed":"<64 hex>"}`.
export const exportUmbralKey = (address) => JSON.stringify({ seed: toHex(umbralSeed(address)).slice(2) });

export function importUmbralKey(address, json) {
  let seed;
  try {
    seed = fromHex(JSON.parse(json).seed ?? '');
  } catch {
    throw new Error('not a key file: expected {"seed": "<64 hex digits>"}');
  }
  if (seed.length !== 32) throw new Error('the seed must be 32 bytes (64 hex digits)');
  localStorage.setItem(seedKey(address), toHex(seed));
}
