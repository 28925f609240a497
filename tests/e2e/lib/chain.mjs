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

// Waits until the node answers JSON-RPC over HTTP, then connects over WebSocket.
async function connect(port, node, log, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (node.exitCode !== null) throw new Error(`node exited with ${node.exitCode}; see ${log}`);
    if (Date.now() > deadline) throw new Error(`node RPC not ready within ${deadlineMs} ms; see ${log}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}`, {
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
  return ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${port}`), noInitWarn: true, rpc: RPC, types: TYPES });
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
    api = await connect(rpc, node, log, 180_000);
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
