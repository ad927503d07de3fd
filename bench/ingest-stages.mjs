// node bench/ingest-stages.mjs [--offers N] [--json]   (after npm run build)
//
// Where the CPU of a sync goes on the Node side, without a database: the same synthetic feed as
// bench/ingest.mjs is read through the google-merchant-feed connector, stage by stage, each stage
// timed on its own pass over the file: reading the bytes, parsing the XML into records, mapping
// (normalizing) the records into offers, and hashing the offers. Each pass includes the stages
// before it, so the cost of a stage is the difference with the previous line.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { googleMerchantFeedConnector as connector } from '../dist/connectors/google-merchant-feed/src/index.js';
import { feedRecords } from '../dist/connectors/google-merchant-feed/src/feed-records.js';
import { offerContentHash } from '../dist/libs/catalog/src/offers/offer-content-hash.js';
import { mapPage } from '../dist/libs/catalog/src/sync/page-items.js';
import { writeSyntheticFeed } from './synthetic-feed.mjs';

const { values: args } = parseArgs({
  options: {
    offers: { type: 'string', default: '200000' },
    json: { type: 'boolean', default: false },
    seed: { type: 'string', default: '20261122' },
  },
  strict: true,
});
const offers = Number(args.offers.replace(/[_,]/g, ''));
const dir = await mkdtemp(join(tmpdir(), 'souk-bench-stages-'));
const path = join(dir, 'feed.xml');
try {
  await writeSyntheticFeed(path, { offers, seed: Number(args.seed) >>> 0 });
  const context = {
    settings: { source: 'upload', format: 'auto' },
    secrets: {},
    signal: new globalThis.AbortController().signal,
  };
  const open = () => createReadStream(path, { highWaterMark: 64 * 1024 });

  const stages = [
    [
      'read the file',
      async () => {
        let n = 0;
        for await (const chunk of open()) n += chunk.length;
        return n;
      },
    ],
    [
      '+ parse XML to records',
      async () => {
        let n = 0;
        for await (const record of feedRecords(open(), 'auto')) n += record ? 1 : 0;
        return n;
      },
    ],
    [
      '+ read in pages and map (normalize)',
      async () => {
        let n = 0;
        for await (const page of connector.read(context, { mode: 'full', checkpoint: null, upload: open }))
          n += mapPage(connector, context, page.items).offers.length;
        return n;
      },
    ],
    [
      '+ content hash',
      async () => {
        let n = 0;
        for await (const page of connector.read(context, { mode: 'full', checkpoint: null, upload: open })) {
          for (const offer of mapPage(connector, context, page.items).offers)
            n += offerContentHash(offer).length > 0 ? 1 : 0;
        }
        return n;
      },
    ],
  ];

  const results = [];
  for (const [label, run] of stages) {
    await run(); // warm-up pass, so the JIT has compiled the hot paths
    const start = performance.now();
    const count = await run();
    const ms = performance.now() - start;
    results.push({ stage: label, ms: Math.round(ms), perSec: Math.round((offers / ms) * 1000), count });
  }
  let previous = 0;
  const lines = [
    `Node-side stages of a sync, ${offers.toLocaleString('en-US')} offers ` +
      `(no database; each line includes the ones above)`,
  ];
  for (const result of results) {
    lines.push(
      `  ${result.stage.padEnd(38)} ${String(result.ms).padStart(7)} ms  ` +
        `${result.perSec.toLocaleString('en-US').padStart(10)} offers/s   ` +
        `(this stage: ${Math.max(0, result.ms - previous)} ms, ` +
        `${(((result.ms - previous) / offers) * 1000).toFixed(1)} µs/offer)`,
    );
    previous = result.ms;
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify({ benchmark: 'ingest-stages', offers, stages: results })}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
