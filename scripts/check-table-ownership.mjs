// Fails when a library's SQL names a table another library owns. A library owns the tables of the
// entities it declares (@Entity('name') under libs/<lib>/src); what others may read of its data in
// SQL is the public read surface below, the one place it is declared. Other libraries reach the rest
// through the owner's exports (its entities with TypeORM, its services). SQL is found by the upper-case
// keywords the code writes it with: FROM, JOIN, INTO, UPDATE, TABLE and REFERENCES before a name.
// `--list` prints who owns what, as a Markdown table, for docs/architecture.md.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Views and functions a library offers the others, by name. */
const PUBLIC_READ_SURFACE = {
  retailer_directory: 'retailers',
  channel_directory: 'channels',
  category_ancestry: 'catalog',
};

const SQL_NAME = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+"?([a-z_][a-z0-9_]*)"?/g;

const libraries = readdirSync('libs', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const sources = libraries.flatMap((lib) =>
  readdirSync(join('libs', lib, 'src'), { recursive: true })
    .map(String)
    .filter((path) => path.endsWith('.ts'))
    .map((path) => ({
      lib,
      file: join('libs', lib, 'src', path),
      text: readFileSync(join('libs', lib, 'src', path), 'utf8'),
    })),
);

const owners = new Map();
for (const { lib, text } of sources)
  for (const [, table] of text.matchAll(/@Entity\('([a-z_][a-z0-9_]*)'/g)) owners.set(table, lib);

if (process.argv.includes('--list')) {
  const byLib = new Map();
  for (const [table, lib] of owners) byLib.set(lib, [...(byLib.get(lib) ?? []), `\`${table}\``]);
  for (const [name, lib] of Object.entries(PUBLIC_READ_SURFACE))
    byLib.set(lib, [...(byLib.get(lib) ?? []), `\`${name}\` (public)`]);
  console.log('| Library | Tables |\n| --- | --- |');
  for (const [lib, tables] of [...byLib].sort()) console.log(`| \`${lib}\` | ${tables.sort().join(', ')} |`);
  process.exit(0);
}

const violations = [];
for (const { lib, file, text } of sources) {
  for (const match of text.matchAll(SQL_NAME)) {
    const name = match[1];
    const owner = owners.get(name);
    if (!owner || owner === lib) continue;
    const line = text.slice(0, match.index).split('\n').length;
    violations.push(`${file}:${line} names \`${name}\`, a table of ${owner}`);
  }
}

if (violations.length === 0) {
  console.log(
    `✔ no library's SQL names another library's table ` +
      `(${owners.size} tables, ${Object.keys(PUBLIC_READ_SURFACE).length} public views and functions)`,
  );
} else {
  for (const violation of violations) console.error(`✘ ${violation}`);
  console.error(
    'Read it through the owner: its exported entity with TypeORM, a service, ' +
      'or a view in PUBLIC_READ_SURFACE (scripts/check-table-ownership.mjs).',
  );
  process.exit(1);
}
