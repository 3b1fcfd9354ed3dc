import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app is built into dist/web and served by the API server itself (same origin, no CDN).
export default defineConfig({
  root: 'web',
  publicDir: 'public',
  resolve: {
    alias: { '@hono/zod-openapi': fileURLToPath(new URL('web/src/shims/zod-openapi.ts', import.meta.url)) },
  },
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
