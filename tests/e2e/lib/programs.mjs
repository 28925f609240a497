// The `cpchain` and `cpchain-provider` programs, run as processes against a chain at `url` with
// their keystore and logs in `dir`.

import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// EV battery management system readings, one line a minute, as CSV.
export function evReadings(count, start = 1_764_460_800_000) {
  const lines = ['timestamp,vin,soc_pct,cell_v_min,cell_v_max,pack_temp_c'];
  for (let i = 0; i < count; i++) {
    const wave = Math.sin(i / 40);
    lines.push(
      `${start + i * 60_000},WVWZZZ1JZ3W386752,${(90 - (i % 700) * 0.1).toFixed(1)},` +
        `${(3.62 + 0.03 * wave).toFixed(3)},${(3.81 + 0.02 * wave).toFixed(3)},${(27 + 4 * wave).toFixed(1)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function programs({ cli, provider, url, dir }) {
  const env = { ...process.env, CPCHAIN_URL: url, CPCHAIN_KEYSTORE: join(dir, 'keystore') };
  const children = new Set();

  // Runs `cpchain --json ARGS`; resolves with the parsed output, or rejects with its error and
  // exit code.
  async function cpchain(...args) {
    try {
      const { stdout } = await run(cli, ['--json', ...args], { env, maxBuffer: 1 << 20 });
      return JSON.parse(stdout);
    } catch (e) {
      const error = new Error(`cpchain ${args.join(' ')} failed (${e.code}): ${e.stderr}`);
      error.exitCode = e.code;
      error.stderr = e.stderr;
      throw error;
    }
  }

  // Starts a long-running program with its output in `dir/<name>.log`.
  function background(name, binary, args) {
    const out = createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  }

  async function startProvider(name, account, port) {
    const child = background(name, provider, [
      'run', '--account', account, '--capacity', '1GiB', '--stake', '200',
      '--endpoint', `http://127.0.0.1:${port}`, '--data-dir', join(dir, name),
    ]);
    await until(`${name} to serve`, async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${dir}/${name}.log`);
      return fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    }, 60_000);
    return child;
  }

  const agent = (account, ...args) => background('agent', cli, ['agent', 'run', '--account', account, ...args]);

  async function startProxy(name, account, port) {
    const child = background(name, cli, ['proxy', 'run', '--account', account, '--listen', `127.0.0.1:${port}`]);
    await until(`${name} to serve`, async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${dir}/${name}.log`);
      return fetch(`http://127.0.0.1:${port}/v1/key`).then((r) => r.ok, () => false);
    }, 60_000);
    return child;
  }
  const killAll = () => children.forEach((child) => child.kill('SIGKILL'));

  return { cpchain, background, startProvider, startProxy, agent, killAll };
}
