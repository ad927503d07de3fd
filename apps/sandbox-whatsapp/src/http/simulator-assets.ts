import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  '/simulator': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/simulator/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/simulator/simulator.css': { file: 'simulator.css', type: 'text/css; charset=utf-8' },
  '/simulator/simulator.js': { file: 'simulator.js', type: 'text/javascript; charset=utf-8' },
  '/simulator/render.js': { file: 'render.js', type: 'text/javascript; charset=utf-8' },
};

/**
 * A strict same-origin page: scripts, styles and requests only to the sandbox itself. Images may
 * come from anywhere over http(s), because product images are the catalog feed's image links, as
 * WhatsApp shows them.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: http: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The simulator's static files live next to the sources in `simulator/`; from dist/ they are found in the source tree.
 */
function assetFolder(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    for (const candidate of [join(folder, 'simulator'), join(folder, 'apps', 'sandbox-whatsapp', 'simulator')]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    folder = dirname(folder);
  }
  throw new Error('The phone simulator files (apps/sandbox-whatsapp/simulator) were not found.');
}

export function isSimulatorAsset(path: string): boolean {
  return ASSETS[path] !== undefined;
}

export async function serveSimulatorAsset(path: string, response: ServerResponse): Promise<void> {
  const asset = ASSETS[path]!;
  const content = await readFile(join(assetFolder(), asset.file));
  response
    .writeHead(200, {
      'content-type': asset.type,
      'cache-control': 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    })
    .end(content);
}
