// The market page in a real Chromium (tests/chromium.mjs) against a real dev node, provider and
// seller's agent that tests/global-setup.mjs starts and seeds.
import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from './tests/chromium.mjs';

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
    launchOptions: chromiumLaunch,
  },
  webServer: {
    command: `npm run build && npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
  },
});
