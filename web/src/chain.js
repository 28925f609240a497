// The node connection: a polkadot-api client typed by the descriptors generated from the runtime's
// committed metadata, the connection state for the page's status line, and value formatting.

import { cpchain } from '@polkadot-api/descriptors';
import { AccountId, Binary } from 'polkadot-api';
import { createWsClient } from 'polkadot-api/ws';

// `?node=ws://host:port` chooses the node; the dev chain of scripts/dev.sh is the default.
export const NODE_URL = new URLSearchParams(location.search).get('node') ?? 'ws://127.0.0.1:9944';

const listeners = new Set();
let state = { connected: false, everConnected: false };

// Calls `fn(state)` now and whenever the connection changes.
export function onConnection(fn) {
  listeners.add(fn);
  fn(state);
  return () => listeners.delete(fn);
}

function setState(next) {
  state = { ...state, ...next };
  listeners.forEach((fn) => fn(state));
}

const METADATA_KEY = (codeHash) => `cpchain.metadata.${codeHash}`;

export const client = createWsClient(NODE_URL, {
  onStatusChanged: (status) => {
    if (status.type === 'CONNECTED') setState({ connected: true, everConnected: true });
    else if (status.type === 'ERROR' || status.type === 'CLOSE') setState({ connected: false });
  },
  // The runtime's metadata for a code hash does not change: later visits skip its download.
  getMetadata: async (codeHash) => {
    const hex = localStorage.getItem(METADATA_KEY(codeHash));
    return hex ? Binary.fromHex(hex) : null;
  },
  setMetadata: (codeHash, metadata) => {
    try {
      localStorage.setItem(METADATA_KEY(codeHash), Binary.toHex(metadata));
    } catch {
      // a full storage quota only costs the next visit a download
    }
  },
});

export const api = client.getTypedApi(cpchain);

const ss58 = AccountId(42);
export const toAddress = (publicKey) => ss58.dec(publicKey);

// Balances: 12 decimals, shown in CPC.
const DECIMALS = 12;
const UNIT = 10n ** BigInt(DECIMALS);

export function formatCpc(planck) {
  const value = BigInt(planck);
  const whole = value / UNIT;
  const frac = (value % UNIT).toString().padStart(DECIMALS, '0').replace(/0+$/, '').slice(0, 4);
  return `${whole.toLocaleString('en')}${frac ? `.${frac}` : ''} CPC`;
}

// "12.5" → planck; null for anything that is not a non-negative amount.
export function parseCpc(text) {
  const match = /^\s*(\d+)(?:\.(\d{0,12}))?\s*$/.exec(text);
  if (!match) return null;
  return BigInt(match[1]) * UNIT + BigInt((match[2] ?? '').padEnd(DECIMALS, '0'));
}

export function formatBytes(n) {
  const value = Number(n);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = value;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export const shortAddress = (address) => `${address.slice(0, 6)}…${address.slice(-4)}`;
export const shortHex = (hex) => `${hex.slice(0, 10)}…${hex.slice(-6)}`;
export const text = (bytes) => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Binary.toHex(bytes);
  }
};
