// CPU time per process (Linux /proc; null elsewhere), to tell a saturated machine from a slow path.
import { readdirSync, readFileSync } from 'node:fs';
import { round } from './output.mjs';

/** CPU seconds (user + system) that process `pid` has used so far; null when it cannot be read. */
export function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

/**
 * The PostgreSQL server's processes on this machine (the postmaster of `dataDirectory` and its children); [] when not
 * readable.
 */
export function postgresPids(dataDirectory) {
  try {
    const postmaster = Number(readFileSync(`${dataDirectory}/postmaster.pid`, 'utf8').split('\n')[0]);
    const children = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((pid) => {
        try {
          return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster;
        } catch {
          return false;
        }
      });
    return [postmaster, ...children];
  } catch {
    return [];
  }
}

/**
 * Starts measuring the CPU time of named processes (`pids()` per name, re-read at the end so
 * processes started meanwhile, such as new database backends, count from zero); `stop()` answers
 * per name the CPU seconds used and the share of one core over the wall time, or null when /proc
 * cannot be read.
 */
export function cpuMeter(groups) {
  const read = () =>
    Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, cpuSecondsOf(pid)]))]),
    );
  const before = read();
  const start = Date.now();
  return {
    stop() {
      const after = read();
      const wallSeconds = (Date.now() - start) / 1000;
      return Object.fromEntries(
        Object.entries(after).map(([name, pids]) => {
          if (pids.size === 0 || [...pids.values()].every((value) => value === null)) return [name, null];
          const seconds = [...pids].reduce(
            (sum, [pid, now]) => sum + Math.max(0, (now ?? 0) - (before[name].get(pid) ?? 0)),
            0,
          );
          return [name, { cpuSeconds: round(seconds, 1), cores: round(seconds / wallSeconds, 2) }];
        }),
      );
    },
  };
}
