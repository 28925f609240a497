// The market page: listings with their provenance, buying and decrypting in the browser, the
// buyer's purchases, devices and storage providers. Plain DOM, no framework: the page has five
// views and one long-running task (a purchase), and every byte of a framework would count against
// the bundle the market loads before its first listing.

import './style.css';
import { exportUmbralKey, importUmbralKey, loadAccounts, onAccount, currentAccount, allAccounts, selectAccount, buyerKey } from './accounts.js';
import { NODE_URL, client, formatBytes, formatCpc, onConnection, parseCpc, shortAddress, shortHex, text } from './chain.js';
import { proofsChart, readingsChart } from './charts.js';
import { facts, h, replace, thead } from './dom.js';
import { toHex } from './dataset.js';
import * as market from './market.js';

const main = document.getElementById('main');
const status = document.getElementById('status');

// --- The connection line: a node that is down is said, not shown as an empty page.
const connectTimer = setTimeout(showDown, 4000);
function showDown() {
  status.className = 'error';
  replace(status, `The node at ${NODE_URL} does not answer. Start the dev chain with scripts/dev.sh (or pass ?node=ws://host:port); the page reconnects by itself.`);
}
onConnection((state) => {
  if (state.connected) {
    clearTimeout(connectTimer);
    status.className = '';
    replace(status);
  } else if (state.everConnected) {
    showDown();
  }
});

// --- Account selection and the Umbral key.
const accountBox = document.getElementById('account');
function renderAccounts() {
  const accounts = allAccounts();
  if (!accounts.length) {
    replace(accountBox, h('span', { class: 'muted' }, 'No account: install a wallet extension (polkadot{.js}, Talisman, SubWallet)'));
    return;
  }
  const select = h('select', { id: 'account-select', onchange: (e) => selectAccount(e.target.value) },
    accounts.map((a) => h('option', { value: a.address, selected: a.address === currentAccount()?.address }, `${a.name} ${shortAddress(a.address)}`)));
  replace(accountBox, h('label', { for: 'account-select' }, 'Account'), select);
}

function keyPanel(account) {
  const pk = toHex(buyerKey(account.address).publicKey().toCompressedBytes());
  const file = h('input', { type: 'file', accept: 'application/json', id: 'key-import', class: 'visually-hidden' });
  const note = h('span', { role: 'status' });
  file.addEventListener('change', async () => {
    try {
      importUmbralKey(account.address, await file.files[0].text());
      replace(note, 'Key imported.');
    } catch (e) {
      replace(note, h('span', { class: 'error-text' }, e.message));
    }
  });
  const exportKey = () => {
    const blob = new Blob([exportUmbralKey(account.address)], { type: 'application/json' });
    h('a', { href: URL.createObjectURL(blob), download: `${account.address}.json` }).click();
  };
  return h('details', { class: 'panel' },
    h('summary', {}, 'Your Umbral key'),
    h('p', {}, 'Purchases are re-encrypted to this key. It is made and kept in this browser and never leaves it; export it to keep it, or to use it with ',
      h('code', {}, 'cpchain'), ' (save the file as ', h('code', {}, `pre/${account.address}.json`), ' in its keystore).'),
    facts([['Public key', h('span', { class: 'mono' }, pk)]]),
    h('button', { class: 'secondary', onclick: exportKey }, 'Export key'), ' ',
    file, h('label', { class: 'button', for: 'key-import' }, 'Import key…'), ' ', note,
  );
}

// --- Views.
const money = (planck) => h('span', { class: 'num' }, formatCpc(planck));
const stars = (r) => {
  const avg = market.averageRating(r);
  return avg === null ? 'not rated yet' : `${avg.toFixed(1)} / 5 from ${r.ratings} rating${r.ratings === 1 ? '' : 's'}`;
};
const reputationText = (r) => `${stars(r)} · ${r.fulfilled} delivered, ${r.refunded} refunded`;
const loading = (what) => h('p', { class: 'muted', role: 'status' }, `Loading ${what}…`);
const errorBox = (e) => h('p', { class: 'error-text', role: 'alert' }, e.message ?? String(e));

async function listingsView() {
  replace(main, h('h2', {}, 'Listings'), loading('listings'));
  const listings = (await market.allListings()).filter((l) => l.status.type === 'Active');
  const reps = new Map(await Promise.all([...new Set(listings.map((l) => l.seller))].map(async (s) => [s, await market.reputation(s)])));
  const tags = [...new Set(listings.flatMap(market.tagsOf))].sort();
  const query = h('input', { id: 'q', type: 'search', placeholder: 'tag, license or seller' });
  const tag = h('select', { id: 'tag' }, h('option', { value: '' }, 'any'), tags.map((t) => h('option', { value: t }, t)));
  const maxPrice = h('input', { id: 'max-price', inputmode: 'decimal', placeholder: 'CPC', size: 8 });
  const minRating = h('select', { id: 'min-rating' }, h('option', { value: '0' }, 'any'), [1, 2, 3, 4, 5].map((n) => h('option', { value: n }, `${n}+`)));
  const cards = h('div', { class: 'cards', id: 'listings' });
  const count = h('p', { class: 'muted', role: 'status' });
  const render = () => {
    const q = query.value.trim().toLowerCase();
    const max = parseCpc(maxPrice.value);
    const shown = listings.filter((l) => {
      const ltags = market.tagsOf(l);
      const avg = market.averageRating(reps.get(l.seller)) ?? 0;
      return (!q || ltags.some((t) => t.toLowerCase().includes(q)) || text(l.license).toLowerCase().includes(q) || l.seller.toLowerCase().includes(q))
        && (!tag.value || ltags.includes(tag.value))
        && (max === null || l.price <= max)
        && avg >= Number(minRating.value);
    });
    replace(count, `${shown.length} of ${listings.length} listings`);
    replace(cards, shown.map((l) => listingCard(l, reps.get(l.seller))));
  };
  [query, tag, maxPrice, minRating].forEach((el) => el.addEventListener('input', render));
  replace(main,
    h('h2', {}, 'Listings'),
    h('div', { class: 'filters', role: 'search' },
      h('label', {}, 'Search', query), h('label', {}, 'Tag', tag), h('label', {}, 'Max price (CPC)', maxPrice), h('label', {}, 'Seller rating', minRating)),
    count, cards);
  render();
  performance.mark('first-listing');
}

function listingCard(l, rep) {
  const content = l.content.at(-1);
  return h('article', { class: 'card', 'data-listing': `${l.id}` },
    h('h3', {}, h('a', { href: `#/listing/${l.id}` }, `Listing ${l.id}`), ' ', h('span', { class: 'muted' }, l.offer.type === 'Dataset' ? 'dataset' : `stream, every ${l.offer.value.period} blocks`)),
    h('div', { class: 'tags' }, market.tagsOf(l).map((t) => h('span', { class: 'tag' }, t))),
    facts([
      ['Price', money(l.price)],
      ['Size', content ? formatBytes(content.size) : '—'],
      ['License', text(l.license)],
      ['Seller', h('span', { title: l.seller }, `${shortAddress(l.seller)} · ${stars(rep)}`)],
      ['Provenance', l.provenance.length ? `${l.provenance.length} device${l.provenance.length > 1 ? 's' : ''}, anchors ${l.provenance.map((p) => `${p.first_sequence}–${p.last_sequence}`).join(', ')}` : 'none given'],
    ]),
  );
}

async function listingView(id) {
  replace(main, loading(`listing ${id}`));
  const l = await market.listing(id);
  if (!l) {
    replace(main, h('h2', {}, `Listing ${id}`), h('p', { role: 'alert' }, 'No such listing. ', h('a', { href: '#/' }, 'Back to the listings')));
    return;
  }
  const rep = await market.reputation(l.seller);
  const content = l.content.at(-1);
  const provenanceBox = h('section', { 'aria-labelledby': 'prov-h' }, h('h3', { id: 'prov-h' }, 'Provenance'), loading('anchors'));
  replace(main,
    h('p', {}, h('a', { href: '#/' }, '← Listings')),
    h('h2', {}, `Listing ${id}`),
    h('div', { class: 'tags' }, market.tagsOf(l).map((t) => h('span', { class: 'tag' }, t))),
    h('div', { class: 'two' },
      h('div', {},
        facts([
          ['Price', money(l.price)],
          ['Offer', l.offer.type === 'Dataset' ? 'dataset' : `stream, a period every ${l.offer.value.period} relay blocks`],
          ['Size', content ? `${formatBytes(content.size)} (${content.segments} segments)` : '—'],
          ['Content root', content ? h('span', { class: 'mono' }, shortHex(content.content_root)) : '—'],
          ['License', text(l.license)],
          ['Seller', h('span', { class: 'mono' }, l.seller)],
          ['Reputation', reputationText(rep)],
          ['Status', l.status.type],
          ['Listed at', `relay block ${l.created_at}`],
          l.expires_at !== undefined && ['Expires', `relay block ${l.expires_at}`],
        ])),
      buyPanel(id, l)),
    provenanceBox);
  renderProvenance(provenanceBox, l);
}

async function renderProvenance(box, l) {
  if (!l.provenance.length) {
    replace(box, h('h3', {}, 'Provenance'), h('p', {}, 'The seller named no device anchors for this data.'));
    return;
  }
  const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Reading anchor events' });
  replace(box, h('h3', { id: 'prov-h' }, 'Provenance'), h('p', { class: 'muted' }, 'Reading the devices\' anchors from the chain…'), progress);
  const devices = await market.provenance(l, (done, total) => {
    progress.max = total;
    progress.value = done;
  });
  const all = devices.flatMap((d) => d.anchors ?? []);
  const readings = all.reduce((n, a) => n + a.reading_count, 0);
  const first = Math.min(...all.map((a) => Number(a.time_start)));
  const last = Math.max(...all.map((a) => Number(a.time_end)));
  const rows = devices.map((d) => d.missing
    ? h('tr', {}, h('td', { class: 'mono' }, shortHex(d.ref.device)), h('td', { colspan: 5, class: 'bad' }, 'not a registered device'))
    : h('tr', { 'data-device': d.ref.device },
      h('td', {}, h('a', { class: 'mono', href: `#/device/${d.ref.device}` }, shortHex(d.ref.device))),
      h('td', {}, text(d.details.kind)),
      h('td', { class: 'num' }, `${d.ref.first_sequence}–${d.ref.last_sequence}`),
      h('td', { class: 'num' }, `${d.anchors.length}`),
      h('td', { class: 'num' }, d.anchors.reduce((n, a) => n + a.reading_count, 0).toLocaleString('en')),
      h('td', { class: d.chainOk ? 'ok' : 'bad' }, d.chainOk ? '✓ checks out' : d.complete ? '✗ does not check out' : '? anchors beyond this node\'s state')));
  replace(box,
    h('h3', { id: 'prov-h' }, 'Provenance'),
    h('p', { id: 'provenance-summary' }, all.length
      ? `${all.length} anchor${all.length > 1 ? 's' : ''} of ${devices.length} device${devices.length > 1 ? 's' : ''}, ${readings.toLocaleString('en')} readings from ${new Date(first).toISOString().slice(0, 10)} to ${new Date(last).toISOString().slice(0, 10)}.`
      : 'No anchor events were found for the named sequences.'),
    h('table', {},
      thead(['Device', 'Kind', 'Sequences', 'Anchors', 'Readings', 'Anchor chain'], [2, 3, 4]),
      h('tbody', {}, rows)),
    all.length ? readingsChart(all, 'Readings anchored over time') : null);
}

// The purchase and the stages of a delivery, for a listing or an earlier purchase.
function buyPanel(id, l) {
  const account = currentAccount();
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'buy-h' }, h('h3', { id: 'buy-h' }, 'Buy'));
  if (!account) {
    panel.append(h('p', {}, 'Connect a wallet extension to buy.'));
    return panel;
  }
  const max = h('input', { id: 'buy-max', inputmode: 'decimal', value: formatCpc(l.price).replace(' CPC', '').replace(/,/g, ''), size: 10 });
  const button = h('button', { id: 'buy' }, 'Buy');
  const delivery = h('div', { id: 'delivery' });
  button.addEventListener('click', async () => {
    const maxPrice = parseCpc(max.value);
    if (maxPrice === null) {
      replace(delivery, errorBox(new Error('Enter the most you will pay, in CPC (for example 12.5).')));
      return;
    }
    button.disabled = true;
    await deliver(delivery, account, async () => (await market.buy(account, id, maxPrice)).purchase);
    button.disabled = false;
  });
  panel.append(
    h('p', {}, `The price is held in escrow until the chain has verified the re-encryption fragments; if the seller does not deliver within the deadline, it comes back.`),
    h('div', { class: 'filters' }, h('label', {}, 'Pay at most (CPC)', max), button),
    delivery,
    keyPanel(account));
  return panel;
}

const STAGES = [
  ['escrow', 'Price in escrow'],
  ['fragments', 'Re-encryption fragments verified'],
  ['download', 'Content downloaded and checked against its root'],
  ['decrypt', 'Decrypted in this browser'],
];

// Runs a delivery: `start()` returns the purchase id (buying, or an earlier purchase's id).
async function deliver(box, account, start) {
  const items = new Map(STAGES.map(([key, label]) => [key, h('li', { 'data-stage': key, 'data-state': 'waiting' }, label)]));
  const detail = h('p', { class: 'muted', role: 'status' });
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Download' });
  replace(box, h('ol', { class: 'stages', 'aria-label': 'Delivery' }, [...items.values()]), progress, detail);
  let stage = 'escrow';
  const step = (key, note) => {
    items.get(stage).dataset.state = 'done';
    stage = key;
    items.get(key).dataset.state = 'active';
    replace(detail, note);
  };
  items.get(stage).dataset.state = 'active';
  replace(detail, 'Sign the purchase…');
  try {
    const purchase = await start();
    step('fragments', `Purchase ${purchase}: waiting for the seller's fragments…`);
    await market.fulfilled(purchase);
    const material = await market.grantMaterial(account, purchase);
    const endpoints = await market.holders(material.content.content_root);
    step('download', `${material.fragments.length} fragment(s) verified. Downloading from ${endpoints.length} provider(s)…`);
    progress.hidden = false;
    progress.max = Number(material.content.size);
    const data = await market.download(material.content.content_root, material.content.size, endpoints, (bytes) => {
      progress.value = bytes;
      replace(detail, `${formatBytes(bytes)} of ${formatBytes(material.content.size)}`);
    });
    step('decrypt', 'Decrypting…');
    const plain = market.decrypt(data, material);
    items.get('decrypt').dataset.state = 'done';
    const name = `cpchain-listing-${material.grant.listing}-purchase-${purchase}.${/csv/.test(market.tagsOf(material.listing).join()) ? 'csv' : 'bin'}`;
    const url = URL.createObjectURL(new Blob([plain]));
    replace(detail, h('a', { id: 'save', href: url, download: name }, `Save the file (${formatBytes(plain.length)})`), ' ',
      h('a', { href: '#/purchases' }, 'My purchases'));
    return purchase;
  } catch (e) {
    items.get(stage).dataset.state = 'failed';
    replace(detail, errorBox(e));
    return null;
  }
}

async function purchasesView(notice) {
  const account = currentAccount();
  replace(main, h('h2', {}, 'My purchases'), account ? loading('purchases') : h('p', {}, 'Connect a wallet extension to see your purchases.'));
  if (!account) return;
  const { rows, now } = await market.purchasesOf(account.address);
  const delivery = h('div', { id: 'delivery' });
  const label = { open: 'open: waiting for the seller', refundable: 'refundable: the deadline passed', fulfilled: 'fulfilled', refunded: 'refunded', completed: 'completed', settled: 'settled' };
  const actions = (r) => {
    const out = [];
    if (r.state === 'refundable') {
      out.push(h('button', {
        'data-action': 'refund',
        onclick: async (e) => {
          e.target.disabled = true;
          let notice;
          try {
            const refunded = await market.refund(account, r.id);
            notice = h('p', { role: 'status' }, `Purchase ${r.id}: ${formatCpc(refunded.amount)} refunded.`);
          } catch (err) {
            notice = errorBox(err);
          }
          purchasesView(notice);
        },
      }, 'Claim refund'));
    }
    if (r.state === 'fulfilled') {
      out.push(h('button', { class: 'secondary', 'data-action': 'download', onclick: () => deliver(delivery, account, async () => r.id) }, 'Download and decrypt'));
      if (r.purchase?.status.type === 'Completed') {
        const select = h('select', { 'aria-label': `Rating of purchase ${r.id}` }, [5, 4, 3, 2, 1].map((n) => h('option', { value: n }, `${n} ★`)));
        out.push(' ', select, ' ', h('button', {
          class: 'secondary',
          onclick: async () => {
            try {
              await market.rate(account, r.id, Number(select.value));
              purchasesView();
            } catch (err) {
              replace(delivery, errorBox(err));
            }
          },
        }, 'Rate'));
      }
    }
    return out;
  };
  replace(main,
    h('h2', {}, 'My purchases'),
    notice,
    h('p', { class: 'muted' }, `Relay block ${now}. Purchases not delivered by their deadline can be refunded (the chain also refunds them by itself when it has room).`),
    rows.length ? h('table', { id: 'purchases' },
      thead(['Purchase', 'Listing', 'Price', 'Deadline', 'State', '']),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-purchase': `${r.id}`, 'data-state': r.state },
        h('td', {}, `${r.id}`),
        h('td', {}, r.grant ? h('a', { href: `#/listing/${r.grant.listing}` }, `${r.grant.listing}`) : '—'),
        h('td', { class: 'num' }, r.purchase ? formatCpc(r.purchase.price) : '—'),
        h('td', {}, r.grant ? `relay block ${r.grant.deadline}` : '—'),
        h('td', {}, label[r.state]),
        h('td', {}, actions(r)))))) : h('p', {}, 'No purchases yet.'),
    delivery);
}

async function devicesView() {
  replace(main, h('h2', {}, 'Devices'), loading('devices'));
  const devices = await market.allDevices();
  replace(main, h('h2', {}, 'Devices'),
    devices.length ? h('table', {},
      thead(['Device', 'Kind', 'Owner', 'Status', 'Anchors', 'Readings', 'Last anchor']),
      h('tbody', {}, devices.map((d) => h('tr', {},
        h('td', {}, h('a', { class: 'mono', href: `#/device/${d.id}` }, shortHex(d.id))),
        h('td', {}, text(d.kind)),
        h('td', { class: 'mono' }, shortAddress(d.owner)),
        h('td', {}, d.status.type),
        h('td', { class: 'num' }, `${d.anchor.count}`),
        h('td', { class: 'num' }, d.anchor.readings.toLocaleString('en')),
        h('td', {}, d.anchor.count ? `block ${d.anchor.updated_at}` : '—'))))) : h('p', {}, 'No devices registered yet.'));
}

async function deviceView(id) {
  replace(main, loading('the device'));
  const d = await market.device(id);
  if (!d) {
    replace(main, h('h2', {}, 'Device'), h('p', { role: 'alert' }, 'No such device.'));
    return;
  }
  const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Reading anchor events' });
  const history = h('section', {}, h('h3', {}, 'Anchor history'), progress);
  replace(main,
    h('p', {}, h('a', { href: '#/devices' }, '← Devices')),
    h('h2', {}, `Device ${shortHex(id)}`),
    facts([
      ['Id', h('span', { class: 'mono' }, id)],
      ['Kind', text(d.kind)],
      ['Owner', h('span', { class: 'mono' }, d.owner)],
      ['Status', d.status.type],
      ['Key', `${d.key.type}, version ${d.key_version}`],
      ['Registered', `block ${d.registered_at}`],
      ...d.attributes.map(([k, v]) => [text(k), text(v)]),
      ['Anchors', `${d.anchor.count} (last sequence ${d.anchor.sequence}), ${d.anchor.readings.toLocaleString('en')} readings`],
    ]),
    history);
  const { anchors, complete } = await market.anchorsOf(id, d, (done, total) => {
    progress.max = total;
    progress.value = done;
  });
  const ok = complete && market.checkAnchorChain(id, d, anchors);
  replace(history,
    h('h3', {}, 'Anchor history'),
    h('p', { class: ok ? 'ok' : 'bad', id: 'anchor-chain' }, ok ? `✓ The anchor chain checks out: ${anchors.length} anchors lead to the head on chain.` : complete ? '✗ The anchors do not lead to the head on chain.' : `? ${anchors.length} of ${d.anchor.count} anchors are readable on this node (older blocks' state is pruned; run it with --state-pruning archive).`),
    anchors.length ? readingsChart(anchors, `Readings anchored by device ${shortHex(id)}`) : null,
    anchors.length ? h('table', {},
      thead(['Sequence', 'Block', 'Readings', 'From', 'To', 'Batch root']),
      h('tbody', {}, anchors.map((a) => h('tr', {},
        h('td', { class: 'num' }, `${a.sequence}`),
        h('td', { class: 'num' }, `${a.block}`),
        h('td', { class: 'num' }, a.reading_count.toLocaleString('en')),
        h('td', {}, new Date(Number(a.time_start)).toISOString()),
        h('td', {}, new Date(Number(a.time_end)).toISOString()),
        h('td', { class: 'mono' }, shortHex(a.batch_root)))))) : null);
}

async function storageView() {
  replace(main, h('h2', {}, 'Storage'), loading('providers'));
  const [{ providers, challenges }, block] = await Promise.all([market.providers(), market.blockNumber()]);
  const named = providers.map((p) => ({ ...p, label: shortAddress(p.who) }));
  replace(main,
    h('h2', {}, 'Storage providers'),
    providers.length ? [
      h('table', { id: 'providers' },
        thead(['Provider', 'Endpoint', 'Stake', 'Used / capacity', 'Replicas', 'Proofs made', 'Missed', 'Strikes', 'Slashed', 'Status']),
        h('tbody', {}, named.map((p) => h('tr', { 'data-provider': p.who },
          h('td', { class: 'mono', title: p.who }, p.label),
          h('td', { class: 'mono' }, p.endpoint),
          h('td', { class: 'num' }, formatCpc(p.stake)),
          h('td', { class: 'num' }, `${formatBytes(p.used)} / ${formatBytes(p.capacity)}`),
          h('td', { class: 'num' }, `${p.replicas}`),
          h('td', { class: 'num' }, `${p.stats.proved}`),
          h('td', { class: 'num' }, `${p.stats.missed}`),
          h('td', { class: 'num' }, `${p.strikes}`),
          h('td', { class: 'num' }, formatCpc(p.stats.slashed)),
          h('td', {}, p.status.type === 'Active' ? 'active' : `leaving at relay block ${p.status.value.unbonds_at}`))))),
      proofsChart(named, 'Storage proofs made and missed per provider'),
    ] : h('p', {}, 'No storage providers yet.'),
    h('h3', {}, 'Open challenges'),
    challenges.length ? h('table', { id: 'challenges' },
      thead(['Challenge', 'Order', 'Provider', 'Segment', 'Answer by']),
      h('tbody', {}, challenges.map((c) => h('tr', {},
        h('td', {}, `${c.id}`), h('td', {}, `${c.order}`), h('td', { class: 'mono' }, shortAddress(c.provider)),
        h('td', { class: 'num' }, `${c.segment}`), h('td', {}, `block ${c.deadline} (${c.deadline - block} to go)`))))) : h('p', {}, 'None open.'));
}

// --- Routing.
const routes = [
  [/^#?\/?$/, listingsView],
  [/^#\/listing\/(\d+)$/, (id) => listingView(BigInt(id))],
  [/^#\/purchases$/, purchasesView],
  [/^#\/devices$/, devicesView],
  [/^#\/device\/(0x[0-9a-f]{64})$/, deviceView],
  [/^#\/storage$/, storageView],
];

let rendering = 0;
async function route() {
  const hash = location.hash;
  for (const a of document.querySelectorAll('header nav a')) {
    const current = a.getAttribute('href') === (hash || '#/') || (hash.startsWith('#/listing') && a.getAttribute('href') === '#/') || (hash.startsWith('#/device/') && a.getAttribute('href') === '#/devices');
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const [pattern, view] = routes.find(([p]) => p.test(hash)) ?? [null, null];
  const mine = ++rendering;
  try {
    if (!view) replace(main, h('h2', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the listings')));
    else await view(...pattern.exec(hash).slice(1));
  } catch (e) {
    if (mine === rendering) replace(main, h('h2', {}, 'Something went wrong'), errorBox(e));
  }
}

// The skip link moves the focus without touching the route in the hash.
document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => {
  route();
  main.focus();
});
onAccount(() => {
  renderAccounts();
  if (/^#\/(purchases|listing\/)/.test(location.hash)) route();
});
client.getChainSpecData().then((spec) => replace(document.getElementById('chain'), `${spec.name} · ${NODE_URL}`)).catch(() => {});
loadAccounts().then(renderAccounts).catch(() => {});
route();
