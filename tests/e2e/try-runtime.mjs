// `scripts/try-runtime.sh` checks a running node with this: the runtime's migrations and every
// pallet's invariants on the node's state, then the best block executed again with the
// invariants checked. Exit code 0 when all hold, 1 when a check fails, 2 on bad usage.
//
//   node try-runtime.mjs [ws://127.0.0.1:9944]

import { ApiPromise, WsProvider } from '@polkadot/api';
import { executeBlock, onRuntimeUpgrade, runsTryRuntime } from './lib/try-runtime.mjs';

const uri = process.argv[2] ?? 'ws://127.0.0.1:9944';
const timeout = new Promise((resolve) => setTimeout(resolve, 15_000));
const api = await Promise.race([
  ApiPromise.create({ provider: new WsProvider(uri, 1000), noInitWarn: true }),
  timeout,
]);
if (!api) {
  console.error(`try-runtime: no node answers at ${uri}; start one with scripts/dev.sh --try-runtime`);
  process.exit(2);
}
let code = 0;
try {
  if (!runsTryRuntime(api)) {
    console.error(
      `try-runtime: the node at ${uri} runs a runtime without the TryRuntime API; start it with ` +
        'scripts/dev.sh --try-runtime (or --wasm-runtime-overrides on the folder scripts/try-runtime.sh build prints)',
    );
    code = 2;
  } else {
    const best = await api.rpc.chain.getHeader();
    const label = `#${best.number.toNumber()} ${best.hash.toHex()}`;
    const weight = await onRuntimeUpgrade(api, best.hash);
    console.log(`on-runtime-upgrade at ${label}: migrations and try-state pass (upgrade weight ${weight.refTime} ps, ${weight.proofSize} bytes of proof)`);
    await executeBlock(api, best.hash);
    console.log(`execute-block ${label}: re-executed, try-state passes`);
  }
} catch (e) {
  console.error(`try-runtime: a check failed (the node's log says which): ${e.message}`);
  code = 1;
} finally {
  await api.disconnect();
}
process.exit(code);
