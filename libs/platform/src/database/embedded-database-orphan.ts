import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long an orphaned server gets for a fast shutdown before it is told to quit at once. */
const FAST_SHUTDOWN_WAIT_MS = 20_000;
const IMMEDIATE_SHUTDOWN_WAIT_MS = 10_000;

/**
 * The file beside the data folder naming the Souk process that runs its embedded server: a server
 * whose owner is gone was left behind by a process that did not shut down (SIGKILL, a crash).
 */
export function ownerFileOf(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, '')}.owner`;
}

export class EmbeddedDatabaseInUseError extends Error {}

/**
 * Before starting the embedded server: if a PostgreSQL still runs on this data folder
 * (`postmaster.pid`) and the Souk process that started it is gone, stops it (fast shutdown, so it
 * ends cleanly) and waits until it has exited. A server whose Souk process still runs is left alone,
 * with an error naming that process. Returns what it did, for the start-up log.
 */
export async function stopOrphanedServer(dataDir: string, ownPid = process.pid): Promise<string | null> {
  const postmaster = runningPostmaster(dataDir);
  if (!postmaster) return null;
  const owner = ownerPid(dataDir);
  if (owner !== null && owner !== ownPid && isAlive(owner)) {
    throw new EmbeddedDatabaseInUseError(
      `Souk process ${owner} is running the embedded PostgreSQL in ${dataDir} (pid ${postmaster}). ` +
        'Stop that process first, or give this one its own SOUK_DATA_DIR and SOUK_EMBEDDED_DB_PORT.',
    );
  }
  if (
    !(await signalAndWait(postmaster, 'SIGINT', FAST_SHUTDOWN_WAIT_MS)) &&
    !(await signalAndWait(postmaster, 'SIGQUIT', IMMEDIATE_SHUTDOWN_WAIT_MS))
  ) {
    throw new EmbeddedDatabaseInUseError(
      `The embedded PostgreSQL in ${dataDir} (pid ${postmaster}) was left running by a Souk process that is gone, ` +
        'and it could not be stopped. ' +
        `Stop it with \`kill -INT ${postmaster}\` (as its user, or root), then start Souk again.`,
    );
  }
  return (
    `Stopped the embedded PostgreSQL (pid ${postmaster}) ` +
    `that a Souk process which did not shut down left running on ${dataDir}.`
  );
}

/** The pid in `postmaster.pid` when that process is alive and is a PostgreSQL server on this folder. */
function runningPostmaster(dataDir: string): number | null {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return null;
  const [pidLine, dirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  if (!sameFolder(dirLine ?? '', dataDir)) return null;
  // Where /proc exists, make sure the pid was not reused by some other program since.
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync('/proc/self') && (!existsSync(cmdline) || !readFileSync(cmdline, 'utf8').includes('postgres')))
    return null;
  return pid;
}

function ownerPid(dataDir: string): number | null {
  const file = ownerFileOf(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number((JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** True when a process with this pid exists, ours to signal or not. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sends the signal and waits for the process to exit; false if it could not be signalled or outlived the wait. */
async function signalAndWait(pid: number, signal: NodeJS.Signals, waitMs: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    return false;
  }
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

function sameFolder(a: string, b: string): boolean {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  return real(a.trim()) === real(b);
}
