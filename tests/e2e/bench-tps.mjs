// Load benchmark of a running chain: how many balance transfers and device anchors per second a
// chain includes when its transaction pool is kept full: a `cpchain-node --dev` this script
// starts (`--node`), or a collator of a running network (`--url`, e.g. the zombienet network of
// scripts/bench-tps.sh --zombienet, whose collators' logs `--collator-log` names).
//
//   node bench-tps.mjs --node <cpchain-node> [--blocks 10] [--accounts 200] [--block-time 6000]
//                      [--readings 10000] [--gateways 10] [--fleet 100] [--batch 250]
//                      [--log bench-node.log] [--node-args="--base-path DIR --database paritydb"]
//   node bench-tps.mjs --url ws://127.0.0.1:9988 --collator-log a.log --collator-log b.log [...]
//
// The loads run in the same node, one after the other: transfers (each sender paying the next
// one), then `anchor_data`, each from its own `--accounts` senders (every anchor sender with its
// own device) that sign as many extrinsics as `--blocks` blocks can take; then `anchor_batch`, from `--gateways` gateways
// that each carry a fleet of `--fleet` devices in batches of `--batch` anchors. Every finalized
// block from the first that includes some of the load is counted until `--blocks` more have;
// the rate is what succeeded (transfers with `ExtrinsicSuccess`, anchors with `DataAnchored`
// of the load's own extrinsics) over the time between those blocks' timestamps. Refusals of
// the pool, which keeping it full causes, are counted and summarised, one line per load. Also
// reported: readings anchored per second (`--readings` per anchor), how full the blocks were
// (normal-class weight and proof size against their limits), the time the block author took to build each block (its `Prepared block for proposing` lines)
// against the parachain's 2 s authoring budget, the proof of validity per block (the collators'
// `PoV size` lines) and the node's peak resident memory (VmHWM, for a node this script started).
//
// Exit codes: 0 done, 1 a run failed, 2 bad arguments.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, stringToU8a } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { WsProvider } from '@polkadot/api';
import { CPC, attachNode, startDevNode } from './lib/chain.mjs';

const USAGE = `usage: node bench-tps.mjs --node <cpchain-node> [--blocks N] [--accounts N]
       [--block-time MS] [--readings N] [--gateways N] [--fleet N] [--batch N] [--log FILE]
       [--node-args="ARGS"]   (more arguments for the dev node, e.g. --node-args="--base-path DIR --database paritydb")
   or: node bench-tps.mjs --url ws://HOST:PORT [--collator-log FILE]... [--blocks N] ...
       (a running chain, Alice funded; the collators' logs give authoring times and PoV sizes)`;

function options() {
  const { values } = parseArgs({
    options: {
      node: { type: 'string' },
      url: { type: 'string' },
      'collator-log': { type: 'string', multiple: true, default: [] },
      blocks: { type: 'string', default: '10' },
      accounts: { type: 'string', default: '200' },
      'block-time': { type: 'string', default: '6000' },
      readings: { type: 'string', default: '10000' },
      gateways: { type: 'string', default: '10' },
      fleet: { type: 'string', default: '100' },
      batch: { type: 'string', default: '250' },
      log: { type: 'string', default: 'bench-node.log' },
      'node-args': { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
    return n;
  };
  if (!values.node === !values.url) throw new Error('give either --node (start a dev node) or --url (a running chain)');
  if (values.node && values['collator-log'].length > 0) throw new Error('--collator-log goes with --url: the dev node logs to --log');
  return {
    node: values.node,
    url: values.url,
    authorLogs: values.url ? values['collator-log'] : [values.log],
    blocks: number('blocks', 1),
    accounts: number('accounts', 1),
    blockTime: number('block-time', 500),
    readings: number('readings', 1),
    gateways: number('gateways', 1),
    fleet: number('fleet', 1),
    batch: number('batch', 1),
    log: values.log,
    nodeArgs: values['node-args'].split(' ').filter(Boolean),
  };
}

// Calls `next()` to wait for a block imported after the previous call (at once if one was).
async function blockTicker(api) {
  let heads = 0;
  let waited = 0;
  let wake = () => {};
  const stop = await api.rpc.chain.subscribeNewHeads(() => {
    heads += 1;
    wake();
  });
  const next = async () => {
    while (heads === waited) await new Promise((r) => { wake = r; });
    waited = heads;
  };
  return { next, stop };
}

// What the pool refused, by reason: expected while it is kept full, summarised after each load.
const refusals = new Map();
const EXPECTED_REFUSAL = /101[2-6]|banned|Priority is too low|Immediately Dropped|limit|already imported|outdated|Stale/i;

// Sends `txs` to the pool through `pool` (a WebSocket provider of its own: @polkadot/api's RPC
// layer would log every refusal) without waiting for inclusion, 1000 in flight at a time. What
// the pool refuses (full, already there, nonce used) is counted and left to `feed`, which sends
// it again if needed.
async function submitAll(pool, txs) {
  for (let at = 0; at < txs.length; at += 1000) {
    await Promise.all(
      txs.slice(at, at + 1000).map((tx) =>
        pool.send('author_submitExtrinsic', [tx.toHex()]).catch((e) => {
          if (!EXPECTED_REFUSAL.test(e.message)) throw e;
          const reason = e.message.replace(/^.*?(\d{4}: [^:]+).*$/s, '$1');
          refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
        }),
      ),
    );
  }
}

// `bench: the pool refused ...` for what `submitAll` counted since the last call.
function reportRefusals(name) {
  if (refusals.size === 0) return;
  const list = [...refusals].map(([reason, n]) => `${n} × ${reason}`).join(', ');
  console.error(`bench: ${name}: the pool refused, as expected while it is kept full: ${list}`);
  refusals.clear();
}

// Keeps the pool fed from `queues` ({ address, base, txs }: one sender's extrinsics signed with
// nonces base, base + 1, ...): every block, each sender gets up to `ahead` extrinsics past its
// nonce on chain. A sender whose nonce did not move in a block while it had extrinsics out gets
// them sent again from that nonce: if the pool dropped one of them, the rest would wait in its
// future queue for ever. Returns, once all are included or `isDone()`, how many times a sender
// was sent again.
async function feed(api, pool, queues, ahead, isDone = () => false) {
  const ticker = await blockTicker(api);
  let resends = 0;
  for (const q of queues) Object.assign(q, { sent: 0, done: -1 });
  try {
    for (;;) {
      const accounts = await api.query.system.account.multi(queues.map((q) => q.address));
      const batch = [];
      queues.forEach((q, i) => {
        const done = accounts[i].nonce.toNumber() - q.base;
        if (done === q.done && q.sent > done) {
          q.sent = done;
          resends += 1;
        }
        q.done = done;
        const upTo = Math.min(q.txs.length, done + ahead);
        for (let k = q.sent; k < upTo; k++) batch.push([k, q.txs[k]]);
        q.sent = Math.max(q.sent, upTo);
      });
      if (isDone() || queues.every((q) => q.done >= q.txs.length)) return resends;
      // Lowest nonces first, across senders, so that the pool rarely holds a nonce before its
      // predecessor.
      batch.sort((a, b) => a[0] - b[0]);
      await submitAll(pool, batch.map(([, tx]) => tx));
      await ticker.next();
    }
  } finally {
    ticker.stop();
  }
}

// Counts, in every finalized block, what `count(extrinsics, events)` finds of a load and the
// block's fullness, until `blocks` blocks carried some. Finalized blocks, not new heads: with
// two collators a height can be built twice, and only one of the two is in the chain. Resolves
// with the totals.
function measure(api, name, blocks, count) {
  const limits = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap();
  return new Promise((resolve, reject) => {
    const seen = [];
    let unsubscribe;
    let last = null;
    let done = false;
    let queue = Promise.resolve();
    const block = async (header) => {
      const hash = header.hash;
      const [signed, events, weight, now] = await Promise.all([
        api.rpc.chain.getBlock(hash),
        api.query.system.events.at(hash),
        api.query.system.blockWeight.at(hash),
        api.query.timestamp.now.at(hash),
      ]);
      const { extrinsics } = signed.block;
      const n = count(extrinsics, events);
      if (n === 0 && seen.length === 0) return;
      const parent = header.parentHash.toHex();
      const b = {
        // How the block author's log names the block it built (see `authoring`).
        key: `${header.number.toNumber()}/${parent.slice(0, 6)}…${parent.slice(-4)}/${extrinsics.length}`,
        number: header.number.toNumber(),
        count: n,
        time: now.toNumber(),
        refTime: Number(weight.normal.refTime.toBigInt()) / Number(limits.refTime.toBigInt()),
        proofSize: Number(weight.normal.proofSize.toBigInt()) / Number(limits.proofSize.toBigInt()),
      };
      seen.push(b);
      const which = seen.length === 1 ? 'opens the window' : `${seen.length - 1}/${blocks}`;
      console.error(`bench: ${name}: block #${b.number} (${which}): ${n} included, ${(100 * b.refTime).toFixed(0)} % of the normal-class weight`);
      if (seen.length === blocks + 1) {
        done = true;
        unsubscribe?.();
        resolve(seen);
      }
    };
    api.rpc.chain
      .subscribeFinalizedHeads((head) => {
        queue = queue
          .then(async () => {
            // Finality can move several blocks at once: take each, oldest first.
            const headers = [head];
            while (last !== null && headers[0].number.toNumber() > last + 1) {
              headers.unshift(await api.rpc.chain.getHeader(headers[0].parentHash));
            }
            for (const header of headers) {
              if (done || (last !== null && header.number.toNumber() <= last)) continue;
              last = header.number.toNumber();
              await block(header);
            }
          })
          .catch((e) => {
            unsubscribe?.();
            reject(e);
          });
      })
      .then((u) => {
        unsubscribe = u;
        if (done) u();
      }, reject);
  });
}

// Extrinsics of `section.method` in a block that succeeded (an `ExtrinsicSuccess` event of theirs).
const succeeded = (section, method) => (extrinsics, events) => {
  const ok = new Set(
    events
      .filter(({ event, phase }) => phase.isApplyExtrinsic && event.section === 'system' && event.method === 'ExtrinsicSuccess')
      .map(({ phase }) => phase.asApplyExtrinsic.toNumber()),
  );
  return extrinsics.filter((x, i) => ok.has(i) && x.method.section === section && x.method.method === method).length;
};
// Anchors accepted (`DataAnchored`) by extrinsics of `deviceRegistry.method`: a load's own, not
// what a collator's pool still held of the load before it.
const anchored = (method) => (extrinsics, events) =>
  events.filter(({ event, phase }) =>
    event.section === 'deviceRegistry' && event.method === 'DataAnchored' && phase.isApplyExtrinsic &&
    extrinsics[phase.asApplyExtrinsic.toNumber()]?.method.method === method).length;

// The first block of `seen` opens the window: its timestamp is the start, its load not counted.
function summarize(seen) {
  const [first, ...rest] = seen;
  const included = rest.reduce((sum, b) => sum + b.count, 0);
  const seconds = (rest.at(-1).time - first.time) / 1000;
  const mean = (key) => rest.reduce((sum, b) => sum + b[key], 0) / rest.length;
  const refTime = mean('refTime');
  return {
    blocks: rest.length,
    seconds,
    included,
    perBlock: included / rest.length,
    perSecond: included / seconds,
    refTime,
    // What a block filled to the normal-class weight limit would include, at this load's cost.
    perFullBlock: included / rest.length / refTime,
    proofSize: mean('proofSize'),
  };
}

// What the block authors' logs say of each block they built: the time taken to build it, why
// building stopped, and (collators) the proof of validity's size in KiB. The log's hash is the
// block's before its author's seal; a block is found by its number, its parent's hash as the log
// abbreviates it, and its number of extrinsics.
function authoring(logs) {
  const blocks = new Map();
  for (const log of logs) {
    let last;
    for (const raw of readFileSync(log, 'utf8').split('\n')) {
      const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
      let m = /Prepared block for proposing at (\d+) \((\d+) ms\) .*parent_hash: (0x[0-9a-f]{4}…[0-9a-f]{4}); end: (\w+); extrinsics_count: (\d+)/.exec(line);
      if (m) {
        last = { ms: Number(m[2]), end: m[4] };
        blocks.set(`${m[1]}/${m[3]}/${m[5]}`, last);
      } else if (last && (m = /PoV size header_kb=([\d.]+) extrinsics_kb=([\d.]+) storage_proof_kb=([\d.]+)/.exec(line))) {
        last.povKiB = Number(m[1]) + Number(m[2]) + Number(m[3]);
        last.proofKiB = Number(m[3]);
      } else if (last && (m = /Compressed PoV size: ([\d.]+)kb/.exec(line))) {
        last.compressedKiB = Number(m[1]);
      }
    }
  }
  return blocks;
}

// The authoring figures of a load's counted blocks (`seen` without its first block).
function authored(seen, built) {
  const found = seen.slice(1).map((b) => built.get(b.key)).filter(Boolean);
  const max = (key) => Math.max(...found.map((b) => b[key] ?? NaN));
  const ends = new Map();
  for (const b of found) ends.set(b.end, (ends.get(b.end) ?? 0) + 1);
  return {
    found: found.length,
    msMax: found.length > 0 ? max('ms') : NaN,
    msMean: found.reduce((sum, b) => sum + b.ms, 0) / found.length,
    overBudget: found.filter((b) => b.ms > AUTHORING_BUDGET_MS).length,
    ends: [...ends].map(([end, n]) => `${n} × ${end}`).join(', '),
    povKiB: max('povKiB'),
    proofKiB: max('proofKiB'),
    compressedKiB: max('compressedKiB'),
  };
}

// The time a collator is given to build a block (omni-node's lookahead collator, async backing).
const AUTHORING_BUDGET_MS = 2000;

function peakMemoryMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

// Signs offline, immortal, with an explicit nonce: no round trip to the node per extrinsic.
function signed(api, tx, pair, nonce) {
  return tx.sign(pair, {
    blockHash: api.genesisHash,
    genesisHash: api.genesisHash,
    era: 0,
    nonce,
    runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions,
  });
}

// One queue per sender for `feed`: `perSender` extrinsics, nonces in order. Yields to the event
// loop between senders: the node closes a WebSocket whose client stops answering its pings.
async function queues(api, senders, perSender, makeTx) {
  const out = [];
  for (const sender of senders) {
    const base = sender.nonce;
    sender.nonce += perSender;
    const txs = Array.from({ length: perSender }, (_, i) => signed(api, makeTx(sender, i), sender.pair, base + i));
    out.push({ address: sender.pair.address, base, txs });
    await new Promise((r) => setImmediate(r));
  }
  return out;
}

async function run(opts) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const chain = opts.url
    ? await attachNode(opts.url, 600_000)
    : await startDevNode(opts.node, opts.log, [
      '--dev-block-time', `${opts.blockTime}`,
      '--pool-limit', '100000',
      '--pool-kbytes', '512000',
      '--rpc-max-connections', '1000',
      // What the pool drops when it is full must be accepted when sent again.
      '--tx-ban-seconds', '0',
      ...opts.nodeArgs,
    ]);
  const { api } = chain;
  const pool = new WsProvider(chain.url);
  try {
    await pool.isReady;
    await firstBlock(api);
    const genesis = api.genesisHash.toU8a();
    // Separate senders for each load, so that what one load leaves in the pool cannot hold
    // nonces the other needs.
    const sender = (name) => ({ pair: keyring.addFromUri(name), device: keyring.addFromUri(`${name}/device`), nonce: 0 });
    const payers = Array.from({ length: opts.accounts }, (_, i) => sender(`//bench/transfer/${i}`));
    const anchorers = Array.from({ length: opts.accounts }, (_, i) => sender(`//bench/anchor/${i}`));
    // Each gateway owns its fleet (a fleet operator's own gateway), so its batches need no
    // authorization: one owner's gateway reads its authorization once per batch anyway.
    const gateways = Array.from({ length: opts.gateways }, (_, g) => ({
      ...sender(`//bench/gateway/${g}`),
      fleet: Array.from({ length: opts.fleet }, (_, d) => ({ pair: keyring.addFromUri(`//bench/gateway/${g}/device/${d}`) })),
    }));
    const senders = [...payers, ...anchorers, ...gateways];

    // Enough for every block of the window at a generous guess of what a block takes.
    const perSender = Math.ceil((opts.blocks + 2) * 5000 / opts.accounts);
    const funds = BigInt(perSender + 100) * CPC;
    const aliceFree = (await api.query.system.account(alice.address)).data.free.toBigInt();
    if (funds * BigInt(senders.length) >= aliceFree) throw new Error('too many senders for Alice to fund; lower --accounts or --blocks');

    console.error(`bench: funding ${senders.length} senders and registering a device for ${anchorers.length}`);
    const aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const funding = senders.map((s, i) => signed(api, api.tx.balances.transferKeepAlive(s.pair.address, funds), alice, aliceNonce + i));
    await feed(api, pool, [{ address: alice.address, base: aliceNonce, txs: funding }], funding.length);
    const metadata = { kind: 'bench-sensor', firmwareHash: `0x${'00'.repeat(32)}`, attributes: [] };
    // Registers `device` (a key pair) under `owner`'s account; returns its id and the call.
    const registration = (owner, device) => {
      const key = api.createType('CpchainFormatsDeviceDeviceKey', { Sr25519: device.publicKey });
      const nonce = api.createType('u32', 0).toU8a();
      const pop = device.sign(u8aConcat(stringToU8a('cpchain/device/reg/1'), genesis, owner.publicKey, key.toU8a(), nonce));
      const id = blake2AsU8a(u8aConcat(stringToU8a('cpchain/device/id/01'), genesis, key.toU8a(), nonce), 256);
      return { id, tx: api.tx.deviceRegistry.registerDevice(key, metadata, pop) };
    };
    const registrations = [
      ...(await queues(api, anchorers, 1, (s) => {
        const { id, tx } = registration(s.pair, s.device);
        s.deviceId = id;
        return tx;
      })),
      ...(await queues(api, gateways, opts.fleet, (g, d) => {
        const { id, tx } = registration(g.pair, g.fleet[d].pair);
        g.fleet[d].id = id;
        return tx;
      })),
    ];
    await feed(api, pool, registrations, opts.fleet);
    for (const id of [anchorers.at(-1).deviceId, gateways.at(-1).fleet.at(-1).id]) {
      if ((await api.call.deviceRegistryApi.anchorHead(id)).isNone) throw new Error('device registration failed');
    }

    const results = {};
    // Every sender keeps about 10,000 extrinsics in the pool between them: several blocks' worth.
    const ahead = Math.ceil(10_000 / opts.accounts);

    // Everything is signed before the first load, which it would otherwise slow down.
    console.error(`bench: signing ${perSender * payers.length} transfers and ${perSender * anchorers.length} anchors`);
    // Each payer pays the next one: distinct, existing accounts, no hot recipient.
    payers.forEach((p, i) => { p.to = payers[(i + 1) % payers.length].pair.address; });
    const transfers = await queues(api, payers, perSender, (p) => api.tx.balances.transferKeepAlive(p.to, CPC));
    let batchNumber = 0;
    // The `sequence`-th anchor of `device` ({ pair, id }), signed, with a distinct root.
    const signedAnchor = (device, sequence) => {
      const anchor = api.createType('CpchainFormatsDeviceAnchor', {
        sequence,
        batchRoot: blake2AsU8a(stringToU8a(`batch ${batchNumber++}`), 256),
        readingCount: opts.readings,
        timeStart: 1_700_000_000_000 + sequence * 60_000,
        timeEnd: 1_700_000_000_000 + sequence * 60_000 + 59_999,
      });
      const signature = device.pair.sign(u8aConcat(stringToU8a('cpchain/device/anc/1'), device.id, anchor.toU8a()));
      return { device: device.id, anchor, signature };
    };
    const anchors = await queues(api, anchorers, perSender, (s, i) => {
      const { device, anchor, signature } = signedAnchor({ pair: s.device, id: s.deviceId }, i + 1);
      return api.tx.deviceRegistry.anchorData(device, anchor, signature);
    });
    // Each gateway's anchors go round its fleet, so that every batch carries each device's next
    // sequence numbers; enough for its share of the window at a generous 10,000 anchors a block.
    const batchesPerGateway = Math.ceil(((opts.blocks + 2) * 10_000) / opts.batch / opts.gateways);
    console.error(`bench: signing ${batchesPerGateway * opts.gateways} batches of ${opts.batch} anchors`);
    for (const g of gateways) {
      g.batches = [];
      for (let b = 0; b < batchesPerGateway; b++) {
        g.batches.push(
          Array.from({ length: opts.batch }, (_, k) => {
            const n = b * opts.batch + k;
            return signedAnchor(g.fleet[n % opts.fleet], Math.floor(n / opts.fleet) + 1);
          }),
        );
        await new Promise((r) => setImmediate(r));
      }
    }
    const batches = await queues(api, gateways, batchesPerGateway, (g, b) => api.tx.deviceRegistry.anchorBatch(g.batches[b]));

    // Runs one load: `queues` fed while `count` measures what blocks include of it.
    const load = async (name, queued, ahead, count) => {
      let done = false;
      const run = measure(api, name, opts.blocks, count);
      const [resends] = await Promise.all([feed(api, pool, queued, ahead, () => done), run.finally(() => { done = true; })]);
      reportRefusals(name);
      if (resends > 0) console.error(`bench: ${resends} times a stalled ${name} sender was sent again`);
      await drain(api);
      const seen = await run;
      return { ...summarize(seen), seen };
    };
    results.transfers = await load('transfer', transfers, ahead, succeeded('balances', 'transferKeepAlive'));
    results.anchors = await load('anchor', anchors, ahead, anchored('anchorData'));
    results.anchors.readingsPerSecond = results.anchors.perSecond * opts.readings;
    // About 20,000 anchors in the pool at a time, as for the single calls.
    results.batches = await load('gateway', batches, Math.ceil(20_000 / opts.batch / opts.gateways), anchored('anchorBatch'));
    results.batches.readingsPerSecond = results.batches.perSecond * opts.readings;
    if (chain.node) results.peakMemoryMiB = peakMemoryMiB(chain.node.pid);
    const built = authoring(opts.authorLogs);
    for (const r of [results.transfers, results.anchors, results.batches]) r.authoring = authored(r.seen, built);
    results.maxPovKiB = api.consts.system.blockWeights.maxBlock.proofSize.toNumber() / 1024;
    report(opts, results);
  } finally {
    await pool.disconnect().catch(() => {});
    await chain.stop();
  }
}

// A parachain makes no block until the relay chain has onboarded it, which takes a minute or two
// after a zombienet network starts.
async function firstBlock(api) {
  const deadline = Date.now() + 600_000;
  let said = false;
  while ((await api.rpc.chain.getHeader()).number.toNumber() === 0) {
    if (Date.now() > deadline) throw new Error('the chain made no block within 10 minutes');
    if (!said) console.error('bench: waiting for the chain\'s first block (a parachain waits to be onboarded)');
    said = true;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

// Waits until the pool is empty, so that one load does not spill into the next one's window.
async function drain(api) {
  const deadline = Date.now() + 600_000;
  while ((await api.rpc.author.pendingExtrinsics()).length > 0) {
    if (Date.now() > deadline) throw new Error('the pool did not empty within 10 minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function report(opts, { transfers, anchors, batches, peakMemoryMiB, maxPovKiB }) {
  const pct = (x) => `${(100 * x).toFixed(0)} %`;
  const row = (name, r) =>
    `| ${name} | ${r.included} | ${r.blocks} | ${r.seconds.toFixed(1)} | ${r.perBlock.toFixed(0)} | ` +
    `${r.perSecond.toFixed(1)} | ${pct(r.refTime)} | ${r.perFullBlock.toFixed(0)} | ${pct(r.proofSize)} |`;
  console.log(`block time ${opts.blockTime} ms, ${opts.accounts} senders, ${opts.readings} readings per anchor, ` +
    `${opts.gateways} gateways of ${opts.fleet} devices sending batches of ${opts.batch}\n`);
  console.log('Counted: extrinsics that succeeded (transfers) and anchors accepted (`DataAnchored`). Per block =');
  console.log('included / blocks; per second = included / seconds between the timestamps of the block before');
  console.log('the first counted and the last; per full block = per block / normal-class weight used.\n');
  console.log('| load | included | blocks | seconds | per block | per second | normal-class weight used | per full block | proof size used |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(row('`balances.transfer_keep_alive`', transfers));
  console.log(row('`deviceRegistry.anchor_data` (anchors)', anchors));
  console.log(row('`deviceRegistry.anchor_batch` (anchors)', batches));
  console.log(`\nanchors / transfers per second: ${pct(anchors.perSecond / transfers.perSecond)}`);
  console.log(`batched / single anchors per block: ${(batches.perBlock / anchors.perBlock).toFixed(2)}`);
  console.log(`readings anchored per second: ${Math.round(anchors.readingsPerSecond)} single, ${Math.round(batches.readingsPerSecond)} batched`);
  console.log(`\nBlock authoring (${opts.authorLogs.join(', ')}): time to build each counted block against the`);
  console.log(`${AUTHORING_BUDGET_MS} ms a collator is given, why building stopped, and the largest proof of validity`);
  console.log(`(header + extrinsics + storage proof, and compressed as sent) against the ${(maxPovKiB / 1024).toFixed(0)} MiB allowed.\n`);
  console.log('| load | blocks found in the logs | build time, mean / max (ms) | over budget | stopped by | PoV max (KiB) | storage proof max (KiB) | compressed max (KiB) |');
  console.log('|---|---:|---:|---:|---|---:|---:|---:|');
  const n0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
  for (const [name, r] of [['transfers', transfers], ['single anchors', anchors], ['batched anchors', batches]]) {
    const a = r.authoring;
    console.log(`| ${name} | ${a.found} of ${r.blocks} | ${n0(a.msMean)} / ${n0(a.msMax)} | ${a.overBudget} | ${a.ends} | ` +
      `${n0(a.povKiB)} | ${n0(a.proofKiB)} | ${n0(a.compressedKiB)} |`);
  }
  if (peakMemoryMiB !== undefined) console.log(`\nnode peak memory (VmHWM): ${peakMemoryMiB.toFixed(0)} MiB`);
}

let opts;
try {
  opts = options();
} catch (e) {
  console.error(`bench: ${e.message}\n${USAGE}`);
  process.exit(2);
}
run(opts).catch((e) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
