// The least work a first load asks of the database in this schema, measured: the rows a first load
// wrote (its products, their match keys, its offers without their search documents) copied out of the
// benchmark's database and written into a fresh one of the same schema on one connection, set-based,
// with no client work at all. Products and match keys go in by COPY; offers by COPY into an unlogged
// staging table and one INSERT … SELECT into `offer`, which pays what every offer write pays there
// (the row trigger that makes its search document, its foreign keys, its indexes, the statement
// triggers for the search words and the products' search-row marks); then, after an ANALYZE, the
// products' search rows are built as their migration builds them. A first load cannot do less than
// this unless the schema does less, so `floorVsCopy` bounds what any ingestion code can reach
// against the COPY baseline on one connection.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { CopyFromFile, CopyToFile, runCopy } from '../pg-copy.mjs';
import { DOCUMENT } from './catalog-load.mjs';
import { createBenchDatabase } from './postgres.mjs';

/** Tables copied over first, untimed: what the products and offers refer to. */
const REFERENCED = ['retailer', 'connector_config'];

/**
 * `source`: a client on the benchmark's database after its first load; `server`: the database server; `migrate`:
 * migrates a database by URL. Returns the milliseconds of each step and their sum, and apart, those of computing the
 * offers' search documents alone (part of inserting the offers).
 */
export async function firstLoadFloor({ source, server, migrate, dir, cleanups, progress }) {
  const { rows: columns } = await source.query(
    `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS list FROM pg_attribute
      WHERE attrelid = 'offer'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'search_document'`,
  );
  const offerColumns = columns[0].list;
  const files = {};
  for (const [name, query] of [
    ...REFERENCED.map((table) => [table, `SELECT * FROM ${table}`]),
    ['product', 'SELECT * FROM product'],
    ['product_match_key', 'SELECT * FROM product_match_key'],
    ['offer', `SELECT ${offerColumns} FROM offer`],
  ]) {
    files[name] = join(dir, `floor-${name}.copy`);
    await runCopy(source, new CopyToFile(`COPY (${query}) TO STDOUT`, files[name]));
  }

  const database = await createBenchDatabase(server, cleanups);
  await migrate(database.url);
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  try {
    for (const table of REFERENCED) await runCopy(sql, new CopyFromFile(`COPY ${table} FROM STDIN`, files[table]));
    await sql.query('CHECKPOINT').catch(() => undefined);
    const steps = {};
    const step = async (name, work) => {
      const start = performance.now();
      await work();
      steps[name] = Math.round(performance.now() - start);
      progress(`floor: ${name} in ${(steps[name] / 1000).toFixed(1)} s`);
    };
    await step('productsMs', () => runCopy(sql, new CopyFromFile('COPY product FROM STDIN', files.product)));
    await step('matchKeysMs', () =>
      runCopy(sql, new CopyFromFile('COPY product_match_key FROM STDIN', files.product_match_key)),
    );
    await step('stagingMs', async () => {
      await sql.query(`CREATE UNLOGGED TABLE offer_floor_staging AS SELECT ${offerColumns} FROM offer WITH NO DATA`);
      await runCopy(sql, new CopyFromFile(`COPY offer_floor_staging (${offerColumns}) FROM STDIN`, files.offer));
    });
    // Apart, not in the floor's sum: what computing the offers' search documents alone costs, in one SELECT.
    const documentsStart = performance.now();
    await sql.query(`SELECT count(*) FROM offer_floor_staging x WHERE ${DOCUMENT} IS NOT NULL`);
    const documentsMs = Math.round(performance.now() - documentsStart);
    progress(`floor: the search documents alone in ${(documentsMs / 1000).toFixed(1)} s (apart)`);
    await step('offersMs', () =>
      sql.query(`INSERT INTO offer (${offerColumns}) SELECT ${offerColumns} FROM offer_floor_staging`),
    );
    // As a sync does after big writes (sync-runner.ts), so that what follows is planned for the table's size.
    await step('analyzeMs', () => sql.query('ANALYZE offer, product'));
    await step('searchRowsMs', async () => {
      await sql.query('TRUNCATE search_product_stale');
      await sql.query(
        `INSERT INTO search_product
         SELECT * FROM souk_search_product_rows(ARRAY(SELECT DISTINCT product_id FROM offer
                                                      WHERE product_id IS NOT NULL))`,
      );
    });
    const [{ offers }] = (await sql.query('SELECT count(*)::int AS offers FROM offer')).rows;
    const totalMs = Object.values(steps).reduce((sum, ms) => sum + ms, 0);
    return { offers, steps, totalMs, documentsMs };
  } finally {
    await sql.end().catch(() => undefined);
  }
}
