import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { FeedHost } from './feed-host.js';

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/rss+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Standalone: `npm run sandbox:feeds -- <folder>` serves every file of the folder as a feed at
 * /feeds/<file name> on SANDBOX_FEED_PORT (default 3099), with the host's ETag, 304 and faults.
 */
const folder = process.argv[2];
if (!folder) {
  process.stderr.write('Name the folder whose files to serve: npm run sandbox:feeds -- <folder>\n');
  process.exit(64); // EX_USAGE
}
const port = Number(process.env.SANDBOX_FEED_PORT ?? 3099);
const host = new FeedHost();
const files = readdirSync(resolve(folder), { withFileTypes: true }).filter((entry) => entry.isFile());
for (const file of files)
  host.publish(
    file.name,
    readFileSync(join(resolve(folder), file.name), 'utf8'),
    CONTENT_TYPES[extname(file.name).toLowerCase()],
  );
const base = await host.listen(port);
const feedUrls =
  files.map((file) => `${base}/feeds/${encodeURIComponent(file.name)}`).join(', ') ||
  `${base} (the folder has no files)`;
process.stdout.write(`Sandbox feed host: ${feedUrls}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void host.close().then(() => process.exit(0)));
