// --sql-profile: where the database time of a run goes, from pg_stat_statements.
import { secs } from './output.mjs';

/** The server flags that load pg_stat_statements into an embedded server. */
export const SQL_PROFILE_FLAGS = [
  '-c',
  'shared_preload_libraries=pg_stat_statements',
  '-c',
  'pg_stat_statements.track=all',
];

/**
 * With `enabled` (--sql-profile): pg_stat_statements (preloaded in the embedded server; a given server must
 * preload it itself) is reset before each run, and the statements that took the most time in the
 * run are printed after it, to stderr.
 */
export async function sqlProfile(sql, { enabled, progress }) {
  if (!enabled) return { reset: async () => undefined, report: async () => undefined };
  try {
    await sql.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await sql.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
  } catch (error) {
    progress(`--sql-profile: pg_stat_statements is not available (${error.message}); no SQL profile`);
    return { reset: async () => undefined, report: async () => undefined };
  }
  return {
    reset: () => sql.query('SELECT pg_stat_statements_reset()'),
    report: async (label, durationMs, { width = 160 } = {}) => {
      const { rows } = await sql.query(
        `SELECT calls, total_exec_time AS ms, mean_exec_time AS mean_ms, max_exec_time AS max_ms, rows,
                left(regexp_replace(query, '\\s+', ' ', 'g'), $1) AS query, sum(total_exec_time) OVER () AS all_ms
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY total_exec_time DESC LIMIT 10`,
        [width],
      );
      const allMs = rows[0]?.all_ms ?? 0;
      progress(
        `SQL profile of ${label}: run ${secs(durationMs)}, ` +
          `server execution time of all statements ${secs(allMs)} ` +
          `(${Math.round((allMs / durationMs) * 100)}%); the top ones:`,
      );
      for (const row of rows) {
        progress(
          `  ${secs(row.ms).padStart(8)} ${String(Math.round((row.ms / durationMs) * 100)).padStart(3)}%  ` +
            `${String(row.calls).padStart(6)} calls  ` +
            `mean ${row.mean_ms.toFixed(1)} ms, max ${row.max_ms.toFixed(0)} ms  ${row.query}`,
        );
      }
    },
  };
}
