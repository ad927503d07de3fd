import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** These tests run the built server (`npm test` builds first) as separate processes, as operators do. */
const MAIN = resolve('dist/apps/marketplace/src/main.js');

export interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * A port that is free now, for a process that binds it later. It is taken below the kernel's ephemeral range
 * (`ip_local_port_range`): the port of `listen(0)` would come from that range, where any outgoing connection made
 * meanwhile (a process's connections to its database, its own `listen(0)` servers) may take it first.
 */
export async function freePort(): Promise<number> {
  const [ephemeralFrom] = (await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768'))
    .trim()
    .split(/\s+/)
    .map(Number);
  const from = 10_000;
  const to = Math.max(from + 1_000, (ephemeralFrom ?? 32_768) - 1);
  for (;;) {
    const port = from + Math.floor(Math.random() * (to - from));
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

export function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, port: Number(env.PORT), output: () => output, exited };
}

/**
 * Waits for the built server to answer and print its banner. A hang guard, not a measurement: two
 * servers migrating a fresh database together on a loaded 2-core machine can take over a minute.
 */
export async function waitForHealth(server: Running, path = '/health', timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    const ok = await fetch(`http://127.0.0.1:${server.port}${path}`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok && server.output().includes('Souk marketplace is running')) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`server did not become healthy:\n${server.output()}`);
}

export async function stop(server: Running): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

export function call(server: Running, method: string, path: string, key: string, body?: unknown) {
  return fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}
