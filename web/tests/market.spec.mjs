// The market page in Chromium against the seeded dev chain: a listing with its provenance, a
// purchase through the page whose decrypted file is the original, a refund after the deadline,
// the devices and storage views, and a node that goes down. Screenshots go to test-results/.

import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { walletSigner } from '../../tests/e2e/lib/wallet.mjs';

const env = (name) => process.env[name] ?? (() => { throw new Error(`${name} is set by the global setup`); })();
const page_ = (path) => `/?node=${encodeURIComponent(env('WEB_NODE_URL'))}${path}`;
const shot = (page, name) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test.describe.configure({ mode: 'serial' });
let exportedKey;

async function useAccount(page, name) {
  const select = page.getByLabel('Account');
  await expect(select.locator('option', { hasText: name })).toHaveCount(1);
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value);
}

test('a listing appears with its provenance', async ({ page }) => {
  await page.goto(page_('#/'));
  const card = page.locator(`[data-listing="${env('WEB_LISTING')}"]`);
  await expect(card).toBeVisible();
  await expect(card.locator('.tag')).toHaveText(['ev', 'battery', 'csv']);
  await expect(card).toContainText('12.5 CPC');
  await expect(card).toContainText('1 device, anchors 1–3');

  // Filters: a tag the listing does not have hides it; its own shows it again.
  await page.getByLabel('Tag').selectOption('traffic');
  await expect(card).toBeHidden();
  await page.getByLabel('Tag').selectOption('battery');
  await expect(card).toBeVisible();
  await page.getByLabel('Max price (CPC)').fill('10');
  await expect(card).toBeHidden();
  await page.getByLabel('Max price (CPC)').fill('');
  await shot(page, 'listings');

  await card.getByRole('link', { name: `Listing ${env('WEB_LISTING')}` }).click();
  await expect(page.locator('#provenance-summary')).toHaveText(
    '3 anchors of 1 device, 3,780 readings from 2025-12-01 to 2025-12-03.',
  );
  const row = page.locator(`[data-device="${env('WEB_DEVICE')}"]`);
  await expect(row).toContainText('ev-bms/v2');
  await expect(row).toContainText('✓ checks out');
  await expect(page.getByRole('img', { name: 'Readings anchored over time' })).toBeVisible();
  await shot(page, 'listing');
});

// WCAG AA: every text element on the listing page at least 4.5:1 against its background.
test('text contrast', async ({ page }) => {
  await page.goto(page_(`#/listing/${env('WEB_LISTING')}`));
  await expect(page.locator('#provenance-summary')).toBeVisible();
  const low = await page.evaluate(() => {
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) =>
      [r, g, b].map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (el) => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c;
      }
      return [255, 255, 255];
    };
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.checkVisibility()) continue;
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) out.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
    }
    return out;
  });
  expect(low).toEqual([]);
});

test('keyboard: from the skip link to a listing', async ({ page }) => {
  await page.goto(page_('#/'));
  const link = page.getByRole('link', { name: `Listing ${env('WEB_LISTING')}` });
  await expect(link).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  for (let i = 0; i < 12 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#provenance-summary')).toBeVisible();
});

test('a purchase through the page decrypts to the original file', async ({ page }) => {
  await page.goto(page_(`#/listing/${env('WEB_LISTING')}`));
  await useAccount(page, 'Bob');
  // A maximum below the price is refused by the chain, with the reason in words.
  await page.getByLabel('Pay at most (CPC)').fill('12');
  await page.getByRole('button', { name: 'Buy' }).click();
  await expect(page.locator('#delivery [role=alert]')).toContainText('The price changed');
  await expect(page.locator('[data-stage=escrow]')).toHaveAttribute('data-state', 'failed');

  await page.getByLabel('Pay at most (CPC)').fill('12.5');
  await page.getByRole('button', { name: 'Buy' }).click();
  const save = page.locator('#save');
  await expect(save).toBeVisible({ timeout: 120_000 });
  for (const stage of ['escrow', 'fragments', 'download', 'decrypt']) {
    await expect(page.locator(`[data-stage=${stage}]`)).toHaveAttribute('data-state', 'done');
  }
  await shot(page, 'purchase');
  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  const bought = readFileSync(await download.path());
  expect(bought.equals(readFileSync(env('WEB_MONTH_FILE'))), 'the decrypted file is the original').toBe(true);

  // The Umbral key, exported in the CLI keystore's format (a later test imports it).
  await page.getByText('Your Umbral key').click();
  const [keyFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export key' }).click()]);
  exportedKey = test.info().outputPath('bob-umbral-key.json');
  await keyFile.saveAs(exportedKey);
  expect(JSON.parse(readFileSync(exportedKey, 'utf8')).seed).toMatch(/^[0-9a-f]{64}$/);

  // The buyer rates the purchase; the seller's reputation shows it.
  await page.locator('#delivery').getByRole('link', { name: 'My purchases' }).click();
  const row = page.locator('#purchases tbody tr').first();
  await expect(row).toHaveAttribute('data-state', 'fulfilled');
  await row.getByRole('combobox').selectOption('4');
  await row.getByRole('button', { name: 'Rate' }).click();
  await expect(row.getByRole('button', { name: 'Rate' })).toHaveCount(0);
  await page.goto(page_(`#/listing/${env('WEB_LISTING')}`));
  await expect(page.getByText('4.0 / 5 from 1 rating · 1 delivered, 0 refunded')).toBeVisible();
});

test('a purchase the seller never delivers is refunded after the deadline', async ({ page }) => {
  test.setTimeout(420_000);
  await page.goto(page_(`#/listing/${env('WEB_QUIET_LISTING')}`));
  await useAccount(page, 'Bob');
  await page.getByRole('button', { name: 'Buy' }).click();
  await expect(page.locator('[data-stage=fragments]')).toHaveAttribute('data-state', 'active');
  const purchase = /Purchase (\d+)/.exec(await page.locator('#delivery [role=status]').textContent())[1];

  await page.goto(page_('#/purchases'));
  const row = page.locator(`[data-purchase="${purchase}"]`);
  await expect(row).toHaveAttribute('data-state', 'open');
  await shot(page, 'purchases-open');
  // 600 relay blocks of 150 ms. Past the deadline the chain refunds by itself when its block has
  // room (on_idle), or the buyer claims it with the button: either way the page shows it refunded.
  await expect(async () => {
    await page.reload();
    const state = await row.getAttribute('data-state');
    if (state === 'refundable') await row.getByRole('button', { name: 'Claim refund' }).click();
    await expect(row).toHaveAttribute('data-state', 'refunded', { timeout: 5_000 });
  }).toPass({ timeout: 300_000, intervals: [5_000] });
  await shot(page, 'purchases-refunded');
});

test('devices and storage', async ({ page }) => {
  await page.goto(page_(`#/device/${env('WEB_DEVICE')}`));
  await expect(page.locator('#anchor-chain')).toContainText('The anchor chain checks out: 3 anchors');
  await shot(page, 'device');
  await page.getByRole('link', { name: 'Storage' }).click();
  const provider = page.locator('#providers tbody tr');
  await expect(provider).toHaveCount(1);
  await expect(provider).toContainText('200 CPC');
  await expect(page.getByRole('img', { name: 'Storage proofs made and missed per provider' })).toBeVisible();
  await shot(page, 'storage');
});

test('a provider that does not answer is named', async ({ page }) => {
  process.kill(Number(env('WEB_PROVIDER_PID')), 'SIGKILL');
  // A new browser profile: the purchase's Umbral key comes back from the exported file.
  await page.goto(page_(`#/listing/${env('WEB_LISTING')}`));
  await useAccount(page, 'Bob');
  await page.getByText('Your Umbral key').click();
  await page.locator('#key-import').setInputFiles(exportedKey);
  await expect(page.getByText('Key imported.')).toBeVisible();
  await page.goto(page_('#/purchases'));
  const fulfilled = page.locator('#purchases tr[data-state=fulfilled]').first();
  await fulfilled.getByRole('button', { name: 'Download and decrypt' }).click();
  await expect(page.locator('[data-stage=download]')).toHaveAttribute('data-state', 'failed');
  await expect(page.locator('#delivery [role=alert]')).toContainText('No provider served the content');
  await expect(page.locator('#delivery [role=alert]')).toContainText('does not answer');
  await shot(page, 'provider-down');
});

// A polkadot-js-standard extension injected into the page, signing in this test process: its
// account has no funds, and the page says so when the chain refuses the fee.
test('a wallet extension signs; an account without funds is told so', async ({ page }) => {
  const wallet = await walletSigner(env('WEB_NODE_URL'), '//CPChainWebNoFunds');
  try {
    const signed = [];
    await page.exposeFunction('testWalletSign', (payload) => {
      signed.push(payload.method);
      return wallet.sign(payload);
    });
    await page.addInitScript((address) => {
      const accounts = [{ address, name: 'No funds', type: 'sr25519' }];
      window.injectedWeb3 = {
        'test-wallet': {
          version: '1.0.0',
          enable: async () => ({
            accounts: { get: async () => accounts, subscribe: (cb) => (cb(accounts), () => {}) },
            signer: {
              signPayload: async (payload) => ({ id: 1, signature: await window.testWalletSign(payload) }),
              signRaw: async () => {
                throw new Error('the page signs no raw bytes');
              },
            },
          }),
        },
      };
    }, wallet.address);
    await page.goto(page_(`#/listing/${env('WEB_QUIET_LISTING')}`));
    await useAccount(page, 'No funds (test-wallet)');
    await page.getByRole('button', { name: 'Buy' }).click();
    await expect(page.locator('#delivery [role=alert]')).toContainText('Insufficient balance');
    expect(signed.length, 'the extension signed the purchase').toBe(1);
  } finally {
    await wallet.close();
  }
});

test('a node that goes down is said, not a blank page', async ({ page }) => {
  await page.goto(page_('#/'));
  await expect(page.locator(`[data-listing="${env('WEB_LISTING')}"]`)).toBeVisible();
  process.kill(Number(env('WEB_NODE_PID')), 'SIGINT');
  await expect(page.locator('#status')).toContainText('does not answer', { timeout: 60_000 });
  await expect(page.locator(`[data-listing="${env('WEB_LISTING')}"]`)).toBeVisible();
  await shot(page, 'node-down');
  // A fresh visit with the node down says so too.
  await page.reload();
  await expect(page.locator('#status')).toContainText('does not answer');
  await expect(page.locator('main')).toContainText('Loading listings');
});
