// try-runtime through a node's RPC. A node started with `--wasm-runtime-overrides` pointing at
// the runtime built with the `try-runtime` feature (same spec version) runs that build, which has
// the `TryRuntime` runtime API; `state_call` runs it on the node's state and throws its changes
// away. This is what try-runtime-cli does against a downloaded snapshot, here without one.

import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

// `UpgradeCheckSelect::All` and `TryStateSelect::All` in SCALE.
const ALL = 1;

// Whether the node's runtime has the `TryRuntime` API (its id is the 8-byte BLAKE2 of the name).
export function runsTryRuntime(api) {
  const id = blake2AsHex('TryRuntime', 64);
  return api.runtimeVersion.apis.some(([apiId]) => apiId.toHex() === id);
}

// Runs the runtime's migrations on the state at `at` (default: the best block) with their
// pre- and post-upgrade checks, then every pallet's `try_state`. Resolves with the weight the
// upgrade would take; rejects with the runtime's message if a check fails.
export async function onRuntimeUpgrade(api, at) {
  const args = ['TryRuntime_on_runtime_upgrade', u8aToHex(new Uint8Array([ALL]))];
  const result = await api.rpc.state.call(...args, ...(at ? [at] : []));
  const [weight] = api.createType('(Weight, Weight)', result);
  return { refTime: weight.refTime.toBigInt(), proofSize: weight.proofSize.toBigInt() };
}

// Executes block `hash` again on its parent's state, then every pallet's `try_state` on the
// result. Signatures and the state root are not checked (the block was imported already).
export async function executeBlock(api, hash) {
  const { block } = await api.rpc.chain.getBlock(hash);
  const args = u8aConcat(block.toU8a(), new Uint8Array([0, 0, ALL]));
  await api.rpc.state.call('TryRuntime_execute_block', u8aToHex(args), block.header.parentHash);
}
