// A real `cpchain-node --dev` for tests and benchmarks: started on free ports with a temporary
// state folder, reached with @polkadot/api, always stopped.

import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { ApiPromise, WsProvider } from '@polkadot/api';

export const CPC = 10n ** 12n;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// A node RPC newer than @polkadot/api: session keys with the proof `session.setKeys` requires,
// that the account `owner` (SCALE-encoded) holds the keys.
const RPC = {
  author: {
    rotateKeysWithOwner: {
      description: 'Generates session keys in the node keystore, with a proof of ownership by `owner`',
      params: [{ name: 'owner', type: 'Bytes' }],
      type: 'GeneratedSessionKeys',
    },
  },
};
const TYPES = { GeneratedSessionKeys: { keys: 'Bytes', proof: 'Option<Bytes>' } };

// Waits until the node at `url` (ws://host:port) answers JSON-RPC over HTTP, then connects over
// WebSocket. `exited()` names why waiting is pointless (a node process that ended), if it is.
async function connect(url, exited, where, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const gone = exited();
    if (gone) throw new Error(`${gone}; see ${where}`);
    if (Date.now() > deadline) throw new Error(`node RPC at ${url} not ready within ${deadlineMs} ms; see ${where}`);
    try {
      const res = await fetch(url.replace(/^ws/, 'http'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, rpc: RPC, types: TYPES });
}

// A node someone else runs (a zombienet collator): a connected api, its `url` and `stop()`,
// which only disconnects.
export async function attachNode(url, deadlineMs = 180_000) {
  const api = await connect(url, () => null, 'the node\'s log', deadlineMs);
  return { node: null, api, url, stop: () => api.disconnect().catch(() => {}) };
}

// Starts `binary --dev` with `extraArgs`, its output going to `log`. Resolves with the process,
// a connected api, its WebSocket `url` and `stop()`, which is safe to call more than once.
export async function startDevNode(binary, log, extraArgs = []) {
  const [rpc, p2p] = [await freePort(), await freePort()];
  const out = createWriteStream(log);
  // No mDNS: dev nodes of the tests run side by side and would otherwise find each other as peers.
  const args = ['--dev', '--rpc-port', `${rpc}`, '--port', `${p2p}`, '--no-prometheus', '--no-mdns', ...extraArgs];
  const node = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  node.stdout.pipe(out);
  node.stderr.pipe(out);
  let api;
  const stop = async () => {
    await api?.disconnect().catch(() => {});
    if (node.exitCode === null && node.signalCode === null) {
      node.kill('SIGINT');
      await new Promise((r) => {
        const kill = setTimeout(() => node.kill('SIGKILL'), 10_000);
        node.once('exit', () => {
          clearTimeout(kill);
          r();
        });
      });
    }
  };
  try {
    const exited = () => (node.exitCode === null ? null : `node exited with ${node.exitCode}`);
    api = await connect(`ws://127.0.0.1:${rpc}`, exited, log, 180_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { node, api, stop, url: `ws://127.0.0.1:${rpc}` };
}

// Signs and submits `tx`; resolves with the block's events once it is in a block (dev chains
// finalize at once and may report only `Finalized`), rejects with the decoded dispatch error.
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('extrinsic not included within 60 s')), 60_000);
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        clearTimeout(timer);
        reject(new Error(`extrinsic ${status.type}`));
      } else if (status.isInBlock || status.isFinalized) {
        clearTimeout(timer);
        if (dispatchError) {
          const { section, name } = dispatchError.isModule
            ? api.registry.findMetaError(dispatchError.asModule)
            : { section: 'dispatch', name: dispatchError.toString() };
          reject(new Error(`${section}.${name}`));
        } else {
          resolve(events.map(({ event }) => event));
        }
      }
    }).catch((e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
