// Fails when a line of production code is longer than Prettier's print width. Prettier wraps code but
// leaves strings and comments as written, so those are kept short by hand (or split where they are joined).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = JSON.parse(readFileSync('.prettierrc.json', 'utf8')).printWidth;
const CODE = /\.(ts|tsx|js|mjs|cjs|css|html)$/;
// Tests, generated code and the frozen data a migration carries are not held to it.
const EXEMPT = [/(^|\/)test\//, /\.spec\.tsx?$/, /^libs\/client\/src\/souk-api\.ts$/, /\/migrations\/data\//];

const files = execFileSync('git', ['ls-files', 'apps', 'libs', 'connectors', 'bench', 'scripts'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => CODE.test(file) && !EXEMPT.some((pattern) => pattern.test(file)));

const long = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => (line.length > MAX ? [`${file}:${index + 1}: ${line.length} characters`] : [])),
);
if (long.length > 0) {
  console.error(`${long.length} line(s) longer than ${MAX} characters:\n${long.join('\n')}`);
  process.exit(1);
}
console.log(`Line length: ${files.length} files, no line over ${MAX} characters.`);
