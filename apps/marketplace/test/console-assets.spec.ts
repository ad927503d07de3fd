import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { CONSOLE_CONTENT_SECURITY_POLICY, serveConsole } from '../src/console/console-assets.js';

describe('serving the console', () => {
  const folder = mkdtempSync(join(tmpdir(), 'souk-console-'));
  mkdirSync(join(folder, 'assets'));
  writeFileSync(
    join(folder, 'index.html'),
    '<!doctype html><title>Souk console</title><script type="module" src="/console/assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(folder, 'assets', 'app-1a2b.js'), 'console.log("app")');

  async function server(built: string | null) {
    const fastify = Fastify();
    await serveConsole(fastify, built);
    await fastify.ready();
    return fastify;
  }

  it("answers every page path with the app's page under a strict Content-Security-Policy, never cached", async () => {
    const fastify = await server(folder);
    for (const url of [
      '/console',
      '/console/',
      '/console/orders?status=failed',
      '/console/retailers/0d7c7a7e-1f55-4a4e-9d0b-2f9f3b8b2c11',
    ]) {
      const answer = await fastify.inject({ url });
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain('<title>Souk console</title>');
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.headers['content-security-policy']).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(CONSOLE_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONSOLE_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    await fastify.close();
  });

  it('serves hashed assets for a year and a missing asset as 404, not as the page', async () => {
    const fastify = await server(folder);
    const asset = await fastify.inject({ url: '/console/assets/app-1a2b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log("app")');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
    expect((await fastify.inject({ url: '/console/assets/gone-9z.js' })).statusCode).toBe(404);
    await fastify.close();
  });

  it('says how to build the console when it has not been built', async () => {
    const fastify = await server(null);
    const answer = await fastify.inject({ url: '/console/orders' });
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json().detail).toContain('npm run build');
    await fastify.close();
  });
});
