// What the page reads from the chain and the providers, and what a buyer does: purchase, wait for
// the re-encrypted fragments, download the content from its providers checked against its root,
// decrypt it. The runtime APIs answer single items; lists (all listings, providers, challenges)
// come from storage maps, and a device's anchors from its `DataAnchored` events.

import { api, client, text } from './chain.js';
import {
  capsuleFragFromWire,
  capsuleFromWire,
  decryptDataset,
  equalBytes,
  fromHex,
  merkleRoot,
  nextHead,
  segmentLeaf,
  SEGMENT_SIZE,
  toHex,
  umbral,
} from './dataset.js';
import { buyerKey } from './accounts.js';

// --- Errors people can act on.
const MESSAGES = {
  'DataMarket.PriceAboveMax': 'The price changed: it is now above your maximum. Look at the listing again.',
  'DataMarket.InsufficientBalance': 'Insufficient balance for the price in escrow.',
  'DataMarket.AlreadyPurchased': 'You already have an open purchase of this listing: see My purchases.',
  'DataMarket.OwnListing': 'This is your own listing.',
  'DataMarket.ListingPaused': 'The seller has paused this listing.',
  'DataMarket.ListingDelisted': 'The listing was delisted.',
  'DataMarket.ListingExpired': 'The listing has expired.',
  'DataMarket.RefundNotDue': 'The seller still has time to deliver: the refund is due after the deadline.',
  'DataMarket.AlreadyRefunded': 'This purchase was already refunded.',
  'DataMarket.UnknownPurchase': 'The purchase is settled: the chain refunded or removed it already.',
  'Token.FundsUnavailable': 'Insufficient balance for the deposits this purchase holds.',
};

export class ChainError extends Error {}

function dispatchErrorName(error) {
  if (error.type === 'Module') return `${error.value.type}.${error.value.value?.type}`;
  return `${error.type}${error.value?.type ? `.${error.value.type}` : ''}`;
}

// Signs and submits `tx`; resolves with its events once finalized, throws a ChainError that says
// what went wrong in words (and names the runtime's error).
export async function submit(tx, account) {
  let result;
  try {
    result = await tx.signAndSubmit(account.signer);
  } catch (e) {
    const message = String(e?.message ?? e);
    if (/Payment|balance|Inability to pay/i.test(message)) {
      throw new ChainError('Insufficient balance to pay the transaction fee.');
    }
    if (/Cancelled|Rejected|denied/i.test(message)) throw new ChainError('The signature was declined.');
    throw new ChainError(`The transaction was refused: ${message}`);
  }
  if (!result.ok) {
    const name = dispatchErrorName(result.dispatchError);
    throw new ChainError(MESSAGES[name] ? `${MESSAGES[name]} (${name})` : `The chain refused it: ${name}`);
  }
  return result.events;
}

const eventOf = (events, pallet, name) =>
  events.find((e) => e.type === pallet && e.value.type === name)?.value.value;

// --- Listings.
export function tagsOf(listing) {
  return listing.tags.map(text);
}

export async function allListings() {
  const entries = await api.query.DataMarket.Listings.getEntries();
  return entries.map(({ keyArgs: [id], value }) => ({ id, ...value })).sort((a, b) => Number(b.id - a.id));
}

export const listing = (id) => api.apis.DataMarketApi.listing(id);

export const reputation = (seller) => api.apis.DataMarketApi.reputation(seller);
export const averageRating = (r) => (r.ratings ? r.rating_sum / r.ratings : null);

// --- Devices and their anchors.
export const device = (id) => api.apis.DeviceRegistryApi.device(id);

export async function allDevices() {
  const entries = await api.query.DeviceRegistry.Devices.getEntries();
  const ids = entries.map(({ keyArgs: [id] }) => id);
  const details = await Promise.all(ids.map((id) => device(id)));
  return ids.map((id, i) => ({ id, ...details[i] })).filter((d) => d.owner);
}

// The blocks a scan of anchor events may read, at most: beyond this an indexer is the tool.
export const MAX_SCAN = 5000;

// Every anchor of `id` from the `DataAnchored` events of the blocks between its registration and
// its last anchor (the node must keep their state: `scripts/dev.sh` runs it as an archive), with
// the block and chain time of each. `onProgress(done, total)` follows the scan.
export async function anchorsOf(id, details, onProgress = () => {}) {
  const from = details.registered_at;
  const to = details.anchor.updated_at;
  if (details.anchor.count === 0n) return { anchors: [], complete: true };
  const first = Math.max(from, to - MAX_SCAN + 1);
  const numbers = Array.from({ length: to - first + 1 }, (_, i) => first + i);
  const anchors = [];
  let done = 0;
  let unreadable = 0;
  const worker = async () => {
    for (let n = numbers.shift(); n !== undefined; n = numbers.shift()) {
      try {
        const hash = await client._request('chain_getBlockHash', [n]);
        const events = await api.query.System.Events.getValue({ at: hash });
        for (const { event } of events) {
          if (event.type !== 'DeviceRegistry' || event.value.type !== 'DataAnchored') continue;
          const data = event.value.value;
          if (data.device !== id) continue;
          const time = await api.query.Timestamp.Now.getValue({ at: hash });
          anchors.push({ ...data.anchor, anchorHash: data.anchor_hash, block: n, time: Number(time) });
        }
      } catch {
        unreadable++;
      }
      onProgress(++done, to - first + 1);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  anchors.sort((a, b) => Number(a.sequence - b.sequence));
  return { anchors, complete: first === from && unreadable === 0 && BigInt(anchors.length) === details.anchor.count };
}

// Replays the device's anchor hash chain from its id; it checks out when the head it reaches is
// the chain's (`anchor.head`) and every anchor's recorded hash is the one the chain leads to.
export function checkAnchorChain(id, details, anchors) {
  let head = fromHex(id);
  for (const anchor of anchors) {
    head = nextHead(head, anchor);
    if (!equalBytes(head, fromHex(anchor.anchorHash))) return false;
  }
  return equalBytes(head, fromHex(details.anchor.head));
}

// A listing's provenance: for each referenced device, its details and its anchors in the
// referenced sequence range, with the check of its whole anchor chain.
export async function provenance(listingValue, onProgress) {
  return Promise.all(
    listingValue.provenance.map(async (ref) => {
      const details = await device(ref.device);
      if (!details) return { ref, missing: true };
      const { anchors, complete } = await anchorsOf(ref.device, details, onProgress);
      const inRange = anchors.filter((a) => a.sequence >= ref.first_sequence && a.sequence <= ref.last_sequence);
      return { ref, details, anchors: inRange, complete, chainOk: complete && checkAnchorChain(ref.device, details, anchors) };
    }),
  );
}

// --- Storage.
export async function providers() {
  const [entries, replicas, challenges] = await Promise.all([
    api.query.StorageProofs.Providers.getEntries(),
    api.query.StorageProofs.Replicas.getEntries(),
    api.query.StorageProofs.Challenges.getEntries(),
  ]);
  const strikes = new Map();
  for (const { keyArgs: [, who], value } of replicas) strikes.set(who, (strikes.get(who) ?? 0) + value.strikes);
  return {
    providers: entries.map(({ keyArgs: [who], value }) => ({
      who,
      ...value,
      endpoint: text(value.endpoint),
      strikes: strikes.get(who) ?? 0,
    })),
    challenges: challenges.map(({ keyArgs: [id], value }) => ({ id, ...value })),
  };
}

export const blockNumber = () => api.query.System.Number.getValue();

// The relay chain's block number the market's deadlines count in.
export const relayNow = () => api.query.ParachainSystem.LastRelayChainBlockNumber.getValue();

// --- Purchases.
export function purchaseState(grant, purchase, now) {
  if (!grant) return purchase ? 'completed' : 'settled';
  switch (grant.status.type) {
    case 'Requested':
      return now >= grant.deadline ? 'refundable' : 'open';
    case 'Fulfilled':
      return 'fulfilled';
    default:
      return 'refunded';
  }
}

export async function purchasesOf(address) {
  const [ids, now] = await Promise.all([api.apis.AccessGrantsApi.grants_of(address), relayNow()]);
  const rows = await Promise.all(
    ids.map(async (id) => {
      const [grant, purchase] = await Promise.all([api.apis.AccessGrantsApi.grant(id), api.apis.DataMarketApi.purchase(id)]);
      return { id, grant, purchase, state: purchaseState(grant, purchase, now) };
    }),
  );
  return { rows: rows.sort((a, b) => Number(b.id - a.id)), now };
}

export async function buy(account, listingId, maxPrice) {
  const key = buyerKey(account.address).publicKey().toCompressedBytes();
  const tx = api.tx.DataMarket.purchase({ listing: listingId, buyer_key: toHex(key), max_price: maxPrice });
  const purchased = eventOf(await submit(tx, account), 'DataMarket', 'Purchased');
  return purchased;
}

export async function refund(account, purchaseId) {
  const events = await submit(api.tx.DataMarket.claim_refund({ purchase: purchaseId }), account);
  return eventOf(events, 'DataMarket', 'PurchaseRefunded');
}

export const rate = (account, purchaseId, rating) => submit(api.tx.DataMarket.rate({ purchase: purchaseId, rating }), account);

// Resolves with the grant once fulfilled (checked at each new finalized block); throws if it was
// refunded or revoked instead, or if `signal` aborts.
export function fulfilled(grantId, signal) {
  return new Promise((resolve, reject) => {
    let busy = false;
    const sub = client.finalizedBlock$.subscribe(async () => {
      if (busy) return;
      busy = true;
      try {
        const grant = await api.apis.AccessGrantsApi.grant(grantId);
        if (grant?.status.type === 'Fulfilled') {
          sub.unsubscribe();
          resolve(grant);
        } else if (!grant || grant.status.type !== 'Requested') {
          sub.unsubscribe();
          reject(new ChainError('The purchase was refunded: the seller did not deliver in time.'));
        }
      } catch {
        // the node went away: the status line says so, and the next block retries
      } finally {
        busy = false;
      }
    });
    signal?.addEventListener('abort', () => {
      sub.unsubscribe();
      reject(new ChainError('stopped'));
    });
  });
}

// The capsule, keys and verified fragments of a fulfilled grant, and the listing content they open.
export async function grantMaterial(account, grantId) {
  const grant = await api.apis.AccessGrantsApi.grant(grantId);
  if (!grant) throw new ChainError('The purchase is no longer on chain (settled grants are kept 7 days).');
  const receiving = buyerKey(account.address);
  if (toHex(receiving.publicKey().toCompressedBytes()) !== grant.grantee_key) {
    throw new ChainError("This browser does not hold the Umbral key this purchase was made for: import it from the file you exported.");
  }
  const capsule = capsuleFromWire(grant.sealed.capsule);
  const delegating = umbral.PublicKey.fromCompressedBytes(fromHex(grant.sealed.delegating_key));
  const verifying = umbral.PublicKey.fromCompressedBytes(fromHex(grant.sealed.verifying_key));
  const fragments = (await api.apis.AccessGrantsApi.fragments(grantId)).map(({ bytes }) =>
    capsuleFragFromWire(bytes).verify(capsule, verifying, delegating, receiving.publicKey()),
  );
  if (fragments.length < grant.threshold) throw new ChainError(`Only ${fragments.length} of ${grant.threshold} fragments are on chain.`);
  const listingValue = await listing(grant.listing);
  const content = listingValue?.content.find((c) => equalBytes(c.capsule, grant.sealed.capsule));
  if (!content) throw new ChainError('The listing no longer names this content.');
  return { grant, capsule, delegating, fragments, content, receiving, listing: listingValue };
}

// The endpoints of the providers holding `root`, newest order first.
export async function holders(root) {
  const orders = (await api.query.StorageProofs.Orders.getEntries())
    .filter(({ value }) => value.root === root && value.filled > 0)
    .map(({ keyArgs: [id] }) => id)
    .sort((a, b) => Number(b - a));
  const endpoints = [];
  for (const id of orders) {
    const details = await api.apis.StorageProofsApi.order(id);
    for (const [who] of details?.replicas ?? []) {
      const info = await api.apis.StorageProofsApi.provider(who);
      const endpoint = info && text(info.endpoint);
      if (endpoint && !endpoints.includes(endpoint)) endpoints.push(endpoint);
    }
  }
  return endpoints;
}

const RANGE = 1024; // segments a request (1 MiB): progress moves in steps a person can see

async function fetchBytes(url, signal) {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Downloads `size` bytes of content `root` from the first provider that serves it whole, each
// segment checked against the leaves whose root is `root`; on a provider that fails or serves a
// bad segment, goes on with the next. `onProgress(bytes)` follows the transfer.
export async function download(root, size, endpoints, onProgress = () => {}, signal) {
  const segments = Math.ceil(Number(size) / SEGMENT_SIZE);
  const failures = [];
  for (const endpoint of endpoints) {
    const base = `${endpoint.replace(/\/$/, '')}/v1/content/${root}`;
    try {
      const raw = await fetchBytes(`${base}/leaves`, signal);
      const leaves = Array.from({ length: raw.length / 32 }, (_, i) => raw.subarray(i * 32, i * 32 + 32));
      if (leaves.length !== segments || toHex(merkleRoot(leaves)) !== root) throw new Error('its leaves do not make the root');
      const data = new Uint8Array(Number(size));
      for (let from = 0; from < segments; from += RANGE) {
        const count = Math.min(RANGE, segments - from);
        const bytes = await fetchBytes(`${base}/segments?from=${from}&count=${count}`, signal);
        for (let i = 0; i < count; i++) {
          const segment = bytes.subarray(i * SEGMENT_SIZE, (i + 1) * SEGMENT_SIZE);
          if (!equalBytes(segmentLeaf(segment), leaves[from + i])) throw new Error(`segment ${from + i} is not the content's`);
        }
        data.set(bytes.subarray(0, Math.min(bytes.length, data.length - from * SEGMENT_SIZE)), from * SEGMENT_SIZE);
        onProgress(Math.min(data.length, (from + count) * SEGMENT_SIZE));
      }
      return data;
    } catch (e) {
      if (signal?.aborted) throw e;
      failures.push(`${endpoint} (${e instanceof TypeError ? 'does not answer' : e.message})`);
    }
  }
  throw new ChainError(
    endpoints.length ? `No provider served the content: ${failures.join('; ')}` : 'No provider holds the content.',
  );
}

export const decrypt = (data, material) =>
  decryptDataset({
    data,
    buyerKey: material.receiving,
    delegatingKey: material.delegating,
    capsule: material.capsule,
    fragments: material.fragments,
  });
