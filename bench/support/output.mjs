// Formatting shared by the benchmarks: progress lines to stderr, numbers for the report.

/** A progress printer: `[bench:<name>] line` on stderr (stdout is for the report). */
export const progressFor = (name) => (line) => process.stderr.write(`[bench:${name}] ${line}\n`);

export const int = (n) => Math.round(n).toLocaleString('en-US');
export const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
export const round = (n, digits = 2) =>
  n === null || n === undefined || !Number.isFinite(n) ? null : Number(n.toFixed(digits));
export const mark = (ok) => (ok ? '✓' : '✗');
export const mb = (bytes) => bytes / (1024 * 1024);
