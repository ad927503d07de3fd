// Fails when the folders of one library import each other in a cycle, which the file-level rule of
// dependency-cruiser cannot see: within libs/<lib>/src, each folder (and the files directly in src,
// taken together as "(root)") is a node, and a relative import from a file in one folder of a file in
// another is an edge. The library's composition files in src (index.ts, *.module.ts, *.providers.ts)
// are left out: they import every folder by design and nothing imports them.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';

const IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

const files = readdirSync('libs', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((lib) =>
    readdirSync(join('libs', lib.name, 'src'), { recursive: true }).map((path) =>
      join('libs', lib.name, 'src', String(path)),
    ),
  )
  .filter((file) => file.endsWith('.ts'));
const isComposition = (file) =>
  file.split('/').length === 4 && /^(index|.+\.module|.+\.providers)\.ts$/.test(basename(file));
const folderOf = (file) => {
  const parts = file.split('/');
  return parts.length > 4 ? parts.slice(0, 4).join('/') : `${parts.slice(0, 3).join('/')}/(root)`;
};

/** folder → folder → the imports that make the edge */
const edges = new Map();
for (const file of files) {
  if (isComposition(file)) continue;
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts');
    const from = folderOf(file);
    const to = folderOf(target);
    if (from === to || from.split('/')[1] !== to.split('/')[1]) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const byTarget = edges.get(from);
    if (!byTarget.has(to)) byTarget.set(to, []);
    byTarget.get(to).push(`${file} imports ${target}`);
  }
}

// Tarjan's strongly connected components: every component with more than one folder is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
const visit = (node) => {
  state.set(node, { index, low: index, onStack: true });
  index += 1;
  stack.push(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!state.has(next)) {
      visit(next);
      state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
    } else if (state.get(next).onStack) {
      state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
    }
  }
  if (state.get(node).low === state.get(node).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  }
};
for (const node of edges.keys()) if (!state.has(node)) visit(node);

if (cycles.length === 0) {
  console.log(`✔ no folder cycles inside a library (${edges.size} folders with imports of other folders)`);
} else {
  for (const component of cycles) {
    console.error(`✘ folder cycle: ${component.join(' → ')}`);
    for (const from of component) {
      for (const [to, reasons] of edges.get(from) ?? [])
        if (component.includes(to))
          console.error(`    ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}`);
    }
  }
  process.exit(1);
}
