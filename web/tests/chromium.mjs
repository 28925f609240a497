// How the tests and the benchmark start Chromium: Debian's headless shell, which
// scripts/setup.sh installs (Playwright cannot download its own browser here), without a sandbox
// (as root) and without background connections (this machine's network is closed).
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium-headless-shell',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
