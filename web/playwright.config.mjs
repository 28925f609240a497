// The market page in a real Chromium (Debian's chromium-headless-shell, which scripts/setup.sh
// installs: Playwright cannot download its own browser here) against a real dev node, provider
// and seller's agent that tests/global-setup.mjs starts and seeds.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.CPCHAIN_WEB_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests',
  globalSetup: './tests/global-setup.mjs',
  fullyParallel: false,
  workers: 1,
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium-headless-shell',
      // No sandbox as root; no background connections (this machine's network is closed).
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `npm run build && npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
  },
});
