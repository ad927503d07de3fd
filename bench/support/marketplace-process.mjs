// The built marketplace (dist/apps/marketplace/src/main.js) as a separate process, as operators run
// it (test/support/marketplace-process.ts does the same for the tests), and any other built service
// that answers GET /health the same way (the WhatsApp channel).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './postgres.mjs';

const MAIN = resolve(import.meta.dirname, '../../dist/apps/marketplace/src/main.js');

/**
 * Starts the server with `env` (plus PATH, HOST 127.0.0.1, a free PORT, LOG_FORMAT json and
 * LOG_LEVEL warn unless given), waits until /health answers 200, and registers its stop in
 * `cleanups`. Returns { baseUrl, port, pid, output(), stop(), kill(signal), exited } (`exited` resolves
 * with the exit code or the signal; `kill` sends a signal and does not wait, e.g. SIGKILL to
 * simulate a crash).
 */
export function startMarketplaceProcess(env, cleanups, { timeoutMs = 120_000 } = {}) {
  return startServiceProcess(MAIN, env, cleanups, { timeoutMs, name: 'the marketplace' });
}

/** `startMarketplaceProcess` for another built entry point `main` (an absolute path), named `name` in errors. */
export async function startServiceProcess(main, env, cleanups, { timeoutMs = 120_000, name = main } = {}) {
  const port = env.PORT ?? String(await freePort());
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/profiles" profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };
  cleanups.push(stop);

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited early:\n${output.slice(-4000)}`);
    const ok = await fetch(`${baseUrl}/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline)
      throw new Error(`${name} did not answer /health within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`);
    await new Promise((wake) => setTimeout(wake, 200));
  }
  return {
    baseUrl,
    port: Number(port),
    pid: child.pid,
    output: () => output,
    stop,
    kill: (signal) => child.kill(signal),
    exited,
  };
}
