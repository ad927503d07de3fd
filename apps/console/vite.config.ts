import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console is built into dist/console and served by the marketplace at /console under a strict
 * Content-Security-Policy: one script file, one style file, no inline code.
 */
export default defineConfig({
  root,
  base: '/console/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
    rolldownOptions: {
      // React Query marks its modules "use client" for server components; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});
