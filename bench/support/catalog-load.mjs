// Loads the synthetic search catalog (bench/search-catalog.mjs) fast, with the same rows as
// running its statements one by one through the offer triggers:
//   - the row trigger that computes offer.search_document (trg_offer_search_document) costs about
//     0.6 ms per offer as written; for the bulk insert it is disabled and the very same function,
//     souk_offer_document(), is called set-based in the INSERT (about 0.15 ms). After the first
//     chunk, the documents of a sample are recomputed by the real trigger (an UPDATE rolled back)
//     and must come out equal, so the two cannot drift apart unnoticed;
//   - the GIN index over the search document is dropped for the bulk insert and rebuilt after
//     from its own definition, read from pg_indexes first (so it cannot drift from the migration),
//     with a large maintenance_work_mem;
//   - the offers are inserted in chunks over several connections (the work is CPU in PostgreSQL);
//   - the statement triggers (the search_term words, the marks of products' search rows) and the foreign
//     keys stay as they are; the products' search rows are built once at the end, as their migration does.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { syntheticCatalogPlan } from '../search-catalog.mjs';

const DOCUMENT_TRIGGER = 'trg_offer_search_document';

/**
 * What trg_offer_search_document's function (souk_offer_search_document, CatalogSearch migration)
 * assigns to NEW.search_document, over the row `x`; checked against the trigger on a sample.
 */
export const DOCUMENT = `souk_offer_document(x.title, x.brand, x.description,
    concat_ws(' ', (SELECT c.path FROM category c WHERE c.id = x.category_id), array_to_string(x.category_path, ' ')),
    x.language, x.product_id)`;

const SAMPLE = 1000;

/**
 * Loads `offers` offers into the empty, migrated database at `url`. `connections` run the chunks
 * (one per CPU); `maintenanceWorkMem` is for the index builds. `dropIndexes`: 'search' drops only
 * the GIN index over the search document, 'secondary' every offer index that backs no constraint.
 * `useTrigger`: keep the row trigger for the documents (slow; for comparison). Returns the timings, in ms.
 */
export async function loadSyntheticCatalog(
  url,
  offers,
  {
    connections = 2,
    chunkSize = 50_000,
    maintenanceWorkMem = '1GB',
    dropIndexes = 'search',
    useTrigger = false,
    progress = () => undefined,
  } = {},
) {
  const plan = syntheticCatalogPlan(offers, { chunkSize });
  const clients = [];
  const timings = {};
  const timed = async (name, work) => {
    const start = performance.now();
    const result = await work();
    timings[name] = Math.round(performance.now() - start);
    return result;
  };
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  let triggerDisabled = false;
  try {
    for (let i = 0; i < Math.max(1, connections); i++) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      clients.push(client);
      // Commits of the chunks need not wait for the disk: a crash loses the throwaway database anyway.
      await client.query(`SET synchronous_commit = off`);
      await client.query(`SET maintenance_work_mem = '${maintenanceWorkMem}'`);
    }
    const [main] = clients;
    await timed('setupMs', async () => {
      for (const statement of plan.setup) await main.query(statement);
    });

    const { rows: indexes } = await main.query(
      `SELECT i.indexname AS name, i.indexdef AS definition
         FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = 'offer'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                           WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
          AND ($1 = 'secondary' OR i.indexdef ~* 'USING gin \\(search_document')
        ORDER BY i.indexname`,
      [dropIndexes],
    );
    for (const index of indexes) await main.query(`DROP INDEX ${pg.escapeIdentifier(index.name)}`);
    progress(
      `dropped ${indexes.length} index(es) on offer for the bulk insert: ` +
        `${indexes.map((index) => index.name).join(', ')}`,
    );

    const setBased =
      !useTrigger &&
      (
        await main.query(
          `SELECT 1 FROM pg_trigger WHERE tgrelid = 'offer'::regclass AND tgname = $1 AND tgenabled <> 'D'`,
          [DOCUMENT_TRIGGER],
        )
      ).rowCount === 1;
    if (setBased) {
      await main.query(`ALTER TABLE offer DISABLE TRIGGER ${DOCUMENT_TRIGGER}`);
      triggerDisabled = true;
    } else if (!useTrigger) {
      progress(`no enabled trigger ${DOCUMENT_TRIGGER} on offer: the documents are left to the triggers there are`);
    }
    const chunkSql = (chunk) =>
      setBased
        ? `INSERT INTO offer (${chunk.columns}, search_document)
           SELECT x.*, ${DOCUMENT} FROM (${chunk.select} OFFSET 0) AS x(${chunk.columns})`
        : chunk.sql;

    let done = 0;
    const runChunk = async (client, chunk) => {
      await client.query(chunkSql(chunk));
      done += chunk.offers;
      progress(`offers: ${done.toLocaleString('en-US')} of ${offers.toLocaleString('en-US')} (${elapsed()})`);
    };
    await timed('offersMs', async () => {
      const [first, ...rest] = plan.offerChunks;
      await runChunk(main, first);
      if (setBased) await timed('documentCheckMs', () => checkDocuments(main));
      let next = 0;
      await Promise.all(
        clients.map(async (client) => {
          while (next < rest.length) await runChunk(client, rest[next++]);
        }),
      );
    });
    if (triggerDisabled) {
      await main.query(`ALTER TABLE offer ENABLE TRIGGER ${DOCUMENT_TRIGGER}`);
      triggerDisabled = false;
    }

    // Rebuilt one per connection at a time, the GIN one (the slowest) first.
    const queue = [...indexes].sort(
      (a, b) => Number(/USING gin/i.test(b.definition)) - Number(/USING gin/i.test(a.definition)),
    );
    await timed('indexesMs', () =>
      Promise.all(
        clients.map(async (client) => {
          for (let index = queue.shift(); index; index = queue.shift()) {
            const start = performance.now();
            await client.query(index.definition);
            progress(`rebuilt ${index.name} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
          }
        }),
      ),
    );
    // The products' search rows (migration SearchProducts), built as its backfill builds them; the marks the
    // inserts left are what that build covers.
    await timed('searchProductsMs', async () => {
      // Planned for the loaded table, whether or not autovacuum has analysed it yet (this build took 27 s in one run
      // and 490 s in another).
      await main.query('ANALYZE offer');
      await main.query('TRUNCATE search_product_stale');
      await main.query(
        `INSERT INTO search_product
         SELECT * FROM souk_search_product_rows(ARRAY(SELECT DISTINCT product_id FROM offer
                                                       WHERE removed_at IS NULL AND product_id IS NOT NULL))`,
      );
      progress(`built the products' search rows (${elapsed()})`);
    });
    await timed('finishMs', async () => {
      for (const statement of plan.finish) await main.query(statement);
      // Sets the hint bits and the visibility map, as autovacuum would have on a live catalog.
      await main.query(`VACUUM (ANALYZE) offer, product, search_term, search_product`);
    });
    timings.totalMs = Math.round(performance.now() - started);
    return {
      ...timings,
      products: plan.products,
      chunks: plan.offerChunks.length,
      documents: setBased ? 'set-based, checked against the trigger' : 'row trigger',
      droppedIndexes: indexes.map((index) => index.name),
    };
  } finally {
    if (triggerDisabled)
      await clients[0].query(`ALTER TABLE offer ENABLE TRIGGER ${DOCUMENT_TRIGGER}`).catch(() => undefined);
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}

/**
 * Recomputes the documents of a sample of the offers with the real trigger (an UPDATE that sets
 * the title to itself, with the trigger enabled), compares them with the stored ones, and rolls
 * back. Throws when any differs: the bench's DOCUMENT no longer matches the migration's trigger.
 */
async function checkDocuments(client) {
  await client.query('BEGIN');
  try {
    await client.query(`ALTER TABLE offer ENABLE TRIGGER ${DOCUMENT_TRIGGER}`);
    await client.query(
      `CREATE TEMP TABLE bench_document_check ON COMMIT DROP AS
       SELECT id, search_document FROM offer ORDER BY id LIMIT ${SAMPLE}`,
    );
    await client.query(`UPDATE offer o SET title = o.title FROM bench_document_check c WHERE o.id = c.id`);
    const { rows } = await client.query(
      `SELECT count(*)::int AS checked,
              count(*) FILTER (WHERE o.search_document IS DISTINCT FROM c.search_document)::int AS different,
              min(o.id::text) FILTER (WHERE o.search_document IS DISTINCT FROM c.search_document) AS example
         FROM offer o JOIN bench_document_check c ON c.id = o.id`,
    );
    const [{ checked, different, example }] = rows;
    if (checked === 0 || different > 0) {
      throw new Error(
        `the search documents computed by bench/support/catalog-load.mjs differ from ${DOCUMENT_TRIGGER}'s ` +
          `on ${different} of ${checked} offers (e.g. ${example}): ` +
          `update DOCUMENT there to match the trigger's function, or load with the trigger`,
      );
    }
  } finally {
    await client.query('ROLLBACK');
  }
}
